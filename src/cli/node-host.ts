/**
 * The CLI's host: Node `fs` under one workspace root. Every path is checked to stay inside the root (symlinks
 * included) before anything is read or written, and new files are created exclusively (`wx`) so nothing is replaced.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, lstatSync, promises as fs, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { CONFIG_FILE } from '../core/config';
import { RunbookError } from '../core/errors';
import type { EngineHost, FileStat, WorkspaceFiles } from '../core/host';

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

/**
 * Reads are synchronous inside the async interface on purpose: the CLI does one thing at a time, and for 10,000 files
 * the promise machinery of `fs.promises` costs more than the reads themselves (measured by `npm run bench`).
 */
export class NodeWorkspaceFiles implements WorkspaceFiles {
  private readonly realRoot: string;
  /** Folders whose real path is known to be inside the workspace (files are checked through their folder). */
  private readonly safeFolders = new Set<string>();

  constructor(readonly root: string) {
    this.realRoot = realpathSync(root);
  }

  /** Absolute path of a workspace-relative one; refuses `..` escapes and symlinks that lead outside. */
  absolute(relativePath: string): string {
    const absolute = resolve(this.root, relativePath);
    if (!isInside(this.root, absolute)) {
      throw new RunbookError('outside-workspace', `${relativePath} would be outside the workspace`, 'domain');
    }
    if (absolute === this.root) return absolute;
    const folder = dirname(absolute);
    if (!this.safeFolders.has(folder)) {
      // The nearest existing ancestor must really be inside: a linked folder may point anywhere.
      let existing = folder;
      while (!existsSync(existing) && existing !== this.root) existing = dirname(existing);
      this.refuseIfOutside(existing, relativePath);
      if (existing === folder) this.safeFolders.add(folder);
    }
    if (isSymbolicLink(absolute)) this.refuseIfOutside(absolute, relativePath);
    return absolute;
  }

  private refuseIfOutside(path: string, relativePath: string): void {
    if (!isInside(this.realRoot, realpathSync(path))) {
      throw new RunbookError('outside-workspace', `${relativePath} leads outside the workspace through a link`, 'domain');
    }
  }

  async readFile(relativePath: string): Promise<Uint8Array> {
    return readFileSync(this.absolute(relativePath));
  }

  async stat(relativePath: string): Promise<FileStat | null> {
    try {
      const stat = statSync(this.absolute(relativePath));
      return { mtime: stat.mtimeMs, size: stat.size, type: stat.isDirectory() ? 'directory' : 'file' };
    } catch (error) {
      if (error instanceof RunbookError) throw error;
      return null;
    }
  }

  async readDirectory(relativePath: string): Promise<Array<[string, 'file' | 'directory']>> {
    let entries;
    try {
      entries = readdirSync(this.absolute(relativePath), { withFileTypes: true });
    } catch (error) {
      if (error instanceof RunbookError) throw error;
      return [];
    }
    const result: Array<[string, 'file' | 'directory']> = [];
    for (const entry of entries) {
      if (entry.isDirectory()) result.push([entry.name, 'directory']);
      else if (entry.isFile()) result.push([entry.name, 'file']);
      else if (entry.isSymbolicLink()) {
        // Follow a link only when it stays inside the workspace.
        try {
          const target = realpathSync(join(this.absolute(relativePath), entry.name));
          if (isInside(this.realRoot, target)) result.push([entry.name, statSync(target).isDirectory() ? 'directory' : 'file']);
        } catch {
          // A dangling link is not a document.
        }
      }
    }
    return result;
  }

  async createFile(relativePath: string, data: Uint8Array): Promise<boolean> {
    const absolute = this.absolute(relativePath);
    await fs.mkdir(dirname(absolute), { recursive: true });
    this.absolute(relativePath); // the folders just made may not lead outside either
    try {
      await fs.writeFile(absolute, data, { flag: 'wx' });
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
  }

  /**
   * Replace a file's content only if it still holds `expected` (what the edit was computed from), atomically
   * (temporary file + rename), so a concurrent change on disk is never overwritten.
   */
  async replaceIfUnchanged(relativePath: string, expected: Uint8Array, data: Uint8Array): Promise<void> {
    const absolute = this.absolute(relativePath);
    const current = await fs.readFile(absolute);
    if (!Buffer.from(expected).equals(current)) {
      throw new RunbookError(
        'changed-on-disk',
        `${relativePath} changed on disk while it was being edited; nothing was written, run the command again`,
      );
    }
    await writeFileAtomic(absolute, Buffer.from(data));
  }
}

function isSymbolicLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** `git config user.name`, else the OS user name, else "unknown". */
export function defaultUserName(cwd: string): string {
  try {
    const name = execFileSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (name) return name;
  } catch {
    // No git, or no user.name configured: fall through to the OS user.
  }
  try {
    return userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export function createNodeHost(root: string, now: () => Date = () => new Date()): EngineHost & { files: NodeWorkspaceFiles } {
  return {
    files: new NodeWorkspaceFiles(root),
    clock: { now },
    userName: async () => defaultUserName(root),
  };
}
