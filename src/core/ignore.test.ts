import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from './config';
import { ignoreRuleFrom, loadIgnoreRule } from './ignore';
import { isIndexedPath } from './workspace-index';
import { createMemoryHost } from './testing/memory-host';
import { findMarkdownFiles } from './workspace';

test('.gitignore and extra globs leave files and folders out of the scan and of the index', async () => {
  const host = createMemoryHost({
    '.gitignore': '# build output\nbuild/\n*.draft.md\n',
    'docs/a.md': '# a',
    'docs/b.draft.md': '# b',
    'build/c.md': '# c',
    'archive/old/d.md': '# d',
  });
  const rule = await loadIgnoreRule(host.files, ['**/archive']);
  assert.deepEqual(await findMarkdownFiles(host.files, DEFAULT_CONFIG, rule), ['docs/a.md']);
  assert.equal(isIndexedPath('docs/a.md', DEFAULT_CONFIG, rule), true);
  assert.equal(isIndexedPath('build/new.md', DEFAULT_CONFIG, rule), false, 'a file created later in an ignored folder');
  assert.equal(isIndexedPath('archive/old/e.md', DEFAULT_CONFIG, rule), false);
  assert.equal(isIndexedPath('docs/c.draft.md', DEFAULT_CONFIG, rule), false);
  assert.deepEqual((await findMarkdownFiles(host.files, DEFAULT_CONFIG)).length, 4, 'without a rule nothing extra is left out');
});

test('no patterns, comments only: nothing is ignored', () => {
  assert.equal(ignoreRuleFrom(['# just a comment', '']) ('a.md'), false);
});

test('gitignore semantics: anchoring, folders only, negation, classes, globstars, escapes', () => {
  const rule = ignoreRuleFrom([
    '/root-only.md', 'any-depth.md', 'build/', 'docs/*.tmp.md', '!docs/keep.tmp.md', 'notes/**/old', 'draft[0-9].md',
    'deep/**', '\\#hash.md', 'trailing.md   ', 'dir-only/',
  ]);
  const cases: Array<[string, boolean]> = [
    ['root-only.md', true], ['x/root-only.md', false],
    ['any-depth.md', true], ['a/b/any-depth.md', true],
    ['build/', true], ['x/build/', true], ['build', false], ['build/a.md', true],
    ['docs/x.tmp.md', true], ['docs/keep.tmp.md', false], ['docs/sub/x.tmp.md', false],
    ['notes/old/', true], ['notes/a/b/old/', true], ['notes/a/old.md', false],
    ['draft1.md', true], ['draftx.md', false],
    ['deep/', false], ['deep/a.md', true], ['deep/a/b.md', true],
    ['#hash.md', true], ['trailing.md', true], ['dir-only', false], ['dir-only/', true],
  ];
  for (const [path, ignored] of cases) assert.equal(rule(path), ignored, path);
});

test('gitignore matches case-sensitively (a docs/ line leaves DOCS/ alone), or without case when asked', () => {
  assert.equal(ignoreRuleFrom(['docs/'])('DOCS/'), false);
  assert.equal(ignoreRuleFrom(['docs/'])('DOCS/incidents/a.md'), false);
  assert.equal(ignoreRuleFrom(['docs/'])('docs/incidents/a.md'), true);
  assert.equal(ignoreRuleFrom(['docs/'], { ignoreCase: true })('DOCS/incidents/a.md'), true);
});

test('hostile .gitignore lines: 1,000 "**/" and a 40,000-character line are matched or skipped, never a hang or a crash', { timeout: 60_000 }, () => {
  const problems: string[] = [];
  const rule = ignoreRuleFrom(['**/'.repeat(1000) + 'x', '*a'.repeat(500) + 'b', 'a'.repeat(40_000), '['.repeat(1000)], { onProblem: (message) => problems.push(message) });
  assert.equal(rule('a/'.repeat(100) + 'x'), true);
  assert.equal(rule('a'.repeat(300)), false);
  assert.equal(rule('y.md'), false);
  assert.deepEqual(problems, ['pattern 3 is 40000 characters long (limit 4096); skipped']);
});

test('a .gitignore that is a folder ignores nothing and says so', async () => {
  const host = createMemoryHost({ '.gitignore/x': 'y', 'a.md': '# a' });
  const problems: string[] = [];
  const rule = await loadIgnoreRule(host.files, [], { onProblem: (message) => problems.push(message) });
  assert.equal(rule('a.md'), false);
  assert.deepEqual(problems, ['.gitignore is not a regular file; nothing is ignored by it']);
});
