/**
 * CodeLens on a runbook's compliance lines ("Approve as @QA" / "Revoke @QA") and on its `Status:` line ("Accept
 * runbook" when every approval is there, "3 of 6 approvals missing" otherwise), and a hover on approved lines.
 * Ranges come from the parsed document; lenses refresh when the document or the configuration changes.
 */
import * as vscode from 'vscode';
import { missingApprovals } from '../../../core/parse/runbook';
import type { Services } from '../../services';
import type { RunbookWorkspace } from '../../workspace';

/** The services of the folder holding `document`, when it is one of the documents that folder follows. */
function servicesOf(workspace: RunbookWorkspace, document: vscode.TextDocument): Services | undefined {
  const services = workspace.forUri(document.uri);
  const relative = services?.files.toRelative(document.uri);
  return services && relative !== null && relative !== undefined && services.store.inScope(relative) ? services : undefined;
}

export class ApprovalLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly workspace: RunbookWorkspace) {}

  /** Ask VS Code for fresh lenses (configuration changed, trust granted). */
  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const services = servicesOf(this.workspace, document);
    if (!services) return [];
    const runbook = services.store.parse(document).runbook;
    if (!runbook) return [];
    const lenses: vscode.CodeLens[] = [];
    const uri = document.uri;
    for (const item of runbook.compliance) {
      const range = document.lineAt(item.line - 1).range;
      lenses.push(
        new vscode.CodeLens(
          range,
          item.checked
            ? { title: vscode.l10n.t('Revoke @{0}', item.role), command: 'runbook.revoke', arguments: [{ uri, role: item.role }] }
            : { title: vscode.l10n.t('Approve as @{0}', item.role), command: 'runbook.approve', arguments: [{ uri, role: item.role }] },
        ),
      );
    }
    const status = runbook.status;
    if (status) {
      const roles = services.config().roles;
      const missing = missingApprovals(runbook, roles);
      const total = new Set([...runbook.compliance.map((item) => item.role), ...roles]).size;
      const range = document.lineAt(status.line - 1).range;
      if (status.value === 'ACCEPTED') {
        lenses.push(new vscode.CodeLens(range, { title: vscode.l10n.t('Accepted'), command: '' }));
      } else if (missing.length === 0) {
        lenses.push(new vscode.CodeLens(range, { title: vscode.l10n.t('Accept runbook'), command: 'runbook.accept', arguments: [{ uri }] }));
      } else {
        const first = runbook.compliance.find((item) => missing.includes(item.role));
        lenses.push(
          new vscode.CodeLens(range, {
            title: vscode.l10n.t('{0} of {1} approvals missing', missing.length, total),
            tooltip: missing.map((role) => `@${role}`).join(', '),
            command: first ? 'revealLine' : '',
            arguments: first ? [{ lineNumber: first.line - 1, at: 'center' }] : [],
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
      return new vscode.Hover(new vscode.MarkdownString(vscode.l10n.t('**@{0}** approved by {1} on {2}', item.role, item.approval.by, item.approval.at)));
    }
    if (item?.checked) return new vscode.Hover(new vscode.MarkdownString(vscode.l10n.t('**@{0}** approved (no name or date recorded)', item.role)));
    if (runbook.status?.line === line && runbook.status.acceptance) {
      const { by, at } = runbook.status.acceptance;
      return new vscode.Hover(new vscode.MarkdownString(vscode.l10n.t('Accepted by {0} on {1}', by, at)));
    }
    return undefined;
  }
}
