/**
 * Inline disable comments (markdownlint's syntax with a `runbook-` prefix): what each kind switches off, that they are
 * read from the parsed tree (never from a code block), that both parsers find the same ones, and that `check` and the
 * listings honour them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from './check';
import { DEFAULT_CONFIG } from './config';
import { isRuleDisabled } from './disables';
import { parseDocument, parseDocumentWithRemark, type ParseStats } from './parse/document';
import { actionRows } from './report';

const TODAY = '2026-11-23';
const FILE = 'docs/post-mortems/2026-11-02-x.md';

function rules(text: string): Array<[string, number]> {
  const doc = parseDocument(text, { file: FILE, config: DEFAULT_CONFIG });
  return checkDocument(doc, TODAY, DEFAULT_CONFIG).map((finding) => [finding.rule, finding.line]);
}

const ITEMS = ['# Post-mortem: x', '', '## Action items', '', '- [ ] one (due 2026-01-01)', '- [ ] two (due 2026-01-02)', '- [ ] three (owner @a, due 2026-01-03)', ''];

test('without comments: every finding (the baseline the other cases remove from)', () => {
  assert.deepEqual(rules(ITEMS.join('\n')), [
    ['action-overdue', 5], ['action-no-owner', 5], ['action-overdue', 6], ['action-no-owner', 6], ['action-overdue', 7],
  ]);
});

test('disable-next-line: the named rule on the next line only', () => {
  const text = [...ITEMS.slice(0, 4), '- [ ] one (due 2026-01-01)', '<!-- runbook-disable-next-line action-overdue -->', '- [ ] two (due 2026-01-02)', '- [ ] three (owner @a, due 2026-01-03)'].join('\n');
  // The comment ends the list, so "two" starts a second one: still action items under the same heading.
  assert.deepEqual(rules(text), [['action-overdue', 5], ['action-no-owner', 5], ['action-no-owner', 7], ['action-overdue', 8]]);
});

test('disable-next-line inside a list item (an indented comment) covers the item below it', () => {
  const text = [...ITEMS.slice(0, 4), '- [ ] one (due 2026-01-01)', '  <!-- runbook-disable-next-line action-overdue action-no-owner -->', '- [ ] two (due 2026-01-02)'].join('\n');
  assert.deepEqual(rules(text), [['action-overdue', 5], ['action-no-owner', 5]]);
});

test('disable … enable: a range; without rule names, every rule', () => {
  const ranged = [...ITEMS.slice(0, 4), '<!-- runbook-disable action-no-owner -->', '', '- [ ] one (due 2026-01-01)', '- [ ] two (due 2026-01-02)', '', '<!-- runbook-enable action-no-owner -->', '', '- [ ] three (due 2026-01-03)'].join('\n');
  assert.deepEqual(rules(ranged), [['action-overdue', 7], ['action-overdue', 8], ['action-overdue', 12], ['action-no-owner', 12]]);
  const all = [...ITEMS.slice(0, 4), '<!-- runbook-disable -->', '', '- [ ] one (due 2026-01-01)', '', '<!-- runbook-enable -->', '', '- [ ] two (due 2026-01-02)'].join('\n');
  assert.deepEqual(rules(all), [['action-overdue', 11], ['action-no-owner', 11]]);
});

test('disable-file anywhere in the document; enable-file after it turns the rule back on', () => {
  assert.deepEqual(rules([...ITEMS, '<!-- runbook-disable-file action-overdue -->'].join('\n')), [['action-no-owner', 5], ['action-no-owner', 6]]);
  assert.deepEqual(rules(['<!-- runbook-disable-file -->', ...ITEMS].join('\n')), []);
  assert.equal(rules(['<!-- runbook-disable-file action-overdue -->', '<!-- runbook-enable-file action-overdue -->', ...ITEMS].join('\n')).length, 5);
  // Frontmatter findings can be switched off too (their line is inside the frontmatter).
  assert.deepEqual(rules('---\nbad: [x\n---\n# T\n\n<!-- runbook-disable-file frontmatter-malformed -->\n'), []);
});

test('disable-line: an inline comment covers its own line', () => {
  const text = [...ITEMS.slice(0, 4), '- [ ] one (due 2026-01-01) <!-- runbook-disable-line action-no-owner -->', '- [ ] two (due 2026-01-02)'].join('\n');
  assert.deepEqual(rules(text), [['action-overdue', 5], ['action-overdue', 6], ['action-no-owner', 6]]);
});

test('near misses change nothing: a comment in a code block, a misspelt directive, another tool\'s prefix, plain text', () => {
  const near = [
    '```',
    '<!-- runbook-disable-file -->',
    '```',
    '',
    '    <!-- runbook-disable-file -->',
    '',
    '<!-- runbook-disabled action-overdue -->',
    '<!-- markdownlint-disable -->',
    '<!-- runbook-disable-file action-overdue: because -->',
    '',
    'runbook-disable-file as plain text',
    '',
  ];
  assert.equal(rules([...near, ...ITEMS].join('\n')).length, 5);
  const doc = parseDocument([...near, ...ITEMS].join('\n'), { file: FILE, config: DEFAULT_CONFIG });
  assert.deepEqual(doc.disables, []);
});

test('rule names are case-insensitive and several may be named; the lines of a multi-line comment are kept', () => {
  const text = ['<!-- runbook-disable-next-line', '     ACTION-OVERDUE Action-No-Owner -->', ...ITEMS.slice(0, 4), '- [ ] one (due 2026-01-01)'].join('\n');
  const doc = parseDocument(text, { file: FILE, config: DEFAULT_CONFIG });
  assert.deepEqual(doc.disables, [{ kind: 'disable-next-line', rules: ['action-overdue', 'action-no-owner'], line: 1, endLine: 2 }]);
  assert.equal(isRuleDisabled(doc.disables, 'action-overdue', 3), true);
  assert.equal(isRuleDisabled(doc.disables, 'action-overdue', 4), false);
});

test('the listings honour it: an item whose overdue finding is disabled is not shown as overdue', () => {
  const text = [...ITEMS.slice(0, 4), '<!-- runbook-disable action-overdue -->', '', '- [ ] one (due 2026-01-01)', '', '<!-- runbook-enable action-overdue -->', '', '- [ ] two (due 2026-01-02)'].join('\n');
  const doc = parseDocument(text, { file: FILE, config: DEFAULT_CONFIG });
  assert.deepEqual(actionRows([doc], TODAY).map((row) => [row.line, row.overdue]), [[11, true], [7, false]]);
  assert.deepEqual(actionRows([doc], TODAY, { overdue: true }).map((row) => row.line), [11]);
});

test('both parsers find the same comments; block comments stay on the fast path, inline ones go to remark', () => {
  const cases: Array<[string, 'fast' | 'remark']> = [
    [['<!-- runbook-disable-file action-overdue -->', ...ITEMS].join('\n'), 'fast'],
    [[...ITEMS.slice(0, 4), '- [ ] one', '  <!-- runbook-disable-next-line -->', '- [ ] two'].join('\n'), 'fast'],
    [['<!--', 'runbook-disable action-overdue', '-->', ...ITEMS].join('\r\n'), 'fast'],
    [['```md', '<!-- runbook-disable-file -->', '```', ...ITEMS].join('\n'), 'fast'],
    [[...ITEMS.slice(0, 4), '- [ ] one <!-- runbook-disable-line -->'].join('\n'), 'remark'],
    [['| Action | Owner |', '|---|---|', '| a <!-- runbook-disable-line --> | |'].join('\n'), 'remark'],
    [['> <!-- runbook-disable-file -->', ...ITEMS].join('\n'), 'remark'],
    [['<div>', '<!-- runbook-disable-file -->', '</div>', '', ...ITEMS].join('\n'), 'remark'],
  ];
  for (const [text, expected] of cases) {
    const stats: ParseStats = { fast: 0, remark: 0 };
    const fast = parseDocument(text, { file: FILE, config: DEFAULT_CONFIG }, stats);
    const oracle = parseDocumentWithRemark(text, { file: FILE, config: DEFAULT_CONFIG });
    assert.deepEqual(JSON.parse(JSON.stringify(fast)), JSON.parse(JSON.stringify(oracle)), text);
    assert.equal(stats[expected], 1, `${JSON.stringify(text)} decided by ${expected}`);
  }
});

test('the incident rules are switched off like the others, each by name', () => {
  // A P0 detected at 14:02 on the file's date (2026-11-02), no response and no update since: both targets have passed.
  const incident = (comment: string): string[] => {
    const text = `---\nseverity: P0\nstatus: open\n---\n${comment}# Post-mortem: x\n\n## Timeline\n- 14:02 alert\n`;
    const doc = parseDocument(text, { file: FILE, config: DEFAULT_CONFIG });
    return checkDocument(doc, new Date(2026, 10, 20, 14, 18), DEFAULT_CONFIG).map((finding) => finding.rule);
  };
  assert.deepEqual(incident(''), ['incident-response-overdue', 'incident-update-overdue']);
  assert.deepEqual(incident('<!-- runbook-disable-file incident-response-overdue -->\n\n'), ['incident-update-overdue']);
  assert.deepEqual(incident('<!-- runbook-disable-file incident-update-overdue incident-response-overdue -->\n\n'), []);
});
