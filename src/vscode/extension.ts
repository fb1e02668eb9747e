/**
 * The extension's entry point: builds the services, then runs each feature's `activate`. Nothing else lives here.
 */
import * as vscode from 'vscode';
import { createServices, type Services } from './services';

/** One editor feature: registers what it needs and pushes every disposable into `context.subscriptions`. */
export type Feature = (context: vscode.ExtensionContext, services: Services) => void | Promise<void>;

const FEATURES: Feature[] = [];

/** What `activate` returns, for the extension-host tests. */
export interface RunbookKitApi {
  /** The services of the first workspace folder, or null when no folder is open. */
  services: Services | null;
}

export async function activate(context: vscode.ExtensionContext): Promise<RunbookKitApi> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return { services: null };
  const services = await createServices(context, folder);
  for (const feature of FEATURES) await feature(context, services);
  return { services };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
