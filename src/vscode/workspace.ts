/**
 * Every workspace folder's services, kept in step with the folders of the window: a multi-root workspace indexes each
 * folder with its own configuration (`.runbook/config.json` and folder settings), and the views, diagnostics and report
 * read all of them. Paths shown to the user are folder-relative, prefixed with the folder's name when there are several.
 */
import * as vscode from 'vscode';
import type { ParsedDocument } from '../core/model';
import { createServices, type FolderServices, type Services } from './services';

export class RunbookWorkspace implements vscode.Disposable {
  private readonly byFolder = new Map<string, FolderServices>();
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly foldersChanged = new vscode.EventEmitter<void>();
  private readonly configChanged = new vscode.EventEmitter<Services>();
  private readonly subscriptions = new Map<string, vscode.Disposable[]>();
  /** Each folder's nested folders as last scanned, to rescan an outer folder when they change. */
  private readonly nestedKnown = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [this.changed, this.foldersChanged, this.configChanged];
  private updating: Promise<void> = Promise.resolve();

  /** Fires (debounced by each store) after documents of any folder changed, and when folders come or go. */
  readonly onDidChange = this.changed.event;
  /** Fires after a folder was added or removed (its services created or disposed). */
  readonly onDidChangeFolders = this.foldersChanged.event;
  /** Fires with a folder's services after its configuration was re-read. */
  readonly onDidChangeConfig = this.configChanged.event;

  private constructor(
    private readonly context: vscode.ExtensionContext,
    /** The "Runbook Kit" output channel. */
    readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.sync()));
  }

  /** Services for every folder open now; later folder changes are followed. */
  static async open(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): Promise<RunbookWorkspace> {
    const workspace = new RunbookWorkspace(context, log);
    await workspace.sync();
    return workspace;
  }

  /** The other workspace folders inside `folder`, as paths relative to it. */
  private nestedIn(folder: vscode.WorkspaceFolder): string[] {
    const base = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
    return (vscode.workspace.workspaceFolders ?? [])
      .filter((other) => other.uri.scheme === folder.uri.scheme && other.uri.authority === folder.uri.authority && other.uri.path.startsWith(base))
      .map((other) => other.uri.path.slice(base.length).replace(/\/+$/, ''))
      .filter((path) => path !== '')
      .sort();
  }

  /** Create services for new folders and dispose those of removed ones (serialised: events can come in bursts). */
  private sync(): Promise<void> {
    this.updating = this.updating.then(async () => {
      const folders = vscode.workspace.workspaceFolders ?? [];
      const wanted = new Set(folders.map((folder) => folder.uri.toString()));
      let changed = false;
      for (const [key, services] of [...this.byFolder]) {
        if (wanted.has(key)) continue;
        this.byFolder.delete(key);
        this.subscriptions.get(key)?.forEach((subscription) => subscription.dispose());
        this.subscriptions.delete(key);
        services.dispose();
        changed = true;
      }
      for (const folder of folders) {
        const key = folder.uri.toString();
        if (this.byFolder.has(key)) continue;
        try {
          const services = await createServices(this.context, folder, this.log, () => this.nestedIn(folder));
          this.byFolder.set(key, services);
          this.subscriptions.set(key, [
            services.store.onDidChange(() => this.changed.fire()),
            services.onDidChangeConfig(() => this.configChanged.fire(services)),
          ]);
          changed = true;
        } catch (error) {
          this.log.error(`${folder.name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        }
      }
      // A folder added inside (or removed from inside) another: the outer one leaves its documents to it (or takes them back).
      for (const [key, services] of this.byFolder) {
        const nested = this.nestedIn(services.folder).join('\n');
        const before = this.nestedKnown.get(key);
        this.nestedKnown.set(key, nested);
        if (before !== undefined && before !== nested) void services.store.rescan();
      }
      for (const key of [...this.nestedKnown.keys()]) if (!this.byFolder.has(key)) this.nestedKnown.delete(key);
      if (changed) {
        this.foldersChanged.fire();
        this.changed.fire();
      }
    });
    return this.updating;
  }

  /** Resolves once folder changes in progress are applied. */
  settled(): Promise<void> {
    return this.updating;
  }

  /** Every folder's services, in the window's folder order. */
  all(): Services[] {
    const order = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.toString());
    return [...this.byFolder.entries()].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)).map(([, services]) => services);
  }

  /** Whether more than one folder is open: paths and views then name the folder. */
  get multiRoot(): boolean {
    return this.byFolder.size > 1;
  }

  /** The services of the folder that holds `uri`, if any. */
  forUri(uri: vscode.Uri): Services | undefined {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? this.byFolder.get(folder.uri.toString()) : undefined;
  }

  /** The services of a folder given by name, by URI or as a `WorkspaceFolder`. */
  forFolder(folder: string | vscode.Uri | vscode.WorkspaceFolder): Services | undefined {
    if (typeof folder === 'string') return this.all().find((services) => services.folder.name === folder || services.folder.uri.toString() === folder);
    const uri = folder instanceof vscode.Uri ? folder : folder.uri;
    return this.byFolder.get(uri.toString());
  }

  /** How a folder-relative path is shown: `file`, or `folder/file` in a multi-root workspace. */
  label(services: Services, file: string): string {
    return this.multiRoot ? `${services.folder.name}/${file}` : file;
  }

  /** Every folder's documents with `file` as `label` shows it, and the way back from such a label to the file. */
  labelledDocuments(): { documents: ParsedDocument[]; uriOf: (label: string) => vscode.Uri | undefined } {
    const uris = new Map<string, vscode.Uri>();
    const documents: ParsedDocument[] = [];
    for (const services of this.all()) {
      for (const doc of services.store.all()) {
        const label = this.label(services, doc.file);
        uris.set(label, services.files.toUri(doc.file));
        documents.push(this.multiRoot ? { ...doc, file: label } : doc);
      }
    }
    return { documents, uriOf: (label) => uris.get(label) };
  }

  /** Resolves once every folder's scan running now is done. */
  async ready(): Promise<void> {
    await this.updating;
    await Promise.all(this.all().map((services) => services.store.ready()));
  }

  dispose(): void {
    for (const subscriptions of this.subscriptions.values()) subscriptions.forEach((subscription) => subscription.dispose());
    this.subscriptions.clear();
    for (const services of this.byFolder.values()) services.dispose();
    this.byFolder.clear();
    this.disposables.forEach((disposable) => disposable.dispose());
  }
}
