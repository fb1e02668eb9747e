/**
 * The leaf nodes the fast tree builder emits with their text: a paragraph's inline content joined as micromark reads
 * it, an ATX heading, and table rows with one trimmed text child per cell (the cell ranges edits write into).
 */
import type { Heading, TableCell, TableRow } from 'mdast';
import { HARD_BREAK, inlineText } from './inline';
import { NO_CHILDREN, position, Undecidable, type Line } from './syntax';

/** `toString` of inline markdown, or undecidable. */
export function inline(source: string): string {
  const text = inlineText(source);
  if (text === null) throw new Undecidable('inline: ' + source.slice(0, 80));
  return text;
}

/** Join paragraph lines (consecutive lines of the document) the way micromark reads them: indentation of later lines and trailing spaces dropped. */
export function paragraphSource(markdown: string, lines: readonly Line[], firstStart: number): string {
  let source = '';
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index];
    let from = index === 0 ? firstStart : line.start;
    while (from < line.end && (markdown[from] === ' ' || markdown[from] === '\t')) from += 1;
    let to = line.end;
    const last = index === lines.length - 1;
    let trailingSpaces = 0;
    while (to > from && (markdown[to - 1] === ' ' || markdown[to - 1] === '\t')) {
      if (markdown[to - 1] === ' ') trailingSpaces += 1;
      else trailingSpaces = -1000;
      to -= 1;
    }
    let text = markdown.slice(from, to);
    if (!last) {
      let backslashes = 0;
      while (backslashes < text.length && text[text.length - 1 - backslashes] === '\\') backslashes += 1;
      // A hard break is a `break` node holding the line ending: toString gives '' for it, not a newline.
      if (trailingSpaces >= 2 && to === line.end - trailingSpaces) text += HARD_BREAK;
      else if (trailingSpaces === 0 && backslashes % 2 === 1) text = text.slice(0, -1) + HARD_BREAK;
      else if (trailingSpaces < 0) throw new Undecidable('tab before a line ending');
      // remark keeps the line ending as written (`\r\n` included) in the text.
      else text += markdown.slice(line.end, lines[index + 1].start);
    }
    source += text;
  }
  return source;
}

/** An ATX heading (`## Text ##`) whose `value` is its plain text. */
export function headingNode(markdown: string, line: Line, first: number, lineNumber: number): Heading & { value: string } {
  let depth = 0;
  while (markdown[first + depth] === '#') depth += 1;
  let text = markdown.slice(first + depth, line.end).replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
  if (/^#+$/.test(text)) text = '';
  else text = text.replace(/[ \t]+#+$/, '');
  return {
    type: 'heading',
    depth: depth as Heading['depth'],
    children: NO_CHILDREN,
    value: inline(text),
    position: position(first, line.end, lineNumber),
  };
}

interface Cell {
  start: number;
  contentStart: number;
  contentEnd: number;
}

/** Cells of a table row written from `from` to `end`: split on unescaped pipes, content trimmed. */
export function splitCells(markdown: string, from: number, end: number): Cell[] {
  while (end > from && (markdown[end - 1] === ' ' || markdown[end - 1] === '\t')) end -= 1;
  const cells: Cell[] = [];
  let cellStart = from;
  let index = from;
  if (markdown[index] === '|') index += 1;
  let contentFrom = index;
  const push = (to: number): void => {
    let contentStart = contentFrom;
    let contentEnd = to;
    while (contentStart < contentEnd && (markdown[contentStart] === ' ' || markdown[contentStart] === '\t')) contentStart += 1;
    while (contentEnd > contentStart && (markdown[contentEnd - 1] === ' ' || markdown[contentEnd - 1] === '\t')) contentEnd -= 1;
    cells.push({ start: cellStart, contentStart, contentEnd });
  };
  for (; index < end; index += 1) {
    const char = markdown[index];
    if (char === '\\' && (markdown[index + 1] === '|' || markdown[index + 1] === '\\')) {
      index += 1;
      continue;
    }
    if (char === '|') {
      push(index);
      cellStart = index;
      contentFrom = index + 1;
    }
  }
  if (contentFrom < end || markdown[end - 1] !== '|' || cells.length === 0) push(end);
  if (cells.length > 0 && markdown[from] !== '|' && cells[0].contentStart === cells[0].contentEnd) {
    throw new Undecidable('empty first cell without a leading pipe');
  }
  return cells;
}

/**
 * A cell's inline source with every escaped pipe unescaped: GFM lets `\|` stand for `|` even inside a code span
 * (mdast-util-gfm-table's `exitCodeText`); elsewhere the backslash escape gives `|` anyway.
 */
function cellSource(source: string): string {
  return source.includes('\\|') ? source.replace(/\\([\\|])/g, (escape, char: string) => (char === '|' ? '|' : escape)) : source;
}

/** A table row from `from` to the end of `line`: one cell per pipe-separated part, its text one child. */
export function tableRow(markdown: string, line: Line, from: number, lineNumber: number): TableRow {
  const cells = splitCells(markdown, from, line.end);
  const children: TableCell[] = cells.map((cell) => ({
    type: 'tableCell',
    children:
      cell.contentEnd > cell.contentStart
        ? [
            {
              type: 'text' as const,
              value: inline(cellSource(markdown.slice(cell.contentStart, cell.contentEnd))),
              position: position(cell.contentStart, cell.contentEnd, lineNumber),
            },
          ]
        : NO_CHILDREN,
    position: position(cell.start, cell.contentEnd, lineNumber),
  }));
  return { type: 'tableRow', children, position: position(from, line.end, lineNumber) };
}
