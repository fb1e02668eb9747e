/**
 * The audit trail edits write: one line per approve, revoke, accept, reopen and done, appended to the document's
 * `## History` section (created at the end on first use, in the document's language), e.g.
 * `- 2026-11-23 14:05 @QA approved by Alice (a1b2c3d)`. Lines are only ever appended: no edit removes one.
 */
import { isoDate } from './dates';
import { RECORD_WORDS } from './language';
import type { ParsedDocument, TextEdit } from './model';

/** Who makes an edit and when: the name and date its records carry, and the time its history line adds. */
export interface Stamp {
  /** The name, as `cleanName` leaves it. */
  by: string;
  /** `YYYY-MM-DD`, local time. */
  date: string;
  /** `HH:MM`, local time. */
  time: string;
}

/** A stamp for `by` at `now` (local time, like every date this tool writes). */
export function stampAt(by: string, now: Date): Stamp {
  return { by, date: isoDate(now), time: `${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}` };
}

/** What happened, for the line that says so. */
export type AuditEvent =
  | { event: 'approved'; role: string; fingerprint: string }
  | { event: 'revoked'; role: string }
  | { event: 'accepted'; fingerprint: string }
  | { event: 'reopened' }
  | { event: 'done'; action: number; text: string };

/** Longest action text quoted in a done line. */
const MAX_QUOTED = 80;

/** The line's text (without the list marker) in the document's language. */
export function auditLine(doc: Pick<ParsedDocument, 'language'>, stamp: Stamp, what: AuditEvent): string {
  const words = RECORD_WORDS[doc.language];
  const head = `${stamp.date} ${stamp.time}`;
  switch (what.event) {
    case 'approved':
      return `${head} @${what.role} ${words.approvedBy} ${stamp.by} (${what.fingerprint})`;
    case 'revoked':
      return `${head} @${what.role} ${words.approvalRevokedBy} ${stamp.by}`;
    case 'accepted':
      return `${head} ${words.acceptedBy} ${stamp.by} (${what.fingerprint})`;
    case 'reopened':
      return `${head} ${words.reopenedBy} ${stamp.by}`;
    case 'done': {
      const text = what.text.replace(/\s+/g, ' ').trim();
      const quoted = text.length > MAX_QUOTED ? `${text.slice(0, MAX_QUOTED - 1)}…` : text;
      return `${head} ${words.actionDoneBy(what.action)} ${stamp.by}${quoted ? words.colon + quoted : ''}`;
    }
  }
}

/** The edit that appends `lines` to the document's History section, creating it at the end when there is none. */
export function historyEdit(text: string, doc: Pick<ParsedDocument, 'language' | 'history'>, lines: readonly string[]): TextEdit {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const items = lines.map((line) => `- ${line}`).join(eol);
  const history = doc.history;
  if (history) {
    const at = history.appendOffset;
    return { start: at, end: at, newText: (history.hasContent ? eol : eol + eol) + items };
  }
  const endsWithLine = text === '' || text.endsWith('\n');
  const endsWithBlank = text === '' || /(?:^|\n)[ \t]*\r?\n$/.test(text);
  const before = (endsWithLine ? '' : eol) + (endsWithBlank ? '' : eol);
  return { start: text.length, end: text.length, newText: `${before}## ${RECORD_WORDS[doc.language].history}${eol}${eol}${items}${eol}` };
}

/**
 * `edits` with the history edit added. An edit that ends where the history is inserted (a record appended to the last
 * line of a file without a final line break) takes the history text after its own, so the order never depends on how
 * a front end sorts two insertions at one offset.
 */
export function withHistory(edits: readonly TextEdit[], history: TextEdit): TextEdit[] {
  const touching = edits.find((edit) => edit.end === history.start);
  if (!touching) return [...edits, history];
  return edits.map((edit) => (edit === touching ? { ...edit, newText: edit.newText + history.newText } : edit));
}
