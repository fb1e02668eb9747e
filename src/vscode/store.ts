/**
 * The extension's view of the workspace's documents: every markdown file in the configured folders parsed once, then
 * kept current file by file from file-system events and editor buffers (an open document is parsed from its buffer, so
 * the sidebar and diagnostics follow unsaved changes). Views read from here and listen to `onDidChange`.
 */
import * as vscode from 'vscode';
import type { RunbookConfig } from '../core/config';
import type { Finding, ParsedDocument } from '../core/model';
import { parseDocument } from '../core/parse/document';
import { decodeDocument, findMarkdownFiles, readForListing, tooLargeFinding } from '../core/workspace';
import type { CoreServices } from './services';

const MARKDOWN = /\.(?:md|markdown)$/i;

function normalizeFolder(folder: string): string {
  return folder.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
}

/** Whether a workspace-relative path is a document the configuration asks to scan (same rules as the CLI's scan). */
export function isInScope(relative: string, config: RunbookConfig): boolean {
  if (!MARKDOWN.test(relative)) return false;
  const parts = relative.split('/');
  if (parts.slice(0, -1).some((part) => config.exclude.includes(part))) return false;
  const templates = normalizeFolder(config.templatesFolder);
  if (templates !== '' && (relative === templates || relative.startsWith(`${templates}/`))) return false;
  return config.folders.some((folder) => {
    const prefix = normalizeFolder(folder);
    return prefix === '' || relative.startsWith(`${prefix}/`);
  });
}

export class DocumentStore implements vscode.Disposable {
  private readonly documents = new Map<string, ParsedDocument>();
  private readonly unreadable = new Map<string, Finding>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly pendingBuffers = new Map<string, ReturnType<typeof setTimeout>>();
  private changeTimer: ReturnType<typeof setTimeout> | undefined;
  private scanning: Promise<void> = Promise.resolve();
  private generation = 0;

  /** Fires (debounced) after documents were added, changed or removed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly services: CoreServices) {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(services.files.root, '**/*.{md,markdown}'));
    this.disposables.push(
      this.changed,
      watcher,
      watcher.onDidCreate((uri) => void this.refreshFile(uri)),
      watcher.onDidChange((uri) => void this.refreshFile(uri)),
      watcher.onDidDelete((uri) => this.forget(uri)),
      // Renames arrive as a delete and a create from the watcher; this also covers renames done in the editor.
      vscode.workspace.onDidRenameFiles((event) => {
        for (const { oldUri, newUri } of event.files) {
          this.forgetTree(oldUri);
          void this.refreshFile(newUri);
        }
      }),
      vscode.workspace.onDidDeleteFiles((event) => event.files.forEach((uri) => this.forgetTree(uri))),
      vscode.workspace.onDidChangeTextDocument((event) => this.bufferChanged(event.document)),
      vscode.workspace.onDidOpenTextDocument((document) => this.bufferChanged(document)),
      // A closed buffer may have held unsaved text: the file on disk is the truth again.
      vscode.workspace.onDidCloseTextDocument((document) => void this.refreshFile(document.uri)),
      services.onDidChangeConfig(() => void this.rescan()),
    );
    void this.rescan();
  }

  /** Resolves once the scan running now (if any) is done. */
  ready(): Promise<void> {
    return this.scanning;
  }

  /** Every parsed document, sorted by path. */
  all(): ParsedDocument[] {
    return [...this.documents.values()].sort((a, b) => a.file.localeCompare(b.file));
  }

  /** Files that could not be read (encoding, size). */
  unreadableFindings(): Finding[] {
    return [...this.unreadable.values()];
  }

  /** The parsed document at a workspace-relative path, if it is in scope. */
  get(relative: string): ParsedDocument | undefined {
    return this.documents.get(relative);
  }

  /** Parse a document from an editor buffer (always fresh: edits are computed on exactly this text). */
  parse(document: vscode.TextDocument): ParsedDocument {
    const file = this.services.files.toRelative(document.uri) ?? document.uri.path.split('/').pop() ?? '';
    return parseDocument(document.getText(), { file, config: this.services.config() });
  }

  /** Forget everything and parse the whole workspace again (configuration change, "Refresh"). */
  rescan(): Promise<void> {
    const generation = ++this.generation;
    this.scanning = this.scanning.then(async () => {
      const config = this.services.config();
      const files = await findMarkdownFiles(this.services.files, config);
      const documents = new Map<string, ParsedDocument>();
      const unreadable = new Map<string, Finding>();
      for (const file of files) {
        if (generation !== this.generation) return;
        try {
          const open = this.openBuffer(file);
          if (open) {
            documents.set(file, parseDocument(open.getText(), { file, config }));
            continue;
          }
          const outcome = await readForListing(this.services.files, config, file);
          if ('finding' in outcome) unreadable.set(file, outcome.finding);
          else documents.set(file, parseDocument(outcome.text, { file, config }));
        } catch (error) {
          this.services.log.warn(`${file}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      if (generation !== this.generation) return;
      this.documents.clear();
      this.unreadable.clear();
      documents.forEach((doc, file) => this.documents.set(file, doc));
      unreadable.forEach((finding, file) => this.unreadable.set(file, finding));
      this.services.log.info(`scanned ${documents.size} documents`);
      this.fireNow();
    });
    return this.scanning;
  }

  private openBuffer(relative: string): vscode.TextDocument | undefined {
    const uri = this.services.files.toUri(relative).toString();
    return vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri);
  }

  private bufferChanged(document: vscode.TextDocument): void {
    const relative = this.services.files.toRelative(document.uri);
    if (relative === null || !isInScope(relative, this.services.config())) return;
    const key = document.uri.toString();
    clearTimeout(this.pendingBuffers.get(key));
    this.pendingBuffers.set(
      key,
      setTimeout(() => {
        this.pendingBuffers.delete(key);
        if (document.isClosed) return;
        this.documents.set(relative, parseDocument(document.getText(), { file: relative, config: this.services.config() }));
        this.unreadable.delete(relative);
        this.fire();
      }, 150),
    );
  }

  /** Re-read one file (created or changed on disk), unless an open buffer holds its text. */
  async refreshFile(uri: vscode.Uri): Promise<void> {
    const relative = this.services.files.toRelative(uri);
    const config = this.services.config();
    if (relative === null || !isInScope(relative, config)) return;
    const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString() && !document.isClosed);
    try {
      if (open) {
        this.documents.set(relative, parseDocument(open.getText(), { file: relative, config }));
        this.unreadable.delete(relative);
      } else {
        const stat = await this.services.files.stat(relative);
        if (!stat) {
          this.forget(uri);
          return;
        }
        if (stat.type !== 'file') return;
        if (stat.size > config.maxFileSizeKB * 1024) {
          this.documents.delete(relative);
          this.unreadable.set(relative, tooLargeFinding(relative, stat.size, config));
        } else {
          const outcome = decodeDocument(await this.services.files.readFile(relative), relative);
          if ('finding' in outcome) {
            this.documents.delete(relative);
            this.unreadable.set(relative, outcome.finding);
          } else {
            this.documents.set(relative, parseDocument(outcome.text, { file: relative, config }));
            this.unreadable.delete(relative);
          }
        }
      }
      this.fire();
    } catch (error) {
      this.services.log.warn(`${relative}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private forget(uri: vscode.Uri): void {
    const relative = this.services.files.toRelative(uri);
    if (relative === null) return;
    if (this.documents.delete(relative) || this.unreadable.delete(relative)) this.fire();
  }

  /** Forget a file, or every file under a deleted or renamed folder. */
  private forgetTree(uri: vscode.Uri): void {
    const relative = this.services.files.toRelative(uri);
    if (relative === null) return;
    let removed = false;
    for (const map of [this.documents, this.unreadable] as Array<Map<string, unknown>>) {
      for (const file of [...map.keys()]) {
        if (file === relative || file.startsWith(`${relative}/`)) removed = map.delete(file) || removed;
      }
    }
    if (removed) this.fire();
  }

  private fire(): void {
    clearTimeout(this.changeTimer);
    this.changeTimer = setTimeout(() => this.changed.fire(), 100);
  }

  private fireNow(): void {
    clearTimeout(this.changeTimer);
    this.changed.fire();
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
    this.pendingBuffers.forEach((timer) => clearTimeout(timer));
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}
