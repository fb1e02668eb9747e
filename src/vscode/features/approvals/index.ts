/** Inline approvals: the editing commands, CodeLens on compliance and Status lines, hovers on approved lines. */
import * as vscode from 'vscode';
import type { RunbookWorkspace } from '../../workspace';
import { registerApprovalCommands } from './commands';
import { ApprovalHoverProvider, ApprovalLensProvider } from './lenses';

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown' }];

export function activate(context: vscode.ExtensionContext, workspace: RunbookWorkspace): void {
  registerApprovalCommands(context, workspace);
  const lenses = new ApprovalLensProvider(workspace);
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(MARKDOWN, lenses),
    vscode.languages.registerHoverProvider(MARKDOWN, new ApprovalHoverProvider(workspace)),
    workspace.onDidChangeConfig(() => lenses.refresh()),
    workspace.onDidChangeFolders(() => lenses.refresh()),
  );
}
