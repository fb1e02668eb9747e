/**
 * What every feature reads about one workspace folder: the file adapter, the configuration, the document store, the
 * templates. A multi-root workspace has one `Services` per folder, owned by the `RunbookWorkspace` (workspace.ts), which
 * is what features receive; commands that work on one folder get that folder's `Services` (register.ts).
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { resolveApprover, type Approver } from '../core/approver';
import type { RunbookConfig } from '../core/config';
import type { EngineHost } from '../core/host';
import { loadTemplates, type TemplateSet } from '../core/templates';
import { checksum } from '../core/workspace-index/cache-format';
import { findBuiltInTemplatesFolder, readBuiltInTemplateTexts } from '../node/builtin-templates';
import { indexCacheFile } from '../node/cache';
import { defaultUserName, osUserName } from '../node/user';
import { readConfig } from './config';
import { VscodeWorkspaceFiles } from './files';
import { DocumentStore, storageCache } from './store';

export interface Services {
  /** The workspace folder these services read. */
  readonly folder: vscode.WorkspaceFolder;
  /** The folder's files, as the engine sees them. */
  readonly files: VscodeWorkspaceFiles;
  /** The engine's host: files, clock and the user's name. */
  readonly host: EngineHost;
  /** The current configuration (settings over `.runbook/config.json` over defaults). */
  config(): RunbookConfig;
  /** Fires after the configuration was re-read. */
  readonly onDidChangeConfig: vscode.Event<RunbookConfig>;
  /** The "Runbook Kit" output channel (one for every folder). */
  readonly log: vscode.LogOutputChannel;
  /** Every document of the folder, parsed and kept current; each editor buffer version parsed once. */
  readonly store: DocumentStore;
  /** Built-in templates, overridden by the workspace's (only in a trusted workspace), and the broken ones. */
  templates(): Promise<TemplateSet>;
  /**
   * Who an edit is recorded as: `given` when a command argument names someone, else the approver rule of approver.ts
   * (`runbook.approverName`, `defaultApprover`, git, the OS user) — looked up once until the settings change.
   */
  approver(given?: string): Promise<Approver>;
}

/** The `runbook.approverName` user setting: the name this person set for themself (never a workspace value). */
function personalApproverName(): string | undefined {
  const value = vscode.workspace.getConfiguration('runbook').inspect<string>('approverName')?.globalValue;
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The services of one folder and what they own (disposed when the folder leaves the workspace). */
export interface FolderServices extends Services, vscode.Disposable {}

/** How long `.runbook/config.json` must stay unchanged before it is read again after a file-system event. */
const CONFIG_SETTLE_MS = 200;

/** The index cache file of a folder: one per folder in the (per-workspace) storage, named after the folder's URI. */
function cacheFileName(folder: vscode.WorkspaceFolder): string {
  return `index-cache-${checksum(new TextEncoder().encode(folder.uri.toString()))}.bin`;
}

/** Build the services of a workspace folder; dispose the result when the folder is removed. */
export async function createServices(
  context: vscode.ExtensionContext,
  folder: vscode.WorkspaceFolder,
  log: vscode.LogOutputChannel,
  nestedFolders: () => string[] = () => [],
): Promise<FolderServices> {
  const disposables: vscode.Disposable[] = [];
  const files = new VscodeWorkspaceFiles(folder.uri);
  const reportConfigError = (message: string): void => {
    log.error(`${folder.name}: ${message}`);
    void vscode.window.showWarningMessage(vscode.l10n.t('Runbook Kit configuration: {0}', message));
  };
  let current = await readConfig(files, reportConfigError);
  const changed = new vscode.EventEmitter<RunbookConfig>();
  disposables.push(changed);
  const reload = async (): Promise<void> => {
    current = await readConfig(files, reportConfigError);
    changed.fire(current);
  };
  disposables.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('runbook', folder.uri)) void reload();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void reload()),
  );
  // A file is created (empty) before it is filled, and the watcher may report both as one "created" event: read it
  // once the writes have settled, or a fast read sees an empty or half-written file and nothing reads it again.
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  const reloadSoon = (): void => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => void reload(), CONFIG_SETTLE_MS);
  };
  const configWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '.runbook/config.json'));
  disposables.push(
    configWatcher,
    configWatcher.onDidChange(reloadSoon),
    configWatcher.onDidCreate(reloadSoon),
    configWatcher.onDidDelete(reloadSoon),
    { dispose: () => clearTimeout(reloadTimer) },
  );
  const host: EngineHost = {
    files,
    clock: { now: () => new Date() },
    // The rule (argument, `runbook.approverName`, `defaultApprover`, then this) is core's `resolveApprover`.
    userName: () => (folder.uri.scheme === 'file' ? defaultUserName(folder.uri.fsPath) : Promise.resolve(osUserName())),
    personalName: personalApproverName,
  };
  let approver: Promise<Approver> | undefined;
  disposables.push(changed.event(() => (approver = undefined)));
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0';
  const storage = context.storageUri;
  // The cache is a file in the extension's workspace storage: through Node when that is local, else the VS Code API.
  const cacheName = cacheFileName(folder);
  const cache = storage ? (storage.scheme === 'file' ? indexCacheFile(join(storage.fsPath, cacheName)) : storageCache(storage, cacheName)) : undefined;
  const store = new DocumentStore(
    { files, host, config: () => current, onDidChangeConfig: changed.event, log, nestedFolders },
    { ...(cache ? { cache } : {}), fingerprint: `runbook-kit-${version}` },
  );
  disposables.push(store);
  const builtInFolder = findBuiltInTemplatesFolder(context.extensionUri.fsPath);
  return {
    folder,
    files,
    host,
    config: () => current,
    onDidChangeConfig: changed.event,
    log,
    store,
    templates: () => loadTemplates(host, current, readBuiltInTemplateTexts(builtInFolder), { workspace: vscode.workspace.isTrusted }),
    approver: (given) => {
      if (given !== undefined) return resolveApprover(given, current, host);
      approver ??= resolveApprover(undefined, current, host);
      return approver;
    },
    dispose: () => disposables.splice(0).reverse().forEach((disposable) => disposable.dispose()),
  };
}
