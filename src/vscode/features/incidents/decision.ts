/**
 * `runbook.recordDecision` `{ uri, decision?, by? }`: fills a hand-off's Decision section with the decision and
 * "Decided by NAME on DATE" — the engine's edit (handoffs.ts) as one undoable `WorkspaceEdit`. Without `decision` it
 * asks for it; without `uri` it works on the active editor. The inline action of an open hand-off in Open Incidents.
 */
import * as vscode from 'vscode';
import { isoDate } from '../../../core/dates';
import { decisionEdits, handoffOf } from '../../../core/handoffs';
import { applyEngineEdits } from '../../apply';
import { stringArg, uriArg } from '../../args';
import type { CommandHandler } from '../../register';

export const recordDecision: CommandHandler = async (services, args) => {
  let document: vscode.TextDocument | undefined;
  if (args && args.uri !== undefined) document = await vscode.workspace.openTextDocument(uriArg(args.uri));
  else document = vscode.window.activeTextEditor?.document;
  if (!document) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a hand-off first.'));
    return undefined;
  }
  const handoff = handoffOf(services.store.parse(document));
  const approver = await services.approver(args ? stringArg(args, 'by', false) : undefined);
  const decision =
    (args ? stringArg(args, 'decision', false) : undefined) ??
    (await vscode.window.showInputBox({
      title: vscode.l10n.t('Record Decision — {0}', handoff.title),
      prompt: vscode.l10n.t('What was decided (recorded as decided by {0} today)', approver.name),
      validateInput: (value) => (value.trim() === '' ? vscode.l10n.t('Write what was decided') : undefined),
    }));
  if (decision === undefined) return undefined;
  const date = isoDate(services.host.clock.now());
  const target = document;
  // Computed on what the buffer holds once the input box is closed and the file's lock is taken (apply.ts).
  await applyEngineEdits(target, () => decisionEdits(target.getText(), services.store.parse(target), { decision, by: approver.name, date }));
  return target.uri;
};
