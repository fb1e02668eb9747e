/**
 * Action items, in the two forms the seeds use:
 * - task-list items under an action heading (seed 002: `- [ ] AI 1 : description (owner @who, due YYYY-MM-DD)`), with
 *   dates and priorities as Obsidian Tasks, Dataview or todo.txt write them (task-syntax.ts), and `- [-]` cancelled;
 * - rows of a table with an Action column and an Owner, Status or Bug column (seed 003: `| # | Action | Owner | Status |`;
 *   the Google SRE post-mortem: `| Action Item | Type | Owner | Bug |`, TODO/DONE at the start of the Bug cell).
 * Code blocks and HTML comments are separate mdast nodes, so nothing inside them is ever visited.
 */
import type { ListItem, Table, TableCell } from 'mdast';
import type { ActionItem, Finding, OffsetRange } from '../model';
import { nodeText, normalizeLabel, visitNodes } from './mdast';
import type { ParseContext } from './context';
import { taskMetadata, withoutTaskMetadata } from './task-syntax';

const DATE = String.raw`\d{4}-\d{2}-\d{2}`;
/** Word boundaries that know letters beyond ASCII: `\b` before `é` never matches, so `\béchéance` never would. */
const START = String.raw`(?<![\p{L}\p{N}_])`;
const END = String.raw`(?![\p{L}\p{N}_])`;
const OWNER_WORDS = '(?:owner|responsable|assignee|assign[ée]e?|porteur|who)';
/**
 * An owner keyword and the name after it. Where metadata is written — at the start, or after `(`, `,` or `;` — a bare
 * name counts (`Fix it, assignee carl`); inside a sentence the keyword needs `@`, `:` or `=` (`owner @x`), so "the owner
 * of the DB" or "find out who broke it" names no one.
 */
const OWNER_KEYWORD = new RegExp(
  String.raw`(?:(?:^|[(,;])\s*${OWNER_WORDS}${END}\s*[:=]?\s*@?|${START}${OWNER_WORDS}${END}\s*(?:[:=]\s*@?|@))([\p{L}\p{M}\p{N}._-]+)`,
  'iu',
);
// Names hold letters with their combining marks (an `é` typed as `e` + U+0301 is one letter to the reader).
const MENTION = /(?:^|[\s(,;])@([\p{L}\p{M}\p{N}._-]*[\p{L}\p{M}\p{N}_])/u;
const DUE_KEYWORD = new RegExp(String.raw`${START}(?:due|[ée]ch[ée]ance|deadline|avant le|by)${END}\s*[:=]?\s*(${DATE})`, 'iu');
/** A trailing `(owner @x, due 2026-01-01)` group holds only metadata and is not part of the action's text. */
const METADATA_GROUP = new RegExp(String.raw`\s*\((?:[^()]*${START}(?:owner|due|responsable|[ée]ch[ée]ance|deadline)${END}[^()]*)\)\s*$`, 'iu');
/** A Status cell that says done, as a whole word (`DONE`, `✅ Done`, `Fait`, `Terminé`, `Closed`, `Fermée`). */
const DONE_STATUS = new RegExp(String.raw`${START}(?:done|fait|faite|termin[ée]e?|closed|ferm[ée]e?)${END}|✅|✔`, 'iu');
/** A negation before the done word (`Not done`, `pas fait`, `not closed yet`, `non terminé`, `isn't done`). */
const NEGATION = new RegExp(String.raw`${START}(?:not|non|pas|never|jamais|partially|partiellement)${END}|n't|n’t`, 'iu');
/** A mark that says not done anywhere in the cell. */
const NOT_DONE_MARK = /[❌✗✘]/u;
const NO_OWNER = /^(?:|-|—|–|\?|n\/a|tbd|tbc|none|personne|à définir|a definir)$/iu;

/** Owner named in free text: an `owner @x` keyword first, else the first `@mention`. */
export function ownerFromText(text: string): string | null {
  const keyword = OWNER_KEYWORD.exec(text);
  if (keyword) return keyword[1];
  const mention = MENTION.exec(text);
  return mention ? mention[1] : null;
}

export function dueFromText(text: string): string | null {
  const match = DUE_KEYWORD.exec(text);
  return match ? match[1] : null;
}

/**
 * Whether a table's Status cell says done: a done word or ✅ with no negation before it ("Not done", "pas fait" and
 * "not closed yet" are open; "Done (not verified)" is done) and no ❌ anywhere.
 */
export function isDoneStatus(text: string): boolean {
  const done = DONE_STATUS.exec(text);
  return done !== null && !NEGATION.test(text.slice(0, done.index)) && !NOT_DONE_MARK.test(text);
}

function ownerFromCell(text: string): string | null {
  const value = text.trim();
  if (NO_OWNER.test(value)) return null;
  return value.replace(/^@/, '').trim() || null;
}

/** Whether a normalised heading label names an action section (configured names, compared after normalisation). */
export function isActionHeading(label: string, context: ParseContext): boolean {
  return context.actionHeadings.has(label);
}

/** Offset of the character inside `[ ]`, found by reading the list marker at the item's parsed start. */
export function checkboxOffsetOf(item: ListItem, context: ParseContext): number | null {
  const start = (item.position?.start.offset ?? 0) + context.bomLength;
  const head = context.text.slice(start, start + 24);
  const match = /^(?:[-*+]|\d{1,9}[.)])[ \t]+\[([ xX])\]/.exec(head);
  if (!match) return null;
  return start + match[0].length - 2;
}

/**
 * Offset of the `-` of a cancelled item (`- [-] text`, Obsidian Tasks), read from the list item's source at its parsed
 * position. remark does not make `[-]` a task (its `checked` is null): the box and a blank after it must be there, and
 * text after them.
 */
export function cancelledBoxOffsetOf(item: ListItem, context: ParseContext): number | null {
  if (item.checked !== null && item.checked !== undefined) return null;
  const start = (item.position?.start.offset ?? 0) + context.bomLength;
  const head = context.text.slice(start, start + 24);
  const match = /^(?:[-*+]|\d{1,9}[.)])[ \t]+\[-\][ \t]+[^ \t\r\n]/.exec(head);
  if (!match) return null;
  return start + match[0].search(/\[-\]/) + 1;
}

/** Whether an item still asks for work: not done and not cancelled. */
export function isOpenAction(item: Pick<ActionItem, 'done' | 'cancelled'>): boolean {
  return !item.done && !item.cancelled;
}

/** Task-list items under action headings (any depth below the heading, nested lists included). */
function taskActions(context: ParseContext, file: string): ActionItem[] {
  const items: ActionItem[] = [];
  for (const block of context.sections) {
    // The heading stack only holds headings still open above the block, so a sub-heading of "Action items" counts too.
    if (!block.labels.some((label) => isActionHeading(label, context))) continue;
    visitNodes(block.node, 'listItem', (item) => {
      const cancelledOffset = cancelledBoxOffsetOf(item, context);
      if ((item.checked === null || item.checked === undefined) && cancelledOffset === null) return;
      const checkboxOffset = cancelledOffset ?? checkboxOffsetOf(item, context);
      if (checkboxOffset === null) return;
      const first = item.children[0];
      let raw = first ? nodeText(first).replace(/\s+/g, ' ').trim() : '';
      // `[-]` is not a task to remark: the box is still the start of the paragraph's text.
      if (cancelledOffset !== null) raw = raw.replace(/^\[-\]\s*/, '');
      const meta = taskMetadata(raw);
      const paragraphEnd = first?.position?.end.offset;
      items.push({
        index: 0,
        text: withoutTaskMetadata(raw.replace(METADATA_GROUP, '')).trim(),
        owner: ownerFromText(raw),
        due: meta.due ?? dueFromText(raw),
        done: item.checked === true,
        cancelled: cancelledOffset !== null,
        completed: meta.completed,
        priority: meta.priority,
        style: meta.style,
        form: 'task',
        file,
        line: item.position?.start.line ?? 1,
        checkboxOffset,
        appendOffset: (paragraphEnd ?? checkboxOffset + 2) + (paragraphEnd === undefined ? 0 : context.bomLength),
      });
    });
  }
  return items;
}

interface ColumnMap {
  action: number;
  owner: number;
  status: number;
  due: number;
  /** A Bug / Ticket column whose cell starts with TODO or DONE (the Google SRE post-mortem template). */
  bug: number;
}

function columnsOf(table: Table): ColumnMap | null {
  const header = table.children[0];
  if (!header) return null;
  const names = header.children.map((cell) => normalizeLabel(nodeText(cell)));
  const find = (pattern: RegExp): number => names.findIndex((name) => pattern.test(name));
  const columns: ColumnMap = {
    action: find(/^(?:action|actions|action items?|ai|tache|taches|action corrective)$/),
    owner: find(/^(?:owner|owners|responsable|responsables|assignee|assignees|assigned to|porteur|who|qui)$/),
    status: find(/^(?:status|statut|etat|state)$/),
    due: find(/^(?:due|due date|due on|echeance|date d'echeance|deadline|date limite|target date|date)$/),
    bug: find(/^(?:bug|bugs|ticket|tickets|issue|tracking bug)$/),
  };
  if (columns.action === -1 || (columns.owner === -1 && columns.status === -1)) return null;
  return columns;
}

/** Trimmed content range of a cell (children span); for an empty cell, the whole blank run between its pipes. */
function cellContentRange(cell: TableCell, context: ParseContext): OffsetRange {
  const first = cell.children[0];
  const last = cell.children[cell.children.length - 1];
  if (first?.position && last?.position) {
    return {
      start: first.position.start.offset! + context.bomLength,
      end: last.position.end.offset! + context.bomLength,
    };
  }
  const start = (cell.position?.start.offset ?? 0) + context.bomLength;
  const inner = context.text[start] === '|' ? start + 1 : start;
  let end = inner;
  while (end < context.text.length && (context.text[end] === ' ' || context.text[end] === '\t')) end += 1;
  return { start: inner, end };
}

/** A date anywhere in a Due cell (`2026-12-01`, `📅 2026-12-01`, `2026-12-01 (Q4)`). */
const CELL_DATE = new RegExp(String.raw`(?<!\d)${DATE}(?!\d)`, 'u');
/** A Bug cell that starts with DONE (or FIXED, CLOSED, FAIT, TERMINÉ), with or without emphasis. */
const LEADING_DONE = new RegExp(String.raw`^\s*(?:done|fixed|closed|fait|termin[ée]e?)${END}|^\s*✅`, 'iu');
/** The status word at the start of a Bug cell's source, inside `**…**` when it is bold. */
const LEADING_WORD = /^(?:\*\*|__|\*|_)?(TODO|DONE|FIXED|CLOSED|OPEN|À FAIRE|A FAIRE|FAIT)(?![\p{L}\p{N}_])/iu;

/**
 * The range of a Bug cell's leading status word; an empty range at the start of a cell without one (where `DONE ` is
 * inserted); the blank run of an empty cell.
 */
function leadingWordRange(cell: TableCell, context: ParseContext): OffsetRange {
  const range = cellContentRange(cell, context);
  if (cell.children.length === 0) return range;
  const match = LEADING_WORD.exec(context.text.slice(range.start, range.end));
  if (!match) return { start: range.start, end: range.start };
  const start = range.start + match.index + match[0].length - match[1].length;
  return { start, end: start + match[1].length };
}

function tableActions(context: ParseContext, file: string, findings: Finding[]): ActionItem[] {
  const items: ActionItem[] = [];
  visitNodes(context.tree, 'table', (table) => {
    const columns = columnsOf(table);
    if (!columns) return;
    const width = table.children[0].children.length;
    for (const row of table.children.slice(1)) {
      const line = row.position?.start.line ?? 1;
      // A wider row most often has a raw `|` inside code: its cells are not the columns the user sees, so it is
      // reported and never edited (a `done` would write into whichever cell landed under Status).
      const aligned = row.children.length <= width;
      if (row.children.length !== width) {
        findings.push({
          rule: 'table-malformed',
          severity: 'warning',
          message: `table row has ${row.children.length} cells where the header has ${width}` + (aligned ? '' : ' (write a "|" inside code as "\\|")'),
          french: `la ligne du tableau a ${row.children.length} cellules et l’en-tête ${width}` + (aligned ? '' : ' (écrivez un « | » dans du code sous la forme « \\| »)'),
          file,
          line,
        });
      }
      const cellText = (index: number): string => (index >= 0 && row.children[index] ? nodeText(row.children[index]) : '');
      const text = cellText(columns.action).replace(/\s+/g, ' ').trim();
      if (text === '') continue;
      const statusCell = columns.status >= 0 ? row.children[columns.status] : undefined;
      const actionCell = row.children[columns.action];
      const due = columns.due >= 0 ? (CELL_DATE.exec(cellText(columns.due))?.[0] ?? null) : dueFromText(text);
      // Without a Status column, a Bug cell's leading TODO / DONE is the state (the Google SRE template).
      const bugCell = columns.status === -1 && columns.bug >= 0 ? row.children[columns.bug] : undefined;
      const statusText = statusCell ? nodeText(statusCell) : '';
      items.push({
        index: 0,
        text,
        owner: columns.owner >= 0 ? ownerFromCell(cellText(columns.owner)) : ownerFromText(text),
        due,
        done: statusCell ? isDoneStatus(statusText) : bugCell ? LEADING_DONE.test(nodeText(bugCell)) : false,
        cancelled: false,
        completed: statusCell ? taskMetadata(statusText).completed : null,
        priority: null,
        style: 'plain',
        form: 'table',
        file,
        line,
        hasStatusColumn: columns.status >= 0,
        statusCellRange: statusCell && aligned ? cellContentRange(statusCell, context) : undefined,
        ...(bugCell && aligned ? { statusWordRange: leadingWordRange(bugCell, context) } : {}),
        appendOffset: cellContentRange(actionCell, context).end,
      });
    }
  });
  return items;
}

/** Every action item of the document, in reading order, numbered from 1. */
export function parseActionItems(context: ParseContext, file: string, findings: Finding[]): ActionItem[] {
  const items = [...taskActions(context, file), ...tableActions(context, file, findings)];
  items.sort((a, b) => a.line - b.line);
  items.forEach((item, position) => {
    item.index = position + 1;
  });
  return items;
}
