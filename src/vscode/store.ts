/**
 * The extension's view of the workspace's documents: the engine's `WorkspaceIndex` (src/core/index), persisted in the
 * extension's workspace storage, kept current file by file from file-system events and editor buffers (an open document
 * is indexed from its buffer, so the sidebar and diagnostics follow unsaved changes). Views read from here and listen
 * to `onDidChange`.
 */
import * as vscode from 'vscode';
import type { RunbookConfig } from '../core/config';
import type { EngineHost } from '../core/host';
import { IGNORE_NOTHING, loadIgnoreRule, type IgnoreRule } from '../core/ignore';
import { isCaseInsensitiveFileSystem } from '../node/files';
import { isIndexedPath, WorkspaceIndex, type IndexCache } from '../core/workspace-index';
import type { WorkspaceScan } from '../core/workspace';
import type { Finding, ParsedDocument } from '../core/model';
import { KeyedDebounce } from './debounce';
import type { VscodeWorkspaceFiles } from './files';
import { ParsedBuffers } from './parsed-buffers';
import { watchEventLoop } from './stall-monitor';

/** What the store reads from the services that own it. */
export interface StoreContext {
  readonly files: VscodeWorkspaceFiles;
  readonly host: EngineHost;
  config(): RunbookConfig;
  readonly onDidChangeConfig: vscode.Event<RunbookConfig>;
  readonly log: vscode.LogOutputChannel;
  /**
   * Workspace folders nested inside this one (folder-relative paths): their documents belong to their own folder, so
   * this store leaves them out (a multi-root workspace of `repo` and `repo/docs` lists each document once).
   */
  nestedFolders?(): string[];
}

/**
 * Whether a workspace-relative path is a document the configuration asks to scan (the index's own rule), and not left
 * out by `.gitignore` or `files.exclude`.
 */
function isInScope(relative: string, config: RunbookConfig, ignored: IgnoreRule = IGNORE_NOTHING): boolean {
  return isIndexedPath(relative, config, ignored);
}

/** The `files.exclude` globs that are switched on (`true`; conditional `{ when }` entries are left to VS Code). */
function filesExcludePatterns(folder: vscode.Uri): string[] {
  const excluded = vscode.workspace.getConfiguration('files', folder).get<Record<string, unknown>>('exclude') ?? {};
  return Object.entries(excluded)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

/** The index cache as one file (`name`) in a storage folder (the extension's workspace storage). */
export function storageCache(folder: vscode.Uri, name: string): IndexCache {
  const file = vscode.Uri.joinPath(folder, name);
  return {
    read: async () => {
      try {
        return await vscode.workspace.fs.readFile(file);
      } catch {
        return null;
      }
    },
    write: async (data) => {
      await vscode.workspace.fs.createDirectory(folder);
      await vscode.workspace.fs.writeFile(file, data);
    },
  };
}

export interface StoreOptions {
  /** Where the index persists between sessions; none means a full build on every start. */
  cache?: IndexCache;
  /** The extension's version: a cache written by another version is discarded. */
  fingerprint: string;
}

export class DocumentStore implements vscode.Disposable {
  private index: WorkspaceIndex | null = null;
  /**
   * Before the first index is ready: the documents of the cache as last written, not yet checked against the files,
   * so the views paint at once on a warm start and are corrected in place when the index lands.
   */
  private provisional: WorkspaceScan | null = null;
  /** When the store was made (during activation): the start of the "first listing ready" log line. */
  private readonly createdAt = performance.now();
  /** `.gitignore` + `files.exclude`, read at each (re)scan. */
  private ignored: IgnoreRule = IGNORE_NOTHING;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Editor buffers and watched files are read again once their changes pause. */
  private readonly pendingBuffers = new KeyedDebounce(150);
  private readonly pendingFiles = new KeyedDebounce(150);
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private scanning: Promise<void> = Promise.resolve();
  private generation = 0;
  /** Editor buffers, each version parsed once for every reader. */
  readonly buffers = new ParsedBuffers();

  /** Fires (debounced) after documents were added, changed or removed. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly services: StoreContext,
    private readonly options: StoreOptions,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(services.files.root, '**/*.{md,markdown}'));
    this.disposables.push(
      this.changed,
      watcher,
      watcher.onDidCreate((uri) => this.refreshSoon(uri)),
      watcher.onDidChange((uri) => this.refreshSoon(uri)),
      watcher.onDidDelete((uri) => this.forgetTree(uri)),
      // Renames done in VS Code (the watcher reports them as a delete and a create, which also works).
      vscode.workspace.onDidRenameFiles((event) => {
        for (const { oldUri, newUri } of event.files) void this.renamed(oldUri, newUri);
      }),
      vscode.workspace.onDidDeleteFiles((event) => event.files.forEach((uri) => this.forgetTree(uri))),
      vscode.workspace.onDidChangeTextDocument((event) => this.bufferChanged(event.document)),
      vscode.workspace.onDidOpenTextDocument((document) => this.bufferChanged(document)),
      // A closed buffer may have held unsaved text: the file on disk is the truth again.
      vscode.workspace.onDidCloseTextDocument((document) => {
        this.buffers.forget(document.uri);
        void this.refreshFile(document.uri);
      }),
      services.onDidChangeConfig(() => void this.rescan()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('files.exclude')) void this.rescan();
      }),
    );
    void this.rescan();
  }

  /** Resolves once the scan running now (if any) is done. */
  ready(): Promise<void> {
    return this.scanning;
  }

  /** Every parsed document, sorted by path. */
  all(): ParsedDocument[] {
    return this.index?.documents() ?? this.provisional?.documents ?? [];
  }

  /** Whether `all()` is still the cache's listing, not yet checked against the files. */
  isProvisional(): boolean {
    return this.index === null && this.provisional !== null;
  }

  /** Milliseconds since the store was made (during activation), for the timing lines of the log. */
  sinceActivation(): number {
    return Math.round(performance.now() - this.createdAt);
  }

  /** Files and folders that could not be read (encoding, size, special files, links out of the workspace). */
  unreadableFindings(): Finding[] {
    return this.index?.findings() ?? [];
  }

  /** Whether a workspace-relative path is one of the documents this store follows. */
  inScope(relative: string): boolean {
    return isInScope(relative, this.services.config(), this.ignored);
  }

  /**
   * Whether the index has an entry for a workspace-relative path (a document, or a file it could not read); null while
   * the first scan runs.
   */
  knows(relative: string): boolean | null {
    if (!this.index) return null;
    return this.index.document(relative) !== undefined || this.index.findings().some((finding) => finding.file === relative);
  }

  /** The parsed document at a workspace-relative path, if it is in scope. */
  get(relative: string): ParsedDocument | undefined {
    return this.index?.document(relative);
  }

  /**
   * The parse of an editor buffer's current version (edits are computed on exactly this text): parsed once per version
   * and configuration, whoever asks first, and shared by the index, diagnostics, CodeLens, hovers and commands.
   */
  parse(document: vscode.TextDocument): ParsedDocument {
    const file = this.services.files.toRelative(document.uri) ?? document.uri.path.split('/').pop() ?? '';
    return this.buffers.get(document, file, this.services.config());
  }

  /** Load the index again (configuration change, "Refresh"): the cache makes unchanged files cheap. */
  rescan(): Promise<void> {
    const generation = ++this.generation;
    this.scanning = this.scanning.then(async () => {
      const stalls = watchEventLoop();
      try {
        const config = this.services.config();
        const started = Date.now();
        const root = this.services.files.root;
        // Workspace folders nested in this one keep their own documents (anchored patterns: `/docs/`).
        const nested = (this.services.nestedFolders?.() ?? []).map((folder) => `/${folder}/`);
        const ignored = await loadIgnoreRule(this.services.host.files, [...filesExcludePatterns(root), ...nested], {
          ignoreCase: root.scheme === 'file' && (await isCaseInsensitiveFileSystem(root.fsPath)),
          onProblem: (problem) => this.services.log.warn(problem),
        });
        // Off the UI path (the index awaits file reads); the status bar shows how far a cold scan is.
        const index = await vscode.window.withProgress(
          { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Indexing runbooks') },
          (progress) =>
            WorkspaceIndex.open(this.services.host, config, {
              ...(this.options.cache ? { cache: this.options.cache } : {}),
              fingerprint: this.options.fingerprint,
              ignore: ignored,
              // A warm start paints the views from the cache first (only the first load: later ones keep the index).
              onCached: (scan) => {
                if (this.index !== null || generation !== this.generation) return;
                this.provisional = scan;
                this.services.log.info(`first listing ready ${this.sinceActivation()} ms after activation: ${scan.documents.length} documents from the cache, not yet validated`);
                this.fireNow();
              },
              // The extension host is shared by every extension: hand it back every few milliseconds.
              yieldToHost: () => new Promise((resolve) => setImmediate(resolve)),
              // The views first; the cache is written a moment later (schedulePersist below).
              persistLater: true,
              onProgress: (done, total) => {
                if (done % 200 === 0 || done === total) progress.report({ message: vscode.l10n.t('{0} of {1} documents', done, total) });
              },
            }),
        );
        if (generation !== this.generation) {
          stalls.stop();
          return;
        }
        for (const document of vscode.workspace.textDocuments) {
          const relative = this.services.files.toRelative(document.uri);
          if (relative !== null && document.isDirty) index.setOpenDocument(relative, this.parse(document));
        }
        this.index = index;
        this.provisional = null;
        this.ignored = ignored;
        for (const finding of index.findings()) this.services.log.warn(`${finding.file}: ${finding.message}`);
        this.services.log.info(`indexed ${index.documents().length} documents in ${Date.now() - started} ms (${this.sinceActivation()} ms after activation)`);
        this.fireNow();
        this.schedulePersist(1000, true);
        // The views refill after the change event: keep watching while they do (read by `npm run bench`).
        setTimeout(() => {
          const report = stalls.stop();
          this.services.log.info(`longest event-loop stall while indexing: ${report.longestMs} ms (${report.overThreshold} over ${report.threshold} ms)`);
        }, 1000);
      } catch (error) {
        stalls.stop();
        this.services.log.error(`indexing failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    });
    return this.scanning;
  }

  private bufferChanged(document: vscode.TextDocument): void {
    const relative = this.services.files.toRelative(document.uri);
    if (relative === null || !this.inScope(relative)) return;
    this.pendingBuffers.run(document.uri.toString(), () => {
      if (document.isClosed || !this.index) return;
      this.index.setOpenDocument(relative, this.parse(document));
      this.fire();
    });
  }

  /**
   * Index a file again once its writes have settled: a file is created empty and then filled, and the watcher may
   * report both as one event, so reading at the first event could index an empty file for good.
   */
  private refreshSoon(uri: vscode.Uri): void {
    this.pendingFiles.run(uri.toString(), () => void this.refreshFile(uri));
  }

  /** Index one file again (created or changed on disk), from its open buffer when it has one. */
  async refreshFile(uri: vscode.Uri): Promise<void> {
    const relative = this.services.files.toRelative(uri);
    if (relative === null || !this.inScope(relative)) return;
    await this.scanning;
    const index = this.index;
    if (!index) return;
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString() && !document.isClosed);
    try {
      if (open?.isDirty) index.setOpenDocument(relative, this.parse(open));
      else await index.update(relative);
      this.fire();
    } catch (error) {
      this.services.log.warn(`${relative}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private async renamed(from: vscode.Uri, to: vscode.Uri): Promise<void> {
    const oldPath = this.services.files.toRelative(from);
    const newPath = this.services.files.toRelative(to);
    await this.scanning;
    if (!this.index || oldPath === null) return;
    if (newPath === null) this.forgetTree(from);
    else await this.index.rename(oldPath, newPath);
    this.fire();
  }

  /** Forget a file, or every file under a deleted folder. */
  private forgetTree(uri: vscode.Uri): void {
    const relative = this.services.files.toRelative(uri);
    if (relative === null || !this.index) return;
    const files = [...this.index.documents().map((doc) => doc.file), ...this.index.findings().map((finding) => finding.file)];
    const gone = files.filter((file) => file === relative || file.startsWith(`${relative}/`));
    gone.forEach((file) => this.index?.remove(file));
    if (gone.length) this.fire();
  }

  private fire(): void {
    clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => this.changed.fire(), 100);
    this.schedulePersist();
  }

  private fireNow(): void {
    clearTimeout(this.changeTimer);
    this.changed.fire();
  }

  /** Write the cache a few seconds after the last change, not on every keystroke (`log`: say when it is written). */
  private schedulePersist(delayMs = 5000, log = false): void {
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      const started = Date.now();
      void this.index
        ?.persist()
        .then(() => log && this.services.log.info(`index cache written in ${Date.now() - started} ms`))
        .catch((error: unknown) => this.services.log.warn(`index cache not written: ${error instanceof Error ? error.message : String(error)}`));
    }, delayMs);
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
    clearTimeout(this.persistTimer);
    void this.index?.persist().catch(() => undefined);
    this.pendingBuffers.dispose();
    this.pendingFiles.dispose();
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}
