/**
 * Rows for the listings (`runbook actions|incidents|runbooks`, the sidebar and the report), with the JSON shapes the
 * CLI documents: workspace-relative `file` with `/`, 1-based `line`.
 */
import type { RunbookConfig } from './config';
import { isRuleDisabled } from './disables';
import { runbookGate } from './gate';
import { canonicalStatus } from './language';
import { incidentGroups } from './incident-identity';
import { incidentClock } from './incident-policy';
import { localDateTime, type LocalDateTime } from './local-time';
import type { ActionPriority, IncidentStatus, ParsedDocument, Severity } from './model';
import { isOpenAction } from './parse/actions';
import { isOverdue } from './dates';

/**
 * `a.localeCompare(b)` (the default locale's collation, as the listings always sorted), through one shared collator:
 * the same order, without setting up a comparison per call (~0.05 s of a warm 10k listing).
 */
const compareText = new Intl.Collator().compare;

export interface ActionRow {
  file: string;
  line: number;
  /** 1-based number within its document, as `runbook done <file> <n>` takes it. */
  index: number;
  text: string;
  owner: string | null;
  due: string | null;
  done: boolean;
  /** Cancelled (`- [-]`): listed, but neither open nor overdue. */
  cancelled: boolean;
  /** The day it was done (`✅ 2026-12-02`), or null. */
  completed: string | null;
  priority: ActionPriority | null;
  overdue: boolean;
}

export interface IncidentRow {
  file: string;
  line: number;
  kind: 'rca' | 'postmortem';
  title: string;
  date: string | null;
  severity: Severity | null;
  status: IncidentStatus;
  openActions: number;
  /** Times read from the timeline (or frontmatter), `YYYY-MM-DDTHH:MM` local time, or null. */
  detectedAt: LocalDateTime | null;
  respondedAt: LocalDateTime | null;
  mitigatedAt: LocalDateTime | null;
  resolvedAt: LocalDateTime | null;
  /** Detection → restoration, or null. */
  downtimeMinutes: number | null;
  /** Detection + the severity's response target, or null. */
  responseDueAt: LocalDateTime | null;
  responseOverdue: boolean;
  /** The other documents of the same incident (an RCA's post-mortem, or the reverse): one row for both. */
  related: string[];
}

export interface RunbookRow {
  file: string;
  line: number;
  title: string | null;
  status: string | null;
  /** Roles whose approval counts: checked, fresh and by an allowed approver. */
  approved: string[];
  /** Roles not approved at all. */
  missing: string[];
  /** Roles approved before the content last changed. */
  stale: string[];
  /** Roles approved by someone not among their configured approvers. */
  unauthorized: string[];
}

export interface ActionFilter {
  open?: boolean;
  overdue?: boolean;
  /** Owner name, with or without `@`, compared with case and accents folded (`emilie` finds `@Émilie`). */
  owner?: string;
  /** Any of these owners (the sidebar's "mine": the configured handle, the git user name, the e-mail's local part). */
  owners?: readonly string[];
}

/** An owner as compared: without `@`, accents folded, lower case (`@Émilie` → `emilie`). */
export function ownerKey(owner: string): string {
  return owner
    .trim()
    .replace(/^@/, '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase();
}

/** Whether two owner names name the same person: `@émilie`, `Emilie` and `EMILIE` do. */
export function sameOwner(a: string, b: string): boolean {
  return ownerKey(a) === ownerKey(b);
}

/** Action items of every document, filtered; overdue ones first, then by due date, file and line. */
export function actionRows(documents: readonly ParsedDocument[], today: string, filter: ActionFilter = {}): ActionRow[] {
  const owners = [...(filter.owner !== undefined ? [filter.owner] : []), ...(filter.owners ?? [])].map(ownerKey).filter((key) => key !== '');
  const ownerFilter = filter.owner !== undefined || filter.owners !== undefined;
  const rows: ActionRow[] = [];
  for (const doc of documents) {
    for (const action of doc.actions) {
      // An item whose overdue finding is switched off by a disable comment is not shown as overdue either.
      const open = isOpenAction(action);
      const overdue = isOverdue(action, today) && !isRuleDisabled(doc.disables, 'action-overdue', action.line);
      if (filter.open && !open) continue;
      if (filter.overdue && !overdue) continue;
      if (ownerFilter && (action.owner === null || !owners.includes(ownerKey(action.owner)))) continue;
      rows.push({
        file: doc.file,
        line: action.line,
        index: action.index,
        text: action.text,
        owner: action.owner,
        due: action.due,
        done: action.done,
        cancelled: action.cancelled,
        completed: action.completed,
        priority: action.priority,
        overdue,
      });
    }
  }
  return rows.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      compareText(a.due ?? '9999', b.due ?? '9999') ||
      compareText(a.file, b.file) ||
      a.line - b.line,
  );
}

const SEVERITY_ORDER: readonly string[] = ['P0', 'SEV1', 'P1', 'SEV2', 'P2', 'SEV3', 'P3', 'SEV4'];

/**
 * Incidents with their times and response target at `now`, one row per incident (an RCA and its post-mortem are one:
 * incident-identity.ts; the row is its primary document's, with the open actions of all), most severe first, then
 * newest first.
 */
export function incidentRows(documents: readonly ParsedDocument[], config: RunbookConfig, now: Date, filter: { open?: boolean } = {}): IncidentRow[] {
  const rows: IncidentRow[] = [];
  const local = localDateTime(now);
  for (const group of incidentGroups(documents)) {
    const doc = group.primary;
    const incident = doc.incident!;
    if (filter.open && incident.status === 'resolved') continue;
    const clock = incidentClock(doc, config, local);
    rows.push({
      file: doc.file,
      line: incident.line,
      kind: incident.kind,
      title: incident.title,
      date: incident.date,
      severity: incident.severity ?? group.documents.map((other) => other.incident!.severity).find((value) => value !== null) ?? null,
      status: incident.status,
      openActions: group.documents.reduce((sum, other) => sum + other.actions.filter(isOpenAction).length, 0),
      detectedAt: clock.detectedAt,
      respondedAt: clock.respondedAt,
      mitigatedAt: clock.mitigatedAt,
      resolvedAt: clock.resolvedAt,
      downtimeMinutes: clock.downtimeMinutes,
      responseDueAt: clock.responseDueAt,
      responseOverdue: clock.responseOverdue,
      related: group.documents.slice(1).map((other) => other.file),
    });
  }
  return rows.sort(compareIncidentRows);
}

/** The listing order of incidents: most severe first, then newest, then by file (rows of several folders merged too). */
export function compareIncidentRows(a: IncidentRow, b: IncidentRow): number {
  const rank = (severity: Severity | null): number => (severity ? SEVERITY_ORDER.indexOf(severity) : SEVERITY_ORDER.length);
  return rank(a.severity) - rank(b.severity) || compareText(b.date ?? '', a.date ?? '') || compareText(a.file, b.file);
}

/**
 * Runbooks with their approvals; `status` filters by state in either language and any case (`proposé` is PROPOSED).
 * Each role is in exactly one of `approved`, `missing`, `stale`, `unauthorized`.
 */
export function runbookRows(documents: readonly ParsedDocument[], config: RunbookConfig, filter: { status?: string } = {}): RunbookRow[] {
  const wanted = filter.status === undefined ? undefined : canonicalStatus(filter.status);
  const rows: RunbookRow[] = [];
  for (const doc of documents) {
    const runbook = doc.runbook;
    if (!runbook) continue;
    const status = runbook.status?.value ?? null;
    if (wanted !== undefined && status !== wanted) continue;
    const gate = runbookGate(runbook, config);
    rows.push({
      file: doc.file,
      line: runbook.status?.line ?? doc.titleLine,
      title: doc.title,
      status,
      approved: gate.approved,
      missing: gate.missing,
      stale: gate.stale.map((problem) => problem.role),
      unauthorized: gate.unauthorized.filter((problem) => !gate.stale.some((stale) => stale.role === problem.role)).map((problem) => problem.role),
    });
  }
  return rows.sort((a, b) => compareText(a.file, b.file));
}
