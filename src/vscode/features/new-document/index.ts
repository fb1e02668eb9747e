/**
 * "New Story", "New Runbook", "New Incident RCA", "New Post-mortem", "New Document from Template…" and "New Runbook
 * with AI Draft…" (draft.ts). The engine plans and writes the document (never replacing a file); this feature prompts,
 * opens the result and returns its URI. In a multi-root workspace each works in one folder (register.ts says which).
 */
import * as vscode from 'vscode';
import { RunbookError } from '../../../core/errors';
import { listStories, planDocument } from '../../../core/generate';
import { templateNamed } from '../../../core/templates';
import { stringArg } from '../../args';
import { registerCommand, type CommandHandler } from '../../register';
import type { Services } from '../../services';
import type { RunbookWorkspace } from '../../workspace';
import { newRunbookWithDraft } from './draft';
import { pickStory, pickTemplate, promptFields } from './prompts';
import { writeAndOpen } from './write';

type Args = Record<string, unknown> | null;

/** The engine's creation flow for a plain document: plan it, then write and open it (write.ts). */
async function createAndOpen(services: Services, template: string, fields: Record<string, string>, storyId?: string): Promise<vscode.Uri> {
  const planned = await planDocument(services.host, services.config(), await services.templates(), { template, fields, ...(storyId ? { storyId } : {}) });
  return writeAndOpen(services, planned);
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
    throw new RunbookError('invalid-field', vscode.l10n.t('argument "{0}" must be an object of strings', 'fields'), 'usage');
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
    const template = templateNamed(await services.templates(), kind);
    const fields = await promptFields(template, {});
    return fields ? createAndOpen(services, kind, fields) : undefined;
  };
}

/** A story (the built-in `story` template): `{ id, title, team?, summary? }`, or prompts. */
async function newStory(services: Services, args: Args): Promise<vscode.Uri | undefined> {
  if (args) {
    const fields: Record<string, string> = { id: stringArg(args, 'id', true), title: stringArg(args, 'title', true) };
    for (const name of ['team', 'summary']) {
      const value = stringArg(args, name, false);
      if (value !== undefined) fields[name] = value;
    }
    return createAndOpen(services, 'story', fields);
  }
  const fields = await promptFields(templateNamed(await services.templates(), 'story'), {});
  return fields ? createAndOpen(services, 'story', fields) : undefined;
}

async function newFromTemplate(services: Services, args: Args): Promise<vscode.Uri | undefined> {
  if (args) {
    return createAndOpen(services, stringArg(args, 'template', true), fieldsArg(args), stringArg(args, 'storyId', false));
  }
  const set = await services.templates();
  // A broken workspace template is left out of the list (the others still work) and named in a warning.
  for (const problem of set.problems) services.log.warn(problem.message);
  if (set.problems.length > 0) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('Runbook Kit: {0} workspace template(s) could not be read and are not offered: {1}', set.problems.length, set.problems.map((problem) => problem.message).join('; ')),
    );
  }
  const template = await pickTemplate(set.templates);
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

export function activate(context: vscode.ExtensionContext, workspace: RunbookWorkspace): void {
  const handlers: Array<[string, CommandHandler]> = [
    ['runbook.newStory', newStory],
    ['runbook.newRunbook', newRunbook],
    ['runbook.newIncident', newIncident('rca')],
    ['runbook.newPostmortem', newIncident('postmortem')],
    ['runbook.newFromTemplate', newFromTemplate],
    ['runbook.newRunbookWithDraft', newRunbookWithDraft],
  ];
  for (const [id, handler] of handlers) registerCommand(context, workspace, id, handler, { writes: true });
}
