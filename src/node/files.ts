/**
 * The engine's `WorkspaceFiles` over Node's `fs`, under one workspace root, shared by the CLI and the extension (for a
 * local `file:` workspace). Every path is checked to stay inside the root (symlinks included) before anything is read
 * or written, and new files are created exclusively (`wx`) so nothing is replaced.
 *
 * Everything here is asynchronous: inside VS Code a synchronous read blocks the extension host (and every other
 * extension) for as long as it lasts, and the index bounds how many reads are in flight at once.
 */
import { existsSync, promises as fs } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { CONFIG_FILE } from '../core/config';
import { RunbookError } from '../core/errors';
import type { EngineHost, FileStat, WorkspaceFiles } from '../core/host';
import { withFileLock, type LockOptions } from './lock';
import { defaultUserName } from './user';

/** The nearest folder at or above `start` holding `.git` or `.runbook/config.json`; `start` itself when none does. */
export function findWorkspaceRoot(start: string): string {
  let folder = resolve(start);
  for (;;) {
    if (existsSync(join(folder, '.git')) || existsSync(join(folder, CONFIG_FILE))) return folder;
    const parent = dirname(folder);
    if (parent === folder) return resolve(start);
    folder = parent;
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Workspace-relative `/` path of a path given on the command line (relative to `base`), refused if outside. */
export function toWorkspacePath(root: string, base: string, given: string): string {
  const absolute = resolve(base, given);
  if (!isInside(root, absolute)) {
    throw new RunbookError('outside-workspace', `${given} is outside the workspace ${root}`, 'domain');
  }
  return relative(root, absolute).split(sep).join('/');
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

export class NodeWorkspaceFiles implements WorkspaceFiles {
  private realRoot: string | null = null;
  /** Folders whose real path is known to be inside the workspace (files are checked through their folder). */
  private readonly safeFolders = new Set<string>();
  /** Files a folder listing showed as plain files (not links): no per-file link check needed. */
  private readonly plainFiles = new Set<string>();

  constructor(readonly root: string) {}

  private async rootRealPath(): Promise<string> {
    this.realRoot ??= await fs.realpath(this.root);
    return this.realRoot;
  }

  /** Absolute path of a workspace-relative one; refuses `..` escapes and symlinks that lead outside. */
  async absolute(relativePath: string): Promise<string> {
    const absolute = resolve(this.root, relativePath);
    if (!isInside(this.root, absolute)) {
      throw new RunbookError('outside-workspace', `${relativePath} would be outside the workspace`, 'domain');
    }
    if (absolute === this.root) return absolute;
    const folder = dirname(absolute);
    if (!this.safeFolders.has(folder)) {
      // The nearest existing ancestor must really be inside: a linked folder may point anywhere.
      let existing = folder;
      while (existing !== this.root && !(await exists(existing))) existing = dirname(existing);
      await this.refuseIfOutside(existing, relativePath);
      if (existing === folder) this.safeFolders.add(folder);
    }
    if (!this.plainFiles.has(absolute) && (await isSymbolicLink(absolute))) await this.refuseIfOutside(absolute, relativePath);
    return absolute;
  }

  private async refuseIfOutside(path: string, relativePath: string): Promise<void> {
    if (!isInside(await this.rootRealPath(), await fs.realpath(path))) {
      throw new RunbookError('outside-workspace', `${relativePath} leads outside the workspace through a link`, 'domain');
    }
  }

  async readFile(relativePath: string): Promise<Uint8Array> {
    return fs.readFile(await this.absolute(relativePath));
  }

  async stat(relativePath: string): Promise<FileStat | null> {
    const absolute = await this.absolute(relativePath);
    try {
      const stat = await fs.stat(absolute);
      return { mtime: stat.mtimeMs, size: stat.size, type: stat.isDirectory() ? 'directory' : 'file' };
    } catch {
      return null;
    }
  }

  async readDirectory(relativePath: string): Promise<Array<[string, 'file' | 'directory']>> {
    const folder = await this.absolute(relativePath);
    let entries;
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch {
      return [];
    }
    const result: Array<[string, 'file' | 'directory']> = [];
    for (const entry of entries) {
      if (entry.isDirectory()) result.push([entry.name, 'directory']);
      else if (entry.isFile()) {
        this.plainFiles.add(join(folder, entry.name));
        result.push([entry.name, 'file']);
      } else if (entry.isSymbolicLink()) {
        // Follow a link only when it stays inside the workspace.
        try {
          const target = await fs.realpath(join(folder, entry.name));
          if (isInside(await this.rootRealPath(), target)) result.push([entry.name, (await fs.stat(target)).isDirectory() ? 'directory' : 'file']);
        } catch {
          // A dangling link is not a document.
        }
      }
    }
    return result;
  }

  async createFile(relativePath: string, data: Uint8Array): Promise<boolean> {
    const absolute = await this.absolute(relativePath);
    await fs.mkdir(dirname(absolute), { recursive: true });
    await this.absolute(relativePath); // the folders just made may not lead outside either
    try {
      await fs.writeFile(absolute, data, { flag: 'wx' });
      return true;
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      throw error;
    }
  }

  /**
   * Run `task` holding the cross-process lock of a workspace file (lock.ts): every writer that takes it — each CLI
   * command, the extension's saves — reads, edits and writes the file as one step.
   */
  async withLock<T>(relativePath: string, task: () => Promise<T>, options?: LockOptions): Promise<T> {
    return withFileLock(await this.absolute(relativePath), relativePath, task, options);
  }

  /**
   * Replace a file's content only if it still holds `expected` (what the edit was computed from), atomically
   * (temporary file + rename), then read it back: a change by a writer that does not take the lock (another editor)
   * is never overwritten, and success means the new content is on disk.
   */
  async replaceIfUnchanged(relativePath: string, expected: Uint8Array, data: Uint8Array): Promise<void> {
    const absolute = await this.absolute(relativePath);
    const current = await fs.readFile(absolute);
    if (!Buffer.from(expected).equals(current)) {
      throw new RunbookError(
        'changed-on-disk',
        `${relativePath} changed on disk while it was being edited; nothing was written, run the command again`,
      );
    }
    await writeFileAtomic(absolute, Buffer.from(data));
    if (!Buffer.from(data).equals(await fs.readFile(absolute))) {
      throw new RunbookError('changed-on-disk', `${relativePath} was changed by another program right after it was written; check it and run the command again`);
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}

async function isSymbolicLink(path: string): Promise<boolean> {
  try {
    return (await fs.lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The engine's host over a local folder: Node files, the given clock, and the git or OS user name. */
export function createNodeHost(root: string, now: () => Date = () => new Date()): EngineHost & { files: NodeWorkspaceFiles } {
  return {
    files: new NodeWorkspaceFiles(root),
    clock: { now },
    userName: () => defaultUserName(root),
  };
}
