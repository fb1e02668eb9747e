/**
 * Runbook parts at their edges: records in any letter case, names trimmed of every blank, accepted versus reopened,
 * frontmatter records on one line or over several, frontmatter values that are no status, the role at the start of
 * a compliance line only, offsets with a BOM, and the role lists every approval gate is computed from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import type { ComplianceItem, ParsedDocument, Runbook } from '../model';
import { parseDocument, parseDocumentWithRemark } from './document';
import { linesOfRole, missingApprovals, rolesOf } from './runbook';

const RUNBOOK = '.agent/cache/runbooks/x/OPS-1-runbook.md';

/** Both tree builders, held to the same result. */
function parse(text: string): ParsedDocument {
  const doc = parseDocument(text, { file: RUNBOOK, config: DEFAULT_CONFIG });
  const oracle = parseDocumentWithRemark(text, { file: RUNBOOK, config: DEFAULT_CONFIG });
  assert.deepEqual(JSON.parse(JSON.stringify(doc)), JSON.parse(JSON.stringify(oracle)), 'the fast path and remark agree');
  return doc;
}

const runbookOf = (text: string): Runbook => {
  const runbook = parse(text).runbook;
  assert.ok(runbook, 'a runbook');
  return runbook;
};

test('status records in any letter case; accepted and reopened never both; a body status has no quote', () => {
  const accepted = runbookOf('# OPS-1: t\n\nStatus: ACCEPTED — Accepted By Bob on 2026-11-02\n').status!;
  assert.deepEqual([accepted.acceptance, accepted.reopening, accepted.quote], [{ by: 'Bob', at: '2026-11-02' }, null, '']);
  const reopened = runbookOf('# OPS-1: t\n\nStatut : PROPOSÉ — Rouvert Par Léa le 2026-11-03\n').status!;
  assert.deepEqual([reopened.acceptance, reopened.reopening], [null, { by: 'Léa', at: '2026-11-03' }]);
  const reopenedEnglish = runbookOf('# OPS-1: t\n\nStatus: PROPOSED — reopened by Al on 2026-11-04\n').status!;
  assert.deepEqual([reopenedEnglish.acceptance, reopenedEnglish.reopening], [null, { by: 'Al', at: '2026-11-04' }]);
});

test('names in records are trimmed of no-break spaces too (status, frontmatter and approval records)', () => {
  const body = runbookOf('# OPS-1: t\n\nStatus: ACCEPTED — accepted by \u00a0Bob\u00a0 on 2026-11-02\n').status!;
  assert.deepEqual(body.acceptance, { by: 'Bob', at: '2026-11-02' });
  const front = runbookOf("---\nstatus: ACCEPTED\naccepted: { by: ' Bob ', at: '2026-11-02' }\n---\n# OPS-1: t\n").status!;
  assert.deepEqual(front.acceptance, { by: 'Bob', at: '2026-11-02' });
  const [item] = runbookOf('# OPS-1: t\n\n## Compliance\n- [x] @QA approved? — approved by \u00a0Ana on 2026-11-01\n').compliance;
  assert.deepEqual(item.approval, { by: 'Ana', at: '2026-11-01' });
});

test('an approval record in any letter case, with its fingerprint', () => {
  const [item] = runbookOf('# OPS-1: t\n\n## Compliance\n- [x] @QA approved? — Approved By Ana on 2026-11-01 (A1B2C3D)\n').compliance;
  assert.deepEqual(item.approval, { by: 'Ana', at: '2026-11-01', fingerprint: 'a1b2c3d' });
});

test('frontmatter record keys: on the line after status, or over several indented lines (one or two blanks); what follows is not part of it', () => {
  const next = "---\nstatus: ACCEPTED\naccepted: { by: Bob, at: '2026-11-02' }\ntitle: Two words\n---\n# OPS-1: t\n";
  const nextStatus = runbookOf(next).status!;
  assert.deepEqual([nextStatus.acceptance, nextStatus.recordLines], [{ by: 'Bob', at: '2026-11-02' }, [3]]);
  assert.equal(next.slice(nextStatus.recordRange!.start, nextStatus.recordRange!.end), "accepted: { by: Bob, at: '2026-11-02' }");

  for (const indent of [' ', '  ']) {
    const block = `---\nkind: runbook\nstatus: ACCEPTED\naccepted:\n${indent}by: Bob Smith\n${indent}at: '2026-11-02'\ntitle: Two words\n---\n# OPS-1: t\n`;
    const status = runbookOf(block).status!;
    assert.deepEqual([status.acceptance, status.recordLines], [{ by: 'Bob Smith', at: '2026-11-02' }, [4, 5, 6]], JSON.stringify(indent));
    assert.equal(block.slice(status.recordRange!.start, status.recordRange!.end), `accepted:\n${indent}by: Bob Smith\n${indent}at: '2026-11-02'`);
  }
});

test('frontmatter values that are no status or no record: null, true, an empty record key, a key written in quotes', () => {
  for (const value of ['null', 'true', '~']) {
    assert.equal(parse(`---\nkind: runbook\nstatus: ${value}\n---\n# OPS-1: t\n`).runbook?.status, null, value);
  }
  const empty = runbookOf('---\nstatus: ACCEPTED\naccepted:\n---\n# OPS-1: t\n').status!;
  assert.deepEqual([empty.value, empty.acceptance], ['ACCEPTED', null]);
  // A quoted key is read by YAML but has no line of its own to point at: the status is still read.
  const quoted = runbookOf('---\nstatus: ACCEPTED\n"accepted": { by: Bob, at: \'2026-11-02\' }\n---\n# OPS-1: t\n').status!;
  assert.equal(quoted.value, 'ACCEPTED');
});

test('the role is the first thing after the box (blanks and markup allowed), never a mention further on', () => {
  const text = [
    '# OPS-1: t',
    '',
    '## Compliance',
    '- [ ]  @QA two blanks',
    '- [x] **@Security** approved?',
    '- [ ] see @Docs later',
    '- [ ] x @Compliance',
  ].join('\n');
  assert.deepEqual(
    runbookOf(text).compliance.map((item) => [item.role, item.checked, item.line]),
    [
      ['QA', false, 4],
      ['Security', true, 5],
    ],
  );
});

test('approval ranges in the text as read: a BOM before the document moves nothing', () => {
  const text = '\uFEFF# OPS-1: t\n\n## Compliance\n- [x] @QA approved? — approved by Ana on 2026-11-01\n';
  const [item] = runbookOf(text).compliance;
  assert.equal(text.slice(item.approvalRange!.start, item.approvalRange!.end), ' — approved by Ana on 2026-11-01');
  assert.equal(text[item.checkboxOffset], 'x');
});

test('a compliance heading with no item yet: its line is known, with or without a status', () => {
  const bare = runbookOf('# OPS-1: t\n\n## Compliance Checklist\n\nTo be filled.\n');
  assert.deepEqual([bare.status, bare.compliance, bare.complianceHeadingLine], [null, [], 3]);
  const withStatus = runbookOf('# OPS-1: t\n\nStatus: PROPOSED\n\n## Compliance Checklist\n\nTo be filled.\n');
  assert.equal(withStatus.complianceHeadingLine, 5);
});

const line = (role: string, checked: boolean): ComplianceItem => ({
  role,
  checked,
  approval: null,
  known: false,
  line: 1,
  checkboxOffset: 0,
  lineEndOffset: 0,
  approvalRange: null,
  stale: false,
});

test('linesOfRole: any case, with a leading @ or without; an @ elsewhere is part of the name', () => {
  const runbook = { compliance: [line('QA', true), line('Docs', false), line('QA', false)] };
  assert.equal(linesOfRole(runbook, '@qa').length, 2);
  assert.equal(linesOfRole(runbook, 'DOCS').length, 1);
  assert.deepEqual(linesOfRole(runbook, 'QA@'), []);
});

test('rolesOf: each role once, as first written (configured spelling first), configured roles before listed ones', () => {
  const runbook = { compliance: [line('Perf', true), line('PERF', true), line('QA', true)] };
  assert.deepEqual(rolesOf(runbook, ['QA', 'qa', 'Docs']), ['QA', 'Docs', 'Perf']);
});

test('missing approvals: a role written twice is missing while either of its lines is unticked', () => {
  const half = { compliance: [line('QA', true), line('QA', false)] };
  assert.deepEqual(missingApprovals(half, ['QA']), ['QA']);
  const both = { compliance: [line('QA', true), line('QA', true)] };
  assert.deepEqual(missingApprovals(both, ['QA']), []);
});
