/**
 * The index against what a real host does under it: batch stats and reads (`statMany` / `readMany`, 64 files a call,
 * no empty round trips), special files that must never be opened (a FIFO blocks whoever reads it), files that vanish
 * or turn into folders between the listing and the read, the walk's own findings, and when the cache is written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import { memoryCache } from '../testing/memory-host';
import type { EngineHost, FileRead, FileStat, WorkspaceFiles } from '../host';
import { WorkspaceIndex, loadDocuments } from './index';
import { decodeCache } from './cache-format';

type Node = { type: 'file'; data: Uint8Array; mtime: number } | { type: 'other' | 'directory' };

/**
 * A workspace of files, special files ('other') and folders, with a clock the test moves. `calls` records every
 * host call that stats or opens a path (`statMany:a,b`, `readMany:a`, `stat:a`, `readFile:a`). `batched: false`
 * leaves out `statMany` / `readMany`, as a host without them (the index then stats and reads file by file).
 */
function recordingHost(files: Record<string, string>, { batched = true } = {}) {
  const encoder = new TextEncoder();
  const clock = { time: 1_000_000_000_000 };
  const nodes = new Map<string, Node>();
  /** Paths the folder listing still shows but that are gone by the time they are stat-ed or read. */
  const vanished = new Set<string>();
  const calls: string[] = [];
  const put = (path: string, text: string, mtime = clock.time - 60_000): void => {
    nodes.set(path, { type: 'file', data: encoder.encode(text), mtime });
  };
  for (const [path, text] of Object.entries(files)) put(path, text);
  const statOf = (path: string): FileStat | null => {
    const node = vanished.has(path) ? undefined : nodes.get(path);
    if (node?.type === 'file') return { type: 'file', size: node.data.byteLength, mtime: node.mtime };
    if (node) return { type: node.type, size: 0, mtime: 1 };
    return null;
  };
  const workspace: WorkspaceFiles = {
    async stat(path) {
      calls.push(`stat:${path}`);
      return statOf(path);
    },
    async readFile(path) {
      calls.push(`readFile:${path}`);
      const node = vanished.has(path) ? undefined : nodes.get(path);
      if (node?.type !== 'file') throw new Error(`cannot read ${path}`);
      return node.data.slice();
    },
    async readDirectory(path) {
      const prefix = path === '' ? '' : path + '/';
      const entries = new Map<string, 'file' | 'directory' | 'other'>();
      for (const [key, node] of nodes) {
        if (!key.startsWith(prefix)) continue;
        const rest = key.slice(prefix.length);
        const slash = rest.indexOf('/');
        entries.set(slash === -1 ? rest : rest.slice(0, slash), slash === -1 ? node.type : 'directory');
      }
      return [...entries.entries()];
    },
    async createFile() {
      return false;
    },
  };
  if (batched) {
    workspace.statMany = async (paths) => {
      calls.push(`statMany:${paths.join(',')}`);
      return paths.map(statOf);
    };
    workspace.readMany = async (paths, maxBytes) => {
      calls.push(`readMany:${paths.join(',')}`);
      return paths.map((path): FileRead | null => {
        const stat = statOf(path);
        if (!stat) return null;
        const node = nodes.get(path)!;
        return node.type === 'file' && stat.size <= maxBytes ? { stat, bytes: node.data.slice() } : { stat, bytes: null };
      });
    };
  }
  const host: EngineHost = { files: workspace, clock: { now: () => new Date(clock.time) }, userName: async () => 'tester' };
  return { host, put, nodes, vanished, calls, clock };
}

const PM = (action: string) => `# Post-mortem : queue stall\n\n## Action items\n- [ ] ${action} (owner @alice, due 2026-01-01)\n`;

/** `count` post-mortems, `docs/pm-000.md` …, in path order. */
function manyFiles(count: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: count }, (_, at) => [`docs/pm-${String(at).padStart(3, '0')}.md`, PM(`Action ${at}`)]));
}

test('batch host: a cold load opens files 64 a call and stats none; a warm load stats 64 a call and opens none', async () => {
  const { host, calls } = recordingHost(manyFiles(65));
  const files = Object.keys(manyFiles(65));
  const cache = memoryCache();
  const cold = await loadDocuments(host, DEFAULT_CONFIG, { cache });
  assert.equal(cold.documents.length, 65);
  assert.deepEqual(calls, [`readMany:${files.slice(0, 64).join(',')}`, `readMany:${files[64]}`], 'nothing to compare yet: no stat, no empty call');
  calls.length = 0;
  const warm = await loadDocuments(host, DEFAULT_CONFIG, { cache });
  assert.deepEqual(warm, cold);
  assert.deepEqual(calls, [`statMany:${files.slice(0, 64).join(',')}`, `statMany:${files[64]}`], 'all reused: no read, no empty call');
});

test('progress: once per batch of 64, never for an empty workspace', async () => {
  for (const [count, expected] of [[0, []], [1, [[1, 1]]], [64, [[64, 64]]], [65, [[64, 65], [65, 65]]]] as const) {
    const progress: Array<[number, number]> = [];
    await loadDocuments(recordingHost(manyFiles(count)).host, DEFAULT_CONFIG, { onProgress: (done, total) => progress.push([done, total]) });
    assert.deepEqual(progress, expected, `${count} files`);
  }
});

test('a special file under a document name is neither opened nor indexed (reading a FIFO would block)', async () => {
  for (const batched of [true, false]) {
    const { host, nodes, calls } = recordingHost({ 'docs/a.md': PM('A') }, { batched });
    const index = await WorkspaceIndex.open(host, DEFAULT_CONFIG);
    nodes.set('docs/pipe.md', { type: 'other' }); // created after the load; the event names it
    calls.length = 0;
    assert.equal(await index.update('docs/pipe.md'), null, `batched: ${batched}`);
    assert.equal(calls.some((call) => call.startsWith('readFile')), false, `not opened (batched: ${batched})`);
    assert.deepEqual(index.findings(), [], `no finding for it either: it is not a file too large (batched: ${batched})`);
    assert.deepEqual(index.documents().map((doc) => doc.file), ['docs/a.md']);
  }
});

test('a cached file that is now a folder is dropped without being opened', async () => {
  const { host, nodes, calls } = recordingHost({ 'docs/a.md': PM('A'), 'docs/b.md': PM('B') });
  const cache = memoryCache();
  await loadDocuments(host, DEFAULT_CONFIG, { cache });
  // The listing still says file (it was taken just before); the stat says folder.
  nodes.set('docs/b.md', { type: 'directory' });
  const list = host.files.readDirectory.bind(host.files);
  host.files.readDirectory = async (path) => (await list(path)).map(([name, type]) => [name, name === 'b.md' ? 'file' : type]);
  calls.length = 0;
  const scan = await loadDocuments(host, DEFAULT_CONFIG, { cache });
  assert.deepEqual(scan.documents.map((doc) => doc.file), ['docs/a.md']);
  assert.deepEqual(scan.findings, []);
  assert.deepEqual(calls, ['statMany:docs/a.md,docs/b.md'], 'stat-ed, not opened');
});

test('a file listed by the walk and gone before its stat or read is left out, not a failed load', async () => {
  for (const cached of [true, false]) {
    const { host, vanished } = recordingHost({ 'docs/a.md': PM('A'), 'docs/b.md': PM('B') });
    const cache = memoryCache();
    if (cached) await loadDocuments(host, DEFAULT_CONFIG, { cache });
    vanished.add('docs/b.md');
    const scan = await loadDocuments(host, DEFAULT_CONFIG, { cache });
    assert.deepEqual(scan.documents.map((doc) => doc.file), ['docs/a.md'], `cached: ${cached}`);
    assert.deepEqual(scan.findings, []);
  }
});

test('the walk\'s findings and unreadable files are listed together, in path order', async () => {
  const { host, nodes } = recordingHost({ 'docs/c.md': PM('C') });
  const latin1 = new Uint8Array([0x23, 0x20, 0xe9, 0x0a]);
  for (const path of ['docs/a.md', 'docs/e.md', 'docs/g.md']) nodes.set(path, { type: 'file', data: latin1, mtime: 1 });
  for (const path of ['docs/b.sock', 'docs/d.sock', 'docs/f.sock']) nodes.set(path, { type: 'other' });
  const index = await WorkspaceIndex.open(host, DEFAULT_CONFIG);
  const expected = [
    ['docs/a.md', 'file-unreadable'],
    ['docs/b.sock', 'path-skipped'],
    ['docs/d.sock', 'path-skipped'],
    ['docs/e.md', 'file-unreadable'],
    ['docs/f.sock', 'path-skipped'],
    ['docs/g.md', 'file-unreadable'],
  ];
  assert.deepEqual(index.findings().map((finding) => [finding.file, finding.rule]), expected);
  assert.deepEqual(index.scan().findings, index.findings());
  assert.deepEqual(index.documents().map((doc) => doc.file), ['docs/c.md']);
});

test('persistLater: a load that changed the index writes nothing until persist()', async () => {
  const { host } = recordingHost({ 'docs/a.md': PM('A') });
  const cache = memoryCache();
  const index = await WorkspaceIndex.open(host, DEFAULT_CONFIG, { cache, persistLater: true });
  assert.equal(cache.writes, 0);
  await index.persist();
  assert.equal(cache.writes, 1);
  await index.persist();
  assert.equal(cache.writes, 1, 'written once');
  await WorkspaceIndex.open(host, DEFAULT_CONFIG, { cache });
  assert.equal(cache.writes, 1, 'a load that changed nothing writes nothing');
});

test('a touched file (same bytes, new mtime) is recorded with its new mtime, so the next load opens nothing', async () => {
  const { host, put, clock, calls } = recordingHost({ 'docs/a.md': PM('A') });
  const cache = memoryCache();
  const written = clock.time;
  put('docs/a.md', PM('A'), written); // just written: racy, kept with a content hash
  await loadDocuments(host, DEFAULT_CONFIG, { cache });
  clock.time += 10_000;
  put('docs/a.md', PM('A'), written + 1000); // touched: same bytes, another mtime, out of the racy window now
  await loadDocuments(host, DEFAULT_CONFIG, { cache });
  const entries = await decodeCache(cache.data!, DEFAULT_CONFIG, '');
  assert.deepEqual(entries?.map((entry) => [entry.file, entry.mtime, entry.hash]), [['docs/a.md', written + 1000, undefined]]);
  calls.length = 0;
  await loadDocuments(host, DEFAULT_CONFIG, { cache });
  assert.deepEqual(calls, ['statMany:docs/a.md'], 'stat-ed and reused');
});
