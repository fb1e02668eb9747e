/**
 * Stories (the requirements a runbook is generated from): id, title, scope and acceptance criteria, read with remark
 * so a criterion is a real list item under the right heading, never a line that merely looks like one.
 */
import type { List, ListItem, Root, RootContent } from 'mdast';
import type { Story } from '../model';
import { splitFrontmatter } from './frontmatter';
import { markdownToTree, nodeText, normalizeLabel } from './mdast';

/** A story as parsed, with the summary a runbook's Goal Description starts from. */
export interface ParsedStory extends Story {
  /** The first paragraph of the body that is not under the acceptance criteria (single line), or the title. */
  summary: string;
}

/** A story ID becomes part of a file path: letters, digits, `.`, `_`, `-`, not starting with a dot or dash. */
export const STORY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Compared after folding case and accents: "Acceptance Criteria", "Critères d'acceptation", "AC", "Definition of Done". */
const CRITERIA_HEADING =
  /^(?:acceptance(?: criteria)?|criteres d'acceptation|criteres d'acceptance|conditions d'acceptation|ac|definition of done|dod)\b/;

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

/** The source text of a list item without its marker, checkbox and nested lists, on one line (inline markdown kept). */
function itemText(item: ListItem, markdown: string): string {
  const parts = item.children.filter((child) => child.type !== 'list');
  if (parts.length === 0) return '';
  const start = parts[0].position?.start.offset;
  const end = parts[parts.length - 1].position?.end.offset;
  if (start === undefined || end === undefined) return oneLine(parts.map((part) => nodeText(part)).join(' '));
  return oneLine(markdown.slice(start, end));
}

/** The story's number or key before a `:` in its title heading (`INFRA-001: Add auth` → `Add auth`). */
function titleWithoutId(heading: string, id: string): string {
  const match = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*[:—–-]\s+(.+)$/.exec(heading);
  if (match && (match[1].toLowerCase() === id.toLowerCase() || /^[A-Za-z]+-\d+$/.test(match[1]))) return match[2].trim();
  return heading.trim();
}

function frontmatterString(data: Record<string, unknown>, key: string): string | null {
  const value = data[key];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number') return String(value);
  return null;
}

/**
 * Parse a story. `file` is its workspace-relative path; the id defaults to the file name without `.md`. A BOM and CRLF
 * line endings are accepted; malformed frontmatter throws `RunbookError('invalid-field')` naming the file and line.
 */
export function parseStory(text: string, file: string): ParsedStory {
  const split = splitFrontmatter(text, file, 'invalid-field');
  const data = split.data;
  const baseName = file.replace(/\\/g, '/').split('/').pop() ?? file;
  const id = frontmatterString(data, 'id') ?? baseName.replace(/\.md$/i, '');
  const markdown = split.body.replace(/\r\n?/g, '\n');
  const tree: Root = markdownToTree(markdown);

  let headingTitle: string | null = null;
  let summary: string | null = null;
  const criteria: string[] = [];
  let inCriteria = false;
  let criteriaDepth = 0;
  for (const node of tree.children as RootContent[]) {
    if (node.type === 'heading') {
      const label = nodeText(node);
      if (headingTitle === null && node.depth === 1) {
        headingTitle = titleWithoutId(label, id);
        continue;
      }
      if (inCriteria && node.depth <= criteriaDepth) inCriteria = false;
      if (!inCriteria && CRITERIA_HEADING.test(normalizeLabel(label))) {
        inCriteria = true;
        criteriaDepth = node.depth;
      }
      continue;
    }
    if (inCriteria && node.type === 'list') {
      for (const item of (node as List).children) {
        const textOfItem = itemText(item, markdown);
        if (textOfItem !== '') criteria.push(textOfItem);
      }
      continue;
    }
    if (!inCriteria && summary === null && node.type === 'paragraph') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      summary = oneLine(start !== undefined && end !== undefined ? markdown.slice(start, end) : nodeText(node));
    }
  }
  const title = oneLine(frontmatterString(data, 'title') ?? headingTitle ?? id);
  const scope = frontmatterString(data, 'scope');
  return {
    id,
    title,
    scope,
    acceptanceCriteria: criteria,
    body: markdown,
    file,
    summary: summary ?? title,
  };
}
