/**
 * `runbook.approve`, `runbook.revoke`, `runbook.accept` and `runbook.markActionDone`: the engine computes the edits on the
 * document's current text, `applyEngineEdits` applies them as one undoable `WorkspaceEdit`. Each returns the changed
 * file's URI (undefined when cancelled or refused).
 */
import * as vscode from 'vscode';
import { RunbookError } from '../../../core/errors';
import { acceptEdits, approveEdits, markDoneEdits, revokeEdits } from '../../../core/edits';
import { isoDate } from '../../../core/host';
import type { ParsedDocument } from '../../../core/model';
import { applyEngineEdits } from '../../apply';
import { lineArg, stringArg, uriArg } from '../../args';
import { registerCommand } from '../../register';
import type { Services } from '../../services';

/** The document a command works on: the `uri` argument, else the active editor's. */
async function targetDocument(args: Record<string, unknown> | null): Promise<vscode.TextDocument | undefined> {
  if (args && args.uri !== undefined) return vscode.workspace.openTextDocument(uriArg(args.uri));
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a runbook or an incident document first.'));
    return undefined;
  }
  return editor.document;
}

function requireRunbook(doc: ParsedDocument, uri: vscode.Uri): NonNullable<ParsedDocument['runbook']> {
  if (!doc.runbook) {
    throw new RunbookError('not-a-runbook', vscode.l10n.t('{0} has no compliance checklist or Status line', vscode.workspace.asRelativePath(uri)));
  }
  return doc.runbook;
}

/** A Quick Pick of the checklist's roles that are (`checked`) or are not approved; undefined when cancelled. */
async function pickRole(runbook: NonNullable<ParsedDocument['runbook']>, checked: boolean, title: string, placeHolder: string): Promise<string | undefined> {
  const items = runbook.compliance.filter((item) => item.checked === checked).map((item) => ({ label: `@${item.role}`, role: item.role }));
  return (await vscode.window.showQuickPick(items, { title, placeHolder }))?.role;
}

type Handler = (services: Services, args: Record<string, unknown> | null) => Promise<vscode.Uri | undefined>;

const approve: Handler = async (services, args) => {
  const document = await targetDocument(args);
  if (!document) return undefined;
  const doc = services.store.parse(document);
  const runbook = requireRunbook(doc, document.uri);
  const role = (args ? stringArg(args, 'role', false) : undefined) ?? (await pickRole(runbook, false, vscode.l10n.t('Approve as'), vscode.l10n.t('Role to approve')));
  if (role === undefined) return undefined;
  const by = (args ? stringArg(args, 'by', false) : undefined) ?? (await services.host.userName());
  await applyEngineEdits(document, approveEdits(doc, role.replace(/^@/, ''), by, isoDate(services.host.clock.now())));
  return document.uri;
};

const revoke: Handler = async (services, args) => {
  const document = await targetDocument(args);
  if (!document) return undefined;
  const doc = services.store.parse(document);
  const runbook = requireRunbook(doc, document.uri);
  const role =
    (args ? stringArg(args, 'role', false) : undefined) ??
    (await pickRole(runbook, true, vscode.l10n.t('Revoke approval'), vscode.l10n.t('Role whose approval to revoke')));
  if (role === undefined) return undefined;
  await applyEngineEdits(document, revokeEdits(doc, role.replace(/^@/, '')));
  return document.uri;
};

const accept: Handler = async (services, args) => {
  const document = await targetDocument(args);
  if (!document) return undefined;
  const doc = services.store.parse(document);
  requireRunbook(doc, document.uri);
  const by = (args ? stringArg(args, 'by', false) : undefined) ?? (await services.host.userName());
  await applyEngineEdits(document, acceptEdits(doc, by, isoDate(services.host.clock.now()), services.config().roles));
  return document.uri;
};

const markActionDone: Handler = async (services, args) => {
  const document = await targetDocument(args);
  if (!document) return undefined;
  const doc = services.store.parse(document);
  let index: number;
  if (args && args.line !== undefined) {
    const line = lineArg(args, 'line');
    const action = doc.actions.find((item) => item.line === line);
    if (!action) {
      throw new RunbookError('no-such-action', vscode.l10n.t('{0}:{1} is not an action item', vscode.workspace.asRelativePath(document.uri), line));
    }
    index = action.index;
  } else {
    const pick = await vscode.window.showQuickPick(
      doc.actions.filter((item) => !item.done).map((item) => ({ label: item.text, description: [item.owner && `@${item.owner}`, item.due].filter(Boolean).join(' · '), index: item.index })),
      { title: vscode.l10n.t('Mark action item done'), placeHolder: vscode.l10n.t('Action item') },
    );
    if (!pick) return undefined;
    index = pick.index;
  }
  await applyEngineEdits(document, markDoneEdits(document.getText(), doc, index));
  return document.uri;
};

/** Register the four editing commands. */
export function registerApprovalCommands(context: vscode.ExtensionContext, services: Services): void {
  const handlers: Array<[string, Handler]> = [
    ['runbook.approve', approve],
    ['runbook.revoke', revoke],
    ['runbook.accept', accept],
    ['runbook.markActionDone', markActionDone],
  ];
  for (const [id, handler] of handlers) registerCommand(context, services, id, handler, { writes: true });
}
