import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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
