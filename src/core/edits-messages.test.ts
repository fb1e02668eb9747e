/**
 * The edits' refusals in both languages (the CLI and the editor show `messageIn('fr')` to French users), with their
 * code, kind and data; and `done` on a Google SRE Bug cell, whose leading word keeps its case and its language.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Stamp } from './audit';
import { DEFAULT_CONFIG } from './config';
import { actionAtLine, actionItemAt, addDueDateEdits, addOwnerEdits, applyEdits, cleanName, markDoneEdits, runbookOf } from './edits';
import { thrownRunbookError } from './testing/thrown';
import type { ParsedDocument } from './model';
import { parseDocument } from './parse/document';

const STAMP: Stamp = { by: 'Zed', date: '2026-11-23', time: '14:05' };
const parse = (text: string, file = 'rb.md'): ParsedDocument => parseDocument(text, { file, config: DEFAULT_CONFIG });

/** Asserts `run` throws a RunbookError with this code and kind, its English and French messages, and its details. */
function refuses(run: () => unknown, code: string, kind: 'domain' | 'usage', en: string, fr: string, details?: Record<string, unknown>): void {
  const caught = thrownRunbookError(run);
  assert.deepEqual([caught.code, caught.kind, caught.message, caught.messageIn('fr')], [code, kind, en, fr]);
  if (details) assert.deepEqual(caught.details, details);
}

test('refusals in English and French: empty approver name, not a runbook', () => {
  refuses(() => cleanName(' \n '), 'invalid-field', 'usage', 'the approver name is empty', "le nom de l'approbateur est vide");
  refuses(
    () => runbookOf(parse('# RCA: t\n\n## Action items\n- [ ] x\n', 'DOCS/incidents/a-rca.md')),
    'not-a-runbook',
    'domain',
    'DOCS/incidents/a-rca.md is not a runbook (no "Status:" line and no compliance checklist)',
    "DOCS/incidents/a-rca.md n'est pas un runbook (ni ligne « Statut : » ni liste de conformité)",
  );
});

test('no such action in English and French: none at all, one (singular), two (plural), not at a line', () => {
  refuses(() => actionItemAt(parse('# Notes\n'), 1), 'no-such-action', 'domain', 'rb.md has no action items', "rb.md n'a aucune action", { count: 0 });
  const one = parse('## Action items\n- [ ] only\n');
  refuses(() => actionItemAt(one, 2), 'no-such-action', 'domain', 'rb.md has 1 action item; there is no number 2', "rb.md a 1 action ; il n'y a pas de numéro 2", { count: 1 });
  const two = parse('## Action items\n- [ ] one\n- [ ] two\n');
  refuses(() => actionItemAt(two, 3), 'no-such-action', 'domain', 'rb.md has 2 action items; there is no number 3', "rb.md a 2 actions ; il n'y a pas de numéro 3", { count: 2 });
  refuses(() => actionAtLine(two, 1), 'no-such-action', 'domain', 'rb.md:1 is not an action item', "rb.md:1 n'est pas une action", { line: 1 });
});

test('done refused in English and French: a cancelled item (with its line), no Status column, no Status cell', () => {
  const cancelled = '## Action items\n- [ ] open\n- [-] dropped\n';
  refuses(
    () => markDoneEdits(cancelled, parse(cancelled), 2, STAMP),
    'edit-refused',
    'domain',
    'action 2 (rb.md:3) is cancelled ([-]); write [ ] back to reopen it first',
    "l'action 2 (rb.md:3) est annulée ([-]) ; remettez [ ] pour la rouvrir d'abord",
    { line: 3 },
  );
  const noColumn = '# RCA: t\n\n## Action items\n| # | Action | Owner |\n|---|---|---|\n| 1 | do | @a |\n';
  refuses(
    () => markDoneEdits(noColumn, parse(noColumn, 'x-rca.md'), 1, STAMP),
    'no-such-action',
    'domain',
    'the table of action 1 (x-rca.md:6) has no Status column to mark',
    "le tableau de l'action 1 (x-rca.md:6) n'a pas de colonne Status à marquer",
  );
  const short = '## Action items\n| Action | Owner | Status |\n|---|---|---|\n| do | @a |\n';
  refuses(
    () => markDoneEdits(short, parse(short), 1, STAMP),
    'no-such-action',
    'domain',
    'action 1 (rb.md:4) has no Status cell to mark: its row does not have as many cells as the table header',
    "l'action 1 (rb.md:4) n'a pas de cellule Status à marquer : sa ligne n'a pas autant de cellules que l'en-tête du tableau",
  );
});

test('owner and due date refused in English and French: a table row, a name of two words, an impossible date', () => {
  const table = parse('## Action items\n| Action | Owner | Status |\n|---|---|---|\n| do | | open |\n');
  refuses(
    () => addOwnerEdits(table, 1, 'bob'),
    'invalid-field',
    'domain',
    'rb.md:4: action 1 is a table row; fill in its cell directly',
    "rb.md:4 : l'action 1 est une ligne de tableau ; remplissez directement sa cellule",
    { line: 4 },
  );
  const task = parse('## Action items\n- [ ] one\n');
  refuses(
    () => addOwnerEdits(task, 1, 'Léa Martin'),
    'invalid-field',
    'usage',
    'an owner is one name (letters, digits, ".", "_" or "-"), found "Léa Martin"',
    'un responsable est un seul nom (lettres, chiffres, « . », « _ » ou « - »), trouvé « Léa Martin »',
    { value: 'Léa Martin' },
  );
  refuses(
    () => addDueDateEdits(task, 1, '2026-02-30'),
    'invalid-field',
    'usage',
    'a due date is YYYY-MM-DD, found "2026-02-30"',
    "une échéance s'écrit AAAA-MM-JJ, trouvé « 2026-02-30 »",
    { value: '2026-02-30' },
  );
});

/** The Bug cell of row `cell` after `done`: only its leading word changes. */
function bugCellDone(cell: string): string {
  const text = `## Action items\n| Action | Owner | Bug |\n|---|---|---|\n| Fix | ana | ${cell} |\n`;
  const row = applyEdits(text, markDoneEdits(text, parse(text, 'rca.md'), 1, STAMP)).split('\n')[3];
  return row.slice('| Fix | ana |'.length);
}

test('done on a Bug cell: TODO, OPEN and À FAIRE become DONE or FAIT in the same case, in upper, lower and capitalised form', () => {
  const expected: Array<[string, string]> = [
    ['TODO b/1', ' DONE b/1 |'],
    ['todo b/1', ' done b/1 |'],
    ['Todo b/1', ' Done b/1 |'],
    ['**Todo** b/1', ' **Done** b/1 |'],
    ['OPEN b/2', ' DONE b/2 |'],
    ['open', ' done |'],
    ['Open', ' Done |'],
    ['À FAIRE b/1', ' FAIT b/1 |'],
    ['à faire b/1', ' fait b/1 |'],
    ['À faire b/1', ' Fait b/1 |'],
    ['a faire', ' fait |'],
  ];
  for (const [cell, done] of expected) assert.equal(bugCellDone(cell), done, cell);
});

test('done on a Bug cell with no leading word: DONE starts the cell; a blank cell keeps a space each side', () => {
  assert.equal(bugCellDone('b/1'), ' DONE b/1 |');
  assert.equal(bugCellDone('   '), ' DONE |', 'blank: the run of spaces becomes one DONE between single spaces');
});

test('done on a task that already carries a completion date writes only the [x], not a second date', () => {
  const done = (text: string): string => applyEdits(text, markDoneEdits(text, parse(text), 1, STAMP)).split('\n')[1];
  assert.equal(done('## Action items\n- [ ] Rotate ✅ 2026-11-20\n'), '- [x] Rotate ✅ 2026-11-20');
  assert.equal(done('## Action items\n- [ ] Alert [completion:: 2026-11-21]\n'), '- [x] Alert [completion:: 2026-11-21]');
  assert.equal(done('## Action items\n- [ ] Rotate 📅 2026-12-01\n'), '- [x] Rotate 📅 2026-12-01 ✅ 2026-11-23', 'without one, today is added');
});
