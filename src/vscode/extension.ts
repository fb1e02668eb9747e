/**
 * The extension's entry point: builds the services of every workspace folder, then runs each feature's `activate`.
 * Nothing else lives here.
 */
import * as vscode from 'vscode';
import * as approvals from './features/approvals';
import * as diagnostics from './features/diagnostics';
import type { DiagnosticsController } from './features/diagnostics';
import * as incidents from './features/incidents';
import * as report from './features/report';
import * as newDocument from './features/new-document';
import * as sidebar from './features/sidebar';
import type { SidebarViews } from './features/sidebar';
import type { Services } from './services';
import { RunbookWorkspace } from './workspace';

/**
 * One editor feature: registers what it needs and pushes every disposable into `context.subscriptions`. It may return
 * objects for the extension-host tests (merged into the API).
 */
export type Feature = (context: vscode.ExtensionContext, workspace: RunbookWorkspace) => void | Partial<FeatureExports> | Promise<void | Partial<FeatureExports>>;

const FEATURES: Feature[] = [newDocument.activate, approvals.activate, incidents.activate, sidebar.activate, diagnostics.activate, report.activate];

/** What features hand to the tests. */
export interface FeatureExports {
  sidebar: SidebarViews;
  diagnostics: DiagnosticsController;
}

/** What `activate` returns, for the extension-host tests. */
export interface RunbookKitApi extends Partial<FeatureExports> {
  /** Every folder's services. */
  workspace: RunbookWorkspace;
  /** The services of the first workspace folder, or null when no folder is open. */
  services: Services | null;
}

export async function activate(context: vscode.ExtensionContext): Promise<RunbookKitApi> {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Runbook Kit', { log: true });
  context.subscriptions.push(log);
  const workspace = await RunbookWorkspace.open(context, log);
  context.subscriptions.push(workspace);
  const api: RunbookKitApi = {
    workspace,
    get services() {
      return workspace.all()[0] ?? null;
    },
  };
  for (const feature of FEATURES) Object.assign(api, await feature(context, workspace));
  // Read by `npm run bench` (bench/activation.mjs) from the output channel's log file.
  log.info(`activated in ${Math.round(performance.now() - started)} ms (${workspace.all().length} folder(s))`);
  return api;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
