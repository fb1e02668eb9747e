/**
 * "New Runbook", "New Incident RCA", "New Post-mortem" and "New Document from Template…". The engine plans and writes
 * the document (never replacing a file); this feature prompts, opens the result and returns its URI.
 */
import * as vscode from 'vscode';
import { isRunbookError, RunbookError } from '../../../core/errors';
import { createDocument, listStories, planDocument } from '../../../core/generate';
import { incidentHistoryEdits } from '../../../core/history';
import { parseDocument } from '../../../core/parse/document';
import { applyEngineEdits } from '../../apply';
import { findTemplate } from '../../../core/templates';
import { stringArg } from '../../args';
import { registerCommand } from '../../register';
import type { Services } from '../../services';
import { pickStory, pickTemplate, promptFields } from './prompts';

type Args = Record<string, unknown> | null;

async function createAndOpen(services: Services, template: string, fields: Record<string, string>, storyId?: string): Promise<vscode.Uri> {
  const config = services.config();
  const planned = await planDocument(services.host, config, await services.templates(), { template, fields, ...(storyId ? { storyId } : {}) });
  const path = await createDocument(services.host, planned);
  const uri = services.files.toUri(path);
  await vscode.window.showTextDocument(uri, { preview: false });
  void services.store.refreshFile(uri);
  const kind = planned.template.kind;
  if ((kind === 'rca' || kind === 'postmortem') && config.incidentHistoryFile) {
    await addToIncidentHistory(services, path, planned.text);
  }
  return uri;
}

/**
 * Append the new incident to the configured history table, as an undoable edit of that document (it is saved when it
 * had no unsaved changes). The new document is already written when this fails, and the message says so.
 */
async function addToIncidentHistory(services: Services, incidentFile: string, incidentText: string): Promise<void> {
  const config = services.config();
  const historyFile = config.incidentHistoryFile;
  const incident = parseDocument(incidentText, { file: incidentFile, config }).incident;
  if (!incident) return;
  try {
    const document = await vscode.workspace.openTextDocument(services.files.toUri(historyFile));
    await applyEngineEdits(document, incidentHistoryEdits(document.getText(), historyFile, incident, incidentFile));
  } catch (error) {
    const message = vscode.l10n.t('{0} was created, but the incident history was not updated: {1}', incidentFile, error instanceof Error ? error.message : String(error));
    throw isRunbookError(error) ? new RunbookError(error.code, message) : new Error(message);
  }
}

async function newRunbook(services: Services, args: Args): Promise<vscode.Uri | undefined> {
  let storyId = args ? stringArg(args, 'storyId', true) : undefined;
  if (storyId === undefined) {
    const story = await pickStory(await listStories(services.host, services.config()));
    if (!story) return undefined;
    storyId = story.id;
  }
  return createAndOpen(services, 'runbook', {}, storyId);
}

function fieldsArg(args: Record<string, unknown>): Record<string, string> {
  const raw = args.fields ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new Error(vscode.l10n.t('argument "{0}" must be an object of strings', 'fields'));
  }
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined && value !== null) fields[name] = String(value);
  }
  return fields;
}

function newIncident(kind: 'rca' | 'postmortem') {
  return async (services: Services, args: Args): Promise<vscode.Uri | undefined> => {
    if (args) {
      const fields: Record<string, string> = { title: stringArg(args, 'title', true), severity: stringArg(args, 'severity', true) };
      const date = stringArg(args, 'date', false);
      if (date !== undefined) fields.date = date;
      return createAndOpen(services, kind, fields);
    }
    const template = findTemplate(await services.templates(), kind);
    const fields = await promptFields(template, {});
    return fields ? createAndOpen(services, kind, fields) : undefined;
  };
}

async function newFromTemplate(services: Services, args: Args): Promise<vscode.Uri | undefined> {
  if (args) {
    return createAndOpen(services, stringArg(args, 'template', true), fieldsArg(args), stringArg(args, 'storyId', false));
  }
  const template = await pickTemplate(await services.templates());
  if (!template) return undefined;
  let storyId: string | undefined;
  if (template.kind === 'runbook') {
    const story = await pickStory(await listStories(services.host, services.config()));
    if (!story) return undefined;
    storyId = story.id;
  }
  const fields = await promptFields(template, {}, storyId ? new Set(['title', 'goal']) : new Set());
  return fields ? createAndOpen(services, template.name, fields, storyId) : undefined;
}

export function activate(context: vscode.ExtensionContext, services: Services): void {
  const handlers: Array<[string, (services: Services, args: Args) => Promise<vscode.Uri | undefined>]> = [
    ['runbook.newRunbook', newRunbook],
    ['runbook.newIncident', newIncident('rca')],
    ['runbook.newPostmortem', newIncident('postmortem')],
    ['runbook.newFromTemplate', newFromTemplate],
  ];
  for (const [id, handler] of handlers) registerCommand(context, services, id, handler, { writes: true });
}
