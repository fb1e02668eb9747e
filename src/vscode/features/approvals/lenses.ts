/**
 * CodeLens on a runbook's compliance lines and on its `Status:` line, and a hover on approved lines. Ranges come from
 * the parsed document; lenses refresh when the document or the configuration changes.
 * - an unapproved line: "Approve @QA as Alice" — the name it will be recorded as (runbook.approverName, else the
 *   configuration's defaultApprover, else git), passed to the command so what is recorded is what was shown;
 * - a stale line: "Re-approve @QA as Alice (changed since Bob approved)"; an approved line: "Revoke @QA";
 * - the status line: "Accept runbook" when every approval counts, "Reopen runbook" once accepted, else
 *   "3 of 6 approvals missing", which lists them and offers to approve one.
 */
import * as vscode from 'vscode';
import type { ApproverSource } from '../../../core/approver';
import { runbookGate } from '../../../core/gate';
import type { Services } from '../../services';
import type { RunbookWorkspace } from '../../workspace';

/** The services of the folder holding `document`, when it is one of the documents that folder follows. */
function servicesOf(workspace: RunbookWorkspace, document: vscode.TextDocument): Services | undefined {
  const services = workspace.forUri(document.uri);
  const relative = services?.files.toRelative(document.uri);
  return services && relative !== null && relative !== undefined && services.store.inScope(relative) ? services : undefined;
}

/** Where the recorded name comes from, for the lens tooltip. */
function sourceText(source: ApproverSource): string {
  switch (source) {
    case 'personal':
      return vscode.l10n.t('your runbook.approverName setting');
    case 'config':
      return vscode.l10n.t('the workspace\'s defaultApprover');
    default:
      return vscode.l10n.t('git user.name (or the system user); set runbook.approverName to choose');
  }
}

export class ApprovalLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly workspace: RunbookWorkspace) {}

  /** Ask VS Code for fresh lenses (configuration changed, trust granted). */
  refresh(): void {
    this.changed.fire();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const services = servicesOf(this.workspace, document);
    if (!services) return [];
    const runbook = services.store.parse(document).runbook;
    if (!runbook) return [];
    // In Restricted Mode nothing can be approved: no name is looked up (git is not run for an untrusted folder).
    const approver = vscode.workspace.isTrusted ? await services.approver() : null;
    const recordedAs = approver ? vscode.l10n.t('Recorded as {0}, from {1}', approver.name, sourceText(approver.source)) : undefined;
    const lenses: vscode.CodeLens[] = [];
    const uri = document.uri;
    for (const item of runbook.compliance) {
      const range = document.lineAt(item.line - 1).range;
      const approveArgs = [{ uri, role: item.role, ...(approver ? { by: approver.name } : {}) }];
      if (!item.checked) {
        const title = approver ? vscode.l10n.t('Approve @{0} as {1}', item.role, approver.name) : vscode.l10n.t('Approve @{0}', item.role);
        lenses.push(new vscode.CodeLens(range, { title, tooltip: recordedAs, command: 'runbook.approve', arguments: approveArgs }));
      } else if (item.stale && item.approval) {
        lenses.push(
          new vscode.CodeLens(range, {
            title: approver
              ? vscode.l10n.t('Re-approve @{0} as {1} (changed since {2} approved)', item.role, approver.name, item.approval.by)
              : vscode.l10n.t('Re-approve @{0} (changed since {1} approved)', item.role, item.approval.by),
            tooltip: recordedAs,
            command: 'runbook.approve',
            arguments: approveArgs,
          }),
        );
      } else {
        lenses.push(new vscode.CodeLens(range, { title: vscode.l10n.t('Revoke @{0}', item.role), command: 'runbook.revoke', arguments: [{ uri, role: item.role }] }));
      }
    }
    const status = runbook.status;
    if (status) {
      const gate = runbookGate(runbook, services.config());
      const notCounting = gate.roles.length - gate.approved.length;
      const range = document.lineAt(status.line - 1).range;
      if (status.value === 'ACCEPTED') {
        lenses.push(new vscode.CodeLens(range, { title: vscode.l10n.t('Accepted'), command: '' }));
        lenses.push(new vscode.CodeLens(range, { title: vscode.l10n.t('Reopen runbook'), command: 'runbook.reopen', arguments: [{ uri }] }));
      } else if (notCounting === 0 && status.value === 'PROPOSED') {
        lenses.push(new vscode.CodeLens(range, { title: vscode.l10n.t('Accept runbook'), command: 'runbook.accept', arguments: [{ uri }] }));
      } else if (notCounting > 0) {
        const roles = [...gate.missing, ...gate.stale.map((problem) => problem.role), ...gate.unauthorized.map((problem) => problem.role)];
        lenses.push(
          new vscode.CodeLens(range, {
            title: vscode.l10n.t('{0} of {1} approvals missing', notCounting, gate.roles.length),
            tooltip: [...new Set(roles)].map((role) => `@${role}`).join(', '),
            command: 'runbook.showMissingApprovals',
            arguments: [{ uri }],
          }),
        );
      }
    }
    return lenses;
  }
}

export class ApprovalHoverProvider implements vscode.HoverProvider {
  constructor(private readonly workspace: RunbookWorkspace) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const services = servicesOf(this.workspace, document);
    if (!services) return undefined;
    const runbook = services.store.parse(document).runbook;
    if (!runbook) return undefined;
    const line = position.line + 1;
    const item = runbook.compliance.find((entry) => entry.line === line);
    if (item?.approval) {
      const approved = vscode.l10n.t('**@{0}** approved by {1} on {2}', item.role, item.approval.by, item.approval.at);
      const stale = item.stale
        ? `\n\n${vscode.l10n.t('The runbook changed since (fingerprint {0}, now {1}): re-approve it.', item.approval.fingerprint ?? '', runbook.fingerprint)}`
        : '';
      return new vscode.Hover(new vscode.MarkdownString(approved + stale));
    }
    if (item?.checked) return new vscode.Hover(new vscode.MarkdownString(vscode.l10n.t('**@{0}** approved (no name or date recorded)', item.role)));
    if (runbook.status?.line === line && runbook.status.acceptance) {
      const { by, at } = runbook.status.acceptance;
      return new vscode.Hover(new vscode.MarkdownString(vscode.l10n.t('Accepted by {0} on {1}', by, at)));
    }
    if (runbook.status?.line === line && runbook.status.reopening) {
      const { by, at } = runbook.status.reopening;
      return new vscode.Hover(new vscode.MarkdownString(vscode.l10n.t('Reopened by {0} on {1}', by, at)));
    }
    return undefined;
  }
}
