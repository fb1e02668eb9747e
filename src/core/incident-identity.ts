/**
 * Which documents are the same incident: an RCA and a post-mortem of one outage are one incident in listings, the
 * report and the rules, not two (seed 002 writes a post-mortem after seed 003's RCA). Two incident documents are the
 * same incident when they share an `incident:` frontmatter value (an ID such as `INC-42`, or the other document's
 * path), or when one is an RCA and the other a post-mortem with the same date and the same title slug.
 */
import type { IncidentStatus, ParsedDocument } from './model';
import { slugify } from './templates/slug';

/** One incident: its documents, and the one that speaks for it in listings. */
export interface IncidentGroup {
  /** The document a listing shows: the most advanced status, then the RCA, then the file name. */
  primary: ParsedDocument;
  /** Every document of the incident, the primary first. */
  documents: ParsedDocument[];
}

const STATUS_RANK: Record<IncidentStatus, number> = { resolved: 0, mitigated: 1, open: 2 };

function incidentValue(doc: ParsedDocument): string | null {
  const value = doc.frontmatter.incident;
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string' || value.trim() === '') return null;
  return value.trim().replace(/\\/g, '/').replace(/^\.\//, '').toLowerCase();
}

/** The keys that join documents: `incident:` value, its own path (for an `incident:` naming it), date + title slug. */
function joinKeys(doc: ParsedDocument): string[] {
  const incident = doc.incident!;
  const keys = [`id:${doc.file.toLowerCase()}`];
  const value = incidentValue(doc);
  if (value !== null) keys.push(`id:${value}`);
  if (incident.date && incident.title) keys.push(`slug:${incident.date}/${slugify(incident.title)}`);
  return keys;
}

/** The incident documents of `documents` grouped by incident, in the order of their primaries' files. */
export function incidentGroups(documents: readonly ParsedDocument[]): IncidentGroup[] {
  const incidents = documents.filter((doc) => doc.incident !== null);
  // Union-find over the documents, joined through the keys they share.
  const parent = incidents.map((_, index) => index);
  const find = (index: number): number => {
    let root = index;
    while (parent[root] !== root) root = parent[root];
    while (parent[index] !== root) [index, parent[index]] = [parent[index], root];
    return root;
  };
  // An `incident:` value joins whatever declares it; a date and title slug join an RCA with a post-mortem only (two
  // post-mortems with one title on one day are two documents someone copied, not one incident).
  const owner = new Map<string, number>();
  incidents.forEach((doc, index) => {
    for (const key of joinKeys(doc)) {
      const slotted = key.startsWith('slug:') ? `${key}#${doc.kind}` : key;
      if (!owner.has(slotted)) owner.set(slotted, index);
      const others = key.startsWith('slug:') ? [owner.get(`${key}#${doc.kind === 'rca' ? 'postmortem' : 'rca'}`)] : [owner.get(key)];
      for (const other of others) if (other !== undefined && other !== index) parent[find(index)] = find(other);
    }
  });
  const groups = new Map<number, ParsedDocument[]>();
  incidents.forEach((doc, index) => groups.set(find(index), [...(groups.get(find(index)) ?? []), doc]));
  return [...groups.values()]
    .map((docs) => {
      const sorted = [...docs].sort(
        (a, b) =>
          STATUS_RANK[a.incident!.status] - STATUS_RANK[b.incident!.status] ||
          Number(a.kind !== 'rca') - Number(b.kind !== 'rca') ||
          a.file.localeCompare(b.file),
      );
      return { primary: sorted[0], documents: sorted };
    })
    .sort((a, b) => a.primary.file.localeCompare(b.primary.file));
}
