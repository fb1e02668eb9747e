/**
 * Differential fuzz of issue 13's constructs (fast-check, seeded): task items written the Obsidian Tasks, Dataview
 * and todo.txt ways, cancelled `[-]` items, Google SRE and Assignee/Échéance tables, and inline disable comments as
 * block comments, inline comments and text in code. `parseDocument` must equal remark's parse, and `done` on an open
 * item must change that row only (the differential fuzz of issue 10 covers block structure at large).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Stamp } from '../../audit';
import { DEFAULT_CONFIG } from '../../config';
import { applyEdits, markDoneEdits } from '../../edits';
import type { ActionItem, ParsedDocument } from '../../model';
import { isOpenAction } from '../actions';
import { parseDocument, parseDocumentWithRemark, type ParseStats } from '../document';

const RUNS = 3_000;
const SEED = 20261125;
const STAMP: Stamp = { by: 'Zoé', date: '2026-02-02', time: '10:00' };

const word = fc.constantFrom(
  'rotate keys', 'Réparer la sonde', '@ann', '@émilie', '@e\u0301milie', 'owner @bob', 'due 2026-01-01', 'échéance 2026-02-03',
  '📅 2026-01-01', '📆 2026-01-02', '🗓️ 2026-01-03', '✅ 2026-01-04', '❌ 2026-01-05', '⏳ 2026-01-06', '🔺', '⏫', '🔼', '🔽', '⏬',
  '🔁 every week', '[due:: 2026-01-07]', '(due:: 2026-01-08)', '[completion:: 2026-01-09]', '[priority:: high]', '[team:: sre]',
  'due:2026-01-10', 'redue:2026-01-11', '[overdue:: 2026-01-12]', '`📅 2026-01-13`', '*em*', '[-]', '[x]', '—', ':',
  '<!-- runbook-disable-line -->', '<!-- runbook-disable-line action-overdue -->',
);
const text = fc.array(word, { minLength: 1, maxLength: 5 }).map((words) => words.join(' '));
const box = fc.constantFrom('[ ] ', '[x] ', '[-] ', '[-]', '[--] ', '[~] ', '');
const marker = fc.constantFrom('- ', '* ', '1. ', '  - ', '   - ');
const item = fc.tuple(marker, box, text).map(([m, b, t]) => [`${m}${b}${t}`]);
const heading = fc.constantFrom(['## Action items'], ['## Plan d’action'], ['## Notes'], ['# Post-mortem : panne'], ['## Action Items']);
const directive = fc.constantFrom(
  ['<!-- runbook-disable-next-line action-overdue -->'],
  ['<!-- runbook-disable action-no-owner postmortem-action-no-due -->'],
  ['<!-- runbook-enable -->'],
  ['<!-- runbook-disable-file -->'],
  ['<!--', 'runbook-disable action-overdue', '-->'],
  ['  <!-- runbook-disable-next-line -->'],
  ['```', '<!-- runbook-disable-file -->', '```'],
  ['    <!-- runbook-disable-file -->'],
  ['<!-- runbook-disabled -->'],
);
const cell = fc.constantFrom('', 'a', '@martin', '**TODO** Bug 1', '**DONE** Bug 2', 'TODO', 'n/a **DONE**', 'FIXED 3', '2026-01-01', '📅 2026-01-02', 'open', '✅ DONE', 'à faire');
const table = fc
  .tuple(
    fc.constantFrom('| Action Item | Type | Owner | Bug |', '| Action | Assignee | Échéance | Statut |', '| Action | Responsable | Deadline | Status |'),
    fc.array(fc.tuple(text, cell, cell, cell), { minLength: 1, maxLength: 3 }),
  )
  .map(([header, rows]) => [header, '|---|---|---|---|', ...rows.map((row) => `| ${row.join(' | ')} |`)]);
const block = fc.oneof({ weight: 3, arbitrary: item }, { weight: 2, arbitrary: heading }, { weight: 1, arbitrary: directive }, { weight: 1, arbitrary: table }, { weight: 1, arbitrary: fc.constant(['']) });
const documentText = fc.tuple(fc.array(block, { minLength: 1, maxLength: 10 }), fc.constantFrom('\n', '\r\n')).map(([blocks, eol]) => blocks.flat().join(eol) + eol);

const plain = (doc: ParsedDocument): unknown => JSON.parse(JSON.stringify(doc));
const rowOf = (item: ActionItem): unknown => ({ line: item.line, text: item.text, owner: item.owner, due: item.due, done: item.done, cancelled: item.cancelled });

test(`conventions fuzz: ${RUNS.toLocaleString('en')} documents — fast path equals remark, done changes only its row`, () => {
  const stats: ParseStats = { fast: 0, remark: 0 };
  fc.assert(
    fc.property(documentText, fc.nat(), (markdown, pick) => {
      const file = 'docs/post-mortems/pm.md';
      const doc = parseDocument(markdown, { file, config: DEFAULT_CONFIG }, stats);
      assert.deepEqual(plain(doc), plain(parseDocumentWithRemark(markdown, { file, config: DEFAULT_CONFIG })));
      const open = doc.actions.filter((action) => isOpenAction(action) && (action.form === 'task' || action.statusCellRange || action.statusWordRange));
      if (open.length === 0) return;
      const target = open[pick % open.length];
      const after = parseDocument(applyEdits(markdown, markDoneEdits(markdown, doc, target.index, STAMP)), { file, config: DEFAULT_CONFIG });
      assert.deepEqual(after.actions.map(rowOf), doc.actions.map((action) => rowOf(action.index === target.index ? { ...action, done: true } : action)));
      if (target.style !== 'plain' && target.completed === null) assert.equal(after.actions.find((action) => action.line === target.line)?.completed, STAMP.date);
    }),
    { seed: SEED, numRuns: RUNS },
  );
  assert.ok(stats.fast > RUNS / 4, `the fast path decided only ${stats.fast} of ${stats.fast + stats.remark}`);
});
