/**
 * The incident commands: `runbook.addTimelineEntry` `{ uri, text, at? }`, `runbook.mitigateIncident`,
 * `runbook.resolveIncident`, `runbook.reopenIncident` `{ uri, at?, note? }` — each the engine's edits applied as one
 * undoable `WorkspaceEdit`, returning the document's URI — and `runbook.copyStatusUpdate` `{ uri, resolved?, lang? }`,
 * which copies the status update to the clipboard. Without `uri` they work on the active editor; a tree item or a
 * CodeLens passes its own `uri`. `at` is `HH:MM` (today) or `YYYY-MM-DD HH:MM`, default now.
 */
import * as vscode from 'vscode';
import { isoDate } from '../../../core/dates';
import { RunbookError } from '../../../core/errors';
import { statusUpdate, type UpdateLanguage } from '../../../core/incident-comms';
import { resolutionSideUpdates, sideUpdateFailure } from '../../../core/generate';
import { incidentOf, lifecycleEdits, timelineEntryEdits } from '../../../core/incident-edits';
import { localDateTime, parseTimeArgument, type LocalDateTime } from '../../../core/local-time';
import { applyEngineEdits } from '../../apply';
import { booleanArg, stringArg, uriArg } from '../../args';
import { registerCommand, type CommandHandler } from '../../register';
import type { Services } from '../../services';
import type { RunbookWorkspace } from '../../workspace';
import { recordDecision } from './decision';
import { displayLanguage } from '../../messages';

/** The incident document a command works on: the `uri` argument, else the active editor's. */
async function incidentDocument(args: Record<string, unknown> | null): Promise<vscode.TextDocument | undefined> {
  if (args && args.uri !== undefined) return vscode.workspace.openTextDocument(uriArg(args.uri));
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open an incident RCA or post-mortem first.'));
    return undefined;
  }
  return editor.document;
}

/** The `at` argument read against the host's clock, or now. */
function atArg(services: Services, args: Record<string, unknown> | null): LocalDateTime {
  const now = services.host.clock.now();
  const at = args ? stringArg(args, 'at', false) : undefined;
  return at === undefined ? localDateTime(now) : parseTimeArgument(at, isoDate(now));
}

const lifecycle =
  (transition: 'mitigate' | 'resolve' | 'reopen'): CommandHandler =>
  async (services, args) => {
    const document = await incidentDocument(args);
    if (!document) return undefined;
    incidentOf(services.store.parse(document));
    const at = atArg(services, args);
    const note = args ? stringArg(args, 'note', false) : undefined;
    // Computed under the file's lock on the buffer as it is then (apply.ts).
    const before = services.store.parse(document);
    await applyEngineEdits(document, () =>
      lifecycleEdits(document.getText(), services.store.parse(document), transition, { at, config: services.config(), ...(note !== undefined ? { note } : {}) }),
    );
    // Resolving also tells the activity feed (activityFile): the same side update as the CLI's, as an undoable edit.
    for (const update of transition === 'resolve' ? resolutionSideUpdates(before, at, services.config()) : []) {
      try {
        const feed = await vscode.workspace.openTextDocument(services.files.toUri(update.file));
        await applyEngineEdits(feed, () => update.edits(feed.getText()));
      } catch (error) {
        throw sideUpdateFailure(services.files.toRelative(document.uri) ?? document.uri.toString(), update, error, 'resolved');
      }
    }
    return document.uri;
  };

const addTimelineEntry: CommandHandler = async (services, args) => {
  const document = await incidentDocument(args);
  if (!document) return undefined;
  const doc = services.store.parse(document);
  const incident = incidentOf(doc);
  const at = atArg(services, args);
  const text =
    (args ? stringArg(args, 'text', false) : undefined) ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Add Timeline Entry — {0}', incident.title),
      prompt: vscode.l10n.t('What happened at {0}', at.replace('T', ' ')),
      placeHolder: vscode.l10n.t('e.g. triage: SEV1 confirmed, on-call paged'),
      validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('Write what happened') : undefined),
    }));
  if (text === undefined) return undefined;
  // Computed on what the buffer holds once the input box is closed and the file's lock is taken (apply.ts).
  await applyEngineEdits(document, () => timelineEntryEdits(document.getText(), services.store.parse(document), text, at, services.config()));
  return document.uri;
};

function languageArg(args: Record<string, unknown> | null): UpdateLanguage {
  const lang = args ? stringArg(args, 'lang', false) : undefined;
  if (lang === undefined) return displayLanguage();
  if (lang !== 'en' && lang !== 'fr') throw new RunbookError('invalid-field', vscode.l10n.t('argument "{0}" must be one of {1}, found {2}', 'lang', 'en, fr', JSON.stringify(lang)), 'usage');
  return lang;
}

const copyStatusUpdate: CommandHandler = async (services, args) => {
  const document = await incidentDocument(args);
  if (!document) return undefined;
  const resolved = args ? booleanArg(args, 'resolved') : undefined;
  const text = statusUpdate(services.store.parse(document), services.config(), { lang: languageArg(args), ...(resolved !== undefined ? { resolved } : {}) });
  await vscode.env.clipboard.writeText(text);
  void vscode.window.showInformationMessage(vscode.l10n.t('Status update copied to the clipboard: {0}', text.split('\n')[0]));
  return document.uri;
};

/** Register the five incident commands. */
export function registerIncidentCommands(context: vscode.ExtensionContext, workspace: RunbookWorkspace): void {
  const writers: Array<[string, CommandHandler]> = [
    ['runbook.addTimelineEntry', addTimelineEntry],
    ['runbook.mitigateIncident', lifecycle('mitigate')],
    ['runbook.resolveIncident', lifecycle('resolve')],
    ['runbook.reopenIncident', lifecycle('reopen')],
    ['runbook.recordDecision', recordDecision],
  ];
  for (const [id, handler] of writers) registerCommand(context, workspace, id, handler, { writes: true });
  registerCommand(context, workspace, 'runbook.copyStatusUpdate', copyStatusUpdate, { writes: false });
}
