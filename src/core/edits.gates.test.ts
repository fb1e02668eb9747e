/**
 * The gates of the edits at their boundary — accept with five of six approvals, each role in turn — and every error
 * path, with its code, kind and message: not a runbook, no status line, no Status column, bad names and dates. (The
 * approval rules themselves — stale, unauthorised, re-approval, History — are in approvals.test.ts.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from './config';
import { thrownRunbookError } from './testing/thrown';
import { acceptEdits, approveEdits, revokeEdits } from './approvals';
import type { Stamp } from './audit';
import { actionAtLine, actionItemAt, addDueDateEdits, addOwnerEdits, applyEdits, cleanName, markDoneEdits, roleName, runbookOf } from './edits';
import { RunbookError } from './errors';
import type { ParsedDocument } from './model';
import { parseDocument } from './parse/document';

const ROLES = DEFAULT_CONFIG.roles;
const STAMP: Stamp = { by: 'Zed', date: '2026-11-23', time: '14:05' };
const parse = (text: string, file = 'rb.md'): ParsedDocument => parseDocument(text, { file, config: DEFAULT_CONFIG });

/** A PROPOSED runbook with every configured role on the checklist, `approved` ones ticked with a record. */
function runbook(approved: readonly string[], status = 'Status: PROPOSED'): string {
  const lines = ROLES.map((role) => (approved.includes(role) ? `- [x] @${role} approved? — approved by Ann on 2026-11-20` : `- [ ] @${role} approved?`));
  return `# OPS-1: t\n\n${status}\n\n## Compliance Checklist\n${lines.join('\n')}\n`;
}

/** Asserts `run` throws a RunbookError with this code, kind and message (exact string or pattern). */
function throwsRunbookError(run: () => unknown, code: string, kind: 'domain' | 'usage', message: string | RegExp): RunbookError {
  const caught = thrownRunbookError(run);
  assert.equal(caught.code, code);
  assert.equal(caught.kind, kind);
  if (typeof message === 'string') assert.equal(caught.message, message);
  else assert.match(caught.message, message);
  return caught;
}

test('accept with exactly one approval missing is refused, naming that role — for each of the six roles', () => {
  for (const missing of ROLES) {
    const text = runbook(ROLES.filter((role) => role !== missing));
    const error = throwsRunbookError(
      () => acceptEdits(text, parse(text), STAMP, DEFAULT_CONFIG),
      'missing-approvals',
      'domain',
      `rb.md cannot be accepted: missing approvals from @${missing}`,
    );
    assert.deepEqual(error.details, { missing: [missing] });
  }
});

test('accept with six of six approvals changes the status word and records who and when', () => {
  const text = runbook(ROLES);
  const accepted = applyEdits(text, acceptEdits(text, parse(text), STAMP, DEFAULT_CONFIG));
  assert.match(accepted, /^Status: ACCEPTED — accepted by Zed on 2026-11-23$/m);
  assert.equal(parse(accepted).runbook?.status?.value, 'ACCEPTED');
});

test('accept: already ACCEPTED, with and without a record', () => {
  const recorded = runbook(ROLES, 'Status: ACCEPTED — accepted by Bo on 2026-11-02');
  throwsRunbookError(() => acceptEdits(recorded, parse(recorded), STAMP, DEFAULT_CONFIG), 'already-accepted', 'domain', 'rb.md is already ACCEPTED by Bo on 2026-11-02');
  const bare = runbook(ROLES, 'Status: ACCEPTED');
  throwsRunbookError(() => acceptEdits(bare, parse(bare), STAMP, DEFAULT_CONFIG), 'already-accepted', 'domain', 'rb.md is already ACCEPTED');
});

test('not a runbook: approve, revoke and accept refuse an RCA, naming the file', () => {
  const text = '# RCA: t\n\n## Action items\n- [ ] x\n';
  const rca = parse(text, 'DOCS/incidents/a-rca.md');
  const message = 'DOCS/incidents/a-rca.md is not a runbook (no "Status:" line and no compliance checklist)';
  throwsRunbookError(() => runbookOf(rca), 'not-a-runbook', 'domain', message);
  throwsRunbookError(() => approveEdits(text, rca, 'QA', STAMP, DEFAULT_CONFIG), 'not-a-runbook', 'domain', message);
  throwsRunbookError(() => revokeEdits(text, rca, 'QA', STAMP), 'not-a-runbook', 'domain', message);
  throwsRunbookError(() => acceptEdits(text, rca, STAMP, DEFAULT_CONFIG), 'not-a-runbook', 'domain', message);
});

test('no status line: a checklist alone can be approved but not accepted', () => {
  const text = `# OPS-1: t\n\n## Compliance Checklist\n${ROLES.map((role) => `- [x] @${role} approved?`).join('\n')}\n`;
  const doc = parse(text);
  assert.equal(runbookOf(doc).status, null);
  throwsRunbookError(() => acceptEdits(text, doc, STAMP, DEFAULT_CONFIG), 'not-a-runbook', 'domain', 'rb.md has no "Status:" line to change');
});

test('unknown role: the roles present, or that the checklist is empty', () => {
  const text = '# X\n\n## Compliance Checklist\n- [ ] @QA approved?\n- [ ] @Docs approved?\n';
  const error = throwsRunbookError(
    () => approveEdits(text, parse(text), '@Legal', STAMP, DEFAULT_CONFIG),
    'unknown-role',
    'domain',
    'no @Legal line in the compliance checklist of rb.md (roles present: @QA, @Docs)',
  );
  assert.deepEqual(error.details, { roles: ['QA', 'Docs'] });
  const runbookFolder = '.agent/cache/runbooks/x/OPS-1-runbook.md';
  const empty = '# OPS-1: t\n\nStatus: PROPOSED\n';
  throwsRunbookError(
    () => revokeEdits(empty, parse(empty, runbookFolder), 'QA', STAMP),
    'unknown-role',
    'domain',
    `no @QA line in the compliance checklist of ${runbookFolder} (the checklist is empty)`,
  );
});

test('approver names: control characters and line breaks become spaces; an empty name is a usage error', () => {
  assert.equal(cleanName('  Zoé\u0000 \t Tester\u200b '), 'Zoé Tester');
  assert.equal(cleanName('a\r\nb'), 'a b');
  for (const empty of ['', '   ', '\n\u0007']) {
    throwsRunbookError(() => cleanName(empty), 'invalid-field', 'usage', 'the approver name is empty');
  }
  const none = runbook([]);
  throwsRunbookError(() => approveEdits(none, parse(none), 'QA', { ...STAMP, by: ' ' }, DEFAULT_CONFIG), 'invalid-field', 'usage', 'the approver name is empty');
  const all = runbook(ROLES);
  throwsRunbookError(() => acceptEdits(all, parse(all), { ...STAMP, by: '\n' }, DEFAULT_CONFIG), 'invalid-field', 'usage', 'the approver name is empty');
  assert.equal(roleName(' @QA '), 'QA');
  assert.equal(roleName('Docs'), 'Docs');
  assert.equal(roleName('Q@A'), 'Q@A', 'only a leading @ is dropped');
});

test('done: no such number — a clear domain error', () => {
  // No Status column or cell: edits-messages.test.ts, with the French.
  const none = '# Notes\n';
  throwsRunbookError(() => markDoneEdits(none, parse(none), 1, STAMP), 'no-such-action', 'domain', 'rb.md has no action items');
  const one = '## Action items\n- [ ] only\n';
  const error = throwsRunbookError(() => markDoneEdits(one, parse(one), 2, STAMP), 'no-such-action', 'domain', 'rb.md has 1 action item; there is no number 2');
  assert.deepEqual(error.details, { count: 1 });
  throwsRunbookError(() => actionItemAt(parse(one), 0), 'no-such-action', 'domain', 'rb.md has 1 action item; there is no number 0');
});

test('done on a table: the Status cell, filled or empty, mid-row, between adjacent pipes, CRLF (History follows)', () => {
  /** The text with `action`'s edit applied, up to where the History section starts. */
  const done = (text: string, doc = parse(text), index = 1): string => applyEdits(text, markDoneEdits(text, doc, index, STAMP)).split(/\r?\n\r?\n## History/)[0];
  const header = '## Action items\n| Action | Status | Owner |\n|---|---|---|\n';
  const filled = `${header}| do | open | @a |\n`;
  assert.equal(done(filled), filled.replace('| open |', '| ✅ DONE |').trimEnd());
  const empty = `${header}| do |   | @a |\n`;
  assert.equal(done(empty), empty.replace('|   |', '| ✅ DONE |').trimEnd());
  const adjacent = '## Action items\n| Action | Status |\n|---|---|\n| two ||\n';
  assert.equal(done(adjacent), adjacent.replace('||', '| ✅ DONE |').trimEnd());
  const crlf = `${header}| do |  | @a |\n`.replace(/\n/g, '\r\n');
  assert.equal(done(crlf), crlf.replace('|  |', '| ✅ DONE |').trimEnd());
  // An empty Status cell reported at the very end of a line (no closing pipe): one space before, none after.
  const open = '## Action items\n| Action | Status |\n|---|---|\n| do | x |\n';
  const openDoc = parse(open);
  for (const ending of ['\n', '\r\n']) {
    const text = open.replace(/ x \|\n$/, ending);
    const at = text.length - ending.length;
    const doc = { ...openDoc, actions: [{ ...openDoc.actions[0], done: false, statusCellRange: { start: at, end: at } }] };
    assert.equal(done(text, doc), text.slice(0, at) + ' ✅ DONE', JSON.stringify(ending));
  }
  const finished = `${header}| do | ✅ DONE | @a |\n`;
  assert.deepEqual(markDoneEdits(finished, parse(finished), 1, STAMP), []);
});

test('action at a line: the item that starts there, or a domain error naming file and line', () => {
  const text = '## Action items\n- [ ] one\n- [ ] two\n';
  assert.equal(actionAtLine(parse(text), 3).text, 'two');
  const error = throwsRunbookError(() => actionAtLine(parse(text), 1), 'no-such-action', 'domain', 'rb.md:1 is not an action item');
  assert.deepEqual(error.details, { line: 1 });
});

test('owner and due date: appended to a task item; refused on a table row, for a bad name or an impossible date', () => {
  const text = '## Action items\n- [ ] one\n';
  const doc = parse(text);
  assert.equal(applyEdits(text, addOwnerEdits(doc, 1, ' @zoé.t-1 ')), '## Action items\n- [ ] one @zoé.t-1\n');
  assert.equal(applyEdits(text, addOwnerEdits(doc, 1, 'bob')), '## Action items\n- [ ] one @bob\n');
  assert.equal(applyEdits(text, addDueDateEdits(doc, 1, ' 2026-02-28 ')), '## Action items\n- [ ] one due 2026-02-28\n');
  for (const bad of ['two words', '@', 'a,b', '']) {
    const error = throwsRunbookError(() => addOwnerEdits(doc, 1, bad), 'invalid-field', 'usage', `an owner is one name (letters, digits, ".", "_" or "-"), found "${bad}"`);
    assert.deepEqual(error.details, { value: bad });
  }
  for (const bad of ['2026-02-30', '2026-2-3', 'tomorrow', '']) {
    const error = throwsRunbookError(() => addDueDateEdits(doc, 1, bad), 'invalid-field', 'usage', `a due date is YYYY-MM-DD, found "${bad}"`);
    assert.deepEqual(error.details, { value: bad });
  }
  const table = '## Action items\n| Action | Owner | Status |\n|---|---|---|\n| do | | open |\n';
  const tableDoc = parse(table);
  const error = throwsRunbookError(() => addOwnerEdits(tableDoc, 1, 'bob'), 'invalid-field', 'domain', 'rb.md:4: action 1 is a table row; fill in its cell directly');
  assert.deepEqual(error.details, { line: 4 });
  throwsRunbookError(() => addDueDateEdits(tableDoc, 1, '2026-01-01'), 'invalid-field', 'domain', /is a table row/);
  throwsRunbookError(() => addOwnerEdits(doc, 5, 'bob'), 'no-such-action', 'domain', /there is no number 5/);
});

test('applyEdits: edits in any order, insertions at the same offset kept in order; out of range refused', () => {
  assert.equal(applyEdits('abcdef', [{ start: 4, end: 5, newText: 'E' }, { start: 0, end: 1, newText: 'A' }]), 'AbcdEf');
  assert.equal(applyEdits('abc', [{ start: 3, end: 3, newText: '!' }]), 'abc!');
  assert.equal(applyEdits('abc', []), 'abc');
  assert.throws(() => applyEdits('abc', [{ start: 2, end: 4, newText: 'x' }]), RangeError);
  assert.throws(() => applyEdits('abc', [{ start: -1, end: 1, newText: 'x' }]), RangeError);
  assert.throws(() => applyEdits('abc', [{ start: 2, end: 1, newText: 'x' }]), RangeError);
  assert.throws(() => applyEdits('abcdef', [{ start: 1, end: 3, newText: 'x' }, { start: 1, end: 2, newText: 'y' }]), /overlaps another edit/);
  // An insertion and a replacement at the same start, in either order: the insertion goes first.
  const insertion = { start: 3, end: 3, newText: 'X' };
  const replacement = { start: 3, end: 5, newText: 'Y' };
  assert.equal(applyEdits('abcdef', [insertion, replacement]), 'abcXYf');
  assert.equal(applyEdits('abcdef', [replacement, insertion]), 'abcXYf');
});
