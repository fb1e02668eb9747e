import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from './config';
import { applyEdits } from './edits';
import { decisionEdits, handoffRows } from './handoffs';
import { parseDocument } from './parse/document';

const FILE = 'docs/handoffs/2026-11-23-budget-handoff.md';
const parse = (text: string, file = FILE) => parseDocument(text, { file, config: DEFAULT_CONFIG });
const decide = (text: string, decision = 'Raise the cap by 20%.', by = 'Chen Li') => applyEdits(text, decisionEdits(text, parse(text), { decision, by, date: '2026-11-25' }));

const OPEN = '---\nkind: handoff\ntitle: Budget cap\ndate: 2026-11-23\nurgency: P1\nstatus: open\n---\n# Hand-off: Budget cap\n\n## Decision\n<!-- placeholder -->\n\n## Notes\nkeep me\n';

test('a decision replaces the placeholder, says who and when, sets status: decided and touches nothing else', () => {
  assert.equal(
    decide(OPEN),
    '---\nkind: handoff\ntitle: Budget cap\ndate: 2026-11-23\nurgency: P1\nstatus: decided\n---\n# Hand-off: Budget cap\n\n## Decision\nRaise the cap by 20%.\n\nDecided by Chen Li on 2026-11-25\n\n## Notes\nkeep me\n',
  );
  const decided = parse(decide(OPEN)).handoff!;
  assert.deepEqual([decided.decided, decided.decision, decided.decidedBy, decided.decidedOn], [true, 'Raise the cap by 20%.', 'Chen Li', '2026-11-25']);
});

test('CRLF is kept, a missing section is added at the end, a French document gets a French record', () => {
  const crlf = OPEN.replace(/\n/g, '\r\n');
  const written = decide(crlf);
  assert.ok(!/[^\r]\n/.test(written), 'every line ending stays CRLF');
  assert.match(written, /## Decision\r\nRaise the cap by 20%\.\r\n\r\nDecided by Chen Li on 2026-11-25\r\n\r\n## Notes/);
  const none = '# Hand-off: Page the vendor\n\nContext.';
  assert.equal(decide(none, 'Page them.'), '# Hand-off: Page the vendor\n\nContext.\n\n## Decision\nPage them.\n\nDecided by Chen Li on 2026-11-25\n');
  const french = '---\nkind: handoff\nlang: fr\n---\n# Passation : Plafond\n\n## Décision\n<!-- à remplir -->\n';
  const frenchDone = decide(french, 'Relever le plafond.', 'Léa');
  assert.match(frenchDone, /## Décision\nRelever le plafond\.\n\nDécidé par Léa le 2026-11-25\n$/);
  const reread = parse(frenchDone).handoff!;
  assert.deepEqual([reread.decided, reread.decidedBy, reread.decidedOn], [true, 'Léa', '2026-11-25']);
});

test('refused: an already decided hand-off, an empty decision, a document that is not a hand-off', () => {
  assert.throws(() => decide(decide(OPEN)), /already decided by Chen Li on 2026-11-25/);
  assert.throws(() => decide(OPEN, '  \n '), (error: Error & { kind?: string }) => error.kind === 'usage' && /empty/.test(error.message));
  assert.throws(() => decisionEdits('# RCA: x\n', parse('# RCA: x\n', 'DOCS/incidents/x-rca.md'), { decision: 'y', by: 'A', date: '2026-11-25' }), /DOCS\/incidents\/x-rca\.md is not a hand-off/);
  // A line like a heading would end the section: it is written as text.
  assert.match(decide(OPEN, 'Yes.\n# not a heading'), /Yes\.\n\\# not a heading\n/);
});

test('rows: open until decided, open ones first by urgency then age; --open filter; comments alone are not a decision', () => {
  const docs = [
    parse(OPEN),
    parse('---\nkind: handoff\ntitle: Old P1\ndate: 2026-11-01\nurgency: p1\n---\n# Hand-off: Old P1\n', 'docs/handoffs/old.md'),
    parse('---\nkind: handoff\ntitle: Page now\ndate: 2026-11-25\nurgency: P0\n---\n# Hand-off: Page now\n', 'docs/handoffs/p0.md'),
    parse(decide(OPEN).replace('Budget cap', 'Done one'), 'docs/handoffs/done.md'),
  ];
  const rows = handoffRows(docs, '2026-11-25');
  assert.deepEqual(rows.map((row) => [row.title, row.urgency, row.ageDays, row.open]), [
    ['Page now', 'P0', 0, true],
    ['Old P1', 'P1', 24, true],
    ['Budget cap', 'P1', 2, true],
    ['Done one', 'P1', 2, false],
  ]);
  assert.equal(handoffRows(docs, '2026-11-25', { open: true }).length, 3);
});
