/**
 * One way to register a command: the optional argument object is parsed, Restricted Mode is honoured for commands that
 * write, errors are shown to the user and, for programmatic callers (an argument was given), rethrown.
 *
 * A command that works on one folder (`registerCommand`) gets that folder's services: the folder of the `uri` it was
 * given, or of its `folder` argument (a name or URI), else of the active editor, else the only folder, else the one
 * the user picks. Commands over the whole workspace (refresh, view toggles, the report) use `registerWorkspaceCommand`.
 */
import * as vscode from 'vscode';
import { RunbookError } from '../core/errors';
import { argObject, stringArg, uriArg } from './args';
import { refuseUntrusted, showError } from './messages';
import type { Services } from './services';
import type { RunbookWorkspace } from './workspace';

/** A command handler: the folder's services, the parsed argument object (null when none was given) in, the changed file's URI out. */
export type CommandHandler<T = vscode.Uri> = (services: Services, args: Record<string, unknown> | null, raw: unknown) => Promise<T | undefined>;

/** A handler over every folder. */
export type WorkspaceCommandHandler<T = vscode.Uri> = (workspace: RunbookWorkspace, args: Record<string, unknown> | null, raw: unknown) => Promise<T | undefined>;

/** The folder a command works on (see the module comment); undefined when there is none or the user cancelled. */
export async function folderFor(workspace: RunbookWorkspace, args: Record<string, unknown> | null): Promise<Services | undefined> {
  if (args && args.uri !== undefined) {
    const uri = uriArg(args.uri);
    const services = workspace.forUri(uri);
    if (!services) throw new RunbookError('outside-workspace', vscode.l10n.t('{0} is not in a folder of this workspace', uri.toString(true)), 'usage');
    return services;
  }
  const folder = args ? stringArg(args, 'folder', false) : undefined;
  if (folder !== undefined) {
    const services = workspace.forFolder(folder) ?? workspace.forFolder(uriArg(folder, 'folder'));
    if (!services) throw new RunbookError('invalid-field', vscode.l10n.t('no workspace folder named {0}', JSON.stringify(folder)), 'usage');
    return services;
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  const fromEditor = active ? workspace.forUri(active) : undefined;
  if (fromEditor) return fromEditor;
  const all = workspace.all();
  if (all.length <= 1) {
    if (all.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder with runbooks, incident RCAs or post-mortems first.'));
    return all[0];
  }
  const picked = await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Workspace folder to work in'), ignoreFocusOut: true });
  return picked ? workspace.forFolder(picked) : undefined;
}

/** Register a command that works on one folder's documents. */
export function registerCommand<T>(
  context: vscode.ExtensionContext,
  workspace: RunbookWorkspace,
  id: string,
  handler: CommandHandler<T>,
  options: { writes: boolean },
): void {
  registerWorkspaceCommand(
    context,
    workspace,
    id,
    async (_, args, raw) => {
      const services = await folderFor(workspace, args);
      return services ? handler(services, args, raw) : undefined;
    },
    options,
  );
}

/** Register a command over every folder. */
export function registerWorkspaceCommand<T>(
  context: vscode.ExtensionContext,
  workspace: RunbookWorkspace,
  id: string,
  handler: WorkspaceCommandHandler<T>,
  options: { writes: boolean },
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(id, async (arg: unknown) => {
      if (options.writes && refuseUntrusted()) return undefined;
      const args = argObject(arg);
      try {
        return await handler(workspace, args, arg);
      } catch (error) {
        showError(workspace.log, error);
        if (args) throw error;
        return undefined;
      }
    }),
  );
}
