/**
 * The `WorkspaceFiles` host of the engine over `vscode.workspace.fs`, so the extension reads and writes the same way in a
 * local, remote (code-server, SSH, WSL) or virtual workspace. Paths given to the engine are workspace-relative with `/`.
 *
 * Reads of a `file:` workspace go to the shared Node host (src/node/files.ts, asynchronous, so the extension host keeps
 * answering while it indexes): the extension is a workspace extension (it always runs where the files are), and in
 * code-server every `vscode.workspace.fs` call costs a round trip through the workbench — 20 s instead of ~4 s to index
 * 10,000 documents (`npm run bench`). Other schemes, and every write, keep the VS Code API.
 */
import * as vscode from 'vscode';
import { NodeWorkspaceFiles } from '../node/files';
import { bilingual, RunbookError } from '../core/errors';
import type { DirectoryEntry, FileRead, FileStat, WorkspaceFiles } from '../core/host';

/** Maps workspace-relative paths to URIs under one root folder and back. */
export class VscodeWorkspaceFiles implements WorkspaceFiles {
  /** Node reads for a `file:` root read through the real `vscode.workspace.fs` (see the module comment), else null. */
  private readonly local: NodeWorkspaceFiles | null;

  constructor(
    /** The workspace folder every relative path is resolved against. */
    readonly root: vscode.Uri,
    private readonly fs: vscode.FileSystem = vscode.workspace.fs,
  ) {
    this.local = root.scheme === 'file' && fs === vscode.workspace.fs ? new NodeWorkspaceFiles(root.fsPath) : null;
  }

  /** The URI of a workspace-relative path; refuses paths that climb out of the root. */
  toUri(relativePath: string): vscode.Uri {
    const parts = relativePath.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
    if (parts.includes('..')) throw new RunbookError('outside-workspace', `${relativePath} would be outside the workspace`);
    return parts.length === 0 ? this.root : vscode.Uri.joinPath(this.root, ...parts);
  }

  /** The workspace-relative path of a URI, or null when it is not under the root. */
  toRelative(uri: vscode.Uri): string | null {
    if (uri.scheme !== this.root.scheme || uri.authority !== this.root.authority) return null;
    const rootPath = this.root.path.endsWith('/') ? this.root.path : `${this.root.path}/`;
    if (uri.path === this.root.path) return '';
    if (!uri.path.startsWith(rootPath)) return null;
    return uri.path.slice(rootPath.length);
  }

  async readFile(relativePath: string): Promise<Uint8Array> {
    if (this.local) return this.local.readFile(relativePath);
    const stat = await this.stat(relativePath);
    if (stat && stat.type !== 'file') {
      throw new RunbookError('not-a-regular-file', `${relativePath} is ${stat.type === 'directory' ? 'a folder' : 'not a regular file'}, not read`);
    }
    return this.fs.readFile(this.toUri(relativePath));
  }

  /** Node's batch for a `file:` workspace; other schemes call `stat` per file (the index's fallback). */
  get statMany(): ((relativePaths: readonly string[]) => Promise<Array<FileStat | null>>) | undefined {
    const local = this.local;
    return local ? (relativePaths) => local.statMany(relativePaths) : undefined;
  }

  /** Node's batch for a `file:` workspace; other schemes call `stat` and `readFile` per file. */
  get readMany(): ((relativePaths: readonly string[], maxBytes: number) => Promise<Array<FileRead | null>>) | undefined {
    const local = this.local;
    return local ? (relativePaths, maxBytes) => local.readMany(relativePaths, maxBytes) : undefined;
  }

  async stat(relativePath: string): Promise<FileStat | null> {
    if (this.local) return this.local.stat(relativePath);
    try {
      const stat = await this.fs.stat(this.toUri(relativePath));
      return {
        mtime: stat.mtime,
        size: stat.size,
        type: stat.type & vscode.FileType.Directory ? 'directory' : stat.type & vscode.FileType.File ? 'file' : 'other',
      };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async readDirectory(relativePath: string): Promise<DirectoryEntry[]> {
    if (this.local) return this.local.readDirectory(relativePath);
    let entries: Array<[string, vscode.FileType]>;
    try {
      entries = await this.fs.readDirectory(this.toUri(relativePath));
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
    const result: DirectoryEntry[] = [];
    for (const [name, type] of entries) {
      // Where links cannot be resolved to a real path, none is followed: no loop, no way out of the workspace.
      if (type & vscode.FileType.SymbolicLink) result.push([name, 'other', { link: true, reason: bilingual('a link, not followed in this workspace', 'un lien, non suivi dans cet espace de travail') }]);
      else if (type & vscode.FileType.Directory) result.push([name, 'directory']);
      else if (type & vscode.FileType.File) result.push([name, 'file']);
      else result.push([name, 'other', { reason: bilingual('not a regular file, not read', 'pas un fichier ordinaire, non lu') }]);
    }
    return result;
  }

  async folderIdentity(relativePath: string): Promise<string | null> {
    if (this.local) return this.local.folderIdentity(relativePath);
    // No link is followed here (see readDirectory), so a folder's URI is its identity.
    return this.toUri(relativePath).toString();
  }

  async createFile(relativePath: string, data: Uint8Array): Promise<boolean> {
    const uri = this.toUri(relativePath);
    // A local workspace checks links on the way before anything is created, and the created file after.
    if (this.local) await this.local.absolute(relativePath);
    if ((await this.stat(relativePath)) !== null) return false;
    const parent = vscode.Uri.joinPath(uri, '..');
    await this.fs.createDirectory(parent);
    // A WorkspaceEdit createFile with overwrite: false fails instead of replacing a file created since the stat above.
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: data });
    const applied = await vscode.workspace.applyEdit(edit);
    if (!applied) return false;
    if (this.local) {
      try {
        await this.local.absolute(relativePath);
      } catch (error) {
        // A folder on the way became a link out of the workspace meanwhile: take the file back.
        await this.fs.delete(uri).then(undefined, () => undefined);
        throw error;
      }
    }
    const document = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    if (document?.isDirty) await document.save();
    return true;
  }
}

function isNotFound(error: unknown): boolean {
  return (
    (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') ||
    (error instanceof Error && /ENOENT|FileNotFound|EntryNotFound/.test(`${(error as { code?: string }).code ?? ''} ${error.message}`))
  );
}
