/**
 * The fingerprint an approval records (`— approved by Alice on 2026-11-23 (a1b2c3d)`): a short hash of what the
 * approver vouched for, so that an approval of content that changed since is seen as stale.
 *
 * What is hashed — the one definition, documented in the README:
 * - every line of the file (frontmatter included), except
 *   - the status line (`Status: PROPOSED …`, or frontmatter `status:`) and frontmatter `accepted:`/`reopened:` keys,
 *   - each compliance checklist line (`- [x] @QA approved? — approved by …`: its first line, where the record is),
 *   - the `## History` section, from its heading to the next heading of the same or a higher level;
 * - with a BOM dropped, `\r\n` read as `\n`, Unicode in NFC, trailing spaces of each line dropped, runs of blank lines
 *   read as one and blank lines at the start and end dropped;
 * - hashed with cyrb53 (53 bits) over the UTF-16 text, written as the first 7 of 14 hex digits.
 *
 * So approving, revoking, accepting, reopening and the audit trail never make an approval stale, and neither do line
 * endings, trailing spaces or blank lines; any other change does. It detects change, not tampering: the record is in
 * the file and anyone can rewrite it.
 */
import type { HistorySection, Runbook } from './model';

/** How many hex digits a fingerprint has. */
const FINGERPRINT_LENGTH = 7;

/** cyrb53 (public domain, bryc): a fast 53-bit string hash with good dispersion. */
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The text that is hashed: `text`'s lines without the `excluded` ones (1-based), normalised as the module says. */
export function fingerprintedText(text: string, excluded: ReadonlySet<number>): string {
  const kept: string[] = [];
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    if (excluded.has(index + 1)) continue;
    // trimEnd drops exactly what /\s+$/ does (WhiteSpace and LineTerminator), without a regex per line.
    const line = lines[index].trimEnd();
    // One blank line for a run of them, none at the start.
    if (line === '' && (kept.length === 0 || kept[kept.length - 1] === '')) continue;
    kept.push(line);
  }
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.join('\n').normalize('NFC');
}

/** The fingerprint of `text` without the `excluded` lines (1-based). */
export function contentFingerprint(text: string, excluded: ReadonlySet<number>): string {
  return cyrb53(fingerprintedText(text, excluded)).toString(16).padStart(14, '0').slice(0, FINGERPRINT_LENGTH);
}

/** The lines a runbook's fingerprint leaves out: status (and its record keys), compliance lines, the History section. */
export function excludedLines(runbook: Pick<Runbook, 'status' | 'compliance'>, history: HistorySection | null): Set<number> {
  const excluded = new Set<number>();
  if (runbook.status) {
    excluded.add(runbook.status.line);
    for (const line of runbook.status.recordLines) excluded.add(line);
  }
  for (const item of runbook.compliance) excluded.add(item.line);
  if (history) for (let line = history.line; line <= history.endLine; line += 1) excluded.add(line);
  return excluded;
}

/** Whether a recorded fingerprint differs from the current one (a record without one is never stale). */
export function isStale(recorded: string | undefined, current: string): boolean {
  return recorded !== undefined && recorded.toLowerCase() !== current;
}
