/**
 * Changes to other documents that go with a new one: today a row in the incident history (`incidentHistoryFile`) for
 * each new RCA or post-mortem. Each is a function of the other document's current text, so a front end computes the
 * edits on exactly the text it is about to change (an open editor's buffer, or the file re-read under its lock).
 */
import type { RunbookConfig } from '../config';
import { RunbookError, isRunbookError } from '../errors';
import type { TextEdit } from '../model';
import { normalizeSeverity } from '../parse/incident';
import type { TemplateInfo } from '../templates/types';
import { incidentHistoryEdits, type IncidentSummary } from './incident-history';

/** One change to another workspace document. */
export interface SideUpdate {
  /** Workspace-relative path of the document to change. */
  file: string;
  /** What the change is, for messages ("the incident history"). */
  what: string;
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
      edits: (text) => incidentHistoryEdits(text, historyFile, incident, path),
    });
  }
  return updates;
}

/** The error to show when `update` failed after `created` was written: the new file stays, the message says so. */
export function sideUpdateFailure(created: string, update: SideUpdate, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  const message = `${created} was created, but ${update.what} was not updated: ${reason}`;
  return isRunbookError(error) ? new RunbookError(error.code, message, error.kind, error.details) : new Error(message);
}
