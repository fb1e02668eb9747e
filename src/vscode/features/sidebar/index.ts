/**
 * The "Runbooks" view container: three tree views that follow every folder's document store (file changes, creations,
 * deletions and renames are applied file by file there), grouped by folder in a multi-root workspace, with view-title
 * toggles for the action items view.
 */
import * as vscode from 'vscode';
import { ownHandles } from '../../../node/user';
import { registerWorkspaceCommand } from '../../register';
import type { RunbookWorkspace } from '../../workspace';
import { ActionsProvider, IncidentsProvider, RunbooksProvider, type ActionGrouping } from './views';

/** The providers, returned to the extension-host tests through the extension's API. */
export interface SidebarViews {
  incidents: IncidentsProvider;
  actions: ActionsProvider;
  runbooks: RunbooksProvider;
}

/**
 * Who "mine" is: the `runbook.me` setting (a handle, with or without `@`), then for each folder the git user name and
 * e-mail local part, and the OS user.
 */
export async function myHandles(workspace: RunbookWorkspace): Promise<string[]> {
  const configured = vscode.workspace.getConfiguration('runbook').get<string>('me', '').trim();
  const found = await Promise.all(workspace.all().map((services) => ownHandles(services.folder.uri.scheme === 'file' ? services.folder.uri.fsPath : null)));
  return [...new Set([...(configured ? [configured] : []), ...found.flat()])];
}

export function activate(context: vscode.ExtensionContext, workspace: RunbookWorkspace): { sidebar: SidebarViews } {
  const views: SidebarViews = {
    incidents: new IncidentsProvider(workspace),
    actions: new ActionsProvider(workspace),
    runbooks: new RunbooksProvider(workspace),
  };
  const refreshAll = (): void => Object.values(views).forEach((view) => view.refresh());
  const setContext = (): void => {
    void vscode.commands.executeCommand('setContext', 'runbook.actionsGroupedBy', views.actions.grouping);
    void vscode.commands.executeCommand('setContext', 'runbook.actionsMineOnly', views.actions.mineOnly);
  };
  setContext();
  context.subscriptions.push(
    ...Object.values(views),
    vscode.window.createTreeView('runbook.incidents', { treeDataProvider: views.incidents, showCollapseAll: true }),
    vscode.window.createTreeView('runbook.actions', { treeDataProvider: views.actions, showCollapseAll: true }),
    vscode.window.createTreeView('runbook.runbooks', { treeDataProvider: views.runbooks }),
    workspace.onDidChange(refreshAll),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('runbook.me') || !views.actions.mineOnly) return;
      views.actions.me = await myHandles(workspace);
      views.actions.refresh();
    }),
  );
  // An incident's first response falls overdue with time alone: its icon is checked again every minute.
  const clock = setInterval(() => views.incidents.refresh(), 60_000);
  context.subscriptions.push({ dispose: () => clearInterval(clock) });
  const group = (grouping: ActionGrouping) => async (): Promise<undefined> => {
    views.actions.grouping = grouping;
    setContext();
    views.actions.refresh();
    return undefined;
  };
  const mine = (on: boolean) => async (): Promise<undefined> => {
    views.actions.mineOnly = on;
    if (on) views.actions.me = await myHandles(workspace);
    setContext();
    views.actions.refresh();
    return undefined;
  };
  registerWorkspaceCommand(context, workspace, 'runbook.actions.groupByOwner', group('owner'), { writes: false });
  registerWorkspaceCommand(context, workspace, 'runbook.actions.groupByDue', group('due'), { writes: false });
  registerWorkspaceCommand(context, workspace, 'runbook.actions.mineOnly', mine(true), { writes: false });
  registerWorkspaceCommand(context, workspace, 'runbook.actions.showAll', mine(false), { writes: false });
  registerWorkspaceCommand(
    context,
    workspace,
    'runbook.refresh',
    async () => {
      // Each folder's configuration first (a watcher event can be lost, see services.ts); a changed one already rescans.
      await Promise.all(
        workspace.all().map(async (services) => {
          const configChanged = await services.reloadConfig();
          await (configChanged ? services.store.ready() : services.store.rescan());
        }),
      );
      refreshAll();
      return undefined;
    },
    { writes: false },
  );
  return { sidebar: views };
}
