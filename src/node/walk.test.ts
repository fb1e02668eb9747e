/**
 * The walk and the reads over a real file system with the trees a repository's history can hold: link loops, links
 * out of the workspace, FIFOs, thousands of nested folders, paths past the system's limit, a folder swapped for a link
 * while a file is created. (A folder without read permission cannot be shown here: the suite runs as root.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../core/config';
import { RunbookError } from '../core/errors';
import { loadIgnoreRule } from '../core/ignore';
import { loadDocuments } from '../core/workspace-index';
import { walkMarkdownFiles } from '../core/workspace';
import { createNodeHost, NodeWorkspaceFiles } from './files';

function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'runbook-walk-'));
  mkdirSync(join(root, '.git'));
  return root;
}

const HANG_GUARD = { timeout: 60_000 };

test('link loops end and each real folder is visited once: ln -s . d/a; ln -s . d/b; docs/up -> ..', HANG_GUARD, async () => {
  const root = tempRoot();
  mkdirSync(join(root, 'd'));
  mkdirSync(join(root, 'docs'));
  writeFileSync(join(root, 'd/x.md'), '# x');
  writeFileSync(join(root, 'docs/y.md'), '# y');
  symlinkSync('.', join(root, 'd/a'));
  symlinkSync('.', join(root, 'd/b'));
  symlinkSync('..', join(root, 'docs/up'));
  const walk = await walkMarkdownFiles(new NodeWorkspaceFiles(root), DEFAULT_CONFIG);
  assert.deepEqual(walk.files, ['d/x.md', 'docs/y.md']);
  assert.deepEqual(walk.findings, []);
});

test('a linked folder inside the workspace is listed under its real path first, and once', async () => {
  const root = tempRoot();
  mkdirSync(join(root, 'v2'));
  writeFileSync(join(root, 'v2/a.md'), '# a');
  symlinkSync('v2', join(root, 'aa-latest'));
  symlinkSync('v2/a.md', join(root, 'alias.md'));
  const walk = await walkMarkdownFiles(new NodeWorkspaceFiles(root), DEFAULT_CONFIG);
  assert.deepEqual(walk.files, ['alias.md', 'v2/a.md']);
});

test('links out of the workspace or to nothing and FIFOs are findings, never followed or opened', HANG_GUARD, async () => {
  const root = tempRoot();
  const outside = mkdtempSync(join(tmpdir(), 'runbook-outside-'));
  writeFileSync(join(outside, 'secret.md'), '# secret');
  symlinkSync(outside, join(root, 'elsewhere'));
  symlinkSync(join(root, 'missing.md'), join(root, 'dangling.md'));
  execFileSync('mkfifo', [join(root, 'pipe.md')]);
  const host = createNodeHost(root);
  const scan = await loadDocuments(host, DEFAULT_CONFIG);
  assert.deepEqual(scan.documents, []);
  assert.deepEqual(scan.findings.map((f) => [f.rule, f.file, f.message]), [
    ['path-skipped', 'dangling.md', 'not read: a link that leads nowhere (ENOENT)'],
    ['path-skipped', 'elsewhere', 'not read: a link that leads outside the workspace, not followed'],
    ['path-skipped', 'pipe.md', 'not read: a FIFO, not read'],
  ]);
  await assert.rejects(host.files.readFile('pipe.md'), (error: unknown) => error instanceof RunbookError && error.code === 'not-a-regular-file' && error.message === 'pipe.md is a FIFO, not a regular file');
  await assert.rejects(host.files.readFile('dangling.md'), (error: unknown) => error instanceof RunbookError && error.message === 'dangling.md is a link to nothing');
});

test('a .gitignore that is a FIFO ignores nothing and says so, without blocking', HANG_GUARD, async () => {
  const root = tempRoot();
  execFileSync('mkfifo', [join(root, '.gitignore')]);
  const problems: string[] = [];
  const rule = await loadIgnoreRule(new NodeWorkspaceFiles(root), [], { onProblem: (problem) => problems.push(problem) });
  assert.equal(rule('a.md'), false);
  assert.deepEqual(problems, ['.gitignore is not a regular file; nothing is ignored by it']);
});

test('1,500 nested folders are walked (no recursion, no quadratic link checks), and paths past the limit are reported', HANG_GUARD, async () => {
  const root = tempRoot();
  let path = root;
  for (let depth = 0; depth < 1500; depth += 1) {
    path = join(path, 'd');
    mkdirSync(path);
  }
  writeFileSync(join(path, 'deep.md'), '# deep');
  // Past PATH_MAX (4,096 bytes): 30 folders of 200 characters, made one at a time from inside (relative paths).
  const cwd = process.cwd();
  mkdirSync(join(root, 'long'));
  process.chdir(join(root, 'long'));
  try {
    for (let made = 0; made < 30; made += 1) {
      mkdirSync('x'.repeat(200));
      process.chdir('x'.repeat(200));
    }
    writeFileSync('too-deep.md', '# too deep');
  } finally {
    process.chdir(cwd);
  }
  const walk = await walkMarkdownFiles(new NodeWorkspaceFiles(root), DEFAULT_CONFIG);
  assert.deepEqual(walk.files, [`${'d/'.repeat(1500)}deep.md`]);
  assert.equal(walk.findings.length, 1);
  assert.match(walk.findings[0].file, /^long\/(?:x{200}\/)+x{200}$/);
  assert.match(walk.findings[0].message, /too long for the system to read \(ENAMETOOLONG\)/);
  execFileSync('rm', ['-rf', root]);
});

test('a folder swapped for a link out of the workspace while files are created: nothing is left outside', HANG_GUARD, async () => {
  const root = tempRoot();
  const outside = mkdtempSync(join(tmpdir(), 'runbook-outside-'));
  const files = new NodeWorkspaceFiles(root);
  mkdirSync(join(root, 'docs'));
  mkdirSync(join(root, 'docs-real'));
  symlinkSync(outside, join(root, 'docs-link'));
  let swapped = false;
  const swapper = setInterval(() => {
    // docs is the real folder or the link, in turn, as fast as the event loop allows.
    try {
      renameSync(join(root, 'docs'), join(root, swapped ? 'docs-link' : 'docs-real'));
      renameSync(join(root, swapped ? 'docs-real' : 'docs-link'), join(root, 'docs'));
      swapped = !swapped;
    } catch {
      // a rename lost to the other one: try again next tick
    }
  }, 0);
  let refused = 0;
  try {
    for (let index = 0; index < 80; index += 1) {
      try {
        await files.createFile(`docs/n-${index}.md`, new TextEncoder().encode('# n'));
      } catch (error) {
        // Refused with a one-line message (outside the workspace, or a folder that changed meanwhile), never a raw error.
        assert.ok(error instanceof RunbookError, String(error));
        refused += 1;
      }
    }
  } finally {
    clearInterval(swapper);
  }
  assert.deepEqual(readdirSync(outside), [], `${refused} refused; nothing may be written outside`);
  assert.ok(existsSync(root));
});
