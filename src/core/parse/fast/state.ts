/**
 * The state of the fast tree builder and its bookkeeping: the tree being built, the open list items, the open leaf
 * block, the open sections, and how a paragraph, an opaque block or a list item is attached. builder.ts reads the
 * lines; this is what each of its block methods changes, and headings (which open sections) are made here.
 */
import type { Heading, List, ListItem, Paragraph, Root, RootContent, Table } from 'mdast';
import { FIELD_KEY_PREFIX } from '../vocabulary';
import { headingNode, inline, paragraphSource } from './leaves';
import { LineTable, NO_CHILDREN, position, SpanPosition, Undecidable, type Line } from './syntax';

export type Parent = { children: RootContent[] };

export interface ItemFrame {
  item: ListItem;
  contentCol: number;
}

export type Leaf =
  | { kind: 'paragraph'; node: Paragraph; lines: Line[]; firstStart: number }
  | { kind: 'fence'; marker: string; length: number }
  | { kind: 'indented' }
  | { kind: 'html'; start: number; line: number }
  | { kind: 'htmlUntilBlank' }
  | { kind: 'quote' }
  | { kind: 'table'; node: Table };

/** The position of a block on one line (what `opaqueBlock` and `listFor` need of a line). */
export interface BlockAt {
  first: number;
  line: Line;
  number: number;
}

/** The tree under construction and the open blocks; extended by `TreeBuilder`. */
export class TreeState {
  protected readonly lines: LineTable;
  protected readonly root: Root;
  protected readonly stack: ItemFrame[] = [];
  protected leaf: Leaf | null = null;
  protected leafParent: Parent;
  /** The open top-level headings, and whether any of them names a section whose lists are read. */
  protected readonly sections: Array<{ depth: number; matters: boolean }> = [];
  protected inSectionThatMatters = false;

  constructor(
    protected readonly markdown: string,
    private readonly sectionMatters: (headingText: string) => boolean,
  ) {
    this.lines = new LineTable(markdown);
    this.root = { type: 'root', children: [], position: position(0, markdown.length, 1) };
    this.leafParent = this.root;
  }

  protected startHeading(view: BlockAt): void {
    this.closeLeaf();
    const heading = headingNode(this.markdown, view.line, view.first, view.number);
    this.addBlock(heading);
    if (this.stack.length === 0) this.enterSection(heading);
  }

  /** `Title` over `===` or `---`: the open top-level paragraph becomes a heading (in a list item, remark decides). */
  protected setextHeading(view: BlockAt, underline: string): void {
    const paragraph = this.leaf;
    if (paragraph?.kind !== 'paragraph' || this.leafParent !== this.root) throw new Undecidable('setext heading in a list');
    this.leaf = null;
    const heading: Heading & { value: string } = {
      type: 'heading',
      depth: underline === '=' ? 1 : 2,
      children: NO_CHILDREN,
      value: inline(paragraphSource(this.markdown, paragraph.lines, paragraph.firstStart)),
      position: new SpanPosition(paragraph.node.position!.start.offset!, view.line.end, paragraph.node.position!.start.line, view.number),
    };
    this.root.children[this.root.children.lastIndexOf(paragraph.node)] = heading;
    this.enterSection(heading);
  }

  /** A top-level heading opens a section: lists under it are kept when any open heading names a section that matters. */
  private enterSection(heading: Heading & { value: string }): void {
    const sections = this.sections;
    while (sections.length > 0 && sections[sections.length - 1].depth >= heading.depth) sections.pop();
    sections.push({ depth: heading.depth, matters: this.sectionMatters(heading.value) });
    this.inSectionThatMatters = sections.some((section) => section.matters);
  }

  /** The list an item with this marker joins: the container's last block when it is a list of that marker, else a new one. */
  protected listFor(marker: string, ordered: boolean, view: BlockAt): List {
    const parent = this.containerChildren();
    const last = parent.children[parent.children.length - 1];
    if (last && last.type === 'list' && (last.data as { marker?: string } | undefined)?.marker === marker) return last;
    const list: List = { type: 'list', ordered, children: [], data: { marker } as List['data'], position: position(view.first, view.line.end, view.number) };
    // A top-level list outside the sections that are read is built (its lines still need parsing) but not attached.
    if (parent !== this.root || this.inSectionThatMatters) parent.children.push(list);
    return list;
  }

  protected containerChildren(): Parent {
    return this.stack.length > 0 ? this.stack[this.stack.length - 1].item : this.root;
  }

  protected addBlock(node: RootContent): void {
    this.containerChildren().children.push(node);
  }

  /**
   * A block the extractors do not read is left out, except at the top level of a section that matters: there its mere
   * presence counts (runbook.ts takes `complianceHeadingLine` from the first block under the heading), so an empty
   * stand-in is kept.
   */
  protected opaqueBlock(view: BlockAt): void {
    if (this.stack.length === 0 && this.inSectionThatMatters) {
      this.root.children.push({ type: 'thematicBreak', position: position(view.first, view.line.end, view.number) });
    }
  }

  protected openParagraph(line: Line, from: number, lineNumber: number): void {
    // `value` from the start (set when the paragraph closes): a property added later costs a separate backing store.
    const node: Paragraph & { value: string } = { type: 'paragraph', children: NO_CHILDREN, position: position(from, line.end, lineNumber), value: '' };
    this.addBlock(node);
    this.leaf = { kind: 'paragraph', node, lines: [line], firstStart: from };
    this.leafParent = this.containerChildren();
  }

  protected appendToParagraph(line: Line): void {
    if (this.leaf?.kind === 'paragraph') this.leaf.lines.push(line);
  }

  protected closeLeaf(): void {
    const leaf = this.leaf;
    this.leaf = null;
    if (leaf?.kind !== 'paragraph') return;
    const markdown = this.markdown;
    const root = this.root;
    (leaf.node.position as SpanPosition).endOffset = leaf.lines[leaf.lines.length - 1].end;
    const hasField = leaf.lines.some((line, index) => FIELD_KEY_PREFIX.test(markdown.slice(index === 0 ? leaf.firstStart : line.start, line.end)));
    if (this.leafParent === root && !hasField) {
      // A top-level paragraph is read only for `Key: value` lines (paragraphLines); one without any is left out.
      const at = root.children.lastIndexOf(leaf.node);
      if (this.inSectionThatMatters) root.children[at] = { type: 'thematicBreak', position: leaf.node.position };
      else root.children.splice(at, 1);
      return;
    }
    // toString reads a node's `value` before its children: one string stands for the paragraph's inline content.
    (leaf.node as Paragraph & { value: string }).value = inline(paragraphSource(markdown, leaf.lines, leaf.firstStart));
  }
}
