/**
 * Documents built to take the parser down or make it lie: each is read in time and memory roughly linear in its size,
 * or reported as one `document-too-complex` finding — never a crash, never a stack overflow. Speed itself is measured
 * in bench/hostile.mjs; the `timeout` here only turns a hang (what these inputs did before) into a failure.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import type { Stamp } from '../audit';
import { applyEdits, markDoneEdits } from '../edits';
import { RunbookError } from '../errors';
import { templateFromText } from '../templates/parse';
import { parseDocument } from './document';
import { PARSE_LIMITS, remarkRisk } from './limits';
import { parseStory } from './story';

const HANG_GUARD = { timeout: 60_000 };
const STAMP: Stamp = { by: 'Ann', date: '2026-11-23', time: '14:05' };
const options = { file: 'docs/post-mortems/pm.md', config: DEFAULT_CONFIG };

/** A 2 MB document: `prefix`, then `unit` repeated, then `suffix`. */
function twoMegabytes(unit: string, prefix = '', suffix = ''): string {
  return prefix + unit.repeat(Math.floor((2_000_000 - prefix.length - suffix.length) / unit.length)) + suffix;
}

/** The 492-byte "billion laughs": nine levels of nine aliases, 387 million strings once expanded. */
const ALIAS_BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefgh'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill('*' + 'abcdefg'[index]).join(',')}]`),
  'i: [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');

test('a YAML alias bomb in frontmatter is frontmatter-malformed, and the body is still read', HANG_GUARD, () => {
  assert.ok(ALIAS_BOMB.length < 520, `${ALIAS_BOMB.length} bytes`);
  const doc = parseDocument(`---\n${ALIAS_BOMB}\n---\n# Post-mortem: x\n\n## Action items\n- [ ] a @ann\n`, options);
  const finding = doc.findings.find((f) => f.rule === 'frontmatter-malformed');
  assert.match(finding?.message ?? '', /over 10000 values/);
  assert.deepEqual(doc.frontmatter, {});
  assert.equal(doc.actions.length, 1);
});

test('a YAML alias bomb in a story or a workspace template is a one-line error naming the file', HANG_GUARD, () => {
  const text = `---\n${ALIAS_BOMB}\n---\n# PAY-1: x\n`;
  assert.throws(() => parseStory(text, 'stories/PAY-1.md'), (error: unknown) => error instanceof RunbookError && /^stories\/PAY-1\.md:2: .*too large/.test(error.message) && !error.message.includes('\n'));
  assert.throws(() => templateFromText(text, '.runbook/templates/x.hbs', 'workspace'), (error: unknown) => error instanceof RunbookError && error.code === 'template-invalid');
});

test('frontmatter nested deeper than the limit is refused, not walked', HANG_GUARD, () => {
  const deep = `---\nx: ${'['.repeat(200)}${']'.repeat(200)}\n---\n`;
  assert.equal(parseDocument(deep, options).findings[0]?.rule, 'frontmatter-malformed');
});

test('a __proto__ or constructor key in frontmatter is data or dropped, never a prototype', () => {
  const doc = parseDocument('---\n__proto__: {polluted: yes}\nconstructor: x\ntitle: t\n---\n# T\n', options);
  assert.equal(Object.getPrototypeOf(doc.frontmatter), Object.prototype);
  assert.equal(Object.hasOwn(doc.frontmatter, '__proto__'), false);
  assert.equal(doc.frontmatter.constructor, 'x');
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

/** Shapes remark cannot parse in linear time and the fast tree cannot decide: one finding each. */
const SHAPES: Array<[name: string, text: string]> = [
  ['a 12 KB line of "- - - … x"', '## Action items\n' + '- '.repeat(6000) + 'x\n'],
  ['2 MB of ">" before a list', twoMegabytes('>', '## Action items\n', ' - [ ] x\n')],
  ['2 MB of "*a_" in an item', twoMegabytes('*a_', '## Action items\n- [ ] ')],
  ['2 MB of "[a](" in an item', twoMegabytes('[a](', '## Action items\n- [ ] ')],
  ['2 MB of nested "- [ ] "', twoMegabytes('- [ ] ', '## Action items\n', 'x\n')],
  ['2 MB of "a\\n=\\n" in list items', twoMegabytes('- a\n  =\n', '## Action items\n')],
  ['2 MB of backtick runs', twoMegabytes('` `` ', '## Action items\n- [ ] ')],
  ['2 MB of "<a b=\'"', twoMegabytes("<a b='", '## Action items\n- [ ] ')],
];

for (const [name, text] of SHAPES) {
  test(`${name}: one document-too-complex finding, never a crash`, HANG_GUARD, () => {
    const doc = parseDocument(text, options);
    const finding = doc.findings.find((f) => f.rule === 'document-too-complex');
    assert.ok(finding, 'expected a document-too-complex finding');
    assert.match(finding.message, /^not read: .*\(limit [\d ]+(?:KB)?[^)]*\)$/);
    assert.deepEqual(doc.actions, []);
  });
}

test('shapes the fast tree reads stay read at 2 MB: quotes, setext headings, CR-only lines, nested items', HANG_GUARD, () => {
  const quotes = parseDocument(twoMegabytes('>', '## Action items\n- [ ] first\n\n', ' x\n'), options);
  assert.deepEqual([quotes.findings, quotes.actions.length], [[], 1]);
  const setext = parseDocument(twoMegabytes('a\n=\n', '## Action items\n- [ ] first\n\n'), options);
  assert.equal(setext.findings.length, 0);
  assert.equal(setext.actions.length, 1);
  const crOnly = parseDocument(twoMegabytes('- [ ] a (owner @x)\r', '## Action items\r'), options);
  assert.equal(crOnly.actions.length, Math.floor((2_000_000 - 16) / 19));
  assert.equal(crOnly.actions[2].line, 4, 'a lone CR ends a line, as in remark and VS Code');
  let nested = '## Action items\n';
  for (let depth = 0; nested.length < 2_000_000; depth += 1) nested += ' '.repeat(depth * 2) + '- [ ] x\n';
  assert.ok(parseDocument(nested, options).actions.length > 1000);
});

test('an edit of a document that was not read is a one-line error, not "no action items"', HANG_GUARD, () => {
  const text = '## Action items\n' + '- '.repeat(6000) + 'x\n- [ ] real\n';
  const doc = parseDocument(text, options);
  assert.throws(() => markDoneEdits(text, doc, 1, STAMP), (error: unknown) => error instanceof RunbookError && error.code === 'document-too-complex' && /^docs\/post-mortems\/pm\.md: not read: a line nests \d+ levels deep/.test(error.message));
});

test('remarkRisk: ordinary documents pass, each bound is named', () => {
  assert.equal(remarkRisk('# T\n\n<div>\n\n- [ ] a *b* `c` [d](e)\n'), null);
  assert.match(remarkRisk('> '.repeat(PARSE_LIMITS.nesting + 1) + 'x')?.en ?? '', /nests 65 levels/);
  assert.equal(remarkRisk('> '.repeat(PARSE_LIMITS.nesting) + 'x'), null, 'the limit itself is allowed');
  assert.match(remarkRisk(' '.repeat(2 * PARSE_LIMITS.nesting + 2) + 'x')?.en ?? '', /nests/);
  assert.match(remarkRisk('a\n=\n'.repeat(PARSE_LIMITS.setextUnderlines + 1))?.en ?? '', /underlines/);
  assert.equal(remarkRisk('a\n=\n'.repeat(PARSE_LIMITS.setextUnderlines)), null);
  assert.match(remarkRisk('x'.repeat(PARSE_LIMITS.remarkChars + 1))?.en ?? '', /KB/);
});

test('a table row with a raw pipe in code has more cells than its header: reported, and done refuses it', () => {
  const text = '# Post-mortem: x\n\n## Action items\n\n| # | Action | Owner | Status |\n|---|---|---|---|\n| 1 | do `a|b` | @e | open |\n| 2 | do `a\\|b` | @f | open |\n';
  const doc = parseDocument(text, options);
  assert.deepEqual(doc.findings.map((f) => [f.rule, f.line]), [['table-malformed', 7]]);
  assert.match(doc.findings[0].message, /5 cells where the header has 4 \(write a "\|" inside code as "\\\|"\)/);
  assert.throws(() => markDoneEdits(text, doc, 1, STAMP), /does not have as many cells as the table header/);
  // The escaped pipe is one cell: its Status cell is the one marked, the owner stays.
  assert.equal(doc.actions[1].text, 'do a|b');
  assert.match(applyEdits(text, markDoneEdits(text, doc, 2, STAMP)), /^\| 2 \| do `a\\\|b` \| @f \| ✅ DONE \|$/m);
});

test('a tab after the list marker: the item listed is the item marked done, in both forms of the issue', () => {
  const text = '# Post-mortem: x\n\n## Action items\n-\t[ ] AI 1 rotate keys @ann\n- [ ] AI 2 @bob\n';
  const doc = parseDocument(text, options);
  assert.deepEqual(doc.actions.map((a) => [a.index, a.line, a.text, a.owner]), [
    [1, 4, 'AI 1 rotate keys @ann', 'ann'],
    [2, 5, 'AI 2 @bob', 'bob'],
  ]);
  assert.ok(applyEdits(text, markDoneEdits(text, doc, 1, STAMP)).startsWith(text.replace('-\t[ ]', '-\t[x]')));
  const runbook = parseDocument('# R\n\nStatus: PROPOSED\n\n## Compliance\n-\t[ ] @QA approved?\n', { ...options, file: '.agent/cache/runbooks/x/r.md' });
  assert.deepEqual(runbook.runbook?.compliance.map((c) => [c.role, c.checked, c.line]), [['QA', false, 6]]);
});
