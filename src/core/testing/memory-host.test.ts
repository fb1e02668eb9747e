import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryHost } from './memory-host';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

test('memory host lists direct children, files and folders', async () => {
  const host = createMemoryHost({ 'a/b.md': 'x', 'a/c/d.md': 'y', 'e.md': 'z' });
  assert.deepEqual(await host.files.readDirectory(''), [
    ['a', 'directory'],
    ['e.md', 'file'],
  ]);
  assert.deepEqual(await host.files.readDirectory('a'), [
    ['b.md', 'file'],
    ['c', 'directory'],
  ]);
  assert.deepEqual(await host.files.readDirectory('missing'), []);
});

test('memory host stats files and folders', async () => {
  const host = createMemoryHost({ 'a/b.md': 'xyz' });
  assert.equal((await host.files.stat('a/b.md'))?.type, 'file');
  assert.equal((await host.files.stat('a/b.md'))?.size, 3);
  assert.equal((await host.files.stat('a'))?.type, 'directory');
  assert.equal(await host.files.stat('nope'), null);
});

test('memory host createFile never replaces and records what it wrote', async () => {
  const host = createMemoryHost({ 'a/b.md': 'old' });
  assert.equal(await host.files.createFile('a/b.md', bytes('new')), false);
  assert.equal(new TextDecoder().decode(await host.files.readFile('a/b.md')), 'old');
  assert.equal(await host.files.createFile('a', bytes('folder')), false);
  assert.equal(await host.files.createFile('x/y/z.md', bytes('made')), true);
  assert.equal(host.written.get('x/y/z.md'), 'made');
  assert.equal((await host.files.stat('x/y'))?.type, 'directory');
  await assert.rejects(host.files.readFile('missing.md'));
});

test('memory host refuses paths outside the workspace', async () => {
  const host = createMemoryHost({});
  await assert.rejects(host.files.createFile('../x.md', bytes('')));
  await assert.rejects(host.files.createFile('/abs.md', bytes('')));
});

test('memory host has a fixed clock and user', async () => {
  const now = new Date(2026, 0, 2, 3, 4, 5);
  const host = createMemoryHost({}, now, 'alice');
  assert.equal(host.clock.now().getTime(), now.getTime());
  assert.equal(await host.userName(), 'alice');
});
