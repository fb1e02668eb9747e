/**
 * A cleaned answer split into the sections its role was asked for, fitted to go under a template heading: headings
 * that name an asked-for section split the answer, other headings as high as the section's own are moved one level
 * below it (so the answer never opens a section of the template's level), and an answer that would not end where it
 * is inserted (an unclosed code fence, an unclosed HTML comment) is closed, or fenced whole when closing is not enough.
 *
 * Every markdown decision is remark's (mdast.ts); only offsets are computed here.
 */
import type { Heading, Root } from 'mdast';
import { applyEdits } from '../edits';
import type { TextEdit } from '../model';
import { markdownToTree, nodeText, normalizeLabel } from '../parse/mdast';

/** A section an answer may fill: how its heading is recognised in the answer, and the template heading's depth. */
export interface AnswerTarget {
  /** Matches `normalizeLabel` of an answer heading that opens this section. */
  matches: (label: string) => boolean;
  /** Depth of the template heading the text goes under; answer headings are kept below it. */
  depth: number;
}

/** The deepest heading an answer may use to name the section it writes. */
const MAX_NAMING_DEPTH = 3;

/** The inline source of a heading (emphasis, code and links kept), on one line. */
function headingSource(heading: Heading, text: string): string {
  const first = heading.children[0];
  const last = heading.children[heading.children.length - 1];
  const start = first?.position?.start.offset;
  const end = last?.position?.end.offset;
  if (start === undefined || end === undefined) return nodeText(heading).trim();
  return text.slice(start, end).replace(/\s*\n\s*/g, ' ').trim();
}

/** Whether `segment`, placed before a heading of `depth`, leaves that heading a heading (nothing left open). */
function endsCleanly(segment: string, depth: number): boolean {
  const sentinel = `${'#'.repeat(depth)} end-of-answer`;
  const tree = markdownToTree(`${segment}\n\n${sentinel}\n`);
  const last = tree.children[tree.children.length - 1];
  return last?.type === 'heading' && last.depth === depth && nodeText(last) === 'end-of-answer';
}

/** The longest run of `char` at the start of a line of `text`. */
function longestFence(text: string, char: '`' | '~'): number {
  let longest = 0;
  const pattern = char === '`' ? /^[ \t]*(`+)/gm : /^[ \t]*(~+)/gm;
  for (const match of text.matchAll(pattern)) longest = Math.max(longest, match[1].length);
  return longest;
}

/**
 * `segment` made safe to insert before a heading of `depth`: an unclosed fence is closed with its own fence, an unclosed
 * HTML comment with `-->`; anything else left open (a raw HTML block) gets the whole segment fenced as text, so it
 * cannot swallow the template's next sections.
 */
export function containSegment(segment: string, depth: number): string {
  if (segment === '' || endsCleanly(segment, depth)) return segment;
  const tree = markdownToTree(segment);
  const last = tree.children[tree.children.length - 1];
  let closing: string | null = null;
  if (last?.type === 'code' && last.position) {
    closing = /^[ \t]*(`{3,}|~{3,})/.exec(segment.slice(last.position.start.offset))?.[1] ?? null;
  } else if (last?.type === 'html' && /^\s*<!--/.test(last.value)) {
    closing = '-->';
  }
  if (closing !== null && endsCleanly(`${segment}\n${closing}`, depth)) return `${segment}\n${closing}`;
  const fence = '~'.repeat(Math.max(3, longestFence(segment, '~') + 1));
  return `${fence}text\n${segment}\n${fence}`;
}

/**
 * Split `text` among `targets`: the text before any heading that names a target goes to the first one. Returns one
 * string per target (empty when the answer wrote nothing for it), each trimmed and contained.
 */
export function splitAnswer(text: string, targets: readonly AnswerTarget[]): string[] {
  const tree: Root = markdownToTree(text);
  const parts: Array<{ target: number; start: number; end: number }> = [];
  let current = { target: 0, start: 0 };
  const edits: Array<TextEdit & { part: number }> = [];
  for (const node of tree.children) {
    if (node.type !== 'heading' || !node.position) continue;
    const start = node.position.start.offset!;
    const end = node.position.end.offset!;
    const label = normalizeLabel(nodeText(node));
    const named = node.depth <= MAX_NAMING_DEPTH ? targets.findIndex((target) => target.matches(label)) : -1;
    if (named !== -1) {
      parts.push({ ...current, end: start });
      current = { target: named, start: end };
      continue;
    }
    const depth = targets[current.target].depth;
    if (node.depth <= depth) {
      const source = headingSource(node, text);
      const newText = source === '' ? '' : `${'#'.repeat(Math.min(6, depth + 1))} ${source}`;
      edits.push({ start, end, newText, part: parts.length });
    }
  }
  parts.push({ ...current, end: text.length });
  const result = targets.map(() => '');
  parts.forEach((part, index) => {
    const own = edits.filter((edit) => edit.part === index).map((edit) => ({ start: edit.start - part.start, end: edit.end - part.start, newText: edit.newText }));
    const segment = applyEdits(text.slice(part.start, part.end), own).trim();
    if (segment === '') return;
    result[part.target] = result[part.target] === '' ? segment : `${result[part.target]}\n\n${segment}`;
  });
  return result.map((segment, index) => containSegment(segment, targets[index].depth));
}
