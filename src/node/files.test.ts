import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunbookError } from '../core/errors';
import { findWorkspaceRoot, NodeWorkspaceFiles, toWorkspacePath } from './files';

function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'runbook-host-'));
  mkdirSync(join(root, '.git'));
  return root;
}

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

test('a write that races with a change on disk is refused, and the change on disk is kept', async () => {
  const root = tempRoot();
  writeFileSync(join(root, 'a.md'), 'original\n');
  const files = new NodeWorkspaceFiles(root);
  const read = await files.readFile('a.md');
  writeFileSync(join(root, 'a.md'), 'someone else saved this\n');
  await assert.rejects(files.replaceIfUnchanged('a.md', read, encode('my edit\n')), (error: RunbookError) => {
    assert.equal(error.code, 'changed-on-disk');
    assert.match(error.message, /a\.md changed on disk while it was being edited; nothing was written/);
    return true;
  });
  assert.equal(readFileSync(join(root, 'a.md'), 'utf8'), 'someone else saved this\n');
  await files.replaceIfUnchanged('a.md', await files.readFile('a.md'), encode('my edit\n'));
  assert.equal(readFileSync(join(root, 'a.md'), 'utf8'), 'my edit\n');
});

test('createFile never replaces a file, and creates missing folders', async () => {
  const root = tempRoot();
  const files = new NodeWorkspaceFiles(root);
  assert.equal(await files.createFile('x/y/new.md', encode('one')), true);
  assert.equal(await files.createFile('x/y/new.md', encode('two')), false);
  assert.equal(readFileSync(join(root, 'x/y/new.md'), 'utf8'), 'one');
});

test('paths that climb out of the workspace, directly or through a link, are refused', async () => {
  const root = tempRoot();
  const outside = mkdtempSync(join(tmpdir(), 'runbook-outside-'));
  symlinkSync(outside, join(root, 'escape'));
  const files = new NodeWorkspaceFiles(root);
  await assert.rejects(files.createFile('../evil.md', encode('x')), /outside the workspace/);
  await assert.rejects(files.createFile('escape/evil.md', encode('x')), /outside the workspace through a link/);
  assert.deepEqual(
    (await files.readDirectory('')).sort(),
    [['.git', 'directory'], ['escape', 'other', { link: true, reason: { en: 'a link that leads outside the workspace, not followed', fr: 'un lien qui sort de l’espace de travail, non suivi' } }]],
    'a link leading outside is listed as not read, with why',
  );
  assert.throws(() => toWorkspacePath(root, root, '../x.md'), /outside the workspace/);
  assert.equal(toWorkspacePath(root, join(root, 'sub'), 'a.md'), 'sub/a.md');
});

test('the workspace root is the nearest folder with .git or .runbook/config.json', () => {
  const root = tempRoot();
  mkdirSync(join(root, 'inner/.runbook'), { recursive: true });
  writeFileSync(join(root, 'inner/.runbook/config.json'), '{}');
  mkdirSync(join(root, 'inner/deep'), { recursive: true });
  assert.equal(findWorkspaceRoot(join(root, 'inner/deep')), join(root, 'inner'));
  mkdirSync(join(root, 'other'));
  assert.equal(findWorkspaceRoot(join(root, 'other')), root);
});

test('a file that is itself a link leading outside is refused, even in a folder already checked', async () => {
  const root = tempRoot();
  const outside = mkdtempSync(join(tmpdir(), 'runbook-outside-'));
  writeFileSync(join(outside, 'secret.md'), 'secret');
  writeFileSync(join(root, 'ok.md'), 'ok');
  symlinkSync(join(outside, 'secret.md'), join(root, 'link.md'));
  const files = new NodeWorkspaceFiles(root);
  assert.equal(new TextDecoder().decode(await files.readFile('ok.md')), 'ok');
  await assert.rejects(files.readFile('link.md'), /outside the workspace through a link/);
  await assert.rejects(files.stat('link.md'), /outside the workspace through a link/);
});

test('readMany and statMany: bytes of regular files, a stat alone for a FIFO or an over-size file, null for gone or refused', async () => {
  const root = tempRoot();
  const outside = mkdtempSync(join(tmpdir(), 'runbook-outside-'));
  writeFileSync(join(outside, 'secret.md'), 'secret');
  symlinkSync(join(outside, 'secret.md'), join(root, 'link.md'));
  writeFileSync(join(root, 'a.md'), 'alpha\n');
  writeFileSync(join(root, 'empty.md'), '');
  writeFileSync(join(root, 'big.md'), 'x'.repeat(101));
  writeFileSync(join(root, 'limit.md'), 'y'.repeat(100));
  const files = new NodeWorkspaceFiles(root);
  const paths = ['a.md', 'empty.md', 'big.md', 'limit.md', 'gone.md', 'link.md'];
  const reads = await files.readMany(paths, 100);
  const text = (at: number): string | null | undefined => {
    const bytes = reads[at]?.bytes;
    return bytes === undefined ? undefined : bytes === null ? null : new TextDecoder().decode(bytes);
  };
  assert.equal(text(0), 'alpha\n');
  assert.equal(text(1), '', 'an empty file is read as empty');
  assert.equal(reads[2]?.bytes, null, 'over the limit: not read');
  assert.equal(reads[2]?.stat.size, 101);
  assert.equal(text(3), 'y'.repeat(100), 'exactly at the limit: read');
  assert.equal(reads[4], null, 'a missing file');
  assert.equal(reads[5], null, 'a link that leads outside is never read');
  const stats = await files.statMany(paths);
  assert.deepEqual(stats.map((stat) => stat?.size ?? null), [6, 0, 101, 100, null, null]);
  assert.deepEqual(reads.slice(0, 4).map((read) => read?.stat), stats.slice(0, 4), 'the stat of a read is the stat of the file');

  execFileSync('mkfifo', [join(root, 'pipe.md')]);
  const [pipe] = await files.readMany(['pipe.md'], 100);
  assert.equal(pipe?.stat.type, 'other', 'a FIFO is stat-ed, not read (and does not block)');
  assert.equal(pipe?.bytes, null);
});
