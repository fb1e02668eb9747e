/**
 * The activity feed side update (seed 003 step 3): a line at the top of the "Recent Activity" section of a shared
 * status file (`activityFile`, e.g. `fleet-status.md`) when an RCA or post-mortem is created and when an incident is
 * resolved, in the seed's format:
 *   - [system] **INCIDENT — SEV-2 <title> (<date>).** <summary>. Full RCA: `DOCS/incidents/<file>.md`
 * One insertion, nothing else touched, in the file's own line ending.
 */
import { bilingual, RunbookError } from '../errors';
import type { Severity, TextEdit } from '../model';
import { normalizeLabel } from '../parse/mdast';
import { splitLines } from '../parse/lines';

/** `## Recent Activity` (French `Activité récente`). */
const ACTIVITY_HEADING = /^(?:recent activity|activite recente|activites recentes)$/;
const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$/;
const LIST_ITEM = /^ {0,3}[-*+][ \t]/;
/** An opening fence; a backtick fence's info string has no backtick (CommonMark: ```` ```x``` ```` is inline code). */
const FENCE = /^ {0,3}(`{3,}(?=[^`]*$)|~{3,})/;
const CLOSING_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/** What the line says. */
export interface ActivityEntry {
  kind: 'rca' | 'postmortem';
  title: string;
  severity: Severity | null;
  /** The incident's date, `YYYY-MM-DD`, or null. */
  date: string | null;
  /** One or two sentences. */
  summary: string;
  /** Workspace-relative path of the incident document. */
  file: string;
}

/** `SEV2` → `SEV-2` as the seed writes it; P0–P3 as they are. */
function severityText(severity: Severity | null): string {
  if (!severity) return 'SEV-?';
  return severity.startsWith('SEV') ? `SEV-${severity.slice(3)}` : severity;
}

/** The feed line of `entry` (one line whatever the title or summary hold). */
export function activityLine(entry: ActivityEntry): string {
  const oneLine = (text: string): string => text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  const summary = oneLine(entry.summary).replace(/[.\s]+$/, '');
  const what = entry.kind === 'rca' ? 'Full RCA' : 'Post-mortem';
  const date = entry.date ? ` (${entry.date})` : '';
  return `- [system] **INCIDENT — ${severityText(entry.severity)} ${oneLine(entry.title)}${date}.** ${summary}. ${what}: \`${entry.file.replace(/`/g, '')}\``;
}

/**
 * The edit inserting `entry`'s line at the top of the Recent Activity section of `text` (the file `activityFile`):
 * before the section's first list item, else after its last line. Throws `no-activity-section` naming the file when
 * it has no such heading.
 */
export function activityEdits(text: string, activityFile: string, entry: ActivityEntry): TextEdit[] {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const line = activityLine(entry);
  const lines = splitLines(text);
  let fence: string | null = null;
  let section: { depth: number; headingIndex: number } | null = null;
  let lastContent = -1;
  for (let index = 0; index < lines.length; index += 1) {
    const current = lines[index].text.replace(/^\uFEFF/, '');
    if (fence !== null) {
      // CommonMark: the same character, at least as long, up to 3 spaces in, nothing but blanks after.
      const closing = CLOSING_FENCE.exec(current);
      if (closing && closing[1][0] === fence[0] && closing[1].length >= fence.length) fence = null;
      if (section) lastContent = index;
      continue;
    }
    const fenceMatch = FENCE.exec(current);
    if (fenceMatch) {
      fence = fenceMatch[1];
      if (section) lastContent = index;
      continue;
    }
    const heading = HEADING.exec(current);
    if (section) {
      if (heading && heading[1].length <= section.depth) break;
      if (LIST_ITEM.test(current)) return [{ start: lines[index].offset, end: lines[index].offset, newText: line + eol }];
      if (current.trim() !== '') lastContent = index;
    } else if (heading && ACTIVITY_HEADING.test(normalizeLabel(heading[2]))) {
      section = { depth: heading[1].length, headingIndex: index };
    }
  }
  if (!section) throw new RunbookError(
      'no-activity-section',
      bilingual(
        `${activityFile} has no "Recent Activity" section to add the incident to`,
        `${activityFile} n'a pas de section « Recent Activity » (ou « Activité récente ») où ajouter l'incident`,
      ),
    );
  // No list yet: after the section's last line (its heading when empty), a blank line between text and the item.
  const after = lines[lastContent >= 0 ? lastContent : section.headingIndex];
  const end = after.offset + after.text.length;
  return [{ start: end, end, newText: `${eol}${lastContent >= 0 ? eol : ''}${line}` }];
}
