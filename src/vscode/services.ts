/**
 * What every feature reads about one workspace folder: the file adapter, the configuration, the document store, the
 * templates. A multi-root workspace has one `Services` per folder, owned by the `RunbookWorkspace` (workspace.ts), which
 * is what features receive; commands that work on one folder get that folder's `Services` (register.ts).
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { resolveApprover, type Approver } from '../core/approver';
import { CONFIG_FILE, templateLanguage, type RunbookConfig } from '../core/config';
import type { EngineHost } from '../core/host';
import { loadTemplates, type TemplateSet } from '../core/templates';
import { checksum } from '../core/workspace-index/cache-format';
import { findBuiltInTemplatesFolder, readBuiltInTemplateTexts } from '../node/builtin-templates';
import { indexCacheFile } from '../node/cache';
import { defaultUserName, osUserName } from '../node/user';
import { readConfig } from './config';
import { VscodeWorkspaceFiles } from './files';
import { SerialReload } from './serial-reload';
import { DocumentStore, storageCache } from './store';
import { displayLanguage } from './messages';

export interface Services {
  /** The workspace folder these services read. */
  readonly folder: vscode.WorkspaceFolder;
  /** The folder's files, as the engine sees them. */
  readonly files: VscodeWorkspaceFiles;
  /** The engine's host: files, clock and the user's name. */
  readonly host: EngineHost;
  /** The current configuration (settings over `.runbook/config.json` over defaults). */
  config(): RunbookConfig;
  /** Fires after the configuration was re-read and found different, and after every `runbook.*` settings change. */
  readonly onDidChangeConfig: vscode.Event<RunbookConfig>;
  /**
   * Read the configuration again now (what "Refresh" does, whatever the file watcher saw); resolves, once read, to
   * whether it changed. Reads are serialised: the last one asked for is the one that stays.
   */
  reloadConfig(): Promise<boolean>;
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

/** The folder of `.runbook/config.json`, watched for its own creation and deletion. */
const CONFIG_FOLDER = CONFIG_FILE.split('/')[0];

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
  // One read at a time, in order: a slow earlier read never overwrites a newer one. A file event or Refresh that finds
  // the same configuration announces nothing (no rescan).
  const reloader = new SerialReload(
    () => readConfig(files, reportConfigError),
    (config) => {
      const differs = JSON.stringify(config) !== JSON.stringify(current);
      current = config;
      if (differs) changed.fire(config);
      return differs;
    },
  );
  const reload = (): Promise<boolean> =>
    reloader.reload().catch((error: unknown) => {
      log.error(`reading the configuration failed: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    });
  // A settings change or granted trust is announced even when the merged configuration is the same: listeners also
  // read what is not in it (`runbook.approverName`, the trust state).
  const reloadAndAnnounce = async (): Promise<void> => {
    if (!(await reload())) changed.fire(current);
  };
  disposables.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('runbook', folder.uri)) void reloadAndAnnounce();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void reloadAndAnnounce()),
  );
  // A file is created (empty) before it is filled, and the watcher may report both as one "created" event: read it
  // once the writes have settled, or a fast read sees an empty or half-written file and nothing reads it again.
  let reloadTimer: ReturnType<typeof setTimeout> | undefined;
  const reloadSoon = (): void => {
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => void reload(), CONFIG_SETTLE_MS);
  };
  disposables.push({ dispose: () => clearTimeout(reloadTimer) });
  // The folder is watched too: when `.runbook/` and its config.json appear together (a git pull, a checkout), VS Code
  // 1.96's recursive watcher (@parcel/watcher 2.1) reports the new folder but not what is already inside it
  // (https://github.com/parcel-bundler/watcher/issues/243), so the file's own event is lost. Every folder has both.
  for (const pattern of [CONFIG_FOLDER, CONFIG_FILE]) {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, pattern));
    disposables.push(watcher, watcher.onDidChange(reloadSoon), watcher.onDidCreate(reloadSoon), watcher.onDidDelete(reloadSoon));
  }
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
    reloadConfig: reload,
    log,
    store,
    // The built-in templates in the configured language, else VS Code's display language.
    templates: () =>
      loadTemplates(host, current, readBuiltInTemplateTexts(builtInFolder, templateLanguage(current, displayLanguage())), { workspace: vscode.workspace.isTrusted }),
    approver: (given) => {
      if (given !== undefined) return resolveApprover(given, current, host);
      approver ??= resolveApprover(undefined, current, host);
      return approver;
    },
    dispose: () => disposables.splice(0).reverse().forEach((disposable) => disposable.dispose()),
  };
}
