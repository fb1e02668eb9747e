/** Inline approvals: the editing commands, CodeLens on compliance and Status lines, hovers on approved lines. */
import * as vscode from 'vscode';
import type { Services } from '../../services';
import { registerApprovalCommands } from './commands';
import { ApprovalHoverProvider, ApprovalLensProvider } from './lenses';

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown' }];

export function activate(context: vscode.ExtensionContext, services: Services): void {
  registerApprovalCommands(context, services);
  const lenses = new ApprovalLensProvider(services);
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(MARKDOWN, lenses),
    vscode.languages.registerHoverProvider(MARKDOWN, new ApprovalHoverProvider(services)),
    services.onDidChangeConfig(() => lenses.refresh()),
  );
}
