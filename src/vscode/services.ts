/**
 * What every feature receives from `extension.ts`: the file adapter, the configuration and a log. Features never build
 * these themselves, so tests and features see one configuration and one view of the files.
 */
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';
import * as vscode from 'vscode';
import type { RunbookConfig } from '../core/config';
import type { EngineHost } from '../core/host';
import { decodeUtf8, isTemplateFile, loadWorkspaceTemplates, mergeTemplates, templatesFromTexts, type TemplateInfo } from '../core/templates';
import { readConfig } from './config';
import { VscodeWorkspaceFiles } from './files';
import { DocumentStore, storageCache } from './store';

/** What the document store needs; `Services` adds the store itself. */
export interface CoreServices {
  /** The first workspace folder's files, as the engine sees them. */
  readonly files: VscodeWorkspaceFiles;
  /** The engine's host: files, clock and the approver's name. */
  readonly host: EngineHost;
  /** The current configuration (settings over `.runbook/config.json` over defaults). */
  config(): RunbookConfig;
  /** Fires after the configuration was re-read. */
  readonly onDidChangeConfig: vscode.Event<RunbookConfig>;
  /** The "Runbook Kit" output channel. */
  readonly log: vscode.LogOutputChannel;
}

export interface Services extends CoreServices {
  /** Every document of the workspace, parsed and kept current. */
  readonly store: DocumentStore;
  /** Built-in templates, overridden by the workspace's (only in a trusted workspace). */
  templates(): Promise<TemplateInfo[]>;
}

/** How long `.runbook/config.json` must stay unchanged before it is read again after a file-system event. */
const CONFIG_SETTLE_MS = 200;

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
  const reload = async (): Promise<void> => {
    current = await readConfig(files, reportConfigError);
    changed.fire(current);
  };
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('runbook')) void reload();
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
  context.subscriptions.push(
    configWatcher,
    configWatcher.onDidChange(reloadSoon),
    configWatcher.onDidCreate(reloadSoon),
    configWatcher.onDidDelete(reloadSoon),
    { dispose: () => clearTimeout(reloadTimer) },
  );
  const host: EngineHost = {
    files,
    clock: { now: () => new Date() },
    userName: async () => current.defaultApprover || (await gitUserName(folder.uri)) || osUserName(),
  };
  const core: CoreServices = { files, host, config: () => current, onDidChangeConfig: changed.event, log };
  const version = (context.extension.packageJSON as { version?: string }).version ?? '0';
  const store = new DocumentStore(core, {
    ...(context.storageUri ? { cache: storageCache(context.storageUri) } : {}),
    fingerprint: `runbook-kit-${version}`,
  });
  context.subscriptions.push(store);
  return { ...core, store, templates: () => loadTemplates(context.extensionUri, host, current) };
}

/** The templates shipped in the extension's `templates/` folder, merged with the workspace's when it is trusted. */
async function loadTemplates(extensionUri: vscode.Uri, host: EngineHost, config: RunbookConfig): Promise<TemplateInfo[]> {
  const folder = vscode.Uri.joinPath(extensionUri, 'templates');
  const texts: Array<{ file: string; text: string }> = [];
  for (const [name, type] of (await vscode.workspace.fs.readDirectory(folder)).sort(([a], [b]) => a.localeCompare(b))) {
    if (!(type & vscode.FileType.File) || !isTemplateFile(name)) continue;
    const file = `templates/${name}`;
    texts.push({ file, text: decodeUtf8(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, name)), file) });
  }
  const builtIn = templatesFromTexts(texts, 'built-in');
  if (!vscode.workspace.isTrusted) return builtIn;
  return mergeTemplates(builtIn, await loadWorkspaceTemplates(host, config));
}

/** `git config user.name` in the folder, or null (no git, not a local folder, not set). */
function gitUserName(folder: vscode.Uri): Promise<string | null> {
  if (folder.scheme !== 'file') return Promise.resolve(null);
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.name'], { cwd: folder.fsPath, timeout: 3000 }, (error, stdout) => {
      resolve(error ? null : stdout.trim() || null);
    });
  });
}

function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
