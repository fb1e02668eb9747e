/**
 * Shared mdast helpers: one remark pipeline (remark-parse + remark-gfm for tables and task lists), heading sections,
 * and text normalisation used to compare headings and column names across English and French.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import type { Heading, Root, RootContent } from 'mdast';
import type { ParseContext } from './context';
import { splitLines } from './source';

const processor = unified().use(remarkParse).use(remarkGfm);

/** Parse markdown (already BOM-stripped and frontmatter-masked, see source.ts) into an mdast tree with positions. */
export function markdownToTree(markdown: string): Root {
  return processor.parse(markdown);
}

/** The plain text of a node (emphasis, code and links flattened). */
export function nodeText(node: RootContent | Root): string {
  return toString(node);
}

/**
 * Lower-case, accents folded, punctuation and leading numbering removed, spaces collapsed: `## 4) Plan d’action :`
 * becomes `plan d'action`, so configured names match however a heading is decorated.
 */
export function normalizeLabel(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .toLowerCase()
    .replace(/^[\s#]*(?:\d+(?:\.\d+)*[.)]?\s+)?/, '')
    .replace(/\([^)]*\)\s*$/, '')
    .replace(/[*_`:?!.]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A top-level block with the heading it falls under (the nearest preceding heading of any depth). */
export interface SectionedBlock {
  node: RootContent;
  /** The chain of headings above the block, outermost first. */
  headings: Heading[];
}

const labels = new WeakMap<Heading, string>();

/** `normalizeLabel` of a heading's text, computed once per heading: every extractor asks for every block. */
export function headingLabel(heading: Heading): string {
  let label = labels.get(heading);
  if (label === undefined) {
    label = normalizeLabel(nodeText(heading));
    labels.set(heading, label);
  }
  return label;
}

const sectioned = new WeakMap<Root, SectionedBlock[]>();

/** Top-level blocks of the tree, each with the headings it sits under (computed once per tree). */
export function blocksWithHeadings(tree: Root): SectionedBlock[] {
  const cached = sectioned.get(tree);
  if (cached) return cached;
  const stack: Heading[] = [];
  const blocks: SectionedBlock[] = [];
  for (const node of tree.children) {
    if (node.type === 'heading') {
      while (stack.length > 0 && stack[stack.length - 1].depth >= node.depth) stack.pop();
      stack.push(node);
      continue;
    }
    blocks.push({ node, headings: [...stack] });
  }
  sectioned.set(tree, blocks);
  return blocks;
}

/** One source line of a top-level paragraph, e.g. each of `Date: …` / `Severity: …` / `Status: …` in a header block. */
export interface ParagraphLine {
  text: string;
  /** Offset of the line's start in the text as read. */
  offset: number;
  line: number;
}

/** The source lines of every top-level paragraph, in order: where `Key: value` fields of a document are written. */
const linesOfTree = new WeakMap<Root, ParagraphLine[]>();

export function paragraphLines(context: ParseContext): ParagraphLine[] {
  const cached = linesOfTree.get(context.tree);
  if (cached) return cached;
  const lines: ParagraphLine[] = [];
  for (const node of context.tree.children) {
    if (node.type !== 'paragraph' || !node.position) continue;
    const start = node.position.start.offset! + context.bomLength;
    const end = node.position.end.offset! + context.bomLength;
    splitLines(context.text.slice(start, end)).forEach((line, index) => {
      lines.push({ text: line.text, offset: start + line.offset, line: node.position!.start.line + index });
    });
  }
  linesOfTree.set(context.tree, lines);
  return lines;
}
