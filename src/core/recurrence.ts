/**
 * Recurrence (seed 002: "after 3 similar incidents in a month: strategic escalation"). Incidents are similar when
 * they share a frontmatter `service`, one of their `tags`, or link the same incident-type runbook. When
 * `recurrenceThreshold` similar incidents fall within `recurrenceWindowDays`, the newest of them carries the finding,
 * naming the others. An RCA and a post-mortem of one incident count once (incident-identity.ts).
 */
import type { RunbookConfig } from './config';
import { incidentGroups, type IncidentGroup } from './incident-identity';
import { toMinutes } from './local-time';
import type { ParsedDocument } from './model';

/** A recurrence found on its newest incident. */
export interface Recurrence {
  /** The newest incident's primary document and its title line. */
  file: string;
  line: number;
  title: string;
  date: string;
  /** The other similar incidents in the window, oldest first. */
  others: Array<{ file: string; title: string; date: string }>;
  /** What they share: `service payments`, `tag db`, `runbook docs/runbooks/db-failover.md`. */
  shared: string[];
}

function words(value: unknown): string[] {
  const list = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return list.filter((item): item is string => typeof item === 'string').map((item) => item.trim().toLowerCase()).filter((item) => item !== '');
}

/** The similarity keys of an incident: from every one of its documents. */
function similarityKeys(group: IncidentGroup, incidentRunbooks: ReadonlySet<string>): Set<string> {
  const keys = new Set<string>();
  for (const doc of group.documents) {
    for (const service of words(doc.frontmatter.service)) keys.add(`service ${service}`);
    for (const tag of words(doc.frontmatter.tags)) keys.add(`tag ${tag}`);
    for (const link of doc.links) if (incidentRunbooks.has(link.toLowerCase())) keys.add(`runbook ${link}`);
  }
  return keys;
}

const dayNumber = (date: string): number => toMinutes(`${date}T00:00`) / 1440;

interface Candidate {
  group: IncidentGroup;
  date: string;
  day: number;
  keys: Set<string>;
}

const newer = (a: Candidate, b: Candidate): boolean => a.day > b.day || (a.day === b.day && a.group.primary.file > b.group.primary.file);

/** The index of the first candidate of `list` (sorted by day) on or after `day`. */
function firstOnOrAfter(list: readonly Candidate[], day: number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle].day < day) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Every recurrence in the workspace, one per newest incident of a cluster. */
export function findRecurrences(documents: readonly ParsedDocument[], config: RunbookConfig): Recurrence[] {
  const incidentRunbooks = new Set(documents.filter((doc) => doc.kind === 'incident-runbook').map((doc) => doc.file.toLowerCase()));
  const candidates: Candidate[] = [];
  for (const group of incidentGroups(documents)) {
    const date = group.documents.map((doc) => doc.incident!.date).find((value): value is string => value !== null);
    const keys = similarityKeys(group, incidentRunbooks);
    if (date && keys.size > 0) candidates.push({ group, date, day: dayNumber(date), keys });
  }
  // The similar incidents in each incident's window: on or before its day, at most the window's days earlier. Each
  // similarity key lists its incidents by day, so an incident looks only at those sharing a key within its window
  // (comparing every pair took seconds at 5,000 incidents, and the sidebar asks on every refresh).
  const byKey = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    for (const key of candidate.keys) {
      const list = byKey.get(key);
      if (list) list.push(candidate);
      else byKey.set(key, [candidate]);
    }
  }
  for (const list of byKey.values()) list.sort((a, b) => a.day - b.day);
  const windowOf = new Map<Candidate, Candidate[]>();
  for (const candidate of candidates) {
    const similar = new Set<Candidate>();
    for (const key of candidate.keys) {
      const list = byKey.get(key)!;
      for (let at = firstOnOrAfter(list, candidate.day - config.recurrenceWindowDays); at < list.length && list[at].day <= candidate.day; at += 1) {
        const other = list[at];
        if (other !== candidate && !newer(other, candidate)) similar.add(other);
      }
    }
    if (similar.size + 1 >= config.recurrenceThreshold) windowOf.set(candidate, [...similar]);
  }
  // Only the newest of a cluster speaks: an incident counted by another recurrence (always a newer one: the similar
  // incidents of a recurrence are older than it) is named there already.
  const counted = new Set<Candidate>();
  for (const similar of windowOf.values()) for (const other of similar) counted.add(other);
  const found: Recurrence[] = [];
  for (const [candidate, similar] of windowOf) {
    if (counted.has(candidate)) continue;
    const primary = candidate.group.primary;
    const shared = [...candidate.keys].filter((key) => similar.some((other) => other.keys.has(key))).sort();
    found.push({
      file: primary.file,
      line: primary.incident!.line,
      title: primary.incident!.title,
      date: candidate.date,
      others: similar
        .sort((a, b) => a.day - b.day || a.group.primary.file.localeCompare(b.group.primary.file))
        .map((other) => ({ file: other.group.primary.file, title: other.group.primary.incident!.title, date: other.date })),
      shared,
    });
  }
  return found.sort((a, b) => a.file.localeCompare(b.file));
}
