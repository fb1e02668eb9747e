/** Running an incident from the editor: the lifecycle and timeline commands, "Copy Status Update", and their CodeLens. */
import * as vscode from 'vscode';
import type { Services } from '../../services';
import { registerIncidentCommands } from './commands';
import { IncidentLensProvider } from './lenses';

/** Response and update targets move with the clock: the lenses are asked again every minute. */
const CLOCK_REFRESH_MS = 60_000;

export function activate(context: vscode.ExtensionContext, services: Services): void {
  registerIncidentCommands(context, services);
  const lenses = new IncidentLensProvider(services);
  const timer = setInterval(() => lenses.refresh(), CLOCK_REFRESH_MS);
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider([{ language: 'markdown' }], lenses),
    services.onDidChangeConfig(() => lenses.refresh()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => lenses.refresh()),
    { dispose: () => clearInterval(timer) },
  );
}
