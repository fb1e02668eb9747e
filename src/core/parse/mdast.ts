/**
 * Shared mdast helpers: one remark pipeline (remark-parse + remark-gfm for tables and task lists), heading sections,
 * and text normalisation used to compare headings and column names across English and French.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import type { Heading, Root, RootContent } from 'mdast';
import { splitLines } from './source';

const processor = unified().use(remarkParse).use(remarkGfm);

/** Parse markdown (already BOM-stripped and frontmatter-masked, see source.ts) into an mdast tree with positions. */
export function markdownToTree(markdown: string): Root {
  return processor.parse(markdown);
}

type AnyNode = Root | RootContent;

/**
 * The plain text of a node (emphasis, code and links flattened): `mdast-util-to-string`'s result, computed with an
 * explicit stack because a tree can be as deep as its document nests (no recursion over user-controlled depth).
 */
export function nodeText(node: AnyNode): string {
  let text = '';
  const pending: AnyNode[] = [node];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if ('value' in current) text += current.value;
    else if ('alt' in current && current.alt) text += current.alt;
    else if ('children' in current) for (let index = current.children.length - 1; index >= 0; index -= 1) pending.push(current.children[index]);
  }
  return text;
}

/** Nodes whose descendants are only phrasing content (text, emphasis, links, …) or table rows of it: no block inside. */
const NO_BLOCKS_INSIDE: ReadonlySet<string> = new Set(['paragraph', 'heading', 'table', 'tableRow', 'tableCell']);

/**
 * Call `visitor` on every node of type `type` under `node` (itself included), in document order — what
 * `unist-util-visit` does, with an explicit stack instead of recursion. Looking for list items or tables (block
 * content), it does not walk into paragraphs, headings and tables, which in mdast hold neither: a third of a
 * document's nodes, skipped exactly.
 */
export function visitNodes<T extends AnyNode['type']>(node: AnyNode, type: T | null, visitor: (node: Extract<AnyNode, { type: T }>) => void): void {
  const blocksOnly = type === 'listItem' || type === 'table';
  const pending: AnyNode[] = [node];
  while (pending.length > 0) {
    const current = pending.pop()!;
    if (type === null || current.type === type) visitor(current as Extract<AnyNode, { type: T }>);
    if (blocksOnly && NO_BLOCKS_INSIDE.has(current.type)) continue;
    if ('children' in current) for (let index = current.children.length - 1; index >= 0; index -= 1) pending.push(current.children[index]);
  }
}

/**
 * Lower-case, accents folded, punctuation and leading numbering removed, spaces collapsed: `## 4) Plan d’action :`
 * becomes `plan d'action`, so configured names match however a heading is decorated.
 */
export function normalizeLabel(text: string): string {
  let label = normalizedLabels.get(text);
  if (label === undefined) {
    // A bounded memo: the same few headings and column names recur in every document of a workspace.
    if (normalizedLabels.size >= LABEL_MEMO_SIZE) normalizedLabels.clear();
    label = computeLabel(text);
    normalizedLabels.set(text, label);
  }
  return label;
}

const LABEL_MEMO_SIZE = 4096;
const normalizedLabels = new Map<string, string>();

function computeLabel(text: string): string {
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
  /** `normalizeLabel` of each of those headings' text, same order (computed once per heading). */
  labels: string[];
}

/**
 * Top-level blocks of the tree, each with the headings it sits under. Computed once per document (see
 * `createParseContext`): every extractor walks these sections, and labels are normalised once per heading.
 */
export function blocksWithHeadings(tree: Root): SectionedBlock[] {
  const stack: Array<{ heading: Heading; label: string }> = [];
  const blocks: SectionedBlock[] = [];
  let headings: Heading[] = [];
  let labels: string[] = [];
  for (const node of tree.children) {
    if (node.type === 'heading') {
      while (stack.length > 0 && stack[stack.length - 1].heading.depth >= node.depth) stack.pop();
      stack.push({ heading: node, label: normalizeLabel(nodeText(node)) });
      // Blocks under the same headings share these arrays.
      headings = stack.map((entry) => entry.heading);
      labels = stack.map((entry) => entry.label);
      continue;
    }
    blocks.push({ node, headings, labels });
  }
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
export function paragraphLines(text: string, bomLength: number, tree: Root): ParagraphLine[] {
  const lines: ParagraphLine[] = [];
  for (const node of tree.children) {
    if (node.type !== 'paragraph' || !node.position) continue;
    const start = node.position.start.offset! + bomLength;
    const end = node.position.end.offset! + bomLength;
    splitLines(text.slice(start, end)).forEach((line, index) => {
      lines.push({ text: line.text, offset: start + line.offset, line: node.position!.start.line + index });
    });
  }
  return lines;
}
