/**
 * `runbook check --format gitlab`: GitLab Code Quality JSON (the CodeClimate subset GitLab reads), an array of issues
 * with `description`, `check_name`, `fingerprint`, `severity` and `location.path` / `location.lines.begin`. GitLab
 * shows them in the merge-request widget and compares fingerprints with the target branch's report, so a fingerprint
 * must not change while the finding does not (see fingerprint.ts).
 */
import type { Finding, FindingSeverity } from '../../core/model';
import { findingFingerprints } from './fingerprint';

/** GitLab's severities are info, minor, major, critical, blocker. */
const SEVERITY: Record<FindingSeverity, 'info' | 'minor' | 'major'> = { error: 'major', warning: 'minor', info: 'info' };

/** One Code Quality issue. */
export interface CodeQualityIssue {
  type: 'issue';
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  categories: string[];
  location: { path: string; lines: { begin: number } };
}

/** The Code Quality report of `findings` (paths are repository-relative, as the workspace root is the repository). */
export function codeQualityReport(findings: readonly Finding[]): CodeQualityIssue[] {
  const fingerprints = findingFingerprints(findings);
  return findings.map((finding, index) => ({
    type: 'issue',
    description: `${finding.rule}: ${finding.message}`,
    check_name: finding.rule,
    fingerprint: fingerprints[index],
    severity: SEVERITY[finding.severity],
    categories: ['Style'],
    location: { path: finding.file, lines: { begin: Math.max(1, finding.line) } },
  }));
}
