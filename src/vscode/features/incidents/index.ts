/** Running an incident from the editor: the lifecycle and timeline commands, "Copy Status Update", and their CodeLens. */
import * as vscode from 'vscode';
import type { RunbookWorkspace } from '../../workspace';
import { registerIncidentCommands } from './commands';
import { IncidentLensProvider } from './lenses';

/** Response and update targets move with the clock: the lenses are asked again every minute. */
const CLOCK_REFRESH_MS = 60_000;

export function activate(context: vscode.ExtensionContext, workspace: RunbookWorkspace): void {
  registerIncidentCommands(context, workspace);
  const lenses = new IncidentLensProvider(workspace);
  const timer = setInterval(() => lenses.refresh(), CLOCK_REFRESH_MS);
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider([{ language: 'markdown' }], lenses),
    workspace.onDidChangeConfig(() => lenses.refresh()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => lenses.refresh()),
    { dispose: () => clearInterval(timer) },
  );
}
