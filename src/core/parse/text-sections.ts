/**
 * Two things read line by line from the markdown text rather than from the tree (the fast scanner leaves out what
 * lies under headings no extractor reads, so a tree walk would depend on which builder ran):
 *  - the workspace documents a document links to (`[text](../runbooks/x.md)`), for recurrence (incident-type runbooks);
 *  - which post-mortem sections are still unfilled: missing, or holding nothing but the template's comments.
 * One pass, linear in the text; fenced code is skipped, HTML comments do not count as content.
 */
import { normalizeLabel } from './mdast';
import { splitLines } from './lines';
import { ROOT_CAUSE_HEADING } from './vocabulary';

/** The sections a post-mortem must fill (seed 002), by the id findings and JSON use. */
export type PostmortemSection = 'root-cause' | 'action-items' | 'lessons-learned';

/** `## Lessons learned`, French `Leçons apprises`, `Leçons tirées`, `Enseignements`, `Retour d'expérience`. */
export const LESSONS_HEADING = /^(?:lessons? learned|lecons? (?:apprises?|tirees?)|enseignements?|retours? d'experience)$/;

/** At most this many links are kept per document (a recurrence needs one). */
const MAX_LINKS = 50;

/** An ATX heading; its closing sequence of `#` (after a blank) is not part of its text, as remark reads it. */
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
// Bounded runs of blanks only: a line of 10,000 spaces after `](` costs no more than a short one.
const LINK = /\]\([ \t]{0,20}(?:<([^<>\n]{1,300})>|([^()<>\s]{1,300}))(?:[ \t]{1,20}"[^"\n]{0,200}")?[ \t]{0,20}\)/g;

/** `## Decision` (French `Décision`): what a hand-off waits for. */
export const DECISION_HEADING = /^(?:decision|decision prise|decisions?)$/;

/** A hand-off's Decision section as found in the text (offsets into the markdown, i.e. after any BOM). */
export interface DecisionSection {
  /** 1-based line of its heading. */
  line: number;
  /** Start of the line after the heading, and the start of the next heading of the same or a higher level (or the end). */
  contentStart: number;
  contentEnd: number;
  /** Whether anything but blank lines and HTML comments is in it. */
  filled: boolean;
  /** Its visible lines (comments taken out, blank lines skipped), at most 20. */
  lines: string[];
}

export interface TextSections {
  /** Workspace-relative `.md` paths this document links to, in order, without duplicates. */
  links: string[];
  /** The post-mortem sections missing or unfilled, with the line of their heading (null when missing). */
  unfilled: Array<{ section: PostmortemSection; line: number | null }>;
  decision: DecisionSection | null;
}

/** A link target as a workspace-relative path from the document `file`, or null for URLs, anchors and non-markdown. */
function resolveLink(target: string, file: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return null;
  let path = target.replace(/[?#].*$/, '');
  try {
    path = decodeURIComponent(path);
  } catch {
    return null;
  }
  if (!/\.md$/i.test(path)) return null;
  const parts = path.startsWith('/') ? [] : file.split('/').slice(0, -1);
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return null;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/** Read links and post-mortem sections from `markdown` (frontmatter masked, lines kept) of the document `file`. */
export function readTextSections(markdown: string, file: string, actionHeadings: ReadonlySet<string>): TextSections {
  const links: string[] = [];
  type Tracked = PostmortemSection | 'decision';
  const sections = new Map<Tracked, { line: number; depth: number; filled: boolean; contentStart: number; contentEnd: number; lines: string[] }>();
  let open: { section: Tracked; depth: number } | null = null;
  let fence: string | null = null;
  let inComment = false;
  const lines = splitLines(markdown);
  for (let index = 0; index < lines.length; index += 1) {
    const text = lines[index].text;
    if (fence !== null) {
      if (text.trimStart().startsWith(fence)) fence = null;
      else if (open) sections.get(open.section)!.filled = true;
      continue;
    }
    const fenceMatch = inComment ? null : FENCE.exec(text);
    if (fenceMatch) {
      fence = fenceMatch[1];
      if (open) sections.get(open.section)!.filled = true;
      continue;
    }
    // What is left once HTML comments (possibly spanning lines) are taken out.
    let visible = '';
    let rest = text;
    while (rest !== '') {
      if (inComment) {
        const end = rest.indexOf('-->');
        if (end < 0) break;
        inComment = false;
        rest = rest.slice(end + 3);
      } else {
        const start = rest.indexOf('<!--');
        if (start < 0) {
          visible += rest;
          break;
        }
        visible += rest.slice(0, start);
        inComment = true;
        rest = rest.slice(start + 4);
      }
    }
    const heading = HEADING.exec(visible);
    if (heading) {
      const depth = heading[1].length;
      if (open && depth <= open.depth) {
        sections.get(open.section)!.contentEnd = lines[index].offset;
        open = null;
      }
      const label = normalizeLabel(heading[2] ?? '');
      const section: Tracked | null = ROOT_CAUSE_HEADING.test(label)
        ? 'root-cause'
        : actionHeadings.has(label)
          ? 'action-items'
          : LESSONS_HEADING.test(label)
            ? 'lessons-learned'
            : DECISION_HEADING.test(label)
              ? 'decision'
              : null;
      if (section && !sections.has(section)) {
        const contentStart = lines[index + 1]?.offset ?? markdown.length;
        sections.set(section, { line: index + 1, depth, filled: false, contentStart, contentEnd: markdown.length, lines: [] });
        open = { section, depth };
      }
      continue;
    }
    if (open && visible.trim() !== '') {
      const tracked = sections.get(open.section)!;
      tracked.filled = true;
      if (tracked.lines.length < 20) tracked.lines.push(visible.trim());
    }
    if (links.length < MAX_LINKS && visible.includes('](')) {
      for (const match of visible.matchAll(LINK)) {
        const path = resolveLink(match[1] ?? match[2], file);
        if (path !== null && !links.includes(path)) links.push(path);
        if (links.length >= MAX_LINKS) break;
      }
    }
  }
  const unfilled: TextSections['unfilled'] = [];
  for (const section of ['root-cause', 'action-items', 'lessons-learned'] as const) {
    const found = sections.get(section);
    if (!found || !found.filled) unfilled.push({ section, line: found?.line ?? null });
  }
  const decision = sections.get('decision');
  return {
    links,
    unfilled,
    decision: decision ? { line: decision.line, contentStart: decision.contentStart, contentEnd: decision.contentEnd, filled: decision.filled, lines: decision.lines } : null,
  };
}
