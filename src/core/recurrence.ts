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

/** Every recurrence in the workspace, one per newest incident of a cluster. */
export function findRecurrences(documents: readonly ParsedDocument[], config: RunbookConfig): Recurrence[] {
  const incidentRunbooks = new Set(documents.filter((doc) => doc.kind === 'incident-runbook').map((doc) => doc.file.toLowerCase()));
  const candidates: Candidate[] = [];
  for (const group of incidentGroups(documents)) {
    const date = group.documents.map((doc) => doc.incident!.date).find((value): value is string => value !== null);
    const keys = similarityKeys(group, incidentRunbooks);
    if (date && keys.size > 0) candidates.push({ group, date, day: dayNumber(date), keys });
  }
  // The similar incidents in each incident's window: on or before its day, at most the window's days earlier.
  const windowOf = new Map<Candidate, Candidate[]>();
  for (const candidate of candidates) {
    const similar = candidates.filter(
      (other) =>
        other !== candidate &&
        !newer(other, candidate) &&
        candidate.day - other.day <= config.recurrenceWindowDays &&
        [...other.keys].some((key) => candidate.keys.has(key)),
    );
    if (similar.length + 1 >= config.recurrenceThreshold) windowOf.set(candidate, similar);
  }
  const found: Recurrence[] = [];
  for (const [candidate, similar] of windowOf) {
    // Only the newest of a cluster speaks: a newer recurrence that counts this incident names it already.
    const superseded = [...windowOf].some(([other, otherSimilar]) => other !== candidate && newer(other, candidate) && otherSimilar.includes(candidate));
    if (superseded) continue;
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
