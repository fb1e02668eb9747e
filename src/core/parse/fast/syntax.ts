/**
 * The block syntax the fast tree builder recognises, as patterns and small predicates over one line: where lines
 * start and end, which block a line opens, and the `Undecidable` signal for anything micromark might read otherwise.
 */
import { HTML_TAG } from './inline';

/** One line of the markdown: offsets of its first character and of its end (line ending excluded). */
export interface Line {
  start: number;
  end: number;
}

/** Thrown inside the builder when the document needs remark; caught by `fastTree`. */
export class Undecidable extends Error {}

/** A list marker: followed by a space, a tab (left to remark, see `startListItem`) or the line end. */
export const BULLET = /^[-*+](?=[ \t]|$)/;
export const ORDERED = /^(\d{1,9})[.)](?=[ \t]|$)/;
export const FENCE = /^(`{3,}|~{3,})(.*)$/;
export const ATX = /^#{1,6}(?:[ \t]|$)/;
export const THEMATIC = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
export const SETEXT = /^(?:=+|-+)[ \t]*$/;
export const DELIMITER_ROW = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
export const DEFINITION = /^[ \t>]*\[[^\]\n]*\]:/m;
export const TASK = /^\[([ xX])\][ \t]/;
/** What a list item's first line may not start with for this builder: another block, left to remark. */
export const BLOCK_IN_ITEM = /^(?:[#><|]|`{3}|~{3}|[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))/;
const HTML_BLOCK_NAMES =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const HTML_BLOCK_OTHER = new RegExp(`^(?:<(?:script|pre|style|textarea)(?:[ \\t>]|$)|<[?!]|</?(?:${HTML_BLOCK_NAMES})(?:[ \\t>]|/>|$))`, 'i');

/** Which HTML block a line opens: a comment (followed here), another kind (left to remark), or none (text). */
export function htmlBlockStart(content: string): 'comment' | 'tag' | 'other' | null {
  if (content.startsWith('<!--')) return 'comment';
  if (HTML_BLOCK_OTHER.test(content)) return 'other';
  const tag = HTML_TAG.exec(content);
  if (tag && /^[ \t]*$/.test(content.slice(tag[0].length))) return 'tag';
  return null;
}

/**
 * An mdast position as one object: its two points are built when read. A 2 MB document can hold 250,000 list items,
 * each with two positions; three objects per position made the tree cost twice what this does.
 */
export class SpanPosition {
  constructor(
    public startOffset: number,
    public endOffset: number,
    public startLine: number,
    public endLine: number = startLine,
  ) {}

  get start(): { line: number; column: number; offset: number } {
    return { line: this.startLine, column: 1, offset: this.startOffset };
  }

  get end(): { line: number; column: number; offset: number } {
    return { line: this.endLine, column: 1, offset: this.endOffset };
  }
}

/** An mdast position on one line (columns are not read by the extractors: always 1). */
export function position(startOffset: number, endOffset: number, line: number): SpanPosition {
  return new SpanPosition(startOffset, endOffset, line);
}

/** Children of a node the fast tree never gives any (a paragraph carries its text as `value`): one shared empty list. */
export const NO_CHILDREN: never[] = Object.freeze([]) as unknown as never[];

/**
 * The lines of `markdown`, split at `\r\n`, `\n` or a lone `\r` as micromark splits them, kept as two typed arrays
 * of offsets: a `Line` object exists only while the builder looks at that line.
 */
export class LineTable {
  readonly count: number;
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;

  constructor(markdown: string) {
    let count = 1;
    for (let index = 0; index < markdown.length; index += 1) {
      const code = markdown.charCodeAt(index);
      if (code === 10 || (code === 13 && markdown.charCodeAt(index + 1) !== 10)) count += 1;
    }
    this.count = count;
    this.starts = new Uint32Array(count);
    this.ends = new Uint32Array(count);
    let line = 0;
    let start = 0;
    for (let index = 0; index < markdown.length; index += 1) {
      const code = markdown.charCodeAt(index);
      if (code !== 10 && code !== 13) continue;
      this.starts[line] = start;
      this.ends[line] = index;
      line += 1;
      if (code === 13 && markdown.charCodeAt(index + 1) === 10) index += 1;
      start = index + 1;
    }
    this.starts[line] = start;
    this.ends[line] = markdown.length;
  }

  /** Line `index` (0-based). */
  at(index: number): Line {
    return { start: this.starts[index], end: this.ends[index] };
  }
}

/** Whether the line holds only spaces and tabs from `from` on. */
export function isBlank(markdown: string, line: Line, from: number): boolean {
  for (let index = from; index < line.end; index += 1) {
    const char = markdown[index];
    if (char !== ' ' && char !== '\t') return false;
  }
  return true;
}

/** A quote line whose content could hold list items or a table is left to remark. */
export function checkQuoteLine(content: string): void {
  const inner = content.replace(/^(?:[ ]{0,3}>[ ]?)+/, '');
  if (inner.includes('|') || inner.includes('\t') || /^[ ]*(?:[-*+](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$)|`{3}|~{3}|<)/.test(inner)) {
    throw new Undecidable('structure inside a quote');
  }
}

/**
 * Whether the line at `first` opens a block that ends an open paragraph or table (so it is not a lazy or row line);
 * `relIndent` is its indentation past the innermost container that continues. Unsure cases are undecidable.
 */
export function startsBlock(markdown: string, lines: LineTable, lineIndex: number, first: number, relIndent: number): boolean {
  const line = lines.at(lineIndex);
  const content = markdown.slice(first, line.end);
  // Indented past the innermost container that still continues: paragraph text (indented code cannot interrupt).
  if (relIndent >= 4) return false;
  if (/^(?:#{1,6}(?:[ \t]|$)|`{3,}|~{3,}|>)/.test(content)) return true;
  if (THEMATIC.test(content)) return true;
  const html = content.startsWith('<') ? htmlBlockStart(content) : null;
  if (html === 'comment') return true;
  if (html === 'other') throw new Undecidable('html after a paragraph');
  // Whether a lone tag line continues a list item or is lazy text is micromark's subtle call: remark decides.
  if (html === 'tag') throw new Undecidable('html tag on a lazy line');
  // On a line that does not continue every open list item, micromark starts a new item whatever its number.
  if (BULLET.test(content) || ORDERED.test(content)) return true;
  if (content.includes('|') && lineIndex + 1 < lines.count) {
    const next = lines.at(lineIndex + 1);
    if (DELIMITER_ROW.test(markdown.slice(next.start, next.end).replace(/^[ \t]+/, ''))) throw new Undecidable('table on a lazy line');
  }
  return false;
}
