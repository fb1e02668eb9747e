/**
 * An incident's Timeline section (seed 002: `- HH:MM detection`; also `- **09:12** text`, `- 2026-11-12 23:50 text` and
 * table rows `| 09:12 | text |`): its entries with their time and source range, and where the section is, so an entry
 * can be inserted in time order or the section created.
 */
import type { Heading, ListItem, Root, RootContent, TableRow } from 'mdast';
import { resolveEntryTimes } from '../incident-times';
import type { TimelineEntry, TimelineSection } from '../model';
import type { ParseContext } from './context';
import { nodeText, normalizeLabel, visitNodes } from './mdast';
import { lineEndOffset } from './source';
import { TIMELINE_HEADING } from './vocabulary';

const TIME = /^\s*(?:\*\*|__)?\s*((?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}[:h]\d{2}(?::\d{2})?)\s*(?:\*\*|__)?\s*(?:[-—–:|]\s*)?(.*)$/;

/** Offset of the start of the line holding `offset`. */
export function lineStartOffset(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** The end of the last line of an item's own text and of everything nested in it. */
function itemEnd(item: ListItem, context: ParseContext): number {
  let end = lineEndOffset(context.text, (item.position?.start.offset ?? 0) + context.bomLength);
  visitNodes(item, 'paragraph', (paragraph) => {
    const offset = paragraph.position?.end.offset;
    if (offset !== undefined) end = Math.max(end, lineEndOffset(context.text, offset + context.bomLength));
  });
  return end;
}

type RawEntry = Omit<TimelineEntry, 'at'>;

function entriesOf(node: RootContent, context: ParseContext, entries: RawEntry[]): void {
  visitNodes(node, null, (child) => {
    if (child.type === 'listItem') {
      const item = child as ListItem;
      const first = item.children[0];
      const match = first ? TIME.exec(nodeText(first).replace(/\s+/g, ' ')) : null;
      if (!match) return;
      const start = lineStartOffset(context.text, (item.position?.start.offset ?? 0) + context.bomLength);
      entries.push({ time: match[1], text: match[2].trim(), line: item.position?.start.line ?? 1, form: 'list', start, end: itemEnd(item, context) });
    } else if (child.type === 'tableRow') {
      const row = child as TableRow;
      const cells = row.children.map((cell) => nodeText(cell).trim());
      const match = cells.length > 1 ? TIME.exec(cells[0]) : null;
      if (!match || match[2] !== '') return;
      const start = lineStartOffset(context.text, (row.position?.start.offset ?? 0) + context.bomLength);
      entries.push({ time: match[1], text: cells.slice(1).join(' — '), line: row.position?.start.line ?? 1, form: 'table', start, end: lineEndOffset(context.text, start) });
    }
  });
}

/** Every timeline entry, in document order, with its date-time resolved against the incident's date. */
export function timelineEntries(context: ParseContext, incidentDate: string | null): TimelineEntry[] {
  const raw: RawEntry[] = [];
  for (const block of context.sections) {
    if (block.labels.some((label) => TIMELINE_HEADING.test(label))) entriesOf(block.node, context, raw);
  }
  const times = resolveEntryTimes(raw.map((entry) => entry.time), incidentDate);
  return raw.map((entry, index) => ({ ...entry, at: times[index] }));
}

function headingsOf(tree: Root): Heading[] {
  return tree.children.filter((node): node is Heading => node.type === 'heading');
}

/** The start of the line of the heading after `index` in `headings`, or the end of the text. */
function nextHeadingStart(context: ParseContext, headings: Heading[], index: number): number {
  const next = headings[index + 1];
  return next?.position ? lineStartOffset(context.text, next.position.start.offset! + context.bomLength) : context.text.length;
}

/** The first Timeline section, or null. */
export function timelineSection(context: ParseContext): TimelineSection | null {
  const headings = headingsOf(context.tree);
  const index = headings.findIndex((heading) => TIMELINE_HEADING.test(normalizeLabel(nodeText(heading))));
  if (index === -1) return null;
  const heading = headings[index];
  return {
    headingLine: heading.position?.start.line ?? 1,
    headingEnd: lineEndOffset(context.text, heading.position!.start.offset! + context.bomLength),
    contentEnd: nextHeadingStart(context, headings, index),
  };
}

/** Where a new Timeline section goes: before the first heading after the title (see `documentFromTree`), or at the end. */
export function sectionInsertOffset(context: ParseContext): number {
  const headings = headingsOf(context.tree);
  if (headings.length === 0) return context.text.length;
  const title = headings.find((heading) => heading.depth === 1) ?? headings[0];
  return nextHeadingStart(context, headings, headings.indexOf(title));
}
