/**
 * The engine's `WorkspaceFiles` over Node's `fs`, under one workspace root, shared by the CLI and the extension (for a
 * local `file:` workspace). Every path is checked to stay inside the root (symlinks included) before anything is read
 * or written, and new files are created exclusively (`wx`) so nothing is replaced.
 *
 * Everything here is asynchronous: inside VS Code a synchronous read blocks the extension host (and every other
 * extension) for as long as it lasts, and the index bounds how many reads are in flight at once.
 */
import { existsSync, promises as fs, type Dirent } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { CONFIG_FILE } from '../core/config';
import { bilingual, RunbookError } from '../core/errors';
import type { DirectoryEntry, EngineHost, EntryDetail, EntryType, FileRead, FileStat, WorkspaceFiles } from '../core/host';
import {
  createError,
  entryType,
  errorCode,
  errorReason,
  exists,
  isSymbolicLink,
  O_CREAT,
  O_EXCL,
  O_NOFOLLOW,
  O_WRONLY,
  openedPath,
  readFileSync,
  readRegularFile,
  specialKindText,
  statOrNull,
} from './file-io';

import { withFileLock, type LockOptions } from './lock';

export { errorReason, readRegularFile } from './file-io';
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
    throw new RunbookError('outside-workspace', bilingual(`${given} is outside the workspace ${root}`, `${given} est hors de l'espace de travail ${root}`), 'domain');
  }
  return relative(root, absolute).split(sep).join('/');
}


/** A relative path `path.resolve` would change: absolute, empty, with `.`/`..`/empty segments, or a backslash. */
const UNPLAIN_PATH = /^\/|^$|(?:^|\/)\.{0,2}(?:\/|$)|\\/;

export class NodeWorkspaceFiles implements WorkspaceFiles {
  private realRoot: string | null = null;
  /**
   * Absolute paths known to be inside the workspace without a link check: the root, and the plain (not linked) files
   * and folders a listing of such a folder showed. A deep walk then checks each folder once, not each of its ancestors.
   */
  private readonly knownInside = new Set<string>();

  /** The resolved root with a trailing `/`: what a plain relative path is appended to. */
  private readonly rootPrefix: string;

  constructor(readonly root: string) {
    const resolved = resolve(root);
    this.knownInside.add(resolved);
    this.rootPrefix = resolved.endsWith('/') ? resolved : `${resolved}/`;
  }

  private async rootRealPath(): Promise<string> {
    this.realRoot ??= await fs.realpath(this.root);
    return this.realRoot;
  }

  /** Absolute path of a workspace-relative one; refuses `..` escapes and symlinks that lead outside. */
  async absolute(relativePath: string): Promise<string> {
    const absolute = resolve(this.root, relativePath);
    if (!isInside(this.root, absolute)) {
      throw new RunbookError('outside-workspace', bilingual(`${relativePath} would be outside the workspace`, `${relativePath} serait hors de l'espace de travail`), 'domain');
    }
    if (this.knownInside.has(absolute)) return absolute;
    const folder = dirname(absolute);
    if (!this.knownInside.has(folder)) {
      // The nearest existing ancestor must really be inside: a linked folder may point anywhere.
      let existing = folder;
      while (existing !== this.root && !(await exists(existing))) existing = dirname(existing);
      await this.refuseIfOutside(existing, relativePath);
      if (existing === folder) this.knownInside.add(folder);
    }
    if (await isSymbolicLink(absolute)) await this.refuseIfOutside(absolute, relativePath);
    return absolute;
  }

  private async refuseIfOutside(path: string, relativePath: string): Promise<void> {
    let real: string;
    try {
      real = await fs.realpath(path);
    } catch (error) {
      const code = errorCode(error);
      const why =
        code === 'ENOENT' ? bilingual('is a link to nothing', 'est un lien vers rien')
        : code === 'ELOOP' ? bilingual('is a link in a loop', 'est un lien en boucle')
        : bilingual(`cannot be resolved (${errorReason(error)})`, `ne peut pas être résolu (${errorReason(error)})`);
      throw new RunbookError('file-not-found', bilingual(`${relativePath} ${why.en}`, `${relativePath} ${why.fr}`));
    }
    if (!isInside(await this.rootRealPath(), real)) {
      throw new RunbookError(
        'outside-workspace',
        bilingual(`${relativePath} leads outside the workspace through a link`, `${relativePath} mène hors de l'espace de travail par un lien`),
        'domain',
      );
    }
  }

  async readFile(relativePath: string): Promise<Uint8Array> {
    return readRegularFile(await this.absolute(relativePath), relativePath);
  }

  async stat(relativePath: string): Promise<FileStat | null> {
    const absolute = await this.absolute(relativePath);
    try {
      const stat = await fs.stat(absolute);
      return { mtime: stat.mtimeMs, size: stat.size, type: entryType(stat) };
    } catch {
      return null;
    }
  }

  /** Synchronous per file (a few microseconds each); the index asks for small batches and yields between them. */
  async statMany(relativePaths: readonly string[]): Promise<Array<FileStat | null>> {
    const absolutes = await this.absolutes(relativePaths);
    return absolutes.map((absolute) => (absolute === null ? null : statOrNull(absolute)));
  }

  /** Synchronous per file (open, fstat, read, close); the index asks for small batches and yields between them. */
  async readMany(relativePaths: readonly string[], maxBytes: number): Promise<Array<FileRead | null>> {
    const absolutes = await this.absolutes(relativePaths);
    return absolutes.map((absolute) => (absolute === null ? null : readFileSync(absolute, maxBytes)));
  }

  /** `absolute` of each path (no file-system call for those the walk listed), null for one that is refused. */
  private async absolutes(relativePaths: readonly string[]): Promise<Array<string | null>> {
    const result: Array<string | null> = [];
    for (const relativePath of relativePaths) {
      // A plain `a/b.md` joins as is: `path.resolve` per file was ~0.04 s of a warm 10k run.
      const absolute = sep === '/' && !UNPLAIN_PATH.test(relativePath) ? this.rootPrefix + relativePath : resolve(this.root, relativePath);
      result.push(this.knownInside.has(absolute) ? absolute : await this.absolute(relativePath).catch(() => null));
    }
    return result;
  }

  async readDirectory(relativePath: string): Promise<DirectoryEntry[]> {
    const folder = await this.absolute(relativePath);
    let entries: Dirent[];
    try {
      entries = await fs.readdir(folder, { withFileTypes: true });
    } catch (error) {
      const code = errorCode(error);
      if (code === 'ENOENT' || code === 'ENOTDIR') return [];
      throw error;
    }
    const result: DirectoryEntry[] = [];
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory() || entry.isFile()) {
        this.knownInside.add(path);
        result.push([entry.name, entry.isDirectory() ? 'directory' : 'file']);
      } else if (entry.isSymbolicLink()) {
        result.push([entry.name, ...(await this.linkEntry(path))]);
      } else {
        const kind = specialKindText(entry);
        result.push([entry.name, 'other', { reason: bilingual(`${kind.en}, not read`, `${kind.fr}, non lu`) }]);
      }
    }
    return result;
  }

  /** A link is followed only when it stays inside the workspace; otherwise it is an `other` entry saying why. */
  private async linkEntry(path: string): Promise<[EntryType, EntryDetail]> {
    let target: string;
    try {
      target = await fs.realpath(path);
    } catch (error) {
      const why = errorReason(error);
      return ['other', { link: true, reason: bilingual(`a link that leads nowhere (${why})`, `un lien qui ne mène nulle part (${why})`) }];
    }
    if (!isInside(await this.rootRealPath(), target)) {
      return ['other', { link: true, reason: bilingual('a link that leads outside the workspace, not followed', 'un lien qui sort de l’espace de travail, non suivi') }];
    }
    const stat = await fs.stat(target);
    const type = entryType(stat);
    if (type !== 'other') return [type, { link: true }];
    const kind = specialKindText(stat);
    return [type, { link: true, reason: bilingual(`a link to ${kind.en}, not read`, `un lien vers ${kind.fr}, non lu`) }];
  }

  async folderIdentity(relativePath: string): Promise<string | null> {
    const stat = await fs.stat(await this.absolute(relativePath));
    return stat.isDirectory() ? `${stat.dev}:${stat.ino}` : null;
  }

  /**
   * Create a new file, never replacing one and never outside the workspace, even when a folder on the way is swapped
   * for a link while this runs: each folder is made and checked one level at a time, the file is created with
   * O_EXCL | O_NOFOLLOW, and its real path is checked before anything is written into it (an escaped file is removed).
   */
  async createFile(relativePath: string, data: Uint8Array): Promise<boolean> {
    try {
      return await this.createNewFile(relativePath, data);
    } catch (error) {
      // Whatever the file system said on the way (a folder that vanished in a swap, …), one line naming the file.
      throw error instanceof RunbookError ? error : createError(relativePath, error);
    }
  }

  private async createNewFile(relativePath: string, data: Uint8Array): Promise<boolean> {
    const absolute = await this.absolute(relativePath);
    await this.makeFolders(dirname(absolute), relativePath);
    let handle: FileHandle;
    try {
      handle = await fs.open(absolute, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o666);
    } catch (error) {
      const code = errorCode(error);
      if (code === 'EEXIST') return false;
      if (code === 'ELOOP') throw new RunbookError('file-exists', bilingual(`${relativePath} already exists (as a link)`, `${relativePath} existe déjà (comme lien)`));
      throw createError(relativePath, error);
    }
    try {
      const created = await handle.stat();
      const real = await openedPath(handle, absolute);
      const same = real !== null && (await fs.stat(real).then((stat) => stat.ino === created.ino && stat.dev === created.dev, () => false));
      if (!same || !isInside(await this.rootRealPath(), real)) {
        if (same) await fs.unlink(real);
        throw new RunbookError(
          'outside-workspace',
          bilingual(
            `${relativePath}: a folder on the way was replaced by a link while the file was created; nothing was written`,
            `${relativePath} : un dossier du chemin a été remplacé par un lien pendant la création du fichier ; rien n'a été écrit`,
          ),
        );
      }
      await handle.writeFile(data);
      return true;
    } finally {
      await handle.close();
    }
  }

  /** `mkdir -p`, one level at a time, each new or existing folder checked to really be inside the workspace. */
  private async makeFolders(folder: string, relativePath: string): Promise<void> {
    const missing: string[] = [];
    let existing = folder;
    while (!(await exists(existing))) {
      missing.unshift(existing);
      existing = dirname(existing);
    }
    const realRoot = await this.rootRealPath();
    for (const path of [existing, ...missing]) {
      if (path !== existing) {
        try {
          await fs.mkdir(path);
        } catch (error) {
          if (errorCode(error) !== 'EEXIST') throw createError(relativePath, error);
        }
      }
      const real = await fs.realpath(path).catch((error: unknown) => {
        const reason = errorReason(error);
        throw new RunbookError(
          'file-not-found',
          bilingual(
            `cannot create ${relativePath}: a folder on its path changed meanwhile (${reason}); nothing was written`,
            `impossible de créer ${relativePath} : un dossier de son chemin a changé entre-temps (${reason}) ; rien n'a été écrit`,
          ),
        );
      });
      if (!isInside(realRoot, real)) {
        throw new RunbookError(
          'outside-workspace',
          bilingual(
            `${relativePath} leads outside the workspace through a link; nothing was written`,
            `${relativePath} mène hors de l'espace de travail par un lien ; rien n'a été écrit`,
          ),
        );
      }
      if (!(await fs.stat(real)).isDirectory()) {
        const folder = relative(this.root, path) || '.';
        throw new RunbookError('file-exists', bilingual(`${relativePath}: ${folder} is a file, not a folder`, `${relativePath} : ${folder} est un fichier, pas un dossier`));
      }
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
    const current = await readRegularFile(absolute, relativePath);
    if (!Buffer.from(expected).equals(current)) {
      throw new RunbookError(
        'changed-on-disk',
        bilingual(
          `${relativePath} changed on disk while it was being edited; nothing was written, run the command again`,
          `${relativePath} a changé sur le disque pendant sa modification ; rien n'a été écrit, relancez la commande`,
        ),
      );
    }
    await writeFileAtomic(absolute, Buffer.from(data));
    if (!Buffer.from(data).equals(await fs.readFile(absolute))) {
      throw new RunbookError(
        'changed-on-disk',
        bilingual(
          `${relativePath} was changed by another program right after it was written; check it and run the command again`,
          `${relativePath} a été modifié par un autre programme juste après son écriture ; vérifiez-le et relancez la commande`,
        ),
      );
    }
  }
}

/**
 * Whether the file system under `root` ignores case (macOS and Windows defaults): the root's name with its case
 * flipped names the same folder. Git sets `core.ignorecase` the same way, and `.gitignore` is matched accordingly.
 */
export async function isCaseInsensitiveFileSystem(root: string): Promise<boolean> {
  const absolute = resolve(root);
  const name = absolute.slice(dirname(absolute).length);
  const flipped = [...name].map((char) => (char === char.toLowerCase() ? char.toUpperCase() : char.toLowerCase())).join('');
  if (flipped === name) return false;
  try {
    const [original, other] = await Promise.all([fs.stat(absolute), fs.stat(dirname(absolute) + flipped)]);
    return original.ino === other.ino && original.dev === other.dev;
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
