/**
 * Incident parts of an RCA (seed 003) or a post-mortem (seed 002): severity, status, date, timeline and impact.
 */
import type { ListItem, TableRow } from 'mdast';
import type { ActionItem, Incident, IncidentStatus, Severity, TimelineEntry } from '../model';
import { isOpenAction } from './actions';
import type { ParseContext } from './context';
import { nodeText, normalizeLabel, visitNodes } from './mdast';
import { FIELD_LINE, IMPACT_HEADING, TIMELINE_HEADING } from './vocabulary';

const SEVERITY = /\b(?:SEV[- ]?([0-4])|P([0-3]))\b/i;
const TIME = /^\s*(?:\*\*|__)?\s*((?:\d{4}-\d{2}-\d{2}[ T])?\d{1,2}[:h]\d{2}(?::\d{2})?)\s*(?:\*\*|__)?\s*(?:[-—–:|]\s*)?(.*)$/;
const DATE_IN_NAME = /(\d{4}-\d{2}-\d{2})/;

const STATUS_WORDS: Array<[RegExp, IncidentStatus]> = [
  [/^(?:resolved|closed|done|fixed|resolu|ferme|clos|termine)$/, 'resolved'],
  [/^(?:mitigated|monitoring|stabilized|stabilised|attenue|contourne)$/, 'mitigated'],
  [/^(?:open|ongoing|investigating|active|ouvert|en cours|identified)$/, 'open'],
];

/** `SEV-2`, `sev2`, `Sev 2`, `2` (taken as SEV), `p1` → the canonical `SEV2` / `P1`; null when it is none of these. */
export function normalizeSeverity(value: unknown): Severity | null {
  if (typeof value === 'number' && value >= 0 && value <= 4) return value === 0 ? 'P0' : (`SEV${value}` as Severity);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (/^[1-4]$/.test(trimmed)) return `SEV${trimmed}` as Severity;
  const match = SEVERITY.exec(trimmed);
  if (!match) return null;
  return (match[1] !== undefined ? `SEV${match[1]}` : `P${match[2]}`) as Severity;
}

export function normalizeIncidentStatus(value: unknown): IncidentStatus | null {
  if (typeof value !== 'string') return null;
  const word = normalizeLabel(value).split(/[\s,;(]/)[0] ?? '';
  const phrase = normalizeLabel(value);
  for (const [pattern, status] of STATUS_WORDS) {
    if (pattern.test(word) || pattern.test(phrase)) return status;
  }
  return null;
}

function fieldValue(context: ParseContext, names: RegExp): { value: string; line: number } | null {
  for (const field of context.fieldLines) {
    const match = FIELD_LINE.exec(field.text);
    if (match && names.test(normalizeLabel(match[1]))) return { value: match[2].replace(/[*_`]/g, '').trim(), line: field.line };
  }
  return null;
}

function sectionBlocks(context: ParseContext, heading: RegExp) {
  return context.sections.filter((block) => block.labels.some((label) => heading.test(label)));
}

function timelineOf(context: ParseContext): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  for (const block of sectionBlocks(context, TIMELINE_HEADING)) {
    visitNodes(block.node, null, (node) => {
      if (node.type === 'listItem') {
        const first = (node as ListItem).children[0];
        const match = first ? TIME.exec(nodeText(first).replace(/\s+/g, ' ')) : null;
        if (match) entries.push({ time: match[1], text: match[2].trim(), line: node.position?.start.line ?? 1 });
      } else if (node.type === 'tableRow') {
        const cells = (node as TableRow).children.map((cell) => nodeText(cell).trim());
        const match = cells.length > 1 ? TIME.exec(cells[0]) : null;
        if (match && match[2] === '') entries.push({ time: match[1], text: cells.slice(1).join(' — '), line: node.position?.start.line ?? 1 });
      }
    });
  }
  return entries;
}

function impactOf(context: ParseContext): Record<string, string> {
  const impact: Record<string, string> = {};
  for (const block of sectionBlocks(context, IMPACT_HEADING)) {
    visitNodes(block.node, 'listItem', (item) => {
      const first = item.children[0];
      const text = first ? nodeText(first).replace(/\s+/g, ' ').trim() : '';
      const match = /^([^:]{1,60}?)\s*:\s*(.+)$/.exec(text);
      if (match) impact[match[1].trim()] = match[2].trim();
    });
  }
  return impact;
}

/** Incident parts of a document already known to be an RCA or a post-mortem. */
export function parseIncidentParts(
  context: ParseContext,
  kind: 'rca' | 'postmortem',
  options: { title: string | null; titleLine: number; frontmatter: Record<string, unknown>; file: string; actions: ActionItem[] },
): Incident {
  const { frontmatter, title } = options;
  const severityField = fieldValue(context, /^(?:severity|severite|sev|niveau|urgency|urgence|priority|priorite)$/);
  const severity =
    normalizeSeverity(frontmatter.severity ?? frontmatter.sev) ??
    (title ? normalizeSeverity(SEVERITY.exec(title)?.[0] ?? null) : null) ??
    normalizeSeverity(severityField?.value ?? null);

  const statusField = fieldValue(context, /^(?:status|statut|etat|state)$/);
  const writtenStatus = normalizeIncidentStatus(frontmatter.status) ?? normalizeIncidentStatus(statusField?.value ?? null);
  const openActions = options.actions.some(isOpenAction);

  const dateField = fieldValue(context, /^(?:date|incident date|date de l'incident)$/);
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
    timeline: timelineOf(context),
    impact: impactOf(context),
    line: options.titleLine,
  };
}
