/**
 * Inline disable comments as markdownlint writes them, with a `runbook-` prefix: `<!-- runbook-disable-next-line
 * action-overdue -->`, `<!-- runbook-disable rule -->` … `<!-- runbook-enable rule -->`, `<!-- runbook-disable-line -->`,
 * `<!-- runbook-disable-file rule -->` / `<!-- runbook-enable-file -->`. They are read from the HTML nodes of the parsed
 * tree (block comments and inline ones alike), so a comment shown inside a code block is text, not a directive. The fast
 * scanner records the block comments it builds and hands any other document holding one to remark (fast/tree.ts).
 */
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { DisableDirective, DisableKind } from '../model';

/** Where a directive may start: `<!--` then `runbook-disable…` or `runbook-enable…`. Counted by the fast scanner. */
export const DIRECTIVE_MARK = /<!--\s*runbook-(?:disable|enable)/g;

const COMMENT = /<!--([\s\S]*?)-->/g;
const DIRECTIVE = /^\s*runbook-(disable-next-line|disable-line|disable-file|enable-file|disable|enable)((?:\s+[\p{L}\p{N}_-]+)*)\s*$/u;

/** The directives in the raw text of one HTML node that starts on `startLine`. */
export function directivesInHtml(value: string, startLine: number): DisableDirective[] {
  const found: DisableDirective[] = [];
  for (const match of value.matchAll(COMMENT)) {
    const directive = DIRECTIVE.exec(match[1]);
    if (!directive) continue;
    const before = value.slice(0, match.index);
    const line = startLine + countNewlines(before);
    found.push({
      kind: directive[1] as DisableKind,
      rules: directive[2].trim() === '' ? [] : directive[2].trim().toLowerCase().split(/\s+/u),
      line,
      endLine: line + countNewlines(match[0]),
    });
  }
  return found;
}

function countNewlines(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) count += 1;
  return count;
}

/** Every directive of a remark tree, in reading order (the fast scanner hands its own list through `root.data`). */
export function disablesOfTree(tree: Root): DisableDirective[] {
  const recorded = (tree.data as { runbookDisables?: DisableDirective[] } | undefined)?.runbookDisables;
  if (recorded) return recorded;
  const found: DisableDirective[] = [];
  visit(tree, 'html', (node) => {
    if (node.value.includes('<!--') && node.position) found.push(...directivesInHtml(node.value, node.position.start.line));
  });
  return found.sort((a, b) => a.line - b.line);
}
