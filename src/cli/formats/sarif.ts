/**
 * `runbook check --format sarif`: SARIF 2.1.0 (OASIS), one run, as GitHub code scanning's upload-sarif accepts it.
 * GitHub caps workflow annotations per step; a SARIF upload is not capped. The rules come from the engine's `RULES`
 * table, so a rule added there is described here with no change to this file.
 */
import { RULES } from '../../core/check';
import type { Finding, FindingSeverity, RuleId } from '../../core/model';
import { findingFingerprints } from './fingerprint';

/** Where the tool and its rules are documented. */
const INFORMATION_URI = 'https://github.com/runbook-kit/runbook-kit';
const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The uriBaseId result locations are relative to: the repository root (GitHub resolves it to the checkout). */
export const SRCROOT = '%SRCROOT%';
/** The name of our own entry in `partialFingerprints` (versioned: a new hashing scheme gets a new name). */
export const FINGERPRINT_KEY = 'runbookFinding/v1';

const LEVEL: Record<FindingSeverity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** `accepted-missing-approvals` → `AcceptedMissingApprovals`: SARIF's `name` is an identifier-like label. */
function ruleName(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase());
}

/** A workspace-relative path as a SARIF URI reference: each segment percent-encoded (spaces, `#`, `%`, accents). */
export function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** The SARIF log of `findings` (sorted as `check` prints them), as a plain object ready for `JSON.stringify`. */
export function sarifLog(findings: readonly Finding[], toolVersion: string): Record<string, unknown> {
  const ids = Object.keys(RULES) as RuleId[];
  const rules = ids.map((id) => ({
    id,
    name: ruleName(id),
    shortDescription: { text: RULES[id].description },
    fullDescription: { text: `${RULES[id].description} (runbook check rule ${id})` },
    defaultConfiguration: { level: LEVEL[RULES[id].severity] },
    helpUri: `${INFORMATION_URI}#check-rules`,
    properties: { tags: ['runbook'] },
  }));
  const fingerprints = findingFingerprints(findings);
  const results = findings.map((finding, index) => ({
    ruleId: finding.rule,
    ruleIndex: ids.indexOf(finding.rule),
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(finding.file), uriBaseId: SRCROOT },
          region: { startLine: Math.max(1, finding.line), ...(finding.column ? { startColumn: finding.column } : {}) },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[index] },
  }));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'runbook', fullName: 'Runbook Kit check', version: toolVersion, semanticVersion: toolVersion, informationUri: INFORMATION_URI, rules } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
