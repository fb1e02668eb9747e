/**
 * `runbook.approve`, `runbook.revoke`, `runbook.accept`, `runbook.reopen`, `runbook.markActionDone` and
 * `runbook.showMissingApprovals`: the engine computes the edits on the document's current text (under the file's lock,
 * see apply.ts), `applyEngineEdits` applies them as one undoable `WorkspaceEdit`. Each returns the changed file's URI
 * (undefined when cancelled, refused, or when there was nothing to change).
 */
import * as vscode from 'vscode';
import { acceptEdits, approveEdits, complianceLinesOf, reopenEdits, revokeEdits } from '../../../core/approvals';
import { stampAt, type Stamp } from '../../../core/audit';
import { actionAtLine, markDoneEdits, roleName, runbookOf } from '../../../core/edits';
import { runbookGate } from '../../../core/gate';
import type { ParsedDocument } from '../../../core/model';
import { isOpenAction } from '../../../core/parse/actions';
import { applyEngineEdits } from '../../apply';
import { booleanArg, lineArg, stringArg, uriArg } from '../../args';
import { refuseUntrusted } from '../../messages';
import { registerCommand, type CommandHandler } from '../../register';
import type { Services } from '../../services';
import type { RunbookWorkspace } from '../../workspace';

type Args = Record<string, unknown> | null;

/** The document a command works on: the `uri` argument, else the active editor's. */
async function targetDocument(args: Args): Promise<vscode.TextDocument | undefined> {
  if (args && args.uri !== undefined) return vscode.workspace.openTextDocument(uriArg(args.uri));
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a runbook or an incident document first.'));
    return undefined;
  }
  return editor.document;
}

/** Who this command records and when: the `by` argument, else the approver rule. */
async function stampFor(services: Services, args: Args): Promise<Stamp> {
  const approver = await services.approver(args ? stringArg(args, 'by', false) : undefined);
  return stampAt(approver.name, services.host.clock.now());
}

/** A Quick Pick of the checklist's roles matching `wanted`; undefined when cancelled. */
async function pickRole(
  runbook: NonNullable<ParsedDocument['runbook']>,
  wanted: (item: NonNullable<ParsedDocument['runbook']>['compliance'][number]) => boolean,
  title: string,
  placeHolder: string,
): Promise<string | undefined> {
  const roles = [...new Set(runbook.compliance.filter(wanted).map((item) => item.role))];
  return (await vscode.window.showQuickPick(roles.map((role) => ({ label: `@${role}`, role })), { title, placeHolder }))?.role;
}

/** Approve `role` of `document` as `stamp.by`; says so when it was already approved (nothing changes then). */
async function approveRole(services: Services, document: vscode.TextDocument, role: string, stamp: Stamp): Promise<vscode.Uri | undefined> {
  const changed = await applyEngineEdits(document, () => approveEdits(document.getText(), services.store.parse(document), roleName(role), stamp, services.config()));
  if (changed) return document.uri;
  const approval = complianceLinesOf(services.store.parse(document), role).find((item) => item.approval)?.approval;
  void vscode.window.showInformationMessage(
    approval
      ? vscode.l10n.t('@{0} is already approved by {1} on {2}.', roleName(role), approval.by, approval.at)
      : vscode.l10n.t('@{0} is already approved.', roleName(role)),
  );
  return undefined;
}

const approve: CommandHandler = async (services, args) => {
  const document = await targetDocument(args);
  if (!document) return undefined;
  const runbook = runbookOf(services.store.parse(document));
  const role =
    (args ? stringArg(args, 'role', false) : undefined) ??
    (await pickRole(runbook, (item) => !item.checked || item.stale, vscode.l10n.t('Approve as'), vscode.l10n.t('Role to approve')));
  if (role === undefined) return undefined;
  return approveRole(services, document, role, await stampFor(services, args));
};

const revoke: CommandHandler = async (services, args) => {
  const document = await targetDocument(args);
  if (!document) return undefined;
  const doc = services.store.parse(document);
  const runbook = runbookOf(doc);
  const role =
    (args ? stringArg(args, 'role', false) : undefined) ??
    (await pickRole(runbook, (item) => item.checked, vscode.l10n.t('Revoke approval'), vscode.l10n.t('Role whose approval to revoke')));
  if (role === undefined) return undefined;
  let reopen = args ? booleanArg(args, 'reopen') : undefined;
  if (reopen === undefined && runbook.status?.value === 'ACCEPTED' && complianceLinesOf(doc, role).some((item) => item.checked)) {
    // Revoking an approval of an accepted runbook moves it back to PROPOSED: ask first.
    const choice = vscode.l10n.t('Revoke and Reopen');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} is ACCEPTED. Revoking @{1} moves it back to PROPOSED.', vscode.workspace.asRelativePath(document.uri), roleName(role)),
      { modal: true },
      choice,
    );
    if (answer !== choice) return undefined;
    reopen = true;
  }
  const stamp = await stampFor(services, args);
  const changed = await applyEngineEdits(document, () =>
    revokeEdits(document.getText(), services.store.parse(document), roleName(role), stamp, { reopen: reopen === true }),
  );
  return changed ? document.uri : undefined;
};

const accept: CommandHandler = async (services, args) => {
  const document = await targetDocument(args);
  if (!document) return undefined;
  runbookOf(services.store.parse(document));
  const stamp = await stampFor(services, args);
  await applyEngineEdits(document, () => acceptEdits(document.getText(), services.store.parse(document), stamp, services.config()));
  return document.uri;
};

const reopen: CommandHandler = async (services, args) => {
  const document = await targetDocument(args);
  if (!document) return undefined;
  runbookOf(services.store.parse(document));
  const stamp = await stampFor(services, args);
  const changed = await applyEngineEdits(document, () => reopenEdits(document.getText(), services.store.parse(document), stamp));
  return changed ? document.uri : undefined;
};

const markActionDone: CommandHandler = async (services, args) => {
  const document = await targetDocument(args);
  if (!document) return undefined;
  const doc = services.store.parse(document);
  let line: number;
  if (args && args.line !== undefined) {
    line = actionAtLine(doc, lineArg(args, 'line')).line;
  } else {
    const pick = await vscode.window.showQuickPick(
      doc.actions.filter(isOpenAction).map((item) => ({ label: item.text, description: [item.owner && `@${item.owner}`, item.due].filter(Boolean).join(' · '), line: item.line })),
      { title: vscode.l10n.t('Mark action item done'), placeHolder: vscode.l10n.t('Action item') },
    );
    if (!pick) return undefined;
    line = pick.line;
  }
  const stamp = await stampFor(services, args);
  await applyEngineEdits(document, () => {
    const current = services.store.parse(document);
    return markDoneEdits(document.getText(), current, actionAtLine(current, line).index, stamp);
  });
  return document.uri;
};

/**
 * What the "3 of 6 approvals missing" CodeLens opens: the roles whose approval does not count yet (missing, changed
 * since approved, or by someone not among the approvers), each offering to approve it as the current approver.
 */
const showMissingApprovals: CommandHandler = async (services, args) => {
  const document = await targetDocument(args);
  if (!document) return undefined;
  const runbook = runbookOf(services.store.parse(document));
  const gate = runbookGate(runbook, services.config());
  const approver = await services.approver();
  const items = [
    ...gate.missing.map((role) => ({ role, label: `@${role}`, description: vscode.l10n.t('not approved'), detail: vscode.l10n.t('Approve as {0}', approver.name) })),
    ...gate.stale.map(({ role, by }) => ({
      role,
      label: `@${role}`,
      description: vscode.l10n.t('changed since {0} approved', by ?? '?'),
      detail: vscode.l10n.t('Re-approve as {0}', approver.name),
    })),
    ...gate.unauthorized
      .filter(({ role }) => !gate.stale.some((stale) => stale.role === role))
      .map(({ role, by }) => ({
        role,
        label: `@${role}`,
        description: vscode.l10n.t('approved by {0}, who is not an approver', by ?? '?'),
        detail: vscode.l10n.t('Approve as {0}', approver.name),
      })),
  ];
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Every approval is in'));
    return undefined;
  }
  const title = vscode.l10n.t('{0} of {1} approvals missing', items.length, gate.roles.length);
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Pick a role to approve it as {0}', approver.name), matchOnDescription: true });
  if (!pick || refuseUntrusted()) return undefined;
  return approveRole(services, document, pick.role, stampAt(approver.name, services.host.clock.now()));
};

/** Register the editing commands (and the missing-approvals list, which only writes once a role is picked). */
export function registerApprovalCommands(context: vscode.ExtensionContext, workspace: RunbookWorkspace): void {
  const handlers: Array<[string, CommandHandler]> = [
    ['runbook.approve', approve],
    ['runbook.revoke', revoke],
    ['runbook.accept', accept],
    ['runbook.reopen', reopen],
    ['runbook.markActionDone', markActionDone],
  ];
  for (const [id, handler] of handlers) registerCommand(context, workspace, id, handler, { writes: true });
  registerCommand(context, workspace, 'runbook.showMissingApprovals', showMissingApprovals, { writes: false });
}
