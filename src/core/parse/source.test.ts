/**
 * The prepared source and the parse context: every leading BOM counted (a doubled one too), the frontmatter masked
 * line for line after them, and the configured vocabulary normalised once per configuration.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import { createParseContext, vocabularyOf } from './context';
import { markdownToTree } from './mdast';
import { prepareSource } from './source';

test('a doubled BOM is counted whole; the frontmatter after it is masked, the body untouched', () => {
  const text = '\uFEFF\uFEFF---\nkind: rca\n---\n# T\n';
  const source = prepareSource(text);
  assert.equal(source.bomLength, 2);
  assert.equal(source.markdown, '   \n         \n   \n# T\n');
  assert.deepEqual([source.frontmatter?.start, source.frontmatter?.data.kind], [2, 'rca']);
  const bomOnly = prepareSource('\uFEFF# T\n');
  assert.deepEqual([bomOnly.bomLength, bomOnly.markdown, bomOnly.frontmatter], [1, '# T\n', null]);
});

test('the parse context: offsets of field lines in the text as read, vocabulary normalised once per configuration', () => {
  const text = '\uFEFF# T\n\nStatus: x\n';
  const source = prepareSource(text);
  const context = createParseContext(source, markdownToTree(source.markdown), DEFAULT_CONFIG);
  assert.deepEqual([context.text, context.bomLength], [text, 1]);
  assert.deepEqual(context.fieldLines.map((line) => text.slice(line.offset, line.offset + line.text.length)), ['Status: x']);
  assert.equal(context.sections.length, 1);
  const config = { ...DEFAULT_CONFIG, roles: ['QA', 'SecOps'], actionHeadings: ['## 2) Suivi :'] };
  const vocabulary = vocabularyOf(config);
  assert.deepEqual([...vocabulary.roles.entries()], [['qa', 'QA'], ['secops', 'SecOps']]);
  assert.deepEqual([...vocabulary.actionHeadings], ['suivi']);
  assert.equal(vocabularyOf(config), vocabulary, 'the same configuration object gives the same vocabulary');
  assert.notEqual(vocabularyOf({ ...config }), vocabulary);
});
