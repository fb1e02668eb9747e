/**
 * A fast, line-by-line builder of the part of remark's mdast tree the document parsers read: headings, paragraphs,
 * lists and list items (task `checked` included), GFM tables with cell content ranges, and opaque code, HTML, quote and
 * Blocks that hold nothing those parsers read (code, HTML, thematic breaks, quotes without lists or tables) are left out.
 * Inline content is not split into nodes: a paragraph or heading carries the `value` that `toString` would compute
 * (`inlineText`), a table cell one text child spanning its trimmed content.
 *
 * It covers the markdown that runbooks and incident write-ups are made of and returns null for anything it cannot
 * decide exactly as micromark would (setext headings, lazy lines after quotes, tabs in indentation, raw HTML blocks,
 * link definitions, …): the caller then parses that document with remark. Remark is the oracle; the equivalence test
 * (parse.test.ts) holds this builder to it.
 */
import type { Heading, List, ListItem, Paragraph, Root, RootContent, Table, TableCell, TableRow } from 'mdast';
import type { DisableDirective } from '../../model';
import { DIRECTIVE_MARK, directivesInHtml } from '../disables';
import { FIELD_KEY_PREFIX } from '../vocabulary';
import { HARD_BREAK, HTML_TAG, inlineText } from './inline';

interface Line {
  start: number;
  end: number;
}

type Parent = { children: RootContent[] };

interface ItemFrame {
  item: ListItem;
  contentCol: number;
}

type Leaf =
  | { kind: 'paragraph'; node: Paragraph; lines: Line[]; firstStart: number }
  | { kind: 'fence'; marker: string; length: number }
  | { kind: 'indented' }
  | { kind: 'html'; start: number; line: number }
  | { kind: 'htmlUntilBlank' }
  | { kind: 'quote' }
  | { kind: 'table'; node: Table };

/** Thrown inside the builder when the document needs remark; caught by `fastTree`. */
class Undecidable extends Error {}

const BULLET = /^[-*+](?= |$)/;
const ORDERED = /^(\d{1,9})[.)](?= |$)/;
const FENCE = /^(`{3,}|~{3,})(.*)$/;
const ATX = /^#{1,6}(?:[ \t]|$)/;
const THEMATIC = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SETEXT = /^(?:=+|-+)[ \t]*$/;
const DELIMITER_ROW = /^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const DEFINITION = /^[ \t>]*\[[^\]\n]*\]:/m;
const TASK = /^\[([ xX])\][ \t]/;
const HTML_BLOCK_NAMES =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const HTML_BLOCK_OTHER = new RegExp(`^(?:<(?:script|pre|style|textarea)(?:[ \\t>]|$)|<[?!]|</?(?:${HTML_BLOCK_NAMES})(?:[ \\t>]|/>|$))`, 'i');

/** Which HTML block a line opens: a comment (followed here), another kind (left to remark), or none (text). */
function htmlBlockStart(content: string): 'comment' | 'tag' | 'other' | null {
  if (content.startsWith('<!--')) return 'comment';
  if (HTML_BLOCK_OTHER.test(content)) return 'other';
  const tag = HTML_TAG.exec(content);
  if (tag && content.slice(tag[0].length).trim() === '') return 'tag';
  return null;
}

function position(startOffset: number, endOffset: number, line: number) {
  return {
    start: { line, column: 1, offset: startOffset },
    end: { line, column: 1, offset: endOffset },
  };
}

function splitMarkdownLines(markdown: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (;;) {
    const newline = markdown.indexOf('\n', start);
    if (newline === -1) {
      lines.push({ start, end: markdown.length });
      return lines;
    }
    lines.push({ start, end: newline > start && markdown.charCodeAt(newline - 1) === 13 ? newline - 1 : newline });
    start = newline + 1;
  }
}

/** Join paragraph lines the way micromark reads them: indentation of later lines and trailing spaces dropped. */
function paragraphSource(markdown: string, lines: Line[], firstStart: number): string {
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
      else text += '\n';
    }
    source += text;
  }
  return source;
}

function textChild(value: string, start: number, end: number, line: number) {
  return { type: 'text' as const, value, position: position(start, end, line) };
}

function inline(source: string): string {
  const text = inlineText(source);
  if (text === null) throw new Undecidable('inline: ' + source.slice(0, 80));
  return text;
}

interface Cell {
  start: number;
  contentStart: number;
  contentEnd: number;
}

/** Cells of a table row written from `from` to `end`: split on unescaped pipes, content trimmed. */
function splitCells(markdown: string, from: number, end: number): Cell[] {
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

function tableRow(markdown: string, line: Line, from: number, lineNumber: number): TableRow {
  const cells = splitCells(markdown, from, line.end);
  const children: TableCell[] = cells.map((cell) => ({
    type: 'tableCell',
    children:
      cell.contentEnd > cell.contentStart
        ? [textChild(inline(markdown.slice(cell.contentStart, cell.contentEnd)), cell.contentStart, cell.contentEnd, lineNumber)]
        : [],
    position: position(cell.start, cell.contentEnd, lineNumber),
  }));
  return { type: 'tableRow', children, position: position(from, line.end, lineNumber) };
}

function isBlank(markdown: string, line: Line, from: number): boolean {
  for (let index = from; index < line.end; index += 1) {
    const char = markdown[index];
    if (char !== ' ' && char !== '\t') return false;
  }
  return true;
}

/** Why the last `fastTree` call returned null (for diagnostics and the benchmark's statistics). */
export let lastUndecidable = '';

/**
 * Build the tree of `markdown` (BOM removed, frontmatter masked), or null when remark must decide.
 *
 * `sectionMatters` is given the plain text of each top-level heading; a top-level list under no heading for which it
 * returns true is left out, since only lists in action, compliance, timeline and impact sections are read (see
 * parse.ts). Without it every list is kept.
 */
export function fastTree(markdown: string, sectionMatters?: (headingText: string) => boolean): Root | null {
  try {
    return build(markdown, sectionMatters ?? (() => true));
  } catch (error) {
    if (error instanceof Undecidable) {
      lastUndecidable = error.message;
      return null;
    }
    throw error;
  }
}

/** How many places in `text` could start a disable comment (`<!-- runbook-disable…`). */
function directiveMarks(text: string): number {
  if (!text.includes('runbook-')) return 0;
  return text.match(DIRECTIVE_MARK)?.length ?? 0;
}

function build(markdown: string, sectionMatters: (headingText: string) => boolean): Root {
  if (markdown.includes('\u0000') || (markdown.includes('\r') && /\r(?!\n)/.test(markdown)) || (markdown.includes(']:') && DEFINITION.test(markdown))) throw new Undecidable('global');
  const lines = splitMarkdownLines(markdown);
  const disables: DisableDirective[] = [];
  // Disable comments are read from comment blocks here; one anywhere else (inline, in a table, a quote, an HTML tag
  // block) is left to remark: every possible start must be accounted for as read or as code.
  const marks = directiveMarks(markdown);
  let accountedMarks = 0;
  const countCode = (line: Line): void => {
    if (marks > 0) accountedMarks += directiveMarks(markdown.slice(line.start, line.end));
  };
  const readComment = (start: number, end: number, lineNumber: number): void => {
    if (marks === 0) return;
    const text = markdown.slice(start, end);
    accountedMarks += directiveMarks(text);
    disables.push(...directivesInHtml(text, lineNumber));
  };
  const root: Root = { type: 'root', children: [], position: position(0, markdown.length, 1), data: { runbookDisables: disables } as Root['data'] };
  const stack: ItemFrame[] = [];
  let leaf: Leaf | null = null;
  let leafParent: Parent = root;
  /** The open top-level headings, and whether any of them names a section whose lists are read. */
  const sections: Array<{ depth: number; matters: boolean }> = [];
  let inSectionThatMatters = false;

  const closeLeaf = (): void => {
    if (leaf?.kind === 'paragraph') {
      const last = leaf.lines[leaf.lines.length - 1];
      leaf.node.position!.end.offset = last.end;
      const firstStart = leaf.firstStart;
      if (leafParent === root && !leaf.lines.some((line, index) => FIELD_KEY_PREFIX.test(markdown.slice(index === 0 ? firstStart : line.start, line.end)))) {
        // A top-level paragraph is read only for `Key: value` lines (paragraphLines); one without any is left out.
        const at = root.children.lastIndexOf(leaf.node);
        if (inSectionThatMatters) root.children[at] = { type: 'thematicBreak', position: leaf.node.position };
        else root.children.splice(at, 1);
        leaf = null;
        return;
      }
      // toString reads a node's `value` before its children: one string stands for the paragraph's inline content.
      (leaf.node as Paragraph & { value: string }).value = inline(paragraphSource(markdown, leaf.lines, leaf.firstStart));
    }
    leaf = null;
  };
  const containerChildren = (): Parent => (stack.length > 0 ? stack[stack.length - 1].item : root);
  const addBlock = (node: RootContent): void => {
    containerChildren().children.push(node);
  };
  /**
   * A block the extractors do not read is left out, except at the top level of a section that matters: there its mere
   * presence counts (runbook.ts takes `complianceHeadingLine` from the first block under the heading), so an empty
   * stand-in is kept.
   */
  const opaqueBlock = (start: number, end: number, lineNumber: number): void => {
    if (stack.length === 0 && inSectionThatMatters) root.children.push({ type: 'thematicBreak', position: position(start, end, lineNumber) });
  };
  const appendToParagraph = (line: Line): void => {
    const current = leaf as Leaf | null;
    if (current?.kind === 'paragraph') current.lines.push(line);
  };
  const openParagraph = (line: Line, from: number, lineNumber: number): void => {
    const node: Paragraph = { type: 'paragraph', children: [], position: position(from, line.end, lineNumber) };
    addBlock(node);
    leaf = { kind: 'paragraph', node, lines: [line], firstStart: from };
    leafParent = containerChildren();
  };

  for (let lineIndex = 0; lineIndex < lines.length; lineIndex += 1) {
    const line = lines[lineIndex];
    const lineNumber = lineIndex + 1;
    let indent = 0;
    while (markdown.charCodeAt(line.start + indent) === 32) indent += 1;
    const first = line.start + indent;
    const blank = isBlank(markdown, line, first);
    const currentLeaf = leaf as Leaf | null;
    if (!blank && markdown[first] === '\t' && !(currentLeaf?.kind === 'fence' && stack.length === 0)) {
      throw new Undecidable('tab indentation');
    }

    let matched = 0;
    while (matched < stack.length && (blank || indent >= stack[matched].contentCol)) matched += 1;
    if (matched < stack.length) {
      const matchedCol = matched > 0 ? stack[matched - 1].contentCol : 0;
      if (currentLeaf?.kind === 'paragraph' && !startsBlock(markdown, lines, lineIndex, first, indent - matchedCol)) {
        if (SETEXT.test(markdown.slice(first, line.end))) throw new Undecidable('lazy underline');
        currentLeaf.lines.push(line);
        continue;
      }
      closeLeaf();
      stack.length = matched;
    }
    const col = matched > 0 ? stack[matched - 1].contentCol : 0;
    const relIndent = indent - col;
    const content = markdown.slice(first, line.end);
    const open = leaf as Leaf | null;
    /** micromark lets a list start "interrupt" indented code and tables as it does paragraphs (numbers other than 1). */
    const interrupting = open?.kind === 'indented' || open?.kind === 'table';

    if (open?.kind === 'fence') {
      countCode(line);
      if (!blank && relIndent <= 3) {
        const fence = FENCE.exec(content);
        if (fence && fence[1][0] === open.marker && fence[1].length >= open.length && fence[2].trim() === '') closeLeaf();
      }
      continue;
    }
    if (open?.kind === 'htmlUntilBlank') {
      if (blank) closeLeaf();
      continue;
    }
    if (open?.kind === 'html') {
      if (content.includes('-->')) {
        readComment(open.start, line.end, open.line);
        closeLeaf();
      }
      continue;
    }
    if (open?.kind === 'quote') {
      if (blank) {
        closeLeaf();
        continue;
      }
      if (indent <= 3 && markdown[first] === '>') {
        checkQuoteLine(content);
        continue;
      }
      throw new Undecidable('lazy quote line');
    }
    if (open?.kind === 'indented') {
      if (blank || relIndent >= 4) {
        countCode(line);
        continue;
      }
      closeLeaf();
    }
    if (blank) {
      closeLeaf();
      continue;
    }
    if (open?.kind === 'table') {
      if (markdown[first] !== '|') {
        if (relIndent >= 4 || !startsBlock(markdown, lines, lineIndex, first, relIndent) || content.includes('|')) {
          throw new Undecidable('table continuation');
        }
        closeLeaf();
      } else {
        open.node.children.push(tableRow(markdown, line, first, lineNumber));
        continue;
      }
    }
    const paragraphOpen = (leaf as Leaf | null)?.kind === 'paragraph';
    if (relIndent >= 4) {
      if (paragraphOpen) {
        appendToParagraph(line);
        continue;
      }
      leaf = { kind: 'indented' };
      countCode(line);
      opaqueBlock(first, line.end, lineNumber);
      continue;
    }

    // A pipe table: a row followed by a delimiter row with as many cells.
    if (content.includes('|') && lineIndex + 1 < lines.length) {
      const next = lines[lineIndex + 1];
      const nextContent = markdown.slice(next.start, next.end).trimStart();
      if (DELIMITER_ROW.test(nextContent) && nextContent.includes('-')) {
        if (stack.length > 0 || /^[-*+>#`~<]|^\d/.test(content)) throw new Undecidable('table in a container');
        const header = splitCells(markdown, first, line.end);
        const delimiterCells = splitCells(markdown, next.start + (next.end - next.start - nextContent.length), next.end);
        if (header.length !== delimiterCells.length) throw new Undecidable('table width');
        closeLeaf();
        const table: Table = { type: 'table', children: [tableRow(markdown, line, first, lineNumber)], position: position(first, line.end, lineNumber) };
        addBlock(table);
        leaf = { kind: 'table', node: table };
        lineIndex += 1;
        continue;
      }
    }

    const char = markdown[first];
    if ((char === '`' || char === '~') && FENCE.test(content)) {
      const fence = FENCE.exec(content)!;
      if (fence[1][0] === '`' && fence[2].includes('`')) throw new Undecidable('backtick in info string');
      closeLeaf();
      countCode(line);
      leaf = { kind: 'fence', marker: fence[1][0], length: fence[1].length };
      opaqueBlock(first, line.end, lineNumber);
      continue;
    }
    if (char === '#' && ATX.test(content)) {
      closeLeaf();
      const heading = headingNode(markdown, line, first, lineNumber);
      addBlock(heading);
      if (stack.length === 0) {
        while (sections.length > 0 && sections[sections.length - 1].depth >= heading.depth) sections.pop();
        sections.push({ depth: heading.depth, matters: sectionMatters(heading.value) });
        inSectionThatMatters = sections.some((section) => section.matters);
      }
      continue;
    }
    if (paragraphOpen && SETEXT.test(content)) throw new Undecidable('setext heading');
    if ((char === '*' || char === '-' || char === '_') && THEMATIC.test(content)) {
      closeLeaf();
      opaqueBlock(first, line.end, lineNumber);
      continue;
    }
    if (char === '>') {
      if (stack.length > 0) throw new Undecidable('quote in a list');
      closeLeaf();
      checkQuoteLine(content);
      leaf = { kind: 'quote' };
      opaqueBlock(first, line.end, lineNumber);
      continue;
    }
    const html = char === '<' ? htmlBlockStart(content) : null;
    if (html === 'other') throw new Undecidable('html block');
    if (html === 'comment' || (html === 'tag' && !paragraphOpen)) {
      closeLeaf();
      opaqueBlock(first, line.end, lineNumber);
      if (html === 'tag') leaf = { kind: 'htmlUntilBlank' };
      else if (!content.slice(4).includes('-->')) leaf = { kind: 'html', start: first, line: lineNumber };
      else readComment(first, line.end, lineNumber);
      continue;
    }
    const bullet = BULLET.exec(content);
    const ordered = bullet ? null : ORDERED.exec(content);
    if (ordered && ordered[1] !== '1' && interrupting) throw new Undecidable('numbered item after indented code or a table');
    if ((bullet || ordered) && !(paragraphOpen && ordered && ordered[1] !== '1')) {
      const markerLength = (bullet ?? ordered)![0].length;
      let spaces = 0;
      while (markdown[first + markerLength + spaces] === ' ') spaces += 1;
      const contentStart = first + markerLength + spaces;
      if (contentStart >= line.end || isBlank(markdown, line, contentStart)) throw new Undecidable('empty list item');
      if (spaces > 4 || markdown[contentStart] === '\t') throw new Undecidable('list item spacing');
      const rest = markdown.slice(contentStart, line.end);
      if (/^(?:[#><|]|`{3}|~{3}|[-*+](?: |$)|\d{1,9}[.)](?: |$))/.test(rest) || THEMATIC.test(rest)) throw new Undecidable('block in item');
      closeLeaf();
      const parent = containerChildren();
      const last = parent.children[parent.children.length - 1];
      const kind = bullet ? bullet[0] : content[markerLength - 1];
      let list: List;
      if (last && last.type === 'list' && (last.data as { marker?: string } | undefined)?.marker === kind) list = last;
      else {
        list = { type: 'list', ordered: !bullet, children: [], data: { marker: kind } as List['data'], position: position(first, line.end, lineNumber) };
        // A top-level list outside the sections that are read is built (its lines still need parsing) but not attached.
        if (parent !== root || inSectionThatMatters) parent.children.push(list);
      }
      const task = TASK.exec(rest);
      // `- [ ]` at the end of its line is a task whose text is on the next line, or not a task: remark decides.
      if (!task && /^\[[ xX]\][ \t]*$/.test(rest)) throw new Undecidable('task box alone on its line');
      const item: ListItem = {
        type: 'listItem',
        checked: task ? task[1] !== ' ' : null,
        children: [],
        position: position(first, line.end, lineNumber),
      };
      list.children.push(item);
      stack.push({ item, contentCol: indent + markerLength + spaces });
      let paragraphStart = contentStart;
      if (task) {
        paragraphStart = contentStart + 4;
        if (isBlank(markdown, line, paragraphStart)) throw new Undecidable('empty task');
      }
      openParagraph(line, paragraphStart, lineNumber);
      continue;
    }
    if (paragraphOpen) {
      appendToParagraph(line);
      continue;
    }
    openParagraph(line, first, lineNumber);
  }
  closeLeaf();
  if (accountedMarks !== marks) throw new Undecidable('disable comment outside a comment block');
  disables.sort((a, b) => a.line - b.line);
  return root;
}

function headingNode(markdown: string, line: Line, first: number, lineNumber: number): Heading & { value: string } {
  let depth = 0;
  while (markdown[first + depth] === '#') depth += 1;
  let text = markdown.slice(first + depth, line.end).replace(/^[ \t]+/, '').replace(/[ \t]+$/, '');
  if (/^#+$/.test(text)) text = '';
  else text = text.replace(/[ \t]+#+$/, '');
  const heading: Heading & { value: string } = {
    type: 'heading',
    depth: depth as Heading['depth'],
    children: [],
    value: inline(text),
    position: position(first, line.end, lineNumber),
  };
  return heading;
}

/** A quote line whose content could hold list items or a table is left to remark. */
function checkQuoteLine(content: string): void {
  const inner = content.replace(/^(?:[ ]{0,3}>[ ]?)+/, '');
  if (inner.includes('|') || inner.includes('\t') || /^[ ]*(?:[-*+](?: |$)|\d{1,9}[.)](?: |$)|`{3}|~{3}|<)/.test(inner)) {
    throw new Undecidable('structure inside a quote');
  }
}

/**
 * Whether the line at `first` opens a block that ends an open paragraph or table (so it is not a lazy or row line);
 * `relIndent` is its indentation past the innermost container that continues. Unsure cases are undecidable.
 */
function startsBlock(markdown: string, lines: Line[], lineIndex: number, first: number, relIndent: number): boolean {
  const line = lines[lineIndex];
  const content = markdown.slice(first, line.end);
  // Indented past the innermost container that still continues: paragraph text (indented code cannot interrupt).
  if (relIndent >= 4) return false;
  if (/^(?:#{1,6}(?:[ \t]|$)|`{3,}|~{3,}|>)/.test(content)) return true;
  if (THEMATIC.test(content)) return true;
  const html = content.startsWith('<') ? htmlBlockStart(content) : null;
  if (html === 'comment') return true;
  if (html === 'other') throw new Undecidable('html after a paragraph');
  // On a line that does not continue every open list item, micromark starts a new item whatever its number.
  if (BULLET.test(content) || ORDERED.test(content)) return true;
  if (content.includes('|') && lineIndex + 1 < lines.length) {
    const next = lines[lineIndex + 1];
    if (DELIMITER_ROW.test(markdown.slice(next.start, next.end).trimStart())) throw new Undecidable('table on a lazy line');
  }
  return false;
}
