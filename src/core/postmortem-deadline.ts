/**
 * Post-mortem deadlines (seed 002: "a post-mortem within 7 days" of a SEV1/SEV2). A resolved incident of a configured
 * severity is overdue once more than `postmortemDeadlineDays` have passed since its resolution while it has no
 * post-mortem document, or its post-mortem's root cause, action items or lessons learned still hold only the
 * template's placeholders. An RCA and a post-mortem of one incident are one incident (incident-identity.ts).
 */
import type { RunbookConfig } from './config';
import { incidentGroups } from './incident-identity';
import { incidentTimes } from './incident-times';
import { fromMinutes, toMinutes } from './local-time';
import type { ParsedDocument, Severity } from './model';
import { normalizeSeverity, severityKey } from './severity';

export type PostmortemSectionId = 'root-cause' | 'action-items' | 'lessons-learned';

export interface OverduePostmortem {
  /** Where the finding goes: the post-mortem (its first unfilled section), or the RCA when there is no post-mortem. */
  file: string;
  line: number;
  title: string;
  severity: Severity;
  /** The day it was resolved (the restoration entry, else frontmatter `resolved`, else the incident's date). */
  resolvedOn: string;
  /** The last day the post-mortem was on time. */
  dueOn: string;
  /** `missing`: no post-mortem document; `unfilled`: its sections still hold the template's placeholders. */
  reason: 'missing' | 'unfilled';
  sections: PostmortemSectionId[];
}

function addDays(date: string, days: number): string {
  return fromMinutes(toMinutes(`${date}T00:00`) + days * 1440).slice(0, 10);
}

/** Every overdue post-mortem on `today` (`YYYY-MM-DD`). */
export function overduePostmortems(documents: readonly ParsedDocument[], config: RunbookConfig, today: string): OverduePostmortem[] {
  const wanted = new Set(config.postmortemSeverities.map((value) => normalizeSeverity(value)).filter((value) => value !== null).map(severityKey));
  if (wanted.size === 0) return [];
  const found: OverduePostmortem[] = [];
  for (const group of incidentGroups(documents)) {
    const primary = group.primary.incident!;
    if (primary.status !== 'resolved') continue;
    const severity = group.documents.map((doc) => doc.incident!.severity).find((value): value is Severity => value !== null);
    if (!severity || !wanted.has(severityKey(severity))) continue;
    const resolvedOn =
      group.documents
        .map((doc) => incidentTimes(doc, config).resolvedAt?.slice(0, 10) ?? null)
        .filter((value): value is string => value !== null)
        .sort()
        .pop() ?? group.documents.map((doc) => doc.incident!.date).find((value): value is string => value !== null);
    if (!resolvedOn) continue;
    const dueOn = addDays(resolvedOn, config.postmortemDeadlineDays);
    if (today <= dueOn) continue;
    const postmortem = group.documents.find((doc) => doc.kind === 'postmortem');
    if (!postmortem) {
      found.push({ file: group.primary.file, line: primary.statusField?.line ?? primary.line, title: primary.title, severity, resolvedOn, dueOn, reason: 'missing', sections: [] });
      continue;
    }
    const unfilled = postmortem.incident!.unfilledSections;
    if (unfilled.length === 0) continue;
    found.push({
      file: postmortem.file,
      line: unfilled.find((item) => item.line !== null)?.line ?? postmortem.incident!.line,
      title: postmortem.incident!.title,
      severity,
      resolvedOn,
      dueOn,
      reason: 'unfilled',
      sections: unfilled.map((item) => item.section),
    });
  }
  return found;
}
