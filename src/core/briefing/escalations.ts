/**
 * What the report lists under Escalations: things someone above the on-call must look at. Each kind comes from the
 * same function its check rule or listing uses, so the report and `runbook check` never disagree.
 */
import type { RunbookConfig } from '../config';
import { incidentClock } from '../incident-policy';
import { localDateTime, type LocalDateTime } from '../local-time';
import type { ParsedDocument } from '../model';
import { handoffRows } from '../handoffs';
import { overduePostmortems } from '../postmortem-deadline';
import { findRecurrences } from '../recurrence';

/** The JSON `kind` of an escalation; stable, tools filter on it. */
export type EscalationKind = 'recurrence' | 'response-overdue' | 'postmortem-overdue' | 'handoff';

export interface Escalation {
  kind: EscalationKind;
  file: string;
  line: number;
  title: string;
  /** The incident's severity, or the hand-off's urgency (P0–P3). */
  level: string | null;
  /** When it fell due: the response target, the post-mortem deadline; null for the others. */
  dueAt: LocalDateTime | null;
  /** Files of the similar incidents (recurrence). */
  related: string[];
  /** How long a hand-off has waited for its decision, in whole days from its date; null for the others or no date. */
  ageDays: number | null;
}

const KIND_ORDER: readonly EscalationKind[] = ['recurrence', 'response-overdue', 'postmortem-overdue', 'handoff'];

/** Open incidents past their first-response target with no response yet (a late response is history, not an escalation). */
function responseOverdue(documents: readonly ParsedDocument[], config: RunbookConfig, now: LocalDateTime): Escalation[] {
  const found: Escalation[] = [];
  for (const doc of documents) {
    const incident = doc.incident;
    if (!incident || incident.status === 'resolved') continue;
    const clock = incidentClock(doc, config, now);
    if (!clock.responseOverdue || clock.respondedAt) continue;
    found.push({ kind: 'response-overdue', file: doc.file, line: incident.line, title: incident.title, level: incident.severity, dueAt: clock.responseDueAt, related: [], ageDays: null });
  }
  return found;
}

/** Every escalation at `now`, grouped by kind in `KIND_ORDER`, then by level and file. */
export function briefingEscalations(documents: readonly ParsedDocument[], config: RunbookConfig, now: Date): Escalation[] {
  const local = localDateTime(now);
  const all: Escalation[] = [
    ...findRecurrences(documents, config).map((item): Escalation => {
      const level = documents.find((doc) => doc.file === item.file)?.incident?.severity ?? null;
      return { kind: 'recurrence', file: item.file, line: item.line, title: item.title, level, dueAt: null, related: item.others.map((other) => other.file), ageDays: null };
    }),
    ...responseOverdue(documents, config, local),
    ...overduePostmortems(documents, config, local.slice(0, 10)).map(
      (item): Escalation => ({ kind: 'postmortem-overdue', file: item.file, line: item.line, title: item.title, level: item.severity, dueAt: `${item.dueOn}T23:59`, related: [], ageDays: null }),
    ),
    // Open hand-offs by urgency, P0 first (the sort below orders them by level).
    ...handoffRows(documents, local.slice(0, 10), { open: true }).map(
      (row): Escalation => ({ kind: 'handoff', file: row.file, line: row.line, title: row.title, level: row.urgency, dueAt: null, related: [], ageDays: row.ageDays }),
    ),
  ];
  return all.sort(
    (a, b) =>
      KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) ||
      (a.level ?? '~').localeCompare(b.level ?? '~') ||
      a.file.localeCompare(b.file) ||
      a.line - b.line,
  );
}
