/**
 * The index cache on disk. The CLI keeps one file per workspace under `RUNBOOK_CACHE_DIR` (else `$XDG_CACHE_HOME/runbook-kit`, else
 * `~/.cache/runbook-kit`), in a folder named by a hash of the workspace root's absolute path, so two checkouts never
 * share entries and nothing is written inside the workspace. The file is named after the CLI bundle that wrote it, so
 * an upgraded `runbook` never trusts an older parser's results; older files are removed on write. Writes are atomic
 * (temporary file + rename): a crash leaves the old cache or the new one, and the index checks both anyway. Cache
 * files and folders are the user's own (0600, 0700) and no link is followed to write them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants as fsConstants, promises as fs, statSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { IndexCache } from '../core/workspace-index';

/** The folder holding every workspace's cache, from the environment. */
export function cacheRoot(env: NodeJS.ProcessEnv): string {
  if (env.RUNBOOK_CACHE_DIR) return resolve(env.RUNBOOK_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(resolve(env.XDG_CACHE_HOME), 'runbook-kit');
  return join(homedir(), '.cache', 'runbook-kit');
}

/** Identifies the running engine: the bundle (or script) this code was loaded from, by path, size and mtime. */
function engineTag(): string {
  const script = process.argv[1] ?? __filename;
  let identity = script;
  try {
    const stat = statSync(script);
    identity += `:${stat.size}:${stat.mtimeMs}`;
  } catch {
    // Not a file (e.g. `node -e`): the path alone still separates engines.
  }
  return createHash('sha256').update(identity).digest('hex').slice(0, 12);
}

const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL } = fsConstants;
const O_NOFOLLOW = fsConstants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = fsConstants.O_NONBLOCK ?? 0;

/** Whether a stat belongs to the user running this process (always true where there are no user ids). */
function ownedByMe(stat: { uid: number }): boolean {
  return typeof process.getuid !== 'function' || stat.uid === process.getuid();
}

/**
 * The cache folder, made owner-only (0700): a real folder of this user, never a link, since the cache root may be a
 * shared place such as `/tmp`. Anything else refuses the write (the cache only saves time).
 */
async function ownFolder(folder: string): Promise<void> {
  await fs.mkdir(folder, { recursive: true, mode: 0o700 });
  const stat = await fs.lstat(folder);
  if (!stat.isDirectory() || !ownedByMe(stat)) throw new Error(`${folder} is not a folder of this user; the cache is not written`);
  if ((stat.mode & 0o077) !== 0) await fs.chmod(folder, 0o700);
}

/**
 * An index cache kept in one file at `path` (the extension's is in its workspace storage). A write goes to a new
 * owner-only (0600) temporary file in the same folder, created exclusively without following links, then renamed
 * over the cache file — refused when the cache file is a link, so a link planted there never redirects the write. A
 * read opens no link, no FIFO and no file of another user. A write removes the files of other engines beside it
 * (`index-<tag>.bin`), which no current engine would read.
 */
export function indexCacheFile(path: string): IndexCache & { path: string } {
  const folder = dirname(path);
  const name = basename(path);
  return {
    path,
    async read() {
      let handle: FileHandle | null = null;
      try {
        handle = await fs.open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
        const stat = await handle.stat();
        if (!stat.isFile() || !ownedByMe(stat)) return null;
        return new Uint8Array(await handle.readFile());
      } catch {
        return null;
      } finally {
        await handle?.close();
      }
    },
    async write(data) {
      await ownFolder(folder);
      const temporary = join(folder, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
      const handle = await fs.open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600);
      try {
        await handle.writeFile(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
      } finally {
        await handle.close();
      }
      try {
        const existing = await fs.lstat(path).catch(() => null);
        if (existing && !existing.isFile()) throw new Error(`${path} is not a regular file; the cache is not written`);
        await fs.rename(temporary, path);
      } catch (error) {
        await fs.rm(temporary, { force: true });
        throw error;
      }
      for (const other of await fs.readdir(folder)) {
        if (other !== name && /^index-[0-9a-f]+\.bin$/.test(other)) await fs.rm(join(folder, other), { force: true });
      }
    },
  };
}

/** The CLI's cache of the workspace at `workspaceRoot` (its absolute path is hashed into the folder name). */
export function cliIndexCache(workspaceRoot: string, env: NodeJS.ProcessEnv): IndexCache & { path: string } {
  const folder = join(cacheRoot(env), createHash('sha256').update(resolve(workspaceRoot)).digest('hex').slice(0, 16));
  return indexCacheFile(join(folder, `index-${engineTag()}.bin`));
}
