/**
 * The low-level file operations of the Node host: flags that never block or follow a link where that matters, what a
 * special file is called in a message, and the one-line errors for a file that cannot be read or created.
 */
import { closeSync, constants as fsConstants, fstatSync, openSync, promises as fs, readSync, statSync, type Dirent, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { bilingual, RunbookError, type Bilingual } from '../core/errors';
import type { EntryType, FileRead, FileStat } from '../core/host';

/** The errno code of a failed file-system call (`ENOENT`, `ELOOP`, …), if any. */
export function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

/** The open(2) flags used here; O_NONBLOCK and O_NOFOLLOW are 0 where the platform has none. */
export const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL } = fsConstants;
/** Opening a FIFO for reading blocks until a writer comes; with O_NONBLOCK it returns at once and fstat says what it is. */
export const O_NONBLOCK = fsConstants.O_NONBLOCK ?? 0;
export const O_NOFOLLOW = fsConstants.O_NOFOLLOW ?? 0;

/** What a non-regular, non-folder stat is, for a finding. */
export function specialKind(stat: Stats | Dirent): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** `specialKind` in both languages, for a finding. */
export function specialKindText(stat: Stats | Dirent): Bilingual {
  if (stat.isFIFO()) return bilingual('a FIFO', 'une FIFO');
  if (stat.isSocket()) return bilingual('a socket', 'un socket');
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return bilingual('a device', 'un périphérique');
  return bilingual('not a regular file', 'pas un fichier ordinaire');
}

/** The host's entry type of a stat (links already followed). */
export function entryType(stat: Stats): EntryType {
  return stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
}

/** A short reason for a failed file-system call: the errno code, or the message. */
export function errorReason(error: unknown): string {
  return errorCode(error) ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Where an open file really is. Linux tells it from the handle itself (`/proc/self/fd`), which no later swap of a
 * folder for a link can change; elsewhere the path is resolved again (a swap back in between is then caught by the
 * inode comparison, and the file, still empty, cannot be located to be removed).
 */
export async function openedPath(handle: FileHandle, absolute: string): Promise<string | null> {
  try {
    return await fs.readlink(`/proc/self/fd/${handle.fd}`);
  } catch {
    return fs.realpath(absolute).catch(() => null);
  }
}

/** The one-line error for a file that could not be created (a parent that is a file, a name too long, …). */
export function createError(relativePath: string, error: unknown): RunbookError {
  const code = errorCode(error);
  const why =
    code === 'ENOTDIR' ? bilingual('a folder on its path is a file', 'un dossier de son chemin est un fichier')
    : code === 'ENOENT' ? bilingual('a folder on its path is missing or changed meanwhile', 'un dossier de son chemin manque ou a changé entre-temps')
    : code === 'ENAMETOOLONG' ? bilingual('its name or path is too long for the file system', 'son nom ou son chemin est trop long pour le système de fichiers')
    : code === 'EACCES' || code === 'EPERM' ? bilingual('permission denied', 'permission refusée')
    : bilingual(errorReason(error), errorReason(error));
  return new RunbookError('file-not-found', bilingual(`cannot create ${relativePath}: ${why.en}`, `impossible de créer ${relativePath} : ${why.fr}`));
}

/**
 * The bytes of a regular file. Opened without blocking and checked with fstat, so a FIFO, a socket or a device (or a
 * file swapped for one) is refused at once with a one-line error instead of hanging the process.
 */
export async function readRegularFile(absolute: string, shownAs: string): Promise<Uint8Array> {
  let handle: FileHandle;
  try {
    handle = await fs.open(absolute, O_RDONLY | O_NONBLOCK);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw error;
    const reason = errorReason(error);
    throw new RunbookError('file-not-found', bilingual(`${shownAs} cannot be read (${reason})`, `${shownAs} ne peut pas être lu (${reason})`));
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) {
      throw new RunbookError(
        'not-a-regular-file',
        bilingual(
          `${shownAs} is ${stat.isDirectory() ? 'a folder' : specialKind(stat)}, not a regular file`,
          `${shownAs} est ${stat.isDirectory() ? 'un dossier' : specialKindText(stat).fr}, pas un fichier ordinaire`,
        ),
      );
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

export async function exists(path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}

export async function isSymbolicLink(path: string): Promise<boolean> {
  try {
    return (await fs.lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The host's stat of a Node stat. */
export function fileStat(stat: Stats): FileStat {
  return { mtime: stat.mtimeMs, size: stat.size, type: entryType(stat) };
}

/** `stat` without the asynchronous round trip (see `WorkspaceFiles.statMany`); null when the path cannot be reached. */
export function statOrNull(absolute: string): FileStat | null {
  try {
    const stat = statSync(absolute, { throwIfNoEntry: false });
    return stat ? fileStat(stat) : null;
  } catch {
    return null;
  }
}

/**
 * Open, fstat and read one file in four synchronous calls (the index's cold load; see `WorkspaceFiles.readMany`):
 * opened without blocking, so a FIFO or a device is only stat-ed, never read; not read at all when it is not a regular
 * file or is over `maxBytes`. Null when it cannot be opened. A file that grew since its fstat is read to its end.
 */
export function readFileSync(absolute: string, maxBytes: number): FileRead | null {
  let fd: number;
  try {
    fd = openSync(absolute, O_RDONLY | O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const stats = fstatSync(fd);
    const stat = fileStat(stats);
    if (!stats.isFile() || stats.size > maxBytes) return { stat, bytes: null };
    // One byte more than the size: a short read of a regular file is its end, so one read call is enough.
    let buffer = Buffer.allocUnsafe(stats.size + 1);
    let length = readSync(fd, buffer, 0, buffer.length, 0);
    while (length === buffer.length) {
      const grown = Buffer.allocUnsafe(buffer.length * 2);
      buffer.copy(grown, 0, 0, length);
      buffer = grown;
      const more = readSync(fd, buffer, length, buffer.length - length, length);
      if (more === 0) break;
      length += more;
    }
    return { stat, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, length) };
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
