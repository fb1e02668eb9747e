/**
 * The index against `scanWorkspace`, and its cache rules: reuse when nothing changed, never stale after an edit (even a
 * same-size edit in the same mtime tick), a rename or a delete; corrupt and foreign caches discarded.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import { memoryCache } from '../testing/memory-host';
import type { EngineHost, FileStat, WorkspaceFiles } from '../host';
import { parseDocument } from '../parse/document';
import { scanWorkspace } from '../workspace';
import { INDEX_FORMAT_VERSION, WorkspaceIndex, isIndexedPath, loadDocuments, type IndexCache } from './index';
import { decodeCache, type CacheEntry } from './cache-format';

/** A mutable in-memory workspace whose mtimes the test sets, with a clock it controls. */
function fakeHost(files: Record<string, string | Uint8Array>, now = 1_000_000_000_000) {
  const encoder = new TextEncoder();
  const contents = new Map<string, { data: Uint8Array; mtime: number }>();
  const reads: string[] = [];
  const clock = { time: now };
  const put = (path: string, text: string | Uint8Array, mtime = clock.time - 60_000): void => {
    contents.set(path, { data: typeof text === 'string' ? encoder.encode(text) : text, mtime });
  };
  for (const [path, text] of Object.entries(files)) put(path, text);
  const workspace: WorkspaceFiles = {
    async readFile(path) {
      const file = contents.get(path);
      if (!file) throw new Error(`ENOENT ${path}`);
      reads.push(path);
      return file.data.slice();
    },
    async stat(path): Promise<FileStat | null> {
      const file = contents.get(path);
      if (file) return { type: 'file', size: file.data.byteLength, mtime: file.mtime };
      return [...contents.keys()].some((key) => key.startsWith(path + '/')) ? { type: 'directory', size: 0, mtime: 0 } : null;
    },
    async readDirectory(path) {
      const prefix = path === '' ? '' : path + '/';
      const entries = new Map<string, 'file' | 'directory'>();
      for (const key of contents.keys()) {
        if (!key.startsWith(prefix)) continue;
        const rest = key.slice(prefix.length);
        const slash = rest.indexOf('/');
        entries.set(slash === -1 ? rest : rest.slice(0, slash), slash === -1 ? 'file' : 'directory');
      }
      return [...entries.entries()];
    },
    async createFile() {
      return false;
    },
  };
  const host: EngineHost = { files: workspace, clock: { now: () => new Date(clock.time) }, userName: async () => 'tester' };
  return { host, put, remove: (path: string) => contents.delete(path), reads, clock };
}

const PM = (action: string) => `# Post-mortem : queue stall\n\n## Action items\n- [ ] ${action} (owner @alice, due 2026-01-01)\n`;
const FILES = {
  'docs/post-mortems/2026-01-01-a.md': PM('Add alert'),
  'DOCS/incidents/2026-01-02-b-rca.md': '# RCA: b\n\n## Action items\n\n| # | Action | Owner | Status |\n|---|---|---|---|\n| 1 | Fix it | @bob | Done |\n',
  '.agent/cache/runbooks/x/PAY-1-runbook.md': '# PAY-1: x\n\nStatus: PROPOSED\n\n## Compliance Checklist\n- [x] @Security approved?\n',
  'notes/latin1.md': new Uint8Array([0x23, 0x20, 0xe9, 0x0a]),
  'node_modules/skip/readme.md': '# not indexed\n',
};

test('loadDocuments gives scanWorkspace\'s result, with and without a cache', async () => {
  const { host } = fakeHost(FILES);
  const expected = await scanWorkspace(host, DEFAULT_CONFIG);
  assert.deepEqual(await loadDocuments(host, DEFAULT_CONFIG), expected);
  const cache = memoryCache();
  assert.deepEqual(await loadDocuments(host, DEFAULT_CONFIG, { cache }), expected);
  assert.equal(cache.writes, 1);
  assert.deepEqual(await loadDocuments(host, DEFAULT_CONFIG, { cache }), expected);
  assert.equal(cache.writes, 1, 'nothing changed: the cache is not rewritten');
});

test('warm load reuses entries without reading files; progress is reported', async () => {
  const { host, reads } = fakeHost(FILES);
  const cache = memoryCache();
  await loadDocuments(host, DEFAULT_CONFIG, { cache });
  reads.length = 0;
  const progress: number[] = [];
  const stats = { fast: 0, remark: 0, reused: 0 };
  await loadDocuments(host, DEFAULT_CONFIG, { cache, stats, onProgress: (done, total) => progress.push(done / total) });
  assert.deepEqual(reads, []);
  assert.equal(stats.reused, 4);
  assert.equal(progress.at(-1), 1);
});

test('a same-size edit within the mtime tick is not served stale', async () => {
  const { host, put, clock } = fakeHost(FILES);
  const cache = memoryCache();
  const file = 'docs/post-mortems/2026-01-01-a.md';
  put(file, PM('Add alert'), clock.time); // written "just now": racy
  await loadDocuments(host, DEFAULT_CONFIG, { cache });
  put(file, PM('Add alarm'), clock.time); // same size, same mtime
  const scan = await loadDocuments(host, DEFAULT_CONFIG, { cache });
  assert.equal(scan.documents.find((doc) => doc.file === file)?.actions[0].text, 'Add alarm');
  assert.deepEqual(scan, await scanWorkspace(host, DEFAULT_CONFIG));
});

test('changed, renamed and deleted files are never served from the cache', async () => {
  const { host, put, remove, clock } = fakeHost(FILES);
  const cache = memoryCache();
  await loadDocuments(host, DEFAULT_CONFIG, { cache });
  clock.time += 10_000;
  put('docs/post-mortems/2026-01-01-a.md', PM('Add a much longer alert'), clock.time - 5000);
  put('docs/post-mortems/2026-01-03-renamed.md', FILES['DOCS/incidents/2026-01-02-b-rca.md'] as string);
  remove('DOCS/incidents/2026-01-02-b-rca.md');
  remove('.agent/cache/runbooks/x/PAY-1-runbook.md');
  assert.deepEqual(await loadDocuments(host, DEFAULT_CONFIG, { cache }), await scanWorkspace(host, DEFAULT_CONFIG));
});

test('a corrupt cache is discarded, not trusted', async () => {
  const { host } = fakeHost(FILES);
  const expected = await scanWorkspace(host, DEFAULT_CONFIG);
  const cache = memoryCache();
  await loadDocuments(host, DEFAULT_CONFIG, { cache });
  const good = cache.data!;
  // Flip one byte inside the payload (the title), truncate, and write garbage: each is rebuilt.
  const flipped = good.slice();
  const at = new TextDecoder().decode(good).lastIndexOf('queue stall');
  flipped[at] = 'Q'.charCodeAt(0);
  for (const bad of [flipped, good.slice(0, good.length - 10), new TextEncoder().encode('not a cache'), new Uint8Array(0)]) {
    cache.data = bad;
    assert.deepEqual(await loadDocuments(host, DEFAULT_CONFIG, { cache }), expected);
    assert.deepEqual(cache.data, good, 'rebuilt and rewritten');
  }
});

test('a cache from another format version, engine or configuration is discarded', async () => {
  const { host } = fakeHost(FILES);
  const cache = memoryCache();
  await loadDocuments(host, DEFAULT_CONFIG, { cache, fingerprint: 'engine-1' });
  const text = new TextDecoder().decode(cache.data!);
  cache.data = new TextEncoder().encode(text.replace(`"version":${INDEX_FORMAT_VERSION}`, `"version":${INDEX_FORMAT_VERSION + 1}`));
  const stats = { fast: 0, remark: 0, reused: 0 };
  await loadDocuments(host, DEFAULT_CONFIG, { cache, fingerprint: 'engine-1', stats });
  assert.equal(stats.reused, 0);
  await loadDocuments(host, DEFAULT_CONFIG, { cache, fingerprint: 'engine-2', stats });
  assert.equal(stats.reused, 0);
  const config = { ...DEFAULT_CONFIG, actionHeadings: ['Todo'] };
  const scan = await loadDocuments(host, config, { cache, fingerprint: 'engine-2', stats });
  assert.equal(stats.reused, 0);
  assert.deepEqual(scan, await scanWorkspace(host, config));
});

test('WorkspaceIndex: update, setOpenDocument, remove and rename follow the files', async () => {
  const { host, put, remove } = fakeHost(FILES);
  const cache = memoryCache();
  const index = await WorkspaceIndex.open(host, DEFAULT_CONFIG, { cache });
  put('docs/post-mortems/2026-01-05-new.md', PM('New one'));
  assert.equal((await index.update('docs/post-mortems/2026-01-05-new.md'))?.actions[0].text, 'New one');
  assert.equal(await index.update('node_modules/x/y.md'), null);
  const unsaved = parseDocument(PM('Unsaved'), { file: 'docs/post-mortems/2026-01-05-new.md', config: DEFAULT_CONFIG });
  assert.equal(index.setOpenDocument('docs/post-mortems/2026-01-05-new.md', unsaved)?.actions[0].text, 'Unsaved');
  assert.equal(index.document('docs/post-mortems/2026-01-05-new.md'), unsaved);
  put('DOCS/incidents/moved-rca.md', FILES['DOCS/incidents/2026-01-02-b-rca.md'] as string);
  remove('DOCS/incidents/2026-01-02-b-rca.md');
  await index.rename('DOCS/incidents/2026-01-02-b-rca.md', 'DOCS/incidents/moved-rca.md');
  remove('.agent/cache/runbooks/x/PAY-1-runbook.md');
  index.remove('.agent/cache/runbooks/x/PAY-1-runbook.md');
  await index.update('docs/post-mortems/2026-01-05-new.md');
  assert.deepEqual(index.scan(), await scanWorkspace(host, DEFAULT_CONFIG));
  await index.persist();
  assert.deepEqual(await loadDocuments(host, DEFAULT_CONFIG, { cache }), await scanWorkspace(host, DEFAULT_CONFIG));
});

test('isIndexedPath agrees with findMarkdownFiles', () => {
  assert.equal(isIndexedPath('docs/a.md', DEFAULT_CONFIG), true);
  assert.equal(isIndexedPath('docs/a.txt', DEFAULT_CONFIG), false);
  assert.equal(isIndexedPath('x/node_modules/a.md', DEFAULT_CONFIG), false);
  assert.equal(isIndexedPath('.runbook/templates/a.md', DEFAULT_CONFIG), false);
  assert.equal(isIndexedPath('a.md', { ...DEFAULT_CONFIG, folders: ['docs'] }), false);
});

test('a cache that cannot be written does not fail the load', async () => {
  const { host } = fakeHost(FILES);
  const cache: IndexCache = {
    read: async () => null,
    write: async () => {
      throw new Error('EROFS: read-only file system');
    },
  };
  assert.deepEqual(await loadDocuments(host, DEFAULT_CONFIG, { cache }), await scanWorkspace(host, DEFAULT_CONFIG));
});

test('a same-size edit with a new mtime, long after the racy window, is re-read (mtime is part of the key)', async () => {
  const { host, put, clock } = fakeHost(FILES);
  const cache = memoryCache();
  const file = 'docs/post-mortems/2026-01-01-a.md';
  await loadDocuments(host, DEFAULT_CONFIG, { cache }); // every mtime a minute old: no content hash kept
  assert.ok((await cachedEntries(cache)).every((entry) => entry.hash === undefined));
  clock.time += 3_600_000;
  put(file, PM('Add alarm'), clock.time - 600_000); // same size, mtime ten minutes ago
  const stats = { fast: 0, remark: 0, reused: 0 };
  const scan = await loadDocuments(host, DEFAULT_CONFIG, { cache, stats });
  assert.equal(scan.documents.find((doc) => doc.file === file)?.actions[0].text, 'Add alarm');
  assert.equal(stats.reused, 3, 'the three untouched files are reused');
});

/** Entries of the cache the index last wrote, read back with the index's own decoder. */
async function cachedEntries(cache: { data: Uint8Array | null }): Promise<CacheEntry[]> {
  const entries = await decodeCache(cache.data!, DEFAULT_CONFIG, '');
  assert.ok(entries, 'the cache written decodes');
  return entries;
}

test('the racy window: an mtime under 3 s before the read keeps a content hash, 3 s or more does not', async () => {
  const file = 'docs/post-mortems/2026-01-01-a.md';
  for (const [age, hashed] of [[0, true], [2999, true], [-2999, true], [3000, false], [-3000, false], [60_000, false]] as const) {
    const { host, put, clock } = fakeHost(FILES);
    put(file, PM('Add alert'), clock.time - age);
    const cache = memoryCache();
    await loadDocuments(host, DEFAULT_CONFIG, { cache });
    const entry = (await cachedEntries(cache)).find((candidate) => candidate.file === file);
    assert.equal(entry?.hash !== undefined, hashed, `mtime ${age} ms before the read`);
  }
});

test('a racy entry is re-read and compared: unchanged it is reused, and once old it drops its hash', async () => {
  const { host, put, clock, reads } = fakeHost(FILES);
  const file = 'docs/post-mortems/2026-01-01-a.md';
  put(file, PM('Add alert'), clock.time);
  const cache = memoryCache();
  await loadDocuments(host, DEFAULT_CONFIG, { cache });
  reads.length = 0;
  const stats = { fast: 0, remark: 0, reused: 0 };
  await loadDocuments(host, DEFAULT_CONFIG, { cache, stats });
  assert.deepEqual(reads, [file], 'only the racy file is read again');
  assert.equal(stats.reused, 4);
  assert.equal(stats.fast + stats.remark, 0, 'and not parsed again');
  clock.time += 10_000;
  const settled = { fast: 0, remark: 0, reused: 0 };
  await loadDocuments(host, DEFAULT_CONFIG, { cache, stats: settled });
  assert.deepEqual(settled, { fast: 0, remark: 0, reused: 4 }, 'read and compared, not parsed again');
  assert.equal((await cachedEntries(cache)).find((entry) => entry.file === file)?.hash, undefined, 'settled: no hash any more');
  reads.length = 0;
  await loadDocuments(host, DEFAULT_CONFIG, { cache });
  assert.deepEqual(reads, []);
});

test('a same-mtime edit that changes the size is re-read; a file at exactly the size limit is indexed, one byte over is not', async () => {
  const { host, put, clock } = fakeHost(FILES);
  const cache = memoryCache();
  const file = 'docs/post-mortems/2026-01-01-a.md';
  await loadDocuments(host, DEFAULT_CONFIG, { cache });
  put(file, PM('Add a longer alert'), clock.time - 60_000); // the same mtime as before, another size
  assert.equal((await loadDocuments(host, DEFAULT_CONFIG, { cache })).documents.find((doc) => doc.file === file)?.actions[0].text, 'Add a longer alert');
  const config = { ...DEFAULT_CONFIG, maxFileSizeKB: 1 };
  const exact = `# x\n${'y'.repeat(1024 - 5)}\n`;
  const sized = fakeHost({ 'a.md': exact, 'b.md': exact + 'z' });
  const scan = await loadDocuments(sized.host, config);
  assert.deepEqual(scan.documents.map((doc) => doc.file), ['a.md']);
  assert.deepEqual(scan.findings.map((finding) => [finding.file, finding.rule]), [['b.md', 'file-too-large']]);
});

test('a file that changes between its stat and its read keeps a content hash, so the next load reads it again', async () => {
  const { host, put, reads } = fakeHost(FILES);
  const file = 'docs/post-mortems/2026-01-01-a.md';
  const read = host.files.readFile.bind(host.files);
  host.files.readFile = async (path) => {
    if (path === file) put(file, PM('Changed meanwhile, and longer')); // after its stat, before its read
    return read(path);
  };
  const cache = memoryCache();
  await loadDocuments(host, DEFAULT_CONFIG, { cache });
  host.files.readFile = read;
  assert.ok((await cachedEntries(cache)).find((entry) => entry.file === file)?.hash, 'a hash is kept');
  reads.length = 0;
  const scan = await loadDocuments(host, DEFAULT_CONFIG, { cache });
  assert.equal(scan.documents.find((doc) => doc.file === file)?.actions[0].text, 'Changed meanwhile, and longer');
  assert.deepEqual(reads, [file], 'that file alone is read again to check its content');
});

test('the cache is rewritten when a file is deleted, and written for an empty workspace', async () => {
  const { host, remove } = fakeHost(FILES);
  const cache = memoryCache();
  await loadDocuments(host, DEFAULT_CONFIG, { cache });
  remove('DOCS/incidents/2026-01-02-b-rca.md');
  await loadDocuments(host, DEFAULT_CONFIG, { cache });
  assert.equal(cache.writes, 2);
  assert.deepEqual((await cachedEntries(cache)).map((entry) => entry.file).includes('DOCS/incidents/2026-01-02-b-rca.md'), false);
  const empty = memoryCache();
  await loadDocuments(fakeHost({}).host, DEFAULT_CONFIG, { cache: empty });
  assert.equal(empty.writes, 1);
  assert.deepEqual(await cachedEntries(empty), []);
});

test('WorkspaceIndex: events for excluded paths are ignored, a deleted file leaves, unsaved text is never persisted', async () => {
  const { host, put, remove } = fakeHost(FILES);
  const cache = memoryCache();
  const index = await WorkspaceIndex.open(host, DEFAULT_CONFIG, { cache });
  put('node_modules/x/y.md', PM('Excluded'));
  assert.equal(await index.update('node_modules/x/y.md'), null);
  assert.equal(index.document('node_modules/x/y.md'), undefined);
  const excluded = parseDocument(PM('Excluded'), { file: 'node_modules/x/y.md', config: DEFAULT_CONFIG });
  assert.equal(index.setOpenDocument('node_modules/x/y.md', excluded), null);
  assert.equal(index.document('node_modules/x/y.md'), undefined);
  remove('docs/post-mortems/2026-01-01-a.md');
  assert.equal(await index.update('docs/post-mortems/2026-01-01-a.md'), null);
  assert.equal(index.document('docs/post-mortems/2026-01-01-a.md'), undefined);
  const writes = cache.writes;
  await index.persist();
  assert.equal(cache.writes, writes + 1, 'a removal is persisted');
  await index.persist();
  assert.equal(cache.writes, writes + 1, 'nothing changed since: not written again');
  index.remove('never/indexed.md');
  await index.persist();
  assert.equal(cache.writes, writes + 1, 'removing an unknown file changes nothing');
  const file = 'DOCS/incidents/2026-01-02-b-rca.md';
  index.setOpenDocument(file, parseDocument('# RCA: unsaved\n', { file, config: DEFAULT_CONFIG }));
  await index.persist();
  assert.equal(cache.writes, writes + 2);
  const persisted = (await cachedEntries(cache)).find((entry) => entry.file === file);
  assert.equal(persisted, undefined, 'the unsaved text is not written as the file\'s content');
});

test('WorkspaceIndex.rename: a folder moves every file under it (and only those), a file moves alone', async () => {
  const { host, put, remove } = fakeHost({
    'docs/a/one.md': PM('One'),
    'docs/a/deep/two.md': PM('Two'),
    'docs/ab.md': PM('Sibling'),
  });
  const index = await WorkspaceIndex.open(host, DEFAULT_CONFIG);
  for (const file of ['docs/a/one.md', 'docs/a/deep/two.md']) {
    put(file.replace('docs/a/', 'docs/b/'), PM(file.includes('one') ? 'One' : 'Two'));
    remove(file);
  }
  await index.rename('docs/a', 'docs/b');
  assert.deepEqual(index.documents().map((doc) => doc.file), ['docs/ab.md', 'docs/b/deep/two.md', 'docs/b/one.md']);
  put('docs/c.md', PM('Sibling'));
  remove('docs/ab.md');
  await index.rename('docs/ab.md', 'docs/c.md');
  assert.deepEqual(index.documents().map((doc) => doc.file), ['docs/b/deep/two.md', 'docs/b/one.md', 'docs/c.md']);
  assert.deepEqual(index.scan(), await scanWorkspace(host, DEFAULT_CONFIG));
});

test('WorkspaceIndex.rename from a path it never indexed still indexes the new one; an empty file is cached like any other', async () => {
  const { host, put } = fakeHost({ 'docs/a.md': PM('A'), 'docs/empty.md': '' });
  const cache = memoryCache();
  const index = await WorkspaceIndex.open(host, DEFAULT_CONFIG, { cache });
  assert.ok((await cachedEntries(cache)).some((entry) => entry.file === 'docs/empty.md'), 'a 0-byte file is cached');
  put('docs/new.md', PM('New'));
  await index.rename('notes/never-indexed.md', 'docs/new.md');
  assert.equal(index.document('docs/new.md')?.actions[0].text, 'New');
});

test('onCached: the cache as last written, before any file is checked; then the load corrects it; never without a usable cache', async () => {
  const { host, put, reads } = fakeHost(FILES);
  const cache = memoryCache();
  const shown: string[][] = [];
  const titles = (docs: readonly { file: string; actions: readonly { text: string }[] }[]): string[] => docs.flatMap((doc) => doc.actions.map((action) => `${doc.file}: ${action.text}`));
  await loadDocuments(host, DEFAULT_CONFIG, { cache, onCached: (scan) => shown.push(titles(scan.documents)) });
  assert.equal(shown.length, 0, 'no cache yet: nothing to show early');
  const first = await loadDocuments(host, DEFAULT_CONFIG, { cache });

  put('docs/post-mortems/2026-01-01-a.md', PM('Page the on-call'));
  reads.length = 0;
  let readsWhenShown = -1;
  const second = await loadDocuments(host, DEFAULT_CONFIG, {
    cache,
    onCached: (scan) => {
      readsWhenShown = reads.length;
      shown.push(titles(scan.documents));
      assert.deepEqual(scan.documents.map((doc) => doc.file), first.documents.map((doc) => doc.file), 'in the listing\'s order');
    },
  });
  assert.equal(readsWhenShown, 0, 'shown before any document was read');
  assert.deepEqual(shown, [titles(first.documents)], 'the cached listing, the old action included');
  assert.ok(titles(second.documents).includes('docs/post-mortems/2026-01-01-a.md: Page the on-call'), 'the load itself has the edit');
  assert.deepEqual(second, await scanWorkspace(host, DEFAULT_CONFIG));

  cache.data = cache.data!.slice(0, cache.data!.length - 5);
  shown.length = 0;
  await loadDocuments(host, DEFAULT_CONFIG, { cache, onCached: (scan) => shown.push(titles(scan.documents)) });
  assert.equal(shown.length, 0, 'a truncated cache is never shown');
});
