/**
 * The status update for an incident's channel, from seed 002's communication templates: while it runs, `[SEV1] <title>
 * - Service degraded` with Symptom, Started, Investigating (the last timeline entry), ETA and Channel; once resolved,
 * `[SEV1 RESOLVED] <title> - back online` with the downtime from the timeline, the root cause's first sentence, the
 * impact and the document's path. What the document does not say is written `<unknown>`, never guessed. English or
 * French; the CLI prints it, the extension copies it to the clipboard.
 */
import type { RunbookConfig } from './config';
import { incidentOf } from './incident-edits';
import { datedEntries, incidentTimes } from './incident-times';
import { formatDuration, formatLocal, type LocalDateTime } from './local-time';
import type { ParsedDocument } from './model';

export type UpdateLanguage = 'en' | 'fr';

/** What a status update is written in and which of the two templates it uses. */
export interface StatusUpdateOptions {
  lang: UpdateLanguage;
  /** The resolved template even while the incident is not marked resolved (to prepare it); default: by status. */
  resolved?: boolean;
}

/** Written for every field the document does not have. */
export const UNKNOWN = '<unknown>';

const LABELS = {
  en: {
    degraded: 'Service degraded',
    resolvedTag: 'RESOLVED',
    backOnline: 'back online',
    symptom: 'Symptom: ',
    started: 'Started: ',
    investigating: 'Investigating: ',
    eta: 'ETA: ',
    channel: 'Channel: ',
    duration: 'Duration down: ',
    rootCause: 'Root cause: ',
    impact: 'Impact: ',
    postmortem: 'Post-mortem: ',
    rca: 'RCA: ',
  },
  fr: {
    degraded: 'Service dégradé',
    resolvedTag: 'RÉSOLU',
    backOnline: 'de nouveau en ligne',
    symptom: 'Symptôme : ',
    started: 'Début : ',
    investigating: 'En cours : ',
    eta: 'ETA : ',
    channel: 'Canal : ',
    duration: "Durée d'indisponibilité : ",
    rootCause: 'Cause racine : ',
    impact: 'Impact : ',
    postmortem: 'Post-mortem : ',
    rca: 'RCA : ',
  },
} as const;

/** A status update is a chat message: each field is cut at this many characters. */
const FIELD_MAX = 300;

function clip(text: string): string {
  return text.length > FIELD_MAX ? `${text.slice(0, FIELD_MAX - 1)}…` : text;
}

/** `14:02` on the incident's date, `2026-11-13 00:20` on another. */
function shortTime(at: LocalDateTime, date: string | null): string {
  return at.slice(0, 10) === date ? at.slice(11) : formatLocal(at);
}

/** The status update text (lines joined with `\n`) for the incident of `doc`. */
export function statusUpdate(doc: ParsedDocument, config: RunbookConfig, options: StatusUpdateOptions): string {
  const incident = incidentOf(doc);
  const labels = LABELS[options.lang];
  const times = incidentTimes(doc, config);
  const severity = incident.severity ?? UNKNOWN;
  const title = clip(incident.title);
  const or = (value: string | null | undefined): string => (value && value.trim() !== '' ? clip(value.trim()) : UNKNOWN);
  const resolved = options.resolved ?? incident.status === 'resolved';
  if (resolved) {
    const impact = Object.entries(incident.impact).map(([key, value]) => `${key}: ${value}`).join('; ');
    return [
      `[${severity} ${labels.resolvedTag}] ${title} - ${labels.backOnline}`,
      labels.duration + (times.downtimeMinutes !== null ? formatDuration(times.downtimeMinutes) : UNKNOWN),
      labels.rootCause + or(incident.rootCause),
      labels.impact + or(impact),
      (incident.kind === 'postmortem' ? labels.postmortem : labels.rca) + doc.file,
    ].join('\n');
  }
  const entries = datedEntries(incident.timeline, config.timelineKeywords);
  const last = entries[entries.length - 1];
  return [
    `[${severity}] ${title} - ${labels.degraded}`,
    labels.symptom + or(incident.symptom),
    labels.started + (times.detectedAt ? formatLocal(times.detectedAt) : UNKNOWN),
    labels.investigating + (last ? clip(`${shortTime(last.at, incident.date)} ${last.entry.text}`) : UNKNOWN),
    labels.eta + or(incident.eta),
    labels.channel + or(incident.channel ?? config.incidentChannel),
  ].join('\n');
}
