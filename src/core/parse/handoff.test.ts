/**
 * Hand-off parts at their edges: urgency spellings (P0–P3 only), the title without its "Hand-off:" or "Passation :"
 * prefix, the date and the decider from frontmatter or the file name, the Decision section's record (English or
 * French, emphasis around it, only the first) and its offsets in the text as read.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import type { Handoff } from '../model';
import { parseDocument, parseDocumentWithRemark } from './document';

const FILE = 'docs/handoffs/2026-11-23-budget-handoff.md';

/** Both tree builders, held to the same result. */
function handoffOf(text: string, file = FILE): Handoff {
  const doc = parseDocument(text, { file, config: DEFAULT_CONFIG });
  const oracle = parseDocumentWithRemark(text, { file, config: DEFAULT_CONFIG });
  assert.deepEqual(JSON.parse(JSON.stringify(doc)), JSON.parse(JSON.stringify(oracle)), 'the fast path and remark agree');
  assert.ok(doc.handoff, 'a hand-off');
  return doc.handoff;
}

test('urgency: P0 to P3 in any case, with or without the P, a number, blanks around; anything else is none', () => {
  const cases: Array<[string, string | null]> = [
    ['P0', 'P0'], ['p1', 'P1'], ['2', 'P2'], ["' P3 '", 'P3'], ['3', 'P3'],
    ['P4', null], ['4', null], ['high', null], ['PP1', null], ['P1x', null], ['"P 1"', null], ['[P1]', null],
  ];
  for (const [value, urgency] of cases) assert.equal(handoffOf(`---\nurgency: ${value}\n---\n# Hand-off: x\n`).urgency, urgency, value);
  assert.equal(handoffOf('---\npriority: P2\n---\n# Hand-off: x\n').urgency, 'P2', 'priority when there is no urgency');
  assert.equal(handoffOf('---\nurgency: P1\npriority: P3\n---\n# Hand-off: x\n').urgency, 'P1', 'urgency first');
  assert.equal(handoffOf('# Hand-off: x\n').urgency, null);
});

test('title: frontmatter, else the heading without its prefix (English or French, any dash), else the file', () => {
  assert.equal(handoffOf('---\ntitle: From frontmatter\n---\n# Hand-off: heading\n').title, 'From frontmatter');
  for (const heading of ['Hand-off: Budget cap', 'Handoff — Budget cap', 'hand-off - Budget cap', 'Passation : Budget cap', '  Handoff – Budget cap']) {
    assert.equal(handoffOf(`# ${heading}\n`).title, 'Budget cap', heading);
  }
  assert.equal(handoffOf('# Budget hand-off: cap\n').title, 'Budget hand-off: cap', 'the prefix only at the start');
  assert.equal(handoffOf('# Re-handoff: cap\n').title, 'Re-handoff: cap', 'the prefix as a whole word');
  assert.equal(handoffOf('# Hand-off:Budget cap\n').title, 'Budget cap', 'no blank after the colon');
  assert.equal(handoffOf('---\ntitle: 42\n---\n# Hand-off: From the heading\n').title, 'From the heading', 'a title that is not text');
  assert.equal(handoffOf("---\ndate: 'on 2026-01-02'\n---\n# Hand-off: x\n").date, '2026-11-23', 'a frontmatter date must open its value');
  assert.equal(handoffOf("---\ndate: '2026-01-2'\n---\n# Hand-off: x\n").date, '2026-11-23', 'a day of one digit is no date');
  assert.equal(handoffOf('---\nto: lea@corp\n---\n# Hand-off: x\n').to, 'lea@corp', 'only a leading @ is dropped');
  assert.equal(handoffOf('text only\n').title, FILE);
  assert.equal(handoffOf('# Hand-off:\n').title, FILE, 'a heading that is only the prefix');
});

test('date: frontmatter (a date or a date-time), else the file name; the decider without @, blank is none', () => {
  assert.equal(handoffOf('---\ndate: 2026-01-02\n---\n# Hand-off: x\n').date, '2026-01-02');
  assert.equal(handoffOf('---\ndate: "2026-01-03T10:00"\n---\n# Hand-off: x\n').date, '2026-01-03');
  assert.equal(handoffOf('---\ndate: soon\n---\n# Hand-off: x\n').date, '2026-11-23');
  assert.equal(handoffOf('# Hand-off: x\n', 'docs/handoffs/budget.md').date, null);
  assert.equal(handoffOf("---\nto: ' @lea '\n---\n# Hand-off: x\n").to, 'lea');
  assert.equal(handoffOf("---\nto: '  '\n---\n# Hand-off: x\n").to, null);
  assert.equal(handoffOf('---\nto: 3\n---\n# Hand-off: x\n').to, null);
});

test('the decision record: English or French, emphasis around it, the first one only; other lines are the decision', () => {
  const read = (section: string): Handoff => handoffOf(`# Hand-off: x\n\n## Decision\n${section}\n`);
  const english = read('Raise the cap.\nBy 20%.\n\nDecided by Chen Li on 2026-11-25');
  assert.deepEqual([english.decided, english.decision, english.decidedBy, english.decidedOn], [true, 'Raise the cap. By 20%.', 'Chen Li', '2026-11-25']);
  const french = read('Relever le plafond.\n\n**Décidée par Léa Martin le 2026-11-26**');
  assert.deepEqual([french.decision, french.decidedBy, french.decidedOn], ['Relever le plafond.', 'Léa Martin', '2026-11-26']);
  const twice = read('_decided by Ann on 2026-11-01_\n\nDecided by Bob on 2026-11-02');
  assert.deepEqual([twice.decidedBy, twice.decidedOn, twice.decision], ['Ann', '2026-11-01', 'Decided by Bob on 2026-11-02']);
  const noRecord = read('Decided by nobody yet');
  assert.deepEqual([noRecord.decided, noRecord.decidedBy, noRecord.decision], [true, null, 'Decided by nobody yet']);
  const empty = read('<!-- to fill -->');
  assert.deepEqual([empty.decided, empty.decision, empty.decidedBy], [false, null, null]);
  const none = handoffOf('# Hand-off: x\n\ntext\n');
  assert.deepEqual([none.decisionSection, none.decided, none.decision], [null, false, null]);
});

test('the Decision section\'s offsets are in the text as read (a BOM counted): content between its heading and the next', () => {
  const text = '\uFEFF# Hand-off: x\n\n## Decision\nPage them.\n\n## Notes\nkeep\n';
  const section = handoffOf(text).decisionSection!;
  assert.equal(section.line, 3);
  assert.equal(text.slice(section.contentStart, section.contentEnd), 'Page them.\n\n');
});

test('a record that does not open its line, or whose date runs into more letters or digits, is no record', () => {
  const read = (line: string): Handoff => handoffOf(`# Hand-off: x\n\n## Decision\n${line}\n`);
  assert.equal(read('Decided by Ann on 2026-11-012').decidedBy, null);
  assert.equal(read('Decided by Ann on 2026-11-01x').decidedBy, null);
  assert.equal(read('Decided by Ann on 2026-11-01.').decidedBy, 'Ann');
  assert.equal(read('__Decided by Ann on 2026-11-01__').decidedBy, 'Ann');
  assert.equal(read('As decided by Ann on 2026-11-01').decidedBy, null, 'the record opens its line');
  // Blanks of any length around the name and the date; a name of up to 120 characters.
  assert.deepEqual([read('Decided by  Ann  on  2026-11-01').decidedBy, read('Décidé par\tLéa\tle\t2026-11-02').decidedBy], ['Ann', 'Léa']);
  assert.equal(read(`Decided by ${'n'.repeat(120)} on 2026-11-01`).decidedBy, 'n'.repeat(120));
  assert.equal(read(`Decided by ${'n'.repeat(121)} on 2026-11-01`).decidedBy, null);
  // Emphasis around the name is not part of it; an underscore inside a handle is.
  assert.equal(read('Decided by **Léa Martin** on 2026-11-25').decidedBy, 'Léa Martin');
  assert.equal(read('Decided by _ann_lee_ on 2026-11-25').decidedBy, 'ann_lee');
  assert.equal(read('Decided by Ann ** on 2026-11-25').decidedBy, 'Ann');
});
