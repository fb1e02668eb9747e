/**
 * The audit trail: a `## History` (French `## Historique`) section whose list lines the edits append, e.g.
 * `- 2026-11-23 14:05 @QA approved by Alice (a1b2c3d)`. Read line by line between the heading and the next heading of
 * the same or a higher level (the last such section of the document, since edits append at the end), so any tree
 * builder that agrees on headings agrees on the section.
 */
import type { Heading } from 'mdast';
import type { HistoryEntry, HistoryEvent, HistorySection } from '../model';
import type { ParseContext } from './context';
import { splitLines } from './lines';
import { HISTORY_HEADING } from './vocabulary';

const ENTRY_LINE = /^[ \t]{0,3}[-*+][ \t]+(.*?)[ \t]*$/u;
const STAMP = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}))?[ \t]+(.*)$/u;
/** What this tool writes after the stamp, in English or French (accents optional, any case). */
const EVENT =
  /^(?:@([\p{L}\p{N}_-]+)[ \t]+)?(?:action[ \t]+(\d{1,6})[ \t]+)?(approved by|approval revoked by|accepted by|reopened by|done by|approuv[ée]e? par|approbation retir[ée]e par|accept[ée]e? par|rouverte? par|faite? par)[ \t]+(.+?)(?:[ \t]+\(([0-9a-f]{7})\))?(?:[ \t]*:[ \t]+.*)?$/iu;

function eventOf(words: string): HistoryEvent {
  const folded = words.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (folded.startsWith('approval revoked') || folded.startsWith('approbation')) return 'revoked';
  if (folded.startsWith('approv') || folded.startsWith('approuv')) return 'approved';
  if (folded.startsWith('accept')) return 'accepted';
  if (folded.startsWith('reopen') || folded.startsWith('rouvert')) return 'reopened';
  return 'done';
}

/** One entry's parts, from its text without the list marker; fields it does not have are null. */
function historyEntryFromText(text: string, line: number): HistoryEntry {
  const entry: HistoryEntry = { line, text, date: null, time: null, event: null, role: null, action: null, by: null, fingerprint: null };
  const stamp = STAMP.exec(text);
  if (!stamp) return entry;
  entry.date = stamp[1];
  entry.time = stamp[2] ?? null;
  const event = EVENT.exec(stamp[3]);
  if (!event) return entry;
  entry.role = event[1] ?? null;
  entry.action = event[2] ? Number(event[2]) : null;
  entry.event = eventOf(event[3]);
  entry.by = event[4].trim();
  entry.fingerprint = event[5]?.toLowerCase() ?? null;
  return entry;
}

/**
 * The document's last History section with its entries, or null when it has none. `headings` are the tree's top-level
 * headings and `labels` their `normalizeLabel` text, computed once by the caller.
 */
export function parseHistorySection(context: ParseContext, headings: readonly Heading[], labels: readonly string[]): HistorySection | null {
  let heading: Heading | undefined;
  headings.forEach((candidate, index) => {
    if (HISTORY_HEADING.test(labels[index])) heading = candidate;
  });
  const startOffset = heading?.position?.start.offset;
  if (!heading || startOffset === undefined) return null;
  const depth = heading.depth;
  const next = headings.find((other) => other.depth <= depth && (other.position?.start.offset ?? -1) > startOffset);
  const start = startOffset + context.bomLength;
  const end = next?.position?.start.offset !== undefined ? next.position.start.offset + context.bomLength : context.text.length;
  const firstLine = heading.position!.start.line;
  const lines = splitLines(context.text.slice(start, end));
  // The empty piece after the section's last line break is not a line of it.
  if (lines.length > 1 && lines[lines.length - 1].text === '') lines.pop();
  const entries: HistoryEntry[] = [];
  let appendOffset = start + lines[0].text.length;
  let hasContent = false;
  lines.forEach((line, index) => {
    if (index === 0) return;
    if (line.text.trim() !== '') {
      hasContent = true;
      appendOffset = start + line.offset + line.text.length;
    }
    const item = ENTRY_LINE.exec(line.text);
    if (item && item[1] !== '') entries.push(historyEntryFromText(item[1], firstLine + index));
  });
  return { line: firstLine, endLine: firstLine + lines.length - 1, entries, appendOffset, hasContent };
}
