/**
 * Changes to other documents that go with a new one or a resolved incident: a row in the incident history
 * (`incidentHistoryFile`) for each new RCA or post-mortem, and a line in the activity feed (`activityFile`) for each
 * new RCA or post-mortem and each incident resolved. Each is a function of the other document's current text, so a front end computes the
 * edits on exactly the text it is about to change (an open editor's buffer, or the file re-read under its lock).
 */
import type { RunbookConfig } from '../config';
import { bilingual, RunbookError, isRunbookError } from '../errors';
import { formatLocal, type LocalDateTime } from '../local-time';
import type { ParsedDocument, TextEdit } from '../model';
import { normalizeSeverity } from '../parse/incident';
import type { TemplateInfo } from '../templates/types';
import { activityEdits, type ActivityEntry } from './activity';
import { incidentHistoryEdits, type IncidentSummary } from './incident-history';

/** One change to another workspace document. */
export interface SideUpdate {
  /** Workspace-relative path of the document to change. */
  file: string;
  /** What the change is, for messages ("the incident history"). */
  what: string;
  /** The same in French ("l'historique des incidents"). */
  whatFr: string;
  /** The edits to make on `text`, the document's current content. Throws a `RunbookError` when it cannot. */
  edits(text: string): TextEdit[];
}

/** The side updates of a document made from `template` with these resolved fields, written at `path`. */
export function sideUpdatesFor(template: TemplateInfo, fields: Readonly<Record<string, string>>, path: string, config: RunbookConfig): SideUpdate[] {
  const updates: SideUpdate[] = [];
  if ((template.kind === 'rca' || template.kind === 'postmortem') && config.incidentHistoryFile) {
    // The incident as the fields describe it: the document was rendered from them, no need to parse it back.
    const incident: IncidentSummary = {
      kind: template.kind,
      title: fields.title ?? path,
      date: fields.date ?? null,
      severity: normalizeSeverity(fields.severity ?? fields.sev ?? null),
      status: 'open',
    };
    const historyFile = config.incidentHistoryFile;
    updates.push({
      file: historyFile,
      what: 'the incident history',
      whatFr: "l'historique des incidents",
      edits: (text) => incidentHistoryEdits(text, historyFile, incident, path),
    });
  }
  if ((template.kind === 'rca' || template.kind === 'postmortem') && config.activityFile) {
    const entry: ActivityEntry = {
      kind: template.kind,
      title: fields.title ?? path,
      severity: normalizeSeverity(fields.severity ?? fields.sev ?? null),
      date: fields.date ?? null,
      summary: fields.summary?.trim() || (template.kind === 'rca' ? 'RCA opened' : 'Post-mortem opened'),
      file: path,
    };
    updates.push(activityUpdate(config.activityFile, entry));
  }
  return updates;
}

function activityUpdate(activityFile: string, entry: ActivityEntry): SideUpdate {
  return { file: activityFile, what: 'the activity feed', whatFr: "le fil d'activité", edits: (text) => activityEdits(text, activityFile, entry) };
}

/**
 * The side updates of resolving the incident `doc` at `at`: a line in the activity feed saying it is resolved, with
 * the root cause's first sentence when the document has one.
 */
export function resolutionSideUpdates(doc: ParsedDocument, at: LocalDateTime, config: RunbookConfig): SideUpdate[] {
  const incident = doc.incident;
  if (!incident || !config.activityFile || doc.file === config.activityFile) return [];
  const summary = `Resolved at ${formatLocal(at)}${incident.rootCause ? `. Root cause: ${incident.rootCause}` : ''}`;
  return [
    activityUpdate(config.activityFile, { kind: incident.kind, title: incident.title, severity: incident.severity, date: incident.date, summary, file: doc.file }),
  ];
}

/**
 * The error to show when `update` failed after `created` was written (or, with `done: 'resolved'`, after it was
 * resolved): that change stays, the message says so. The host's own failures (a file system error with a code:
 * `EACCES`, `ENOSPC`, `EROFS`…) are domain errors like the engine's; anything else is a bug and stays a plain `Error`
 * (the CLI then asks for a report).
 */
export function sideUpdateFailure(created: string, update: SideUpdate, error: unknown, done: 'created' | 'resolved' = 'created'): Error {
  const reason = error instanceof Error ? error.message : String(error);
  const message = `${created} was ${done}, but ${update.what} was not updated: ${reason}`;
  const doneFr = done === 'created' ? 'créé' : 'résolu';
  const french = (why: string): string => `${created} a été ${doneFr}, mais ${update.whatFr} n'a pas été mis à jour : ${why}`;
  if (isRunbookError(error)) return new RunbookError(error.code, bilingual(message, french(error.text.fr)), error.kind, error.details);
  const systemCode = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && typeof systemCode === 'string') {
    return new RunbookError('side-update-failed', bilingual(message, french(reason)), 'domain', { file: update.file, code: systemCode });
  }
  return new Error(message);
}
