/**
 * The task conventions people already write (item 7 of issue 13): Obsidian Tasks, Dataview, todo.txt, cancelled
 * `[-]`, and the tables of item 8 (the Google SRE action table, Assignee / Responsable, Due / Deadline / Échéance).
 * Each syntax has a near miss that must not be read as it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Stamp } from '../audit';
import { checkDocument } from '../check';
import { DEFAULT_CONFIG } from '../config';
import { applyEdits, markDoneEdits } from '../edits';
import { RunbookError } from '../errors';
import type { ActionItem } from '../model';
import { actionRows } from '../report';
import { parseDocument, parseDocumentWithRemark } from './document';
import { completionMark, taskMetadata, withoutTaskMetadata } from './task-syntax';

const FILE = 'docs/post-mortems/2026-11-02-x.md';
const TODAY = '2026-11-23';
const stamp: Stamp = { by: 'Zoé', date: '2026-11-23', time: '14:05' };

function items(lines: string[], heading = '## Action items'): ActionItem[] {
  const text = ['# Post-mortem: x', '', heading, ...lines, ''].join('\n');
  const doc = parseDocument(text, { file: FILE, config: DEFAULT_CONFIG });
  const oracle = parseDocumentWithRemark(text, { file: FILE, config: DEFAULT_CONFIG });
  assert.deepEqual(JSON.parse(JSON.stringify(doc)), JSON.parse(JSON.stringify(oracle)), 'the fast path and remark agree');
  return doc.actions;
}

const one = (line: string): ActionItem => {
  const [item] = items([line]);
  assert.ok(item, `an action item in ${JSON.stringify(line)}`);
  return item;
};

test('Obsidian Tasks: 📅 due, ✅ done date, priorities; the markers are not part of the text', () => {
  const item = one('- [ ] Rotate the keys @ann 📅 2026-12-01 ⏫');
  assert.deepEqual([item.text, item.owner, item.due, item.priority, item.style, item.completed], ['Rotate the keys @ann', 'ann', '2026-12-01', 'high', 'obsidian', null]);
  const done = one('- [x] Rotate the keys 🔼 📅 2026-12-01 ✅ 2026-11-20');
  assert.deepEqual([done.done, done.due, done.completed, done.priority, done.text], [true, '2026-12-01', '2026-11-20', 'medium', 'Rotate the keys']);
  for (const [mark, priority] of [['🔺', 'highest'], ['⏫', 'high'], ['🔼', 'medium'], ['🔽', 'low'], ['⏬', 'lowest']] as const) {
    assert.equal(one(`- [ ] Patch ${mark}`).priority, priority, mark);
  }
  assert.equal(one('- [ ] Patch 📆 2026-12-03').due, '2026-12-03', '📆 is an alias of 📅');
  assert.equal(one('- [ ] Patch 🗓️ 2026-12-04').due, '2026-12-04', '🗓 with its variation selector');
  assert.equal(one('- [ ] Patch ⏳ 2026-11-30 🛫 2026-11-29 ➕ 2026-11-01 🔁 every week').text, 'Patch');
  // Near misses: a date that is not ISO, a done mark without a date, a scheduled date (not a due date).
  const near = one('- [ ] Patch 📅 12/01/2026 ✅ DONE ⏳ 2026-11-30');
  assert.deepEqual([near.due, near.completed], [null, null]);
});

test('Dataview inline fields: [due:: …], (due:: …), [completion:: …], [priority:: …]; other fields stay in the text', () => {
  const item = one('- [ ] Alert on auth failures [due:: 2026-12-05] [priority:: high] [team:: sre] @carol');
  assert.deepEqual([item.due, item.priority, item.style, item.owner, item.text], ['2026-12-05', 'high', 'dataview', 'carol', 'Alert on auth failures [team:: sre] @carol']);
  assert.equal(one('- [ ] Alert (due:: 2026-12-06)').due, '2026-12-06');
  assert.equal(one('- [x] Alert [completion:: 2026-11-21]').completed, '2026-11-21');
  // Near misses: another field that ends in "due", a field whose value is not a date.
  assert.equal(one('- [ ] Alert [overdue:: 2026-12-05]').due, null);
  assert.equal(one('- [ ] Alert [due:: next week]').due, null);
});

test('todo.txt: due:2026-12-01', () => {
  const item = one('- [ ] Renew the certificate due:2026-12-07 +infra @ops');
  assert.deepEqual([item.due, item.text, item.owner], ['2026-12-07', 'Renew the certificate +infra @ops', 'ops']);
  // Near misses: a longer key, a date cut short.
  assert.equal(one('- [ ] Renew redue:2026-12-07').due, null);
  assert.equal(one('- [ ] Renew due:2026-12-7').due, null);
});

test('the plain keywords still work, English and French', () => {
  assert.equal(one('- [ ] Rotate the keys (owner @ann, due 2026-12-01)').due, '2026-12-01');
  assert.equal(one('- [ ] Changer les clés échéance 2026-12-02').due, '2026-12-02');
  assert.equal(one('- [ ] Changer les clés (Échéance : 2026-12-03)').due, '2026-12-03');
});

test('cancelled [-]: listed, neither open nor overdue, no finding; near misses are not action items', () => {
  const [cancelled, open] = items(['- [-] Migrate to v2 @ann 📅 2020-01-01 ❌ 2020-01-02', '- [ ] Migrate to v3 📅 2020-01-01']);
  assert.deepEqual([cancelled.cancelled, cancelled.done, cancelled.text, cancelled.due], [true, false, 'Migrate to v2 @ann', '2020-01-01']);
  assert.equal(open.cancelled, false);
  const doc = parseDocument(['# Post-mortem: x', '', '## Action items', '- [-] Migrate to v2 📅 2020-01-01', ''].join('\n'), { file: FILE, config: DEFAULT_CONFIG });
  assert.deepEqual(checkDocument(doc, TODAY, DEFAULT_CONFIG), [], 'no overdue, owner or due finding for a cancelled item');
  assert.deepEqual(actionRows([doc], TODAY, { open: true }), []);
  assert.deepEqual(actionRows([doc], TODAY).map((row) => [row.cancelled, row.overdue]), [[true, false]]);
  // Near misses: no blank after the box, two dashes, another symbol, nothing after the box, outside an action section.
  assert.deepEqual(items(['- [-]Migrate', '- [--] Migrate', '- [~] Migrate', '- [-]']), []);
  assert.deepEqual(items(['- [-] Migrate'], '## Notes'), []);
  // A numbered item and a nested one are read the same way.
  assert.deepEqual(items(['1. [-] one', '   - [-] nested']).map((item) => item.cancelled), [true, true]);
});

test('runbook done: an Obsidian item gets its ✅ DATE, a Dataview item its [completion:: DATE], a plain item only [x]', () => {
  const text = ['# Post-mortem: x', '', '## Action items', '- [ ] Rotate 📅 2026-12-01 ⏫', '- [ ] Alert [due:: 2026-12-05]', '- [ ] Plain due 2026-12-01', '- [-] Dropped', ''].join('\n');
  const doc = parseDocument(text, { file: FILE, config: DEFAULT_CONFIG });
  const done = (index: number): string => applyEdits(text, markDoneEdits(text, doc, index, stamp)).split('\n')[2 + index];
  assert.equal(done(1), '- [x] Rotate 📅 2026-12-01 ⏫ ✅ 2026-11-23');
  assert.equal(done(2), '- [x] Alert [due:: 2026-12-05] [completion:: 2026-11-23]');
  assert.equal(done(3), '- [x] Plain due 2026-12-01');
  assert.throws(() => markDoneEdits(text, doc, 4, stamp), (error: unknown) => error instanceof RunbookError && /cancelled/.test(error.message));
  // CRLF: the date goes before the line ending.
  const crlf = text.replace(/\n/g, '\r\n');
  const crlfDoc = parseDocument(crlf, { file: FILE, config: DEFAULT_CONFIG });
  assert.equal(applyEdits(crlf, markDoneEdits(crlf, crlfDoc, 1, stamp)).split('\r\n')[3], '- [x] Rotate 📅 2026-12-01 ⏫ ✅ 2026-11-23');
  // Read back, the item is done on that day.
  const after = applyEdits(text, markDoneEdits(text, doc, 1, stamp));
  assert.equal(parseDocument(after, { file: FILE, config: DEFAULT_CONFIG }).actions[0].completed, '2026-11-23');
});

const SRE = [
  '| Action Item | Type | Owner | Bug |',
  '|---|---|---|---|',
  '| Update playbook with instructions for responding to cascading failure | mitigate | jennifer | n/a **DONE** |',
  '| Use load balancing to relieve overload | prevent | martin | [Bug 5554823](https://example.invalid/5554823) **TODO** |',
  '| Schedule cascading failure test during next DiRT | process | docbrown | **TODO** Bug 5554824 |',
  '| Investigate running index MR/fusion from sharded Shakespeare | prevent | jennifer | **DONE** [Bug 5554825](https://example.invalid/5554825) |',
  '| Plug file descriptor leak in search ranking subsystem | prevent | agoogler | FIXED Bug 5554826 |',
];

test('the Google SRE action table: Owner column, state from the TODO/DONE word that starts the Bug cell, no due date', () => {
  const actions = items(SRE, '## Action Items');
  assert.deepEqual(
    actions.map((item) => [item.owner, item.done, item.due]),
    [
      ['jennifer', false, null],
      ['martin', false, null],
      ['docbrown', false, null],
      ['jennifer', true, null],
      ['agoogler', true, null],
    ],
    'only a word at the start of the Bug cell decides: "n/a **DONE**" and "[Bug] **TODO**" are open',
  );
  assert.equal(actions[2].text, 'Schedule cascading failure test during next DiRT');
  // runbook done turns the TODO into DONE, keeping the bold and the bug link.
  const text = ['# Postmortem: Shakespeare', '', '## Action Items', ...SRE, ''].join('\n');
  const doc = parseDocument(text, { file: FILE, config: DEFAULT_CONFIG });
  const after = applyEdits(text, markDoneEdits(text, doc, 3, stamp)).split('\n');
  assert.equal(after[7], '| Schedule cascading failure test during next DiRT | process | docbrown | **DONE** Bug 5554824 |');
  const noWord = applyEdits(text, markDoneEdits(text, doc, 2, stamp)).split('\n');
  assert.equal(noWord[6], '| Use load balancing to relieve overload | prevent | martin | DONE [Bug 5554823](https://example.invalid/5554823) **TODO** |');
  // Near miss: a table with a Bug column and a Status column reads the Status column.
  const withStatus = items(['| Action | Owner | Status | Bug |', '|---|---|---|---|', '| Fix it | ann | open | DONE 1 |'], '## Action items');
  assert.equal(withStatus[0].done, false);
});

test('tables: owner column Assignee / Responsable, due column Due / Deadline / Échéance (dates anywhere in the cell)', () => {
  const cases: Array<[string, string]> = [
    ['| Action | Assignee | Due | Status |', '| Rotate keys | @ann | 2026-12-01 | open |'],
    ['| Action | Responsable | Échéance | Statut |', '| Changer les clés | @Émilie | 2026-12-01 | à faire |'],
    ['| Action | Owner | Deadline | Status |', '| Rotate keys | bob | 📅 2026-12-01 | open |'],
    ['| Action | Assigned to | Due date | Status |', '| Rotate keys | ann | 2026-12-01 (Q4) | open |'],
  ];
  for (const [header, row] of cases) {
    const [item] = items([header, '|---|---|---|---|', row]);
    assert.ok(item, header);
    assert.ok(item.owner, `${header}: owner`);
    assert.equal(item.due, '2026-12-01', `${header}: due`);
  }
  // Near misses: a column called "Due diligence" is not a due date; "Assigned" alone is not an owner column.
  const [item] = items(['| Action | Assigned | Due diligence | Status |', '|---|---|---|---|', '| Rotate keys | ann | 2026-12-01 | open |']);
  assert.deepEqual([item.owner, item.due], [null, null]);
});

test('owners: @handles with accents and combining marks read whole; --owner folds case and accents', () => {
  const [precomposed, decomposed, upper] = items(['- [ ] Rotate @émilie', '- [ ] Rotate @e\u0301milie', '- [ ] Rotate @ÉMILIE']);
  assert.equal(precomposed.owner, 'émilie');
  assert.equal(decomposed.owner, 'e\u0301milie', 'a combining accent is part of the name');
  const doc = parseDocument(['# Post-mortem: x', '', '## Action items', '- [ ] Rotate @émilie', '- [ ] Rotate @e\u0301milie', '- [ ] Rotate @ÉMILIE', '- [ ] Rotate @emil', ''].join('\n'), {
    file: FILE,
    config: DEFAULT_CONFIG,
  });
  assert.equal(upper.owner, 'ÉMILIE');
  assert.equal(actionRows([doc], TODAY, { owner: 'emilie' }).length, 3);
  assert.equal(actionRows([doc], TODAY, { owner: '@Émilie' }).length, 3);
  assert.equal(actionRows([doc], TODAY, { owners: ['someone', 'EMILIE'] }).length, 3);
  assert.equal(actionRows([doc], TODAY, { owner: 'emil' }).length, 1, 'a prefix is another person');
});

test('taskMetadata and withoutTaskMetadata on their own', () => {
  assert.deepEqual(taskMetadata('plain text due 2026-12-01'), { due: null, completed: null, priority: null, style: 'plain' });
  assert.equal(withoutTaskMetadata('nothing to strip: a (b) [c]'), 'nothing to strip: a (b) [c]');
  assert.equal(withoutTaskMetadata('a 📅 2026-12-01 b ⏫ c [due:: 2026-12-02] d due:2026-12-03'), 'a b c d');
});

test('taskMetadata: which convention wins, every priority word, the first field of a name, keys in any case and spacing', () => {
  assert.deepEqual(taskMetadata('x 📅 2026-12-01 [due:: 2026-12-02] due:2026-12-03'), { due: '2026-12-01', completed: null, priority: null, style: 'obsidian' });
  assert.deepEqual(taskMetadata('x [due:: 2026-12-02] due:2026-12-03'), { due: '2026-12-02', completed: null, priority: null, style: 'dataview' });
  assert.deepEqual(taskMetadata('x due:2026-12-03'), { due: '2026-12-03', completed: null, priority: null, style: 'plain' });
  assert.equal(taskMetadata('x ⏬ [priority:: high]').priority, 'lowest', 'an Obsidian mark before a Dataview field');
  const words: Array<[string, string]> = [['highest', 'highest'], ['High', 'high'], ['haute', 'high'], ['medium', 'medium'], ['moyenne', 'medium'], ['low', 'low'], ['basse', 'low'], ['LOWEST', 'lowest']];
  for (const [word, priority] of words) assert.equal(taskMetadata(`x [priority:: ${word}]`).priority, priority, word);
  assert.deepEqual(taskMetadata('x [priority:: urgent]'), { due: null, completed: null, priority: null, style: 'plain' });
  assert.equal(taskMetadata('x [ Due ::  2026-12-04 ] [due:: 2026-12-05]').due, '2026-12-04');
  assert.deepEqual(taskMetadata('x [completion:: 2026-11-02]'), { due: null, completed: '2026-11-02', priority: null, style: 'dataview' });
  assert.equal(taskMetadata('x ✅️ 2026-11-03').completed, '2026-11-03', 'a done mark with its variation selector');
  assert.equal(taskMetadata('x 🔁 every day').style, 'obsidian', 'a recurrence alone is Obsidian');
  assert.equal(taskMetadata('x ⌛ 2026-11-04').style, 'obsidian', 'any dated marker is Obsidian');
  assert.equal(taskMetadata('x 📅 2026-12-011').due, null, 'a date running into more digits');
});

test('withoutTaskMetadata: every dated marker, a recurrence up to the next marker, the date-like Dataview fields; others stay', () => {
  assert.equal(withoutTaskMetadata('a ⌛ 2026-11-01 b ❌ 2026-11-02 c ✅ 2026-11-03 d'), 'a b c d');
  assert.equal(withoutTaskMetadata('a 🔁 every week ⏫ b'), 'a b');
  assert.equal(withoutTaskMetadata('a 🔁 every week 📅 2026-12-01'), 'a');
  assert.equal(withoutTaskMetadata('a [created:: 2026-11-01] [start:: 2026-11-02] [scheduled:: 2026-11-03] (completion:: 2026-11-04) b'), 'a b');
  assert.equal(withoutTaskMetadata('a [Priority:: high] [team:: sre] b'), 'a [team:: sre] b');
  assert.equal(withoutTaskMetadata('  spaced   text  🔼  '), 'spaced text');
  // Text with none of the markers is returned as it is, blanks included.
  assert.equal(withoutTaskMetadata('  keep  me  '), '  keep  me  ');
  assert.equal(withoutTaskMetadata('a → b'), 'a → b');
});

test('completionMark: the form each style writes its done date in', () => {
  assert.equal(completionMark('obsidian', '2026-11-23'), '✅ 2026-11-23');
  assert.equal(completionMark('dataview', '2026-11-23'), '[completion:: 2026-11-23]');
  assert.equal(completionMark('plain', '2026-11-23'), null);
});
