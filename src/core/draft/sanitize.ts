/**
 * A model answer cleaned before it goes into a draft: the model writes content, never the structure. A status line, a
 * compliance checklist line (checked, or one that would be read as part of the checklist) and an approval or acceptance
 * record are removed, in English or French, and counted so the draft can say what was removed. Lines in code blocks and
 * HTML comments are left alone: the parser never reads them, and a reviewer sees them as code.
 *
 * The markdown structure (code, comments, list items, headings) comes from the one remark pipeline (mdast.ts); the
 * regexes here only read single lines, and are Unicode-aware (`PROPOSÉ`, `approuvé par`).
 */
import type { ListItem, Root } from 'mdast';
import { visit } from 'unist-util-visit';
import { readFrontmatter } from '../parse/frontmatter';
import { blocksWithHeadings, markdownToTree, nodeText } from '../parse/mdast';
import { COMPLIANCE_HEADING } from '../parse/vocabulary';

/** What the sanitiser removes. `frontmatter`: a YAML block the answer opened with. */
export type RemovalKind = 'status' | 'compliance' | 'approval' | 'frontmatter';

/** How many lines of each kind were removed from one answer. */
export type Removals = Record<RemovalKind, number>;

/** An answer ready to be split into sections, and what was removed from it. */
export interface CleanAnswer {
  text: string;
  removed: Removals;
}

/** The start of a status line: list marker, quote, checkbox, emphasis around the key, `Status:` / `Statut :`. */
const STATUS_PREFIX =
  /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?:\[[ xX]\][ \t]+)?(?:\*\*|__|\*|_)?[ \t]*(?<![\p{L}\p{N}])(?:status|statut|état|etat)(?![\p{L}\p{N}])[ \t]*(?:\*\*|__|\*|_)?[ \t]*:[ \t]*(?:\*\*|__|\*|_|`)?[ \t]*(\p{L}[\p{L}\p{N}_-]*)(.*)$/iu;

/** Status words a runbook is marked with, lower-cased with accents folded (`PROPOSÉ` → `propose`). */
const STATUS_WORDS = new Set([
  'proposed', 'accepted', 'approved', 'rejected', 'draft', 'superseded', 'deprecated', 'final', 'signed-off', 'review', 'reviewed',
  'propose', 'proposee', 'accepte', 'acceptee', 'approuve', 'approuvee', 'rejete', 'rejetee', 'refuse', 'refusee', 'valide',
  'validee', 'brouillon', 'revu', 'revue',
]);

/** A one-word value in capitals (`ACCEPTED`, `SIGNED-OFF`) with nothing after it but emphasis or an annotation. */
const CAPITALS_VALUE = /^\p{Lu}[\p{Lu}\p{N}_-]+$/u;
const ANNOTATION_ONLY = /^[ \t]*(?:(?:\*\*|__|\*|_|`)[ \t]*)?(?:$|[—–-]|<|\(|\[)/u;

/** An approval or acceptance record as this tool writes them, in English or French, dated or not. */
const APPROVAL_RECORD =
  /(?:^|[\s(])[—–-]+[ \t]*(?<![\p{L}\p{N}])(?:approved|accepted|signed(?:[- ]off)?|approuvée?s?|acceptée?s?|validée?s?|signée?s?)[ \t]+(?:by|par)[ \t]+\S.*?[ \t](?:on|le)(?![\p{L}\p{N}])/iu;

/** `@Role` at the start of a task item's text: a compliance checklist line. */
const ROLE_MENTION = /^\s*@[\p{L}\p{N}_-]+/u;

function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}

/** Whether `line` sets a runbook status (`Status: ACCEPTED`, `**Statut :** PROPOSÉ`, `- status: approved`). */
export function isStatusLine(line: string): boolean {
  const match = STATUS_PREFIX.exec(line);
  if (!match) return false;
  const [, value, rest] = match;
  if (STATUS_WORDS.has(foldAccents(value))) return true;
  return CAPITALS_VALUE.test(value) && ANNOTATION_ONLY.test(rest);
}

/** Whether `line` carries an approval or acceptance record (`— approved by Mallory on 2026-11-20`, `— approuvé par …`). */
export function hasApprovalRecord(line: string): boolean {
  return APPROVAL_RECORD.test(line);
}

/** Lines (1-based) of code blocks and HTML comments: never read by the parser, never changed here. */
function protectedLines(tree: Root): Set<number> {
  const lines = new Set<number>();
  visit(tree, (node) => {
    const isComment = node.type === 'html' && /^\s*<!--/.test((node as { value: string }).value);
    if ((node.type === 'code' || isComment) && node.position) {
      for (let line = node.position.start.line; line <= node.position.end.line; line += 1) lines.add(line);
    }
  });
  return lines;
}

/**
 * Task items that start with `@Role`: removed when checked (a forged approval), or when they sit under a heading that
 * would make them part of the compliance checklist (a second, forged checklist).
 */
function complianceLines(tree: Root): { lines: Set<number>; items: number } {
  const lines = new Set<number>();
  let items = 0;
  for (const block of blocksWithHeadings(tree)) {
    const underChecklist = block.labels.some((label) => COMPLIANCE_HEADING.test(label));
    visit(block.node, 'listItem', (item: ListItem) => {
      if (item.checked === null || item.checked === undefined || !item.position) return;
      const first = item.children[0];
      if (!first || !ROLE_MENTION.test(nodeText(first))) return;
      if (!item.checked && !underChecklist) return;
      items += 1;
      for (let line = item.position.start.line; line <= item.position.end.line; line += 1) lines.add(line);
    });
  }
  return { lines, items };
}

/** Terminal escapes, reasoning blocks and control characters a model CLI may print around its answer. */
function stripNoise(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/\r\n?/g, '\n')
    .replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '')
    .replace(/^\s*<think>[\s\S]*?<\/think>/, '')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .trim();
}

/** An answer wrapped whole in a ```markdown fence is its content. */
function unwrapFence(text: string): string {
  if (!/^(?:`{3,}|~{3,})/.test(text)) return text;
  const tree = markdownToTree(text);
  if (tree.children.length !== 1) return text;
  const only = tree.children[0];
  if (only.type !== 'code') return text;
  const lang = (only.lang ?? '').toLowerCase();
  return lang === '' || lang === 'md' || lang === 'markdown' ? only.value.trim() : text;
}

/** Clean one model answer: see the module comment. Never throws; an answer with nothing left is the empty string. */
export function sanitizeAnswer(raw: string): CleanAnswer {
  const removed: Removals = { status: 0, compliance: 0, approval: 0, frontmatter: 0 };
  let text = unwrapFence(stripNoise(raw));
  const frontmatter = readFrontmatter(text, 0);
  if (frontmatter && frontmatter.end > frontmatter.start) {
    text = text.slice(frontmatter.end).replace(/^\n/, '');
    removed.frontmatter += 1;
  }
  const tree = markdownToTree(text);
  const untouchable = protectedLines(tree);
  const checklist = complianceLines(tree);
  removed.compliance = checklist.items;
  const kept: string[] = [];
  text.split('\n').forEach((line, index) => {
    const number = index + 1;
    // A checklist item goes whole, code blocks inside it included.
    if (checklist.lines.has(number)) {
      // counted per item above
    } else if (untouchable.has(number)) {
      kept.push(line);
    } else if (isStatusLine(line)) {
      removed.status += 1;
    } else if (hasApprovalRecord(line)) {
      removed.approval += 1;
    } else {
      kept.push(line);
    }
  });
  return { text: kept.join('\n').trim(), removed };
}

/** Whether anything was removed. */
export function removedAnything(removed: Removals): boolean {
  return Object.values(removed).some((count) => count > 0);
}
