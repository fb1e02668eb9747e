/**
 * The daily briefing (`runbook report`, the extension's "Show Report"): one function from the parsed workspace to the
 * report's data, which both front ends render (markdown.ts) or print as JSON. Seed 000 §6 and seed 003 step 5: open
 * incidents, overdue follow-ups by owner, runbooks waiting for approval, what needs escalating, and what changed since.
 */
import type { RunbookConfig } from '../config';
import { isValidDate } from '../dates';
import { bilingual, RunbookError } from '../errors';
import { incidentClock } from '../incident-policy';
import { fromMinutes, localDateTime, toMinutes, type LocalDateTime } from '../local-time';
import type { ParsedDocument, Severity } from '../model';
import { actionRows, incidentRows, runbookRows, type ActionRow, type IncidentRow, type RunbookRow } from '../report';
import { briefingEscalations, type Escalation } from './escalations';

/** Where an incident stands against its first-response target. */
export type ResponseStatus =
  /** A response is in the timeline, within its target (or there is no target). */
  | 'responded'
  /** A response is in the timeline, after its target. */
  | 'late'
  /** No response yet and the target has passed. */
  | 'overdue'
  /** No response yet, the target has not passed. */
  | 'waiting'
  /** No target applies, or no detection time to count from. */
  | 'unknown';

/** One open follow-up (action item) of an open incident. */
/** `file` is the incident's document or another document of the same incident (its post-mortem). */
export interface FollowUp extends Pick<ActionRow, 'file' | 'line' | 'index' | 'text' | 'owner' | 'due'> {
  overdue: boolean;
}

/** An open incident in the report: the listing's row (report.ts) as far as the report shows it, plus its age and follow-ups. */
export interface OpenIncident extends Pick<IncidentRow, 'file' | 'line' | 'kind' | 'title' | 'date' | 'severity' | 'status' | 'related' | 'respondedAt' | 'responseDueAt'> {
  /** Minutes since detection (or since the start of its date when the timeline has no detection), or null. */
  ageMinutes: number | null;
  response: ResponseStatus;
  followUps: FollowUp[];
}

export interface OverdueAction {
  file: string;
  line: number;
  index: number;
  text: string;
  due: string;
}

/** Overdue action items of one owner (`owner` null: items nobody owns). */
export interface OwnerActions {
  owner: string | null;
  actions: OverdueAction[];
}

export type WaitingRunbook = RunbookRow;

export interface IncidentRef {
  file: string;
  line: number;
  title: string;
  severity: Severity | null;
  date: string | null;
}

export interface ClosedAction {
  file: string;
  line: number;
  index: number;
  text: string;
  owner: string | null;
  /** The day the History section records it done. */
  on: string;
  by: string | null;
}

export interface AcceptedRunbook {
  file: string;
  line: number;
  title: string | null;
  by: string;
  on: string;
}

/**
 * Briefings of several workspace folders as one (each built with its own folder's configuration, files already
 * labelled with their folder): every list concatenated in its own order; `generatedAt` and `since.date` of the first.
 */
export function mergeBriefings(briefings: readonly Briefing[]): Briefing {
  const [first, ...rest] = briefings;
  if (!first) throw new RunbookError('invalid-field', bilingual('no workspace folder to report on', "aucun dossier d'espace de travail sur lequel faire le rapport"));
  const merged: Briefing = structuredClone(first);
  for (const other of rest) {
    merged.openIncidents.push(...other.openIncidents);
    merged.waitingRunbooks.push(...other.waitingRunbooks);
    merged.escalations.push(...other.escalations);
    for (const group of other.overdueActions) {
      const same = merged.overdueActions.find((mine) => (mine.owner ?? '').toLowerCase() === (group.owner ?? '').toLowerCase() && (mine.owner === null) === (group.owner === null));
      if (same) same.actions.push(...group.actions);
      else merged.overdueActions.push(group);
    }
    merged.since.opened.push(...other.since.opened);
    merged.since.resolved.push(...other.since.resolved);
    merged.since.actionsClosed.push(...other.since.actionsClosed);
    merged.since.accepted.push(...other.since.accepted);
  }
  merged.overdueActions.sort((a, b) => (a.owner === null ? 1 : b.owner === null ? -1 : a.owner.localeCompare(b.owner)));
  // One run of incidents per severity, as in one folder's report (the sort is stable within a severity).
  const rank = (severity: Severity | null): number => (severity ? SEVERITY_RANK.indexOf(severity) : SEVERITY_RANK.length);
  merged.openIncidents.sort((a, b) => rank(a.severity) - rank(b.severity));
  return merged;
}

/** What changed from `date` (inclusive) to now. */
export interface SinceSection {
  date: string;
  opened: IncidentRef[];
  resolved: Array<IncidentRef & { resolvedAt: LocalDateTime | null }>;
  actionsClosed: ClosedAction[];
  accepted: AcceptedRunbook[];
}

/** The whole report; the JSON output is this object as it is. */
export interface Briefing {
  /** The moment the report describes, `YYYY-MM-DDTHH:MM` local time. */
  generatedAt: LocalDateTime;
  openIncidents: OpenIncident[];
  overdueActions: OwnerActions[];
  waitingRunbooks: WaitingRunbook[];
  escalations: Escalation[];
  since: SinceSection;
}

export type { Escalation, EscalationKind } from './escalations';

const SEVERITY_RANK: readonly Severity[] = ['P0', 'SEV1', 'P1', 'SEV2', 'P2', 'SEV3', 'P3', 'SEV4'];

/** The day before `date` (`YYYY-MM-DD`). */
export function dayBefore(date: string): string {
  return fromMinutes(toMinutes(`${date}T00:00`) - 24 * 60).slice(0, 10);
}

function responseStatus(clock: ReturnType<typeof incidentClock>): ResponseStatus {
  if (clock.respondedAt) return clock.responseOverdue ? 'late' : 'responded';
  if (clock.responseOverdue) return 'overdue';
  return clock.responseDueAt ? 'waiting' : 'unknown';
}

function openIncidents(documents: readonly ParsedDocument[], config: RunbookConfig, now: Date, today: string): OpenIncident[] {
  const local = localDateTime(now);
  const byFile = new Map(documents.map((doc) => [doc.file, doc]));
  return incidentRows(documents, config, now, { open: true }).map((row) => {
    const doc = byFile.get(row.file)!;
    const clock = incidentClock(doc, config, local);
    const start = clock.detectedAt ?? (row.date ? `${row.date}T00:00` : null);
    const age = start ? toMinutes(local) - toMinutes(start) : Number.NaN;
    return {
      file: row.file,
      line: row.line,
      kind: row.kind,
      title: row.title,
      date: row.date,
      severity: row.severity,
      status: row.status,
      related: row.related,
      ageMinutes: Number.isFinite(age) && age >= 0 ? age : null,
      response: responseStatus(clock),
      respondedAt: clock.respondedAt,
      responseDueAt: clock.responseDueAt,
      // Open items of the incident's documents; overdue as the listings say it (a disable comment switches it off).
      followUps: actionRows([doc, ...row.related.map((file) => byFile.get(file)!)], today, { open: true }).map((action) => ({
        file: action.file,
        line: action.line,
        index: action.index,
        text: action.text,
        owner: action.owner,
        due: action.due,
        overdue: action.overdue,
      })),
    };
  });
}

function overdueByOwner(documents: readonly ParsedDocument[], today: string): OwnerActions[] {
  const groups = new Map<string | null, OverdueAction[]>();
  for (const row of actionRows(documents, today, { overdue: true })) {
    const owner = row.owner === null ? null : row.owner;
    const key = owner === null ? null : owner.toLowerCase();
    const found = [...groups.keys()].find((name) => (name === null ? key === null : name.toLowerCase() === key));
    const list = groups.get(found === undefined ? owner : found) ?? [];
    list.push({ file: row.file, line: row.line, index: row.index, text: row.text, due: row.due! });
    groups.set(found === undefined ? owner : found, list);
  }
  // Named owners alphabetically, then the unowned items.
  return [...groups]
    .map(([owner, actions]) => ({ owner, actions }))
    .sort((a, b) => (a.owner === null ? 1 : b.owner === null ? -1 : a.owner.localeCompare(b.owner)));
}

function sinceSection(documents: readonly ParsedDocument[], config: RunbookConfig, now: Date, date: string): SinceSection {
  const local = localDateTime(now);
  const since: SinceSection = { date, opened: [], resolved: [], actionsClosed: [], accepted: [] };
  for (const doc of documents) {
    const incident = doc.incident;
    if (incident) {
      const clock = incidentClock(doc, config, local);
      const ref: IncidentRef = { file: doc.file, line: incident.line, title: incident.title, severity: incident.severity, date: incident.date };
      const openedOn = clock.detectedAt?.slice(0, 10) ?? incident.date;
      if (openedOn !== null && openedOn >= date) since.opened.push(ref);
      const resolvedOn = clock.resolvedAt?.slice(0, 10) ?? null;
      if (incident.status === 'resolved' && resolvedOn !== null && resolvedOn >= date) since.resolved.push({ ...ref, resolvedAt: clock.resolvedAt });
    }
    for (const entry of doc.history?.entries ?? []) {
      if (entry.date === null || entry.date < date) continue;
      if (entry.event === 'done' && entry.action !== null) {
        const action = doc.actions.find((item) => item.index === entry.action);
        if (action?.done) since.actionsClosed.push({ file: doc.file, line: action.line, index: action.index, text: action.text, owner: action.owner, on: entry.date, by: entry.by });
      }
    }
    const acceptance = doc.runbook?.status?.value === 'ACCEPTED' ? doc.runbook.status.acceptance : null;
    if (acceptance && acceptance.at >= date) {
      since.accepted.push({ file: doc.file, line: doc.runbook!.status!.line, title: doc.title, by: acceptance.by, on: acceptance.at });
    }
  }
  const order = (a: { file: string; line: number }, b: { file: string; line: number }): number => a.file.localeCompare(b.file) || a.line - b.line;
  since.opened.sort(order);
  since.resolved.sort(order);
  since.actionsClosed.sort(order);
  since.accepted.sort(order);
  return since;
}

export interface BriefingOptions {
  /** First day of the "since" section (inclusive), `YYYY-MM-DD`; the day before `now` when absent. */
  since?: string;
}

/**
 * The report over `documents` at `now`. Throws a usage `RunbookError` for a `since` that is not a real date or is
 * after today.
 */
export function buildBriefing(documents: readonly ParsedDocument[], config: RunbookConfig, now: Date, options: BriefingOptions = {}): Briefing {
  const generatedAt = localDateTime(now);
  const today = generatedAt.slice(0, 10);
  const since = options.since ?? dayBefore(today);
  if (!isValidDate(since)) throw new RunbookError('invalid-field', bilingual(`--since "${since}" is not a date YYYY-MM-DD`, `--since « ${since} » n'est pas une date AAAA-MM-JJ`), 'usage');
  if (since > today) throw new RunbookError('invalid-field', bilingual(`--since ${since} is after today (${today})`, `--since ${since} est après aujourd'hui (${today})`), 'usage');
  return {
    generatedAt,
    openIncidents: openIncidents(documents, config, now, today),
    overdueActions: overdueByOwner(documents, today),
    waitingRunbooks: runbookRows(documents, config).filter((row) => row.status !== 'ACCEPTED'),
    escalations: briefingEscalations(documents, config, now),
    since: sinceSection(documents, config, now, since),
  };
}
