/**
 * The "Runbooks" view container: three tree views that follow the document store (file changes, creations, deletions
 * and renames are applied file by file there), with view-title toggles for the action items view.
 */
import * as vscode from 'vscode';
import type { Services } from '../../services';
import { registerCommand } from '../../register';
import { ActionsProvider, IncidentsProvider, RunbooksProvider, type ActionGrouping } from './views';

/** The providers, returned to the extension-host tests through the extension's API. */
export interface SidebarViews {
  incidents: IncidentsProvider;
  actions: ActionsProvider;
  runbooks: RunbooksProvider;
}

export function activate(context: vscode.ExtensionContext, services: Services): { sidebar: SidebarViews } {
  const views: SidebarViews = {
    incidents: new IncidentsProvider(services),
    actions: new ActionsProvider(services),
    runbooks: new RunbooksProvider(services),
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
    services.store.onDidChange(refreshAll),
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
    if (on) views.actions.me = await services.host.userName();
    setContext();
    views.actions.refresh();
    return undefined;
  };
  registerCommand(context, services, 'runbook.actions.groupByOwner', group('owner'), { writes: false });
  registerCommand(context, services, 'runbook.actions.groupByDue', group('due'), { writes: false });
  registerCommand(context, services, 'runbook.actions.mineOnly', mine(true), { writes: false });
  registerCommand(context, services, 'runbook.actions.showAll', mine(false), { writes: false });
  registerCommand(
    context,
    services,
    'runbook.refresh',
    async () => {
      // The configuration first (a watcher event can be lost, see services.ts); a changed one already rescans.
      const configChanged = await services.reloadConfig();
      await (configChanged ? services.store.ready() : services.store.rescan());
      refreshAll();
      return undefined;
    },
    { writes: false },
  );
  return { sidebar: views };
}
