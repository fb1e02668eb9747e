/**
 * Incident parts of an RCA (seed 003) or a post-mortem (seed 002): severity, status and where it is written, date,
 * timeline (parse/timeline.ts), impact, root cause, and the fields a status update quotes.
 */
import type { ListItem } from 'mdast';
import type { ActionItem, Incident, IncidentStatus, IncidentStatusField } from '../model';
import { findSeverity, normalizeSeverity } from '../severity';
import { isOpenAction } from './actions';
import type { ParseContext } from './context';
import { nodeText, normalizeLabel, visitNodes } from './mdast';
import type { FrontmatterBlock } from './source';
import { lineStartOffset, sectionInsertOffset, timelineEntries, timelineSection } from './timeline';
import { FIELD_LINE, IMPACT_HEADING, ROOT_CAUSE_HEADING } from './vocabulary';

export { normalizeSeverity } from '../severity';

const DATE_IN_NAME = /(\d{4}-\d{2}-\d{2})/;

/** Status words, compared after `normalizeLabel` (lower case, accents folded: `Résolu` → `resolu`). */
const STATUS_WORDS: Array<[RegExp, IncidentStatus]> = [
  [/^(?:resolved|closed|done|fixed|restored|resolu|resolue|ferme|fermee|clos|close|termine|terminee|retabli)$/, 'resolved'],
  [/^(?:mitigated|monitoring|stabilized|stabilised|attenue|attenuee|contourne|contournee|stabilise|stabilisee)$/, 'mitigated'],
  [/^(?:open|ongoing|investigating|active|ouvert|ouverte|en cours|identified|reopened|rouvert|reouvert)$/, 'open'],
];

/** `Résolu`, `resolved`, `en cours`, `MITIGATED` → the status they name; null for anything else. */
export function normalizeIncidentStatus(value: unknown): IncidentStatus | null {
  if (typeof value !== 'string') return null;
  const phrase = normalizeLabel(value);
  const word = phrase.split(/[\s,;(]/)[0] ?? '';
  for (const [pattern, status] of STATUS_WORDS) {
    if (pattern.test(word) || pattern.test(phrase)) return status;
  }
  return null;
}

/** The `Key: value` lines of a document, each matched once (normalised key, value without markup). */
type Fields = ReadonlyArray<{ key: string; value: string; line: number }>;

function fieldsOf(context: ParseContext): Fields {
  const fields: Array<{ key: string; value: string; line: number }> = [];
  for (const field of context.fieldLines) {
    const match = FIELD_LINE.exec(field.text);
    if (match) fields.push({ key: normalizeLabel(match[1]), value: match[2].replace(/[*_`]/g, '').trim(), line: field.line });
  }
  return fields;
}

function fieldValue(fields: Fields, names: RegExp): { value: string; line: number } | null {
  return fields.find((field) => names.test(field.key)) ?? null;
}

function sectionBlocks(context: ParseContext, heading: RegExp) {
  return context.sections.filter((block) => block.labels.some((label) => heading.test(label)));
}

/**
 * The key of a body status line, its value's first word (Unicode letters: `Résolu`, `ATTÉNUÉ`) and `en cours`. Runs of
 * blanks are bounded so a hostile line cannot make the match quadratic.
 */
const BODY_STATUS = /^([ \t]{0,8}(?:\*\*|__)?(?:status|statut|état|etat|state)[ \t]{0,8}(?:\*\*|__)?[ \t]{0,8}:[ \t]{0,8}(?:\*\*|__)?[ \t]{0,8}`?)(en[ \t]{1,8}cours|[\p{L}][\p{L}\p{N}_-]*)/iu;
/** `status:` at the top level of frontmatter, and the blanks after it. */
const FRONTMATTER_STATUS = /^status[ \t]{0,8}:[ \t]*/;

/** The value of a frontmatter line after `from`: up to a ` #` comment, trailing blanks dropped. */
function frontmatterValue(text: string, from: number): string {
  const rest = text.slice(from);
  const comment = rest.search(/[ \t]#/);
  return (comment === -1 ? rest : rest.slice(0, comment)).trimEnd();
}

/** Where the status is written: frontmatter `status:` first (as the listing reads it), else a `Status:` line. */
export function statusFieldOf(context: ParseContext, frontmatter: FrontmatterBlock | null): IncidentStatusField | null {
  for (const line of frontmatter?.error ? [] : (frontmatter?.lines ?? [])) {
    const match = FRONTMATTER_STATUS.exec(line.text);
    if (!match) continue;
    const value = frontmatterValue(line.text, match[0].length);
    const start = line.offset + match[0].length;
    return { source: 'frontmatter', value: value.replace(/^["']|["']$/g, ''), line: line.line, valueRange: { start, end: start + value.length } };
  }
  for (const field of context.fieldLines) {
    const match = BODY_STATUS.exec(field.text);
    if (!match) continue;
    const start = field.offset + match[1].length;
    return { source: 'body', value: match[2], line: field.line, valueRange: { start, end: start + match[2].length } };
  }
  return null;
}

function impactOf(context: ParseContext): Record<string, string> {
  const impact: Record<string, string> = {};
  for (const block of sectionBlocks(context, IMPACT_HEADING)) {
    visitNodes(block.node, 'listItem', (item: ListItem) => {
      const first = item.children[0];
      const text = first ? nodeText(first).replace(/\s+/g, ' ').trim() : '';
      const match = /^([^:]{1,60}?)\s*:\s*(.+)$/.exec(text);
      if (match) impact[match[1].trim()] = match[2].trim();
    });
  }
  return impact;
}

/** How much of the Root cause paragraph is read for its first sentence (which is cut at 300 characters anyway). */
const ROOT_CAUSE_SCAN = 2000;

/** Emphasis, code and link markup dropped from a paragraph's source, spaces collapsed. */
function plainText(source: string): string {
  return source
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__|\*|`)/g, '')
    .replace(/(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function firstSentence(text: string): string {
  const sentence = /^(.+?[.!?…])(?=\s|$)/u.exec(text)?.[1] ?? text;
  return sentence.length > 300 ? `${sentence.slice(0, 299)}…` : sentence;
}

/**
 * The first sentence of the Root cause section: its first paragraph or first list item. A paragraph is read from its
 * source range, which the fast scanner keeps even where it leaves the paragraph's text out of its tree; blocks that are
 * not prose (HTML comments such as the template's, code, quotes, tables) are skipped.
 */
function rootCauseOf(context: ParseContext): string | null {
  for (const block of sectionBlocks(context, ROOT_CAUSE_HEADING)) {
    const node = block.node;
    let text = '';
    if (node.type === 'list') {
      const first = (node.children[0] as ListItem | undefined)?.children[0];
      text = first ? nodeText(first).replace(/\s+/g, ' ').trim() : '';
    } else if ((node.type === 'paragraph' || node.type === 'thematicBreak') && node.position) {
      const start = node.position.start.offset! + context.bomLength;
      const indent = context.text.slice(lineStartOffset(context.text, start), start);
      // Only the start is needed for a first sentence; a bounded slice keeps the clean-up linear on any input.
      const source = context.text.slice(start, Math.min(node.position.end.offset! + context.bomLength, start + ROOT_CAUSE_SCAN)).trim();
      if (/^(?: {4}|\t)/.test(indent) || /^(?:[<>|]|```|~~~|([-*_])(?:[ \t]*\1){2,}[ \t]*$)/.test(source)) continue;
      text = plainText(source);
    }
    if (text !== '') return firstSentence(text);
  }
  return null;
}

/** A frontmatter string, or a `Key: value` field line whose normalised key matches `names`. */
function documentField(fields: Fields, frontmatter: Record<string, unknown>, key: string, names: RegExp): string | null {
  const value = frontmatter[key];
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  return fieldValue(fields, names)?.value || null;
}

/** Incident parts of a document already known to be an RCA or a post-mortem. */
export function parseIncidentParts(
  context: ParseContext,
  kind: 'rca' | 'postmortem',
  options: {
    title: string | null;
    titleLine: number;
    frontmatter: Record<string, unknown>;
    frontmatterBlock: FrontmatterBlock | null;
    file: string;
    actions: ActionItem[];
  },
): Omit<Incident, 'unfilledSections'> {
  const { frontmatter, title } = options;
  const fields = fieldsOf(context);
  const severityField = fieldValue(fields, /^(?:severity|severite|sev|niveau|urgency|urgence|priority|priorite)$/);
  const severity =
    normalizeSeverity(frontmatter.severity ?? frontmatter.sev) ??
    (title ? findSeverity(title) : null) ??
    normalizeSeverity(severityField?.value ?? null);

  const statusField = fieldValue(fields, /^(?:status|statut|etat|state)$/);
  const writtenStatus = normalizeIncidentStatus(frontmatter.status) ?? normalizeIncidentStatus(statusField?.value ?? null);
  const openActions = options.actions.some(isOpenAction);

  const dateField = fieldValue(fields, /^(?:date|incident date|date de l'incident)$/);
  const date =
    (typeof frontmatter.date === 'string' && /^\d{4}-\d{2}-\d{2}/.test(frontmatter.date) ? frontmatter.date.slice(0, 10) : null) ??
    DATE_IN_NAME.exec(options.file.split('/').pop() ?? '')?.[1] ??
    (dateField ? (DATE_IN_NAME.exec(dateField.value)?.[1] ?? null) : null);

  return {
    kind,
    title: (typeof frontmatter.title === 'string' ? frontmatter.title : null) ?? title ?? options.file,
    date,
    severity,
    status: writtenStatus ?? (openActions ? 'open' : 'resolved'),
    statusExplicit: writtenStatus !== null,
    statusField: statusFieldOf(context, options.frontmatterBlock),
    timeline: timelineEntries(context, date),
    timelineSection: timelineSection(context),
    sectionInsertOffset: sectionInsertOffset(context),
    impact: impactOf(context),
    rootCause: rootCauseOf(context),
    symptom: documentField(fields, frontmatter, 'symptom', /^(?:symptoms?|symptomes?)$/),
    eta: documentField(fields, frontmatter, 'eta', /^(?:eta|estimated restore|retablissement prevu)$/),
    channel: documentField(fields, frontmatter, 'channel', /^(?:channel|canal)$/),
    line: options.titleLine,
  };
}
