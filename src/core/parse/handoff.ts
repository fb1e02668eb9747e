/** A hand-off document's parts: title, urgency, who decides, and its Decision section (text-sections.ts). */
import type { Handoff, Urgency } from '../model';
import type { FrontmatterBlock } from './frontmatter';
import type { ParseContext } from './context';
import { statusFieldOf } from './incident';
import type { DecisionSection } from './text-sections';

const DATE_IN_NAME = /(\d{4}-\d{2}-\d{2})/;
/**
 * `Decided by Léa Martin on 2026-11-25`, `Décidé par Léa le 2026-11-25`, emphasis around it allowed (`_…_` too: after
 * the date, `\b` would refuse the underscore, a word character).
 */
const DECIDED = /^[*_]{0,2}(?:decided by|d[ée]cid[ée]e? par)[ \t]+(.{1,120}?)[ \t]+(?:on|le)[ \t]+(\d{4}-\d{2}-\d{2})(?![\p{L}\p{N}])/iu;

function urgencyOf(value: unknown): Urgency | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const match = /^\s*p?([0-3])\s*$/i.exec(String(value));
  return match ? (`P${match[1]}` as Urgency) : null;
}

/** The hand-off parts of a document of kind `handoff`. `bomLength` turns the section's markdown offsets into text offsets. */
export function parseHandoffParts(
  context: ParseContext,
  options: { title: string | null; titleLine: number; frontmatter: Record<string, unknown>; frontmatterBlock: FrontmatterBlock | null; file: string; decision: DecisionSection | null; bomLength: number },
): Handoff {
  const { frontmatter, decision } = options;
  const title = (typeof frontmatter.title === 'string' ? frontmatter.title : null) ?? options.title?.replace(/^\s*(?:hand-?off|passation)\s*[:—–-]\s*/i, '').trim() ?? options.file;
  const date =
    (typeof frontmatter.date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(frontmatter.date) ? frontmatter.date.slice(0, 10) : null) ??
    DATE_IN_NAME.exec(options.file.split('/').pop() ?? '')?.[1] ??
    null;
  const to = typeof frontmatter.to === 'string' && frontmatter.to.trim() !== '' ? frontmatter.to.trim().replace(/^@/, '') : null;
  let decidedBy: string | null = null;
  let decidedOn: string | null = null;
  const words: string[] = [];
  for (const line of decision?.lines ?? []) {
    const record = DECIDED.exec(line);
    if (record && decidedBy === null) {
      // Emphasis around the name (`**Léa Martin**`), not inside it (`ann_lee`).
      decidedBy = record[1].replace(/^[*_]+|[*_]+$/g, '').trim();
      decidedOn = record[2];
    } else words.push(line);
  }
  return {
    title: title || options.file,
    date,
    urgency: urgencyOf(frontmatter.urgency ?? frontmatter.priority),
    to,
    line: options.titleLine,
    decisionSection: decision
      ? { line: decision.line, contentStart: decision.contentStart + options.bomLength, contentEnd: decision.contentEnd + options.bomLength }
      : null,
    decided: decision?.filled ?? false,
    decision: words.length > 0 ? words.join(' ') : null,
    decidedBy,
    decidedOn,
    statusField: statusFieldOf(context, options.frontmatterBlock),
  };
}
