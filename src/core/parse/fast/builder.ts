/**
 * The fast tree builder's state machine, one method per block kind: each line first meets the open list items
 * (`matchContainers`), then the open leaf block (`continue…`), then the block starts in micromark's order (`start…`).
 * Anything it cannot decide exactly as micromark would throws `Undecidable` (see tree.ts).
 */
import type { ListItem, Root, Table } from 'mdast';
import type { DisableDirective } from '../../model';
import { DIRECTIVE_MARK, directivesInHtml } from '../disables';
import { splitCells, tableRow } from './leaves';
import { TreeState } from './state';
import {
  ATX,
  BLOCK_IN_ITEM,
  BULLET,
  checkQuoteLine,
  DEFINITION,
  DELIMITER_ROW,
  FENCE,
  htmlBlockStart,
  isBlank,
  ORDERED,
  position,
  SETEXT,
  startsBlock,
  TASK,
  THEMATIC,
  Undecidable,
  type Line,
} from './syntax';

/** One line as the block methods see it, past the list items it continues. */
interface LineView {
  index: number;
  line: Line;
  /** 1-based line number. */
  number: number;
  /** Spaces before the first non-space character, from the start of the line. */
  indent: number;
  /** Offset of the first non-space character. */
  first: number;
  blank: boolean;
  /** Indentation past the innermost list item the line continues. */
  relIndent: number;
  /** The text from `first` to the end of the line. */
  content: string;
}

/** How many places in `text` could start a disable comment (`<!-- runbook-disable…`). */
function directiveMarks(text: string): number {
  if (!text.includes('runbook-')) return 0;
  return text.match(DIRECTIVE_MARK)?.length ?? 0;
}

/** Builds the tree of one document; `build()` once per instance. */
export class TreeBuilder extends TreeState {
  private lineIndex = 0;
  /**
   * Disable comments (parse/disables.ts) are read from the comment blocks built here; one anywhere else (inline, in a
   * table, a quote, an HTML tag block) is left to remark: every place one could start must be read or be inside code.
   */
  private readonly disables: DisableDirective[] = [];
  private marks = 0;
  private accountedMarks = 0;

  constructor(markdown: string, sectionMatters: (headingText: string) => boolean) {
    super(markdown, sectionMatters);
  }

  build(): Root {
    const markdown = this.markdown;
    if (markdown.includes('\u0000') || (markdown.includes(']:') && DEFINITION.test(markdown))) {
      throw new Undecidable('global');
    }
    this.marks = directiveMarks(markdown);
    for (this.lineIndex = 0; this.lineIndex < this.lines.count; this.lineIndex += 1) this.readLine();
    this.closeLeaf();
    if (this.accountedMarks !== this.marks) throw new Undecidable('disable comment outside a comment block');
    this.root.data = { runbookDisables: this.disables.sort((a, b) => a.line - b.line) } as Root['data'];
    return this.root;
  }

  /** A line inside code: a disable comment there is text. */
  private countCode(line: Line): void {
    if (this.marks > 0) this.accountedMarks += directiveMarks(this.markdown.slice(line.start, line.end));
  }

  /** A whole comment block, from `start` (on line `number`) to `end`: its disable comments. */
  private readComment(start: number, end: number, number: number): void {
    if (this.marks === 0) return;
    const text = this.markdown.slice(start, end);
    this.accountedMarks += directiveMarks(text);
    this.disables.push(...directivesInHtml(text, number));
  }

  private readLine(): void {
    const markdown = this.markdown;
    const line = this.lines.at(this.lineIndex);
    let indent = 0;
    while (markdown.charCodeAt(line.start + indent) === 32) indent += 1;
    const first = line.start + indent;
    const blank = isBlank(markdown, line, first);
    if (!blank && markdown[first] === '\t' && !(this.leaf?.kind === 'fence' && this.stack.length === 0)) {
      throw new Undecidable('tab indentation');
    }
    if (this.matchContainers(indent, first, blank)) return;
    const col = this.stack.length > 0 ? this.stack[this.stack.length - 1].contentCol : 0;
    const view: LineView = {
      index: this.lineIndex,
      line,
      number: this.lineIndex + 1,
      indent,
      first,
      blank,
      relIndent: indent - col,
      content: markdown.slice(first, line.end),
    };
    /** micromark lets a list start "interrupt" indented code and tables as it does paragraphs (numbers other than 1). */
    const interrupting = this.leaf?.kind === 'indented' || this.leaf?.kind === 'table';
    if (this.continueLeaf(view)) return;
    this.startBlock(view, interrupting);
  }

  /**
   * Close the list items the line does not continue; returns true when the line was taken as a lazy continuation of
   * the open paragraph instead.
   */
  private matchContainers(indent: number, first: number, blank: boolean): boolean {
    const stack = this.stack;
    let matched = 0;
    while (matched < stack.length && (blank || indent >= stack[matched].contentCol)) matched += 1;
    if (matched === stack.length) return false;
    const matchedCol = matched > 0 ? stack[matched - 1].contentCol : 0;
    const leaf = this.leaf;
    if (leaf?.kind === 'paragraph' && !startsBlock(this.markdown, this.lines, this.lineIndex, first, indent - matchedCol)) {
      const line = this.lines.at(this.lineIndex);
      if (SETEXT.test(this.markdown.slice(first, line.end))) throw new Undecidable('lazy underline');
      leaf.lines.push(line);
      return true;
    }
    this.closeLeaf();
    stack.length = matched;
    return false;
  }

  /** Feed the line to the open leaf block; true when it took it (or, for a blank line, closed). */
  private continueLeaf(view: LineView): boolean {
    const open = this.leaf;
    switch (open?.kind) {
      case 'fence':
        this.continueFence(open, view);
        return true;
      case 'htmlUntilBlank':
        if (view.blank) this.closeLeaf();
        return true;
      case 'html':
        if (view.content.includes('-->')) {
          this.readComment(open.start, view.line.end, open.line);
          this.closeLeaf();
        }
        return true;
      case 'quote':
        this.continueQuote(view);
        return true;
      case 'indented':
        if (view.blank || view.relIndent >= 4) {
          this.countCode(view.line);
          return true;
        }
        this.closeLeaf();
        break;
    }
    if (view.blank) {
      this.closeLeaf();
      return true;
    }
    return open?.kind === 'table' && this.continueTable(open.node, view);
  }

  private continueFence(fence: { marker: string; length: number }, view: LineView): void {
    this.countCode(view.line);
    if (view.blank || view.relIndent > 3) return;
    const closing = FENCE.exec(view.content);
    if (closing && closing[1][0] === fence.marker && closing[1].length >= fence.length && /^[ \t]*$/.test(closing[2])) this.closeLeaf();
  }

  private continueQuote(view: LineView): void {
    if (view.blank) this.closeLeaf();
    else if (view.indent <= 3 && this.markdown[view.first] === '>') checkQuoteLine(view.content);
    else throw new Undecidable('lazy quote line');
  }

  /** A row of the open table, or a block that ends it (returns false so the block starts). */
  private continueTable(table: Table, view: LineView): boolean {
    if (this.markdown[view.first] === '|') {
      table.children.push(tableRow(this.markdown, view.line, view.first, view.number));
      return true;
    }
    if (view.relIndent >= 4) throw new Undecidable('indented line after a table');
    // A lone tag line cannot interrupt a paragraph, but it does end a table.
    const endsTable = this.markdown[view.first] === '<' && htmlBlockStart(view.content) === 'tag';
    if (!endsTable && !startsBlock(this.markdown, this.lines, view.index, view.first, view.relIndent)) {
      // GFM: a line that starts no other block is a row, with or without pipes.
      table.children.push(tableRow(this.markdown, view.line, view.first, view.number));
      return true;
    }
    if (view.content.includes('|')) throw new Undecidable('table continuation');
    this.closeLeaf();
    return false;
  }

  /** A line no open leaf took: the block it starts, in micromark's order of precedence. */
  private startBlock(view: LineView, interrupting: boolean): void {
    const paragraphOpen = this.leaf?.kind === 'paragraph';
    if (view.relIndent >= 4) {
      if (paragraphOpen) this.appendToParagraph(view.line);
      else this.startIndentedCode(view);
      return;
    }
    if (this.startTable(view)) return;
    const char = this.markdown[view.first];
    if ((char === '`' || char === '~') && FENCE.test(view.content)) return this.startFence(view);
    if (char === '#' && ATX.test(view.content)) return this.startHeading(view);
    if (paragraphOpen && SETEXT.test(view.content)) return this.setextHeading(view, view.content[0]);
    if ((char === '*' || char === '-' || char === '_') && THEMATIC.test(view.content)) {
      this.closeLeaf();
      return this.opaqueBlock(view);
    }
    if (char === '>') return this.startQuote(view);
    if (char === '<' && this.startHtml(view, paragraphOpen)) return;
    if (this.startListItem(view, paragraphOpen, interrupting)) return;
    if (paragraphOpen) this.appendToParagraph(view.line);
    else this.openParagraph(view.line, view.first, view.number);
  }

  private startIndentedCode(view: LineView): void {
    this.countCode(view.line);
    this.leaf = { kind: 'indented' };
    this.opaqueBlock(view);
  }

  /** A pipe table: a row followed by a delimiter row with as many cells. Takes the delimiter row too. */
  private startTable(view: LineView): boolean {
    if (!view.content.includes('|') || view.index + 1 >= this.lines.count) return false;
    const markdown = this.markdown;
    const next = this.lines.at(view.index + 1);
    const nextContent = markdown.slice(next.start, next.end).replace(/^[ \t]+/, '');
    if (!DELIMITER_ROW.test(nextContent) || !nextContent.includes('-')) return false;
    if (this.stack.length > 0 || /^[-*+>#`~<]|^\d/.test(view.content)) throw new Undecidable('table in a container');
    const header = splitCells(markdown, view.first, view.line.end);
    const delimiterCells = splitCells(markdown, next.start + (next.end - next.start - nextContent.length), next.end);
    if (header.length !== delimiterCells.length) throw new Undecidable('table width');
    this.closeLeaf();
    const table: Table = {
      type: 'table',
      children: [tableRow(markdown, view.line, view.first, view.number)],
      position: position(view.first, view.line.end, view.number),
    };
    this.addBlock(table);
    this.leaf = { kind: 'table', node: table };
    this.lineIndex += 1;
    return true;
  }

  private startFence(view: LineView): void {
    const fence = FENCE.exec(view.content)!;
    if (fence[1][0] === '`' && fence[2].includes('`')) throw new Undecidable('backtick in info string');
    this.closeLeaf();
    this.countCode(view.line);
    this.leaf = { kind: 'fence', marker: fence[1][0], length: fence[1].length };
    this.opaqueBlock(view);
  }

  private startQuote(view: LineView): void {
    if (this.stack.length > 0) throw new Undecidable('quote in a list');
    this.closeLeaf();
    checkQuoteLine(view.content);
    this.leaf = { kind: 'quote' };
    this.opaqueBlock(view);
  }

  /** An HTML comment or a lone tag line (followed); other HTML blocks are left to remark. */
  private startHtml(view: LineView, paragraphOpen: boolean): boolean {
    const html = htmlBlockStart(view.content);
    if (html === 'other') throw new Undecidable('html block');
    if (html !== 'comment' && !(html === 'tag' && !paragraphOpen)) return false;
    this.closeLeaf();
    this.opaqueBlock(view);
    if (html === 'tag') this.leaf = { kind: 'htmlUntilBlank' };
    else if (!view.content.slice(4).includes('-->')) this.leaf = { kind: 'html', start: view.first, line: view.number };
    else this.readComment(view.first, view.line.end, view.number);
    return true;
  }

  /** A bullet or ordered list item (a task when it starts with `[ ]`/`[x]`), with its first paragraph opened. */
  private startListItem(view: LineView, paragraphOpen: boolean, interrupting: boolean): boolean {
    const markdown = this.markdown;
    const { content, first, line } = view;
    const bullet = BULLET.exec(content);
    const ordered = bullet ? null : ORDERED.exec(content);
    if (ordered && ordered[1] !== '1' && interrupting) throw new Undecidable('numbered item after indented code or a table');
    if (!(bullet || ordered) || (paragraphOpen && ordered && ordered[1] !== '1')) return false;
    const markerLength = (bullet ?? ordered)![0].length;
    if (markdown[first + markerLength] === '\t') throw new Undecidable('tab after a list marker');
    let spaces = 0;
    while (markdown[first + markerLength + spaces] === ' ') spaces += 1;
    const contentStart = first + markerLength + spaces;
    if (contentStart >= line.end || isBlank(markdown, line, contentStart)) throw new Undecidable('empty list item');
    if (spaces > 4 || markdown[contentStart] === '\t') throw new Undecidable('list item spacing');
    const rest = markdown.slice(contentStart, line.end);
    if (BLOCK_IN_ITEM.test(rest) || THEMATIC.test(rest)) throw new Undecidable('block in item');
    this.closeLeaf();
    const list = this.listFor(bullet ? bullet[0] : content[markerLength - 1], !bullet, view);
    const task = TASK.exec(rest);
    // `- [ ]` at the end of its line is a task whose text is on the next line, or not a task: remark decides.
    if (!task && /^\[[ xX]\][ \t]*$/.test(rest)) throw new Undecidable('task box alone on its line');
    const item: ListItem = { type: 'listItem', checked: task ? task[1] !== ' ' : null, children: [], position: position(first, line.end, view.number) };
    list.children.push(item);
    this.stack.push({ item, contentCol: view.indent + markerLength + spaces });
    const paragraphStart = task ? contentStart + 4 : contentStart;
    if (task && isBlank(markdown, line, paragraphStart)) throw new Undecidable('empty task');
    this.openParagraph(line, paragraphStart, view.number);
    return true;
  }
}
