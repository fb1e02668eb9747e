/**
 * What every feature receives from `extension.ts`: the file adapter, the configuration, the document store, the
 * templates and a log. Features never build these themselves, so tests and features see one configuration and one view
 * of the files.
 */
import { join } from 'node:path';
import * as vscode from 'vscode';
import { resolveApprover, type Approver } from '../core/approver';
import { CONFIG_FILE, type RunbookConfig } from '../core/config';
import type { EngineHost } from '../core/host';
import { loadTemplates, type TemplateSet } from '../core/templates';
import { findBuiltInTemplatesFolder, readBuiltInTemplateTexts } from '../node/builtin-templates';
import { indexCacheFile } from '../node/cache';
import { defaultUserName, osUserName } from '../node/user';
import { readConfig } from './config';
import { VscodeWorkspaceFiles } from './files';
import { SerialReload } from './serial-reload';
import { DocumentStore, storageCache } from './store';

export interface Services {
  /** The first workspace folder's files, as the engine sees them. */
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
  /** The "Runbook Kit" output channel. */
  readonly log: vscode.LogOutputChannel;
  /** Every document of the workspace, parsed and kept current; each editor buffer version parsed once. */
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

/** The folder of `.runbook/config.json`, watched for its own creation and deletion. */
const CONFIG_FOLDER = CONFIG_FILE.split('/')[0];

/** How long `.runbook/config.json` must stay unchanged before it is read again after a file-system event. */
const CONFIG_SETTLE_MS = 200;

/** `runbook.language` when set, else French for a French display language, else English. */
function templateLanguage(config: RunbookConfig): 'en' | 'fr' {
  if (config.language === 'en' || config.language === 'fr') return config.language;
  return vscode.env.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** Build the services for a workspace folder; everything they own goes into `context.subscriptions`. */
export async function createServices(context: vscode.ExtensionContext, folder: vscode.WorkspaceFolder): Promise<Services> {
  const log = vscode.window.createOutputChannel('Runbook Kit', { log: true });
  context.subscriptions.push(log);
  const files = new VscodeWorkspaceFiles(folder.uri);
  const reportConfigError = (message: string): void => {
    log.error(message);
    void vscode.window.showWarningMessage(vscode.l10n.t('Runbook Kit configuration: {0}', message));
  };
  let current = await readConfig(files, reportConfigError);
  const changed = new vscode.EventEmitter<RunbookConfig>();
  context.subscriptions.push(changed);
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
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('runbook')) void reloadAndAnnounce();
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
  context.subscriptions.push({ dispose: () => clearTimeout(reloadTimer) });
  // The folder is watched too: when `.runbook/` and its config.json appear together (a git pull, a checkout), VS Code
  // 1.96's recursive watcher (@parcel/watcher 2.1) reports the new folder but not what is already inside it
  // (https://github.com/parcel-bundler/watcher/issues/243), so the file's own event is lost.
  for (const pattern of [CONFIG_FOLDER, CONFIG_FILE]) {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, pattern));
    context.subscriptions.push(watcher, watcher.onDidChange(reloadSoon), watcher.onDidCreate(reloadSoon), watcher.onDidDelete(reloadSoon));
  }
  const host: EngineHost = {
    files,
    clock: { now: () => new Date() },
    // The rule (argument, `runbook.approverName`, `defaultApprover`, then this) is core's `resolveApprover`.
    userName: () => (folder.uri.scheme === 'file' ? defaultUserName(folder.uri.fsPath) : Promise.resolve(osUserName())),
    personalName: personalApproverName,
  };
  let approver: Promise<Approver> | undefined;
  context.subscriptions.push(changed.event(() => (approver = undefined)));
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0';
  const storage = context.storageUri;
  // The cache is a file in the extension's workspace storage: through Node when that is local, else the VS Code API.
  const cache = storage ? (storage.scheme === 'file' ? indexCacheFile(join(storage.fsPath, 'index-cache.bin')) : storageCache(storage)) : undefined;
  const store = new DocumentStore(
    { files, host, config: () => current, onDidChangeConfig: changed.event, log },
    { ...(cache ? { cache } : {}), fingerprint: `runbook-kit-${version}` },
  );
  context.subscriptions.push(store);
  const builtInFolder = findBuiltInTemplatesFolder(context.extensionUri.fsPath);
  return {
    files,
    host,
    config: () => current,
    onDidChangeConfig: changed.event,
    reloadConfig: reload,
    log,
    store,
    // The built-in templates in the configured language, else VS Code's display language.
    templates: () =>
      loadTemplates(host, current, readBuiltInTemplateTexts(builtInFolder, templateLanguage(current)), { workspace: vscode.workspace.isTrusted }),
    approver: (given) => {
      if (given !== undefined) return resolveApprover(given, current, host);
      approver ??= resolveApprover(undefined, current, host);
      return approver;
    },
  };
}
