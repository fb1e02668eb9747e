import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cacheRoot, cliIndexCache } from './cache';

test('cache folder: RUNBOOK_CACHE_DIR, else XDG_CACHE_HOME, else ~/.cache; one hashed folder per workspace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-cache-'));
  try {
    assert.equal(cacheRoot({ RUNBOOK_CACHE_DIR: dir }), dir);
    assert.equal(cacheRoot({ XDG_CACHE_HOME: '/x' }), '/x/runbook-kit');
    assert.match(cacheRoot({}), /\.cache[/\\]runbook-kit$/);
    const a = cliIndexCache('/work/a', { RUNBOOK_CACHE_DIR: dir });
    const b = cliIndexCache('/work/b', { RUNBOOK_CACHE_DIR: dir });
    assert.notEqual(dirname(a.path), dirname(b.path));
    assert.equal(await a.read(), null);
    await a.write(new Uint8Array([1, 2, 3]));
    assert.deepEqual(await a.read(), new Uint8Array([1, 2, 3]));
    assert.equal(await b.read(), null);
    // A cache left by another engine build is removed when this one writes.
    writeFileSync(join(dirname(a.path), 'index-0123456789ab.bin'), 'old');
    await a.write(new Uint8Array([4]));
    assert.deepEqual(readdirSync(dirname(a.path)), [a.path.split(/[/\\]/).pop()]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('cache writes: owner-only file and folder, a link at the destination refused and its target untouched', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-cache-'));
  try {
    const cache = cliIndexCache('/work/c', { RUNBOOK_CACHE_DIR: dir });
    await cache.write(new Uint8Array([1]));
    assert.equal(statSync(cache.path).mode & 0o777, 0o600);
    assert.equal(statSync(dirname(cache.path)).mode & 0o777, 0o700);
    // Someone plants a link where the cache goes (a shared /tmp): the write is refused, the target is unchanged.
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    rmSync(cache.path);
    symlinkSync(victim, cache.path);
    await assert.rejects(cache.write(new Uint8Array([2])), /is not a regular file; the cache is not written/);
    assert.equal(readFileSync(victim, 'utf8'), 'precious');
    assert.equal(await cache.read(), null, 'a link is never read as the cache');
    assert.deepEqual(readdirSync(dirname(cache.path)).filter((name) => name.endsWith('.tmp')), [], 'no temporary file left behind');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a FIFO where the cache file goes is no cache, read without blocking', { timeout: 60_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-cache-'));
  try {
    const cache = cliIndexCache('/work/d', { RUNBOOK_CACHE_DIR: dir });
    mkdirSync(dirname(cache.path), { recursive: true });
    execFileSync('mkfifo', [cache.path]);
    assert.equal(await cache.read(), null);
    await assert.rejects(cache.write(new Uint8Array([1])), /not a regular file/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
