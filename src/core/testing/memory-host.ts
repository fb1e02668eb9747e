/**
 * An in-memory `EngineHost` for unit tests: a faithful fake of the `WorkspaceFiles` contract (folders are implied by
 * the files under them, `createFile` never replaces, `readDirectory` lists direct children), a fixed clock and user.
 * Paths that are absolute or climb out with `..` throw, so a test catches a path that a real host would write outside
 * the workspace.
 */
import type { EngineHost, FileStat, WorkspaceFiles } from '../host';
import type { IndexCache } from '../workspace-index/index';

/** The fake and what was created through it, so a test can assert what was (and was not) written. */
export type MemoryHost = EngineHost & {
  /** Files created with `createFile`, by path, as text. */
  written: Map<string, string>;
  /** Every file's current bytes, by path (seeded files and created ones). */
  contents: Map<string, Uint8Array>;
};

function normalize(path: string): string {
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\')) {
    throw new Error(`memory host: not a workspace-relative path: ${JSON.stringify(path)}`);
  }
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') throw new Error(`memory host: path escapes the workspace: ${JSON.stringify(path)}`);
    parts.push(part);
  }
  return parts.join('/');
}

/**
 * A host over `files` (workspace-relative path → text). `now` fixes the clock (default 2026-02-23 10:00 local time),
 * `user` is what `userName()` returns (default `tester`).
 */
export function createMemoryHost(files: Record<string, string>, now?: Date, user?: string): MemoryHost {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const contents = new Map<string, Uint8Array>();
  const mtimes = new Map<string, number>();
  const clockTime = now ?? new Date(2026, 1, 23, 10, 0, 0);
  for (const [path, text] of Object.entries(files)) {
    contents.set(normalize(path), encoder.encode(text));
    mtimes.set(normalize(path), clockTime.getTime());
  }
  const written = new Map<string, string>();

  const isFolder = (path: string): boolean => {
    if (path === '') return true;
    const prefix = `${path}/`;
    for (const key of contents.keys()) if (key.startsWith(prefix)) return true;
    return false;
  };

  const workspaceFiles: WorkspaceFiles = {
    async readFile(relativePath) {
      const path = normalize(relativePath);
      const data = contents.get(path);
      if (!data) throw Object.assign(new Error(`ENOENT: no such file: ${path}`), { code: 'ENOENT' });
      return data.slice();
    },
    async stat(relativePath): Promise<FileStat | null> {
      const path = normalize(relativePath);
      const data = contents.get(path);
      if (data) return { type: 'file', size: data.byteLength, mtime: mtimes.get(path) ?? 0 };
      if (isFolder(path)) return { type: 'directory', size: 0, mtime: clockTime.getTime() };
      return null;
    },
    async readDirectory(relativePath) {
      const path = normalize(relativePath);
      const prefix = path === '' ? '' : `${path}/`;
      const entries = new Map<string, 'file' | 'directory'>();
      for (const key of contents.keys()) {
        if (!key.startsWith(prefix)) continue;
        const rest = key.slice(prefix.length);
        const slash = rest.indexOf('/');
        if (slash === -1) entries.set(rest, 'file');
        else entries.set(rest.slice(0, slash), 'directory');
      }
      return [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    },
    async createFile(relativePath, data) {
      const path = normalize(relativePath);
      if (path === '' || contents.has(path) || isFolder(path)) return false;
      // A parent that is a file cannot become a folder: a real file system fails with ENOTDIR.
      const parts = path.split('/');
      for (let index = 1; index < parts.length; index += 1) {
        const parent = parts.slice(0, index).join('/');
        if (contents.has(parent)) throw Object.assign(new Error(`ENOTDIR: ${parent} is a file`), { code: 'ENOTDIR' });
      }
      contents.set(path, data.slice());
      mtimes.set(path, clockTime.getTime());
      written.set(path, decoder.decode(data));
      return true;
    },
  };

  return {
    files: workspaceFiles,
    clock: { now: () => new Date(clockTime.getTime()) },
    userName: async () => user ?? 'tester',
    written,
    contents,
  };
}

/** An in-memory index cache that counts its writes (the index's tests). */
export function memoryCache(): IndexCache & { data: Uint8Array | null; writes: number } {
  const cache = {
    data: null as Uint8Array | null,
    writes: 0,
    async read() {
      return cache.data;
    },
    async write(data: Uint8Array) {
      cache.data = data;
      cache.writes += 1;
    },
  };
  return cache;
}
