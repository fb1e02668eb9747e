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
