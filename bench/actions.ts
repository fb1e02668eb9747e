/**
 * Stand-in for `runbook actions --json` while the CLI does not read through the index yet: the same steps (workspace
 * root, configuration, Node host, index with the CLI's cache, action rows, JSON out) in one bundled process, so the
 * benchmark times what the CLI will do. `bench/run.ts` uses the real `dist/cli.js` as soon as it contains the index.
 *
 * Usage: node actions.js <workspace> [--no-cache] [--sync-host]
 *
 * `--sync-host` swaps the CLI's host (src/cli/node-host.ts: async `fs.promises` calls, a `realpath` per call) for a
 * synchronous one that checks the root once, to show how much of the time is file access rather than the index.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { cliIndexCache } from '../src/cli/index-cache';
import { createNodeHost } from '../src/cli/node-host';
import { CONFIG_FILE, DEFAULT_CONFIG, configFromJson } from '../src/core/config';
import { isoDate, type EngineHost, type FileStat } from '../src/core/host';
import { loadDocuments } from '../src/core/index/index';
import { actionRows } from '../src/core/report';

/** Synchronous file access under `root` (no symlink or escape checks: a measurement aid, not a host to ship). */
function syncHost(root: string): EngineHost {
  return {
    files: {
      async readFile(path) {
        return readFileSync(join(root, path));
      },
      async stat(path): Promise<FileStat | null> {
        try {
          const stat = statSync(join(root, path));
          return { mtime: stat.mtimeMs, size: stat.size, type: stat.isDirectory() ? 'directory' : 'file' };
        } catch {
          return null;
        }
      },
      async readDirectory(path) {
        try {
          return readdirSync(join(root, path), { withFileTypes: true }).flatMap((entry): Array<[string, 'file' | 'directory']> =>
            entry.isDirectory() ? [[entry.name, 'directory']] : entry.isFile() ? [[entry.name, 'file']] : [],
          );
        } catch {
          return [];
        }
      },
      async createFile() {
        return false;
      },
    },
    clock: { now: () => new Date() },
    userName: async () => 'bench',
  };
}

async function main(): Promise<void> {
  const root = resolve(process.argv[2] ?? '.');
  const useCache = !process.argv.includes('--no-cache');
  const configPath = join(root, CONFIG_FILE);
  const config = existsSync(configPath) ? configFromJson(readFileSync(configPath, 'utf8'), CONFIG_FILE) : { ...DEFAULT_CONFIG };
  const host = process.argv.includes('--sync-host') ? syncHost(root) : createNodeHost(root);
  const { documents } = await loadDocuments(host, config, useCache ? { cache: cliIndexCache(root, process.env) } : {});
  const rows = actionRows(documents, isoDate(new Date()));
  process.stdout.write(JSON.stringify(rows.map(({ file, line, index, text, owner, due, done }) => ({ file, line, index, text, owner, due, done })), null, 2) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
