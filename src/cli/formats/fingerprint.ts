/**
 * Fingerprints of check findings that stay the same from one run to the next, so GitHub code scanning and GitLab's
 * merge-request widget recognise a finding they have seen before (and close it when it goes away). A fingerprint never
 * uses the line number: inserting a line above a finding must not make it a new one. It hashes the rule, the file, the
 * message and which occurrence of that same triple it is (for two identical findings in one file).
 */
import { createHash } from 'node:crypto';
import type { Finding } from '../../core/model';

/** The fingerprint of each finding, in the order given (findings sorted by file and line, as `check` sorts them). */
export function findingFingerprints(findings: readonly Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((finding) => {
    const key = `${finding.rule}\u0000${finding.file}\u0000${finding.message}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32);
  });
}
