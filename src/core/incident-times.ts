/**
 * The times of an incident, read from its timeline: detection, first response, mitigation, restoration, and the
 * downtime between detection and restoration. Entries are `- HH:MM text` (on the incident's date, rolling over past
 * midnight) or `- YYYY-MM-DD HH:MM text`; what an entry says is decided by configurable keywords, English and French as
 * the seeds write them (`detection`, `triage`, `mitigation`, `service restored`, `détection`, `rétabli` …), compared
 * without case or accents at word boundaries. Frontmatter `detected`, `responded`, `mitigated`, `resolved`
 * (`YYYY-MM-DD HH:MM`) stand in for a missing entry. Pure: reused by listings, checks, status updates and reports.
 */
import type { RunbookConfig } from './config';
import { atTimeOfDay, fromMinutes, parseDateTime, timeOfDay, toMinutes, type LocalDateTime } from './local-time';
import type { ParsedDocument, TimelineEntry } from './model';

/** What a timeline entry records, in the order an entry matching several is decided. */
export const ENTRY_KINDS = ['reopen', 'restoration', 'mitigation', 'response', 'detection'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

/** Keywords per entry kind; `*` at the end of a keyword matches any ending (`détecté*`: détecté, détectée …). */
export type TimelineKeywords = Record<EntryKind, string[]>;

/** The default vocabulary, from the seeds (002's post-mortem timeline, 003's RCA process) in English and French. */
export const DEFAULT_TIMELINE_KEYWORDS: Readonly<TimelineKeywords> = Object.freeze({
  detection: ['detection', 'detected', 'alert*', 'paged', 'détection', 'détecté*', 'alerte*'],
  response: ['triage*', 'acknowledged', 'acknowledgement', 'investigating', 'investigation', 'responding', 'prise en charge', 'pris en charge', 'acquitté*', 'enquête'],
  mitigation: ['mitigation', 'mitigated', 'mitigating', 'workaround', 'rolled back', 'rollback', 'atténuation', 'atténué*', 'contournement', 'contourné*'],
  restoration: ['service restored', 'restored', 'back online', 'recovered', 'resolved', 'rétabli*', 'rétablissement', 'résolu*', 'de retour en ligne', 'remis en service'],
  reopen: ['reopened', 'reopen', 'réouvert*', 'rouvert*'],
});

/** Lower case, accents folded (NFD without combining marks): `Rétabli` and `retabli` compare equal. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One keyword as a Unicode-aware pattern over folded text: whole words only, `*` a word ending. */
function keywordPattern(keyword: string): string {
  const stem = keyword.trim().endsWith('*');
  const words = foldText(keyword.trim().replace(/\*$/, '')).split(/\s+/).filter(Boolean).map(escapeRegExp);
  return `(?<![\\p{L}\\p{N}])${words.join('\\s+')}${stem ? '[\\p{L}\\p{N}]*' : ''}(?![\\p{L}\\p{N}])`;
}

const matchers = new WeakMap<object, Array<[EntryKind, RegExp]>>();

function matchersOf(keywords: TimelineKeywords): Array<[EntryKind, RegExp]> {
  let list = matchers.get(keywords);
  if (!list) {
    list = ENTRY_KINDS.map((kind) => {
      const patterns = (keywords[kind] ?? []).filter((keyword) => keyword.replace(/\*$/, '').trim() !== '').map(keywordPattern);
      // A kind with no keywords matches nothing.
      return [kind, new RegExp(patterns.length > 0 ? patterns.join('|') : '(?!)', 'u')] as [EntryKind, RegExp];
    });
    matchers.set(keywords, list);
  }
  return list;
}

/** What an entry's text records (`14:02 détection (UptimeRobot)` → detection), or null. */
export function classifyEntry(text: string, keywords: TimelineKeywords): EntryKind | null {
  const folded = foldText(text);
  for (const [kind, pattern] of matchersOf(keywords)) if (pattern.test(folded)) return kind;
  return null;
}

/** A jump back of more than this between two undated entries is read as crossing midnight (23:50 → 00:20). */
const MIDNIGHT_JUMP = 12 * 60;

/**
 * The date-time of each entry as written (`time` is `HH:MM` or `YYYY-MM-DD HH:MM`), in document order. Undated entries
 * are on the incident's date, or on the day of the dated entry before them; one that goes back more than 12 hours from
 * the entry before it is on the next day. Null for an undated entry when there is no date to put it on.
 */
export function resolveEntryTimes(times: readonly string[], incidentDate: string | null): Array<LocalDateTime | null> {
  let day = incidentDate;
  let previous: number | null = null;
  return times.map((time) => {
    const dated = parseDateTime(time);
    if (dated) {
      day = dated.slice(0, 10);
      previous = toMinutes(dated);
      return dated;
    }
    const minutes = timeOfDay(time);
    if (minutes === null || day === null) return null;
    let at = toMinutes(atTimeOfDay(day, minutes));
    if (previous !== null && at < previous - MIDNIGHT_JUMP) at += 24 * 60;
    previous = at;
    const resolved = fromMinutes(at);
    day = resolved.slice(0, 10);
    return resolved;
  });
}

/** The times of an incident; every one null when neither the timeline nor the frontmatter has it. */
export interface IncidentTimes {
  detectedAt: LocalDateTime | null;
  /** The first triage, acknowledgement or investigation at or after detection — or mitigation, if that came first. */
  respondedAt: LocalDateTime | null;
  /** The first mitigation since the incident was last reopened. */
  mitigatedAt: LocalDateTime | null;
  /** Service restored: the first restoration since the incident was last reopened. */
  resolvedAt: LocalDateTime | null;
  /** Detection → restoration, in minutes. */
  downtimeMinutes: number | null;
  /** The latest timeline entry, whatever it says. */
  lastEntryAt: LocalDateTime | null;
}

function frontmatterTime(doc: ParsedDocument, key: string): LocalDateTime | null {
  const value = doc.frontmatter[key];
  return typeof value === 'string' ? parseDateTime(value) : null;
}

/** Entries with a time, ordered by it (document order among equal times), with what each records. */
export function datedEntries(entries: readonly TimelineEntry[], keywords: TimelineKeywords): Array<{ entry: TimelineEntry; at: LocalDateTime; kind: EntryKind | null }> {
  return entries
    .filter((entry): entry is TimelineEntry & { at: LocalDateTime } => entry.at !== null)
    .map((entry) => ({ entry, at: entry.at, kind: classifyEntry(entry.text, keywords) }))
    .sort((a, b) => toMinutes(a.at) - toMinutes(b.at));
}

/**
 * The times last read per parsed document, for the keywords they were read with. A parsed document does not change,
 * and the sidebar, the Problems panel and the listings ask for the same incidents' times on every refresh: classifying
 * every timeline entry again made a view refresh at 10,000 documents stall the extension host for about 0.5 s.
 */
const timesRead = new WeakMap<ParsedDocument, { keywords: TimelineKeywords; times: Readonly<IncidentTimes> }>();

/** Read the incident times of `doc` (all null when it is not an incident); the result is shared, so it is frozen. */
export function incidentTimes(doc: ParsedDocument, config: Pick<RunbookConfig, 'timelineKeywords'>): Readonly<IncidentTimes> {
  const known = timesRead.get(doc);
  if (known && known.keywords === config.timelineKeywords) return known.times;
  const times = Object.freeze(readIncidentTimes(doc, config.timelineKeywords));
  timesRead.set(doc, { keywords: config.timelineKeywords, times });
  return times;
}

function readIncidentTimes(doc: ParsedDocument, keywords: TimelineKeywords): IncidentTimes {
  const entries = doc.incident ? datedEntries(doc.incident.timeline, keywords) : [];
  const first = (kinds: readonly EntryKind[], after: LocalDateTime | null): LocalDateTime | null =>
    entries.find((item) => item.kind !== null && kinds.includes(item.kind) && (after === null || item.at >= after))?.at ?? null;
  const reopenedAt = [...entries].reverse().find((item) => item.kind === 'reopen')?.at ?? null;
  const detectedAt = first(['detection'], null) ?? frontmatterTime(doc, 'detected');
  const respondedAt = first(['response', 'mitigation', 'restoration'], detectedAt) ?? frontmatterTime(doc, 'responded');
  const since = (kind: EntryKind, key: string): LocalDateTime | null => {
    const found = first([kind], reopenedAt);
    if (found) return found;
    const written = frontmatterTime(doc, key);
    return written && (reopenedAt === null || written >= reopenedAt) ? written : null;
  };
  const mitigatedAt = since('mitigation', 'mitigated');
  const resolvedAt = since('restoration', 'resolved');
  const downtime = detectedAt && resolvedAt ? toMinutes(resolvedAt) - toMinutes(detectedAt) : null;
  return {
    detectedAt,
    respondedAt,
    mitigatedAt,
    resolvedAt,
    downtimeMinutes: downtime !== null && downtime >= 0 ? downtime : null,
    lastEntryAt: entries.length > 0 ? entries[entries.length - 1].at : null,
  };
}
