/**
 * The index cache on disk. The CLI keeps one file per workspace under `RUNBOOK_CACHE_DIR` (else `$XDG_CACHE_HOME/runbook-kit`, else
 * `~/.cache/runbook-kit`), in a folder named by a hash of the workspace root's absolute path, so two checkouts never
 * share entries and nothing is written inside the workspace. The file is named after the CLI bundle that wrote it, so
 * an upgraded `runbook` never trusts an older parser's results; older files are removed on write. Writes are atomic
 * (temporary file + rename): a crash leaves the old cache or the new one, and the index checks both anyway.
 */
import { createHash } from 'node:crypto';
import { promises as fs, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
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

/**
 * An index cache kept in one file at `path` (the extension's is in its workspace storage). A write is atomic and
 * removes the files of other engines beside it (`index-<tag>.bin`), which no current engine would read.
 */
export function indexCacheFile(path: string): IndexCache & { path: string } {
  const folder = dirname(path);
  const name = basename(path);
  return {
    path,
    async read() {
      try {
        return new Uint8Array(await fs.readFile(path));
      } catch {
        return null;
      }
    },
    async write(data) {
      await fs.mkdir(folder, { recursive: true });
      await writeFileAtomic(path, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
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
