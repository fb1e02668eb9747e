/**
 * The History section at its edges: every event this tool writes, in English and French, accents and case optional;
 * the fields of an entry (role, action number, who, fingerprint, a reason after a colon); hand-written lines kept as
 * text; which section counts (the last one, up to a heading of the same or a higher level) and where the next entry goes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import type { HistoryEntry, HistorySection } from '../model';
import { parseDocument, parseDocumentWithRemark } from './document';

const FILE = '.agent/cache/runbooks/x/OPS-1-runbook.md';

/** Both tree builders, held to the same result. */
function historyOf(text: string): HistorySection | null {
  const doc = parseDocument(text, { file: FILE, config: DEFAULT_CONFIG });
  const oracle = parseDocumentWithRemark(text, { file: FILE, config: DEFAULT_CONFIG });
  assert.deepEqual(JSON.parse(JSON.stringify(doc)), JSON.parse(JSON.stringify(oracle)), 'the fast path and remark agree');
  return doc.history;
}

const entry = (line: string): HistoryEntry => {
  const history = historyOf(`# OPS-1: t\n\n## History\n${line}\n`);
  assert.ok(history && history.entries.length === 1, `one entry in ${JSON.stringify(line)}`);
  return history.entries[0];
};

test('events in English and French, accents and case optional', () => {
  const cases: Array<[string, string]> = [
    ['@QA approved by Ann', 'approved'],
    ['@QA Approuvé par Ann', 'approved'],
    ['@QA approuvee par Ann', 'approved'],
    ['@QA approval revoked by Ann', 'revoked'],
    ['@QA approbation retirée par Ann', 'revoked'],
    ['@QA APPROBATION RETIREE PAR Ann', 'revoked'],
    ['accepted by Ann', 'accepted'],
    ['acceptée par Ann', 'accepted'],
    ['reopened by Ann', 'reopened'],
    ['rouvert par Ann', 'reopened'],
    ['rouverte par Ann', 'reopened'],
    ['action 3 done by Ann', 'done'],
    ['action 3 faite par Ann', 'done'],
    ['action 3 fait par Ann', 'done'],
  ];
  for (const [words, event] of cases) {
    const found = entry(`- 2026-11-23 14:05 ${words}`);
    assert.deepEqual([found.event, found.by, found.date, found.time], [event, 'Ann', '2026-11-23', '14:05'], words);
  }
});

test('entry fields: role, action number, who, fingerprint (lower-cased), a reason after a colon; a date alone or with T', () => {
  const approved = entry('- 2026-11-23 14:05 @Security approved by Ann Lee (A1B2C3D)');
  assert.deepEqual([approved.role, approved.action, approved.by, approved.fingerprint], ['Security', null, 'Ann Lee', 'a1b2c3d']);
  const done = entry('* 2026-11-23T09:00 action 12 done by Bob: shipped in 1.2');
  assert.deepEqual([done.role, done.action, done.by, done.time, done.fingerprint, done.event], [null, 12, 'Bob', '09:00', null, 'done']);
  const dateOnly = entry('+ 2026-11-23 reopened by Zoé');
  assert.deepEqual([dateOnly.date, dateOnly.time, dateOnly.by, dateOnly.text], ['2026-11-23', null, 'Zoé', '2026-11-23 reopened by Zoé']);
  // The fingerprint is seven hex digits; anything else stays part of the name.
  assert.equal(entry('- 2026-11-23 @QA approved by Ann (abc)').by, 'Ann (abc)');
  assert.equal(entry('- 2026-11-23 action 1234567 done by Ann').event, null, 'an action number has at most six digits');
});

test('hand-written lines: kept as text, with a date when they start with one, no event', () => {
  const history = historyOf('# OPS-1: t\n\n## History\n- 2026-11-23 14:05 talked to the vendor\n- no date here\n-\n  - 2026-11-24 nested\n')!;
  assert.deepEqual(
    history.entries.map((item) => [item.text, item.date, item.time, item.event, item.line]),
    [
      ['2026-11-23 14:05 talked to the vendor', '2026-11-23', '14:05', null, 4],
      ['no date here', null, null, null, 5],
      ['2026-11-24 nested', '2026-11-24', null, null, 7],
    ],
  );
});

test('the section: the last History heading, up to the next heading of the same or a higher level; French too', () => {
  const text = ['# OPS-1: t', '', '## History', '- 2026-01-01 old', '', '## Historique', '- 2026-11-23 accepted by Ann', '### Detail', '- 2026-11-24 sub', '', '## Next', '- 2026-11-25 not history', ''].join('\n');
  const history = historyOf(text)!;
  assert.deepEqual([history.line, history.endLine, history.hasContent], [6, 10, true]);
  assert.deepEqual(history.entries.map((item) => item.line), [7, 9]);
  assert.equal(text.slice(0, history.appendOffset), text.slice(0, text.indexOf('- 2026-11-24 sub') + '- 2026-11-24 sub'.length));
  assert.equal(historyOf('# OPS-1: t\n\n## Notes\n- 2026-11-23 x\n'), null);
});

test('where the next entry goes: after the last non-blank line, or after the heading of an empty section; a BOM counted', () => {
  const empty = '\uFEFF# OPS-1: t\n\n## History\n\n\n';
  const history = historyOf(empty)!;
  assert.deepEqual([history.hasContent, history.entries, history.line], [false, [], 3]);
  assert.equal(empty.slice(0, history.appendOffset), '\uFEFF# OPS-1: t\n\n## History');
  const atEnd = '# OPS-1: t\n\n## History\n- 2026-11-23 x';
  const last = historyOf(atEnd)!;
  assert.deepEqual([last.appendOffset, last.endLine], [atEnd.length, 4]);
  const trailing = '# OPS-1: t\n\n## History\n- 2026-11-23 x\n\n';
  const trailed = historyOf(trailing)!;
  assert.deepEqual([trailing.slice(0, trailed.appendOffset), trailed.endLine], ['# OPS-1: t\n\n## History\n- 2026-11-23 x', 5]);
});

test('entry lines: up to three blanks before the marker, a blank or tab after it, trailing blanks dropped; a bare marker is none', () => {
  const history = historyOf('# OPS-1: t\n\n## History\n   - 2026-11-23 three blanks  \n    - 2026-11-23 four blanks\n-\t2026-11-23 tab\n- \n+ 2026-11-23T09:30 accepted by Ann: all green\n')!;
  assert.deepEqual(
    history.entries.map((item) => [item.text, item.line]),
    [
      ['2026-11-23 three blanks', 4],
      ['2026-11-23 tab', 6],
      ['2026-11-23T09:30 accepted by Ann: all green', 8],
    ],
  );
  assert.deepEqual([history.entries[2].by, history.entries[2].event, history.entries[2].time], ['Ann', 'accepted', '09:30']);
});

test('entry fields with runs of blanks, roles with digits; a date later in the line is no stamp', () => {
  const approved = entry('-  2026-11-23  @Q2  approved by Ann');
  assert.deepEqual([approved.date, approved.role, approved.event, approved.by], ['2026-11-23', 'Q2', 'approved', 'Ann']);
  const done = entry('- 2026-11-23 action  7 done by Ann');
  assert.deepEqual([done.action, done.event], [7, 'done']);
  const later = entry('- see 2026-11-23 approved by Ann');
  assert.deepEqual([later.date, later.event, later.text], [null, null, 'see 2026-11-23 approved by Ann']);
});
