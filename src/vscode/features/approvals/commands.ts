/**
 * `runbook.approve`, `runbook.revoke`, `runbook.accept` and `runbook.markActionDone`: the engine computes the edits on the
 * document's current text, `applyEngineEdits` applies them as one undoable `WorkspaceEdit`. Each returns the changed
 * file's URI (undefined when cancelled or refused).
 */
import * as vscode from 'vscode';
import { approverName } from '../../../core/approver';
import { isoDate } from '../../../core/dates';
import { acceptEdits, actionAtLine, approveEdits, markDoneEdits, revokeEdits, roleName, runbookOf } from '../../../core/edits';
import type { ParsedDocument } from '../../../core/model';
import { applyEngineEdits } from '../../apply';
import { lineArg, stringArg, uriArg } from '../../args';
import { registerCommand, type CommandHandler } from '../../register';
import type { RunbookWorkspace } from '../../workspace';

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

/** A Quick Pick of the checklist's roles that are (`checked`) or are not approved; undefined when cancelled. */
async function pickRole(runbook: NonNullable<ParsedDocument['runbook']>, checked: boolean, title: string, placeHolder: string): Promise<string | undefined> {
  const items = runbook.compliance.filter((item) => item.checked === checked).map((item) => ({ label: `@${item.role}`, role: item.role }));
  return (await vscode.window.showQuickPick(items, { title, placeHolder }))?.role;
}

const approve: CommandHandler = async (services, args) => {
  const document = await targetDocument(args);
  if (!document) return undefined;
  const doc = services.store.parse(document);
  const runbook = runbookOf(doc);
  const role = (args ? stringArg(args, 'role', false) : undefined) ?? (await pickRole(runbook, false, vscode.l10n.t('Approve as'), vscode.l10n.t('Role to approve')));
  if (role === undefined) return undefined;
  const by = await approverName(args ? stringArg(args, 'by', false) : undefined, services.config(), services.host);
  await applyEngineEdits(document, approveEdits(doc, roleName(role), by, isoDate(services.host.clock.now())));
  return document.uri;
};

const revoke: CommandHandler = async (services, args) => {
  const document = await targetDocument(args);
  if (!document) return undefined;
  const doc = services.store.parse(document);
  const runbook = runbookOf(doc);
  const role =
    (args ? stringArg(args, 'role', false) : undefined) ??
    (await pickRole(runbook, true, vscode.l10n.t('Revoke approval'), vscode.l10n.t('Role whose approval to revoke')));
  if (role === undefined) return undefined;
  await applyEngineEdits(document, revokeEdits(doc, roleName(role)));
  return document.uri;
};

const accept: CommandHandler = async (services, args) => {
  const document = await targetDocument(args);
  if (!document) return undefined;
  const doc = services.store.parse(document);
  runbookOf(doc);
  const by = await approverName(args ? stringArg(args, 'by', false) : undefined, services.config(), services.host);
  await applyEngineEdits(document, acceptEdits(doc, by, isoDate(services.host.clock.now()), services.config().roles));
  return document.uri;
};

const markActionDone: CommandHandler = async (services, args) => {
  const document = await targetDocument(args);
  if (!document) return undefined;
  const doc = services.store.parse(document);
  let index: number;
  if (args && args.line !== undefined) {
    index = actionAtLine(doc, lineArg(args, 'line')).index;
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
export function registerApprovalCommands(context: vscode.ExtensionContext, workspace: RunbookWorkspace): void {
  const handlers: Array<[string, CommandHandler]> = [
    ['runbook.approve', approve],
    ['runbook.revoke', revoke],
    ['runbook.accept', accept],
    ['runbook.markActionDone', markActionDone],
  ];
  for (const [id, handler] of handlers) registerCommand(context, workspace, id, handler, { writes: true });
}
