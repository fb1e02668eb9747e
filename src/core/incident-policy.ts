/**
 * The severity policy: how soon an incident must get its first response and how often an open one must be updated,
 * per severity (seed 002: SEV1 within 15 minutes, SEV2 within 4 business hours, SEV3 within 24 business hours, SEV4
 * none; updates every 30 minutes for SEV1/SEV2). P0–P3 follow SEV1–SEV4. Pure functions of the document, the
 * configuration and a given "now" — the listings, the check rules, the sidebar and reports all read them from here.
 */
import { addBusinessMinutes, businessSchedule } from './business-hours';
import type { RunbookConfig } from './config';
import { incidentTimes, type IncidentTimes } from './incident-times';
import { fromMinutes, toMinutes, type LocalDateTime } from './local-time';
import type { ParsedDocument } from './model';
import { normalizeSeverity, severityKey, type SeverityKey } from './severity';

/** A target as configured: `15m`, `4h business`, `24 business hours`, `none`. */
export type TargetText = string;

/** A parsed target: so many minutes, counted on the business clock or the wall clock. */
export interface Target {
  minutes: number;
  business: boolean;
  /** As configured, for messages. */
  text: string;
}

const TARGET = /^(\d{1,5})\s*(m|mins?|minutes?|h|hrs?|hours?|heures?)(?:\s+(business|ouvr[ée]e?s?))?$/iu;
const BUSINESS_FIRST = /^(\d{1,5})\s+(?:business|ouvr[ée]e?s?)\s+(minutes?|hours?|heures?)$/iu;

/** `15m` → 15 wall-clock minutes; `4h business` → 240 business minutes; `none` or empty → null; undefined when malformed. */
export function parseTarget(text: string): Target | null | undefined {
  const value = text.trim();
  if (value === '' || /^(?:none|aucune?)$/iu.test(value)) return null;
  const match = TARGET.exec(value);
  const businessFirst = match ? null : BUSINESS_FIRST.exec(value);
  if (!match && !businessFirst) return undefined;
  const amount = Number((match ?? businessFirst)![1]);
  const unit = (match ? match[2] : businessFirst![2]).toLowerCase();
  const minutes = unit.startsWith('h') ? amount * 60 : amount;
  return minutes > 0 ? { minutes, business: match ? match[3] !== undefined : true, text: value } : undefined;
}

/** Whether `value` is an object of severities (any spelling `normalizeSeverity` reads) to valid targets. */
export function isTargetTable(value: unknown): boolean {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return false;
  return Object.entries(value as Record<string, unknown>).every(
    ([key, target]) => normalizeSeverity(key) !== null && typeof target === 'string' && parseTarget(target) !== undefined,
  );
}

/** The configured table with its keys read as severities (`P0`, `sev-1` → `SEV1`). */
export function normalizeTargetTable(table: Readonly<Record<string, string>>): Record<SeverityKey, string> {
  const result: Partial<Record<SeverityKey, string>> = {};
  for (const [key, target] of Object.entries(table)) {
    const severity = normalizeSeverity(key);
    if (severity) result[severityKey(severity)] = target;
  }
  return result as Record<SeverityKey, string>;
}

/** The target for a severity in one of the configured tables; null when there is none. */
export function targetFor(severity: string | null, table: Readonly<Record<string, string>>): Target | null {
  const normalized = normalizeSeverity(severity);
  if (!normalized) return null;
  const text = normalizeTargetTable(table)[severityKey(normalized)];
  return text === undefined ? null : (parseTarget(text) ?? null);
}

/** The moment a target started at `start` falls due. */
export function dueAt(start: LocalDateTime, target: Target, config: Pick<RunbookConfig, 'businessDays' | 'businessHours'>): LocalDateTime | null {
  if (!target.business) return fromMinutes(toMinutes(start) + target.minutes);
  return addBusinessMinutes(start, target.minutes, businessSchedule(config.businessDays, config.businessHours));
}

/** An incident's times with where it stands against the policy at `now`. */
export interface IncidentClock extends IncidentTimes {
  /** The first response is due by then (detection + the severity's response target), or null without one. */
  responseDueAt: LocalDateTime | null;
  /** The first response came later than that, or has not come and that time has passed (while not resolved). */
  responseOverdue: boolean;
  responseTarget: Target | null;
  /** While the incident runs (not resolved, service not restored): the next update is due by then. */
  updateDueAt: LocalDateTime | null;
  updateOverdue: boolean;
  updateTarget: Target | null;
}

/** Where the incident of `doc` stands at `now` (local wall-clock time). */
export function incidentClock(doc: ParsedDocument, config: RunbookConfig, now: LocalDateTime): IncidentClock {
  const times = incidentTimes(doc, config);
  const incident = doc.incident;
  const severity = incident?.severity ?? null;
  const running = incident !== null && incident.status !== 'resolved' && times.resolvedAt === null;

  const responseTarget = targetFor(severity, config.responseTargets);
  const responseDueAt = responseTarget && times.detectedAt ? dueAt(times.detectedAt, responseTarget, config) : null;
  const responseOverdue =
    responseDueAt !== null && (times.respondedAt !== null ? times.respondedAt > responseDueAt : incident?.status !== 'resolved' && now > responseDueAt);

  const updateTarget = targetFor(severity, config.updateTargets);
  const lastUpdate = times.lastEntryAt ?? times.detectedAt;
  const updateDueAt = running && updateTarget && lastUpdate ? dueAt(lastUpdate, updateTarget, config) : null;
  return {
    ...times,
    responseDueAt,
    responseOverdue,
    responseTarget,
    updateDueAt,
    updateOverdue: updateDueAt !== null && now > updateDueAt,
    updateTarget,
  };
}
