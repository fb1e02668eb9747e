import { test } from 'node:test';
import assert from 'node:assert/strict';
import matter from 'gray-matter';
import { acceptEdits, approveEdits, reopenEdits, revokeEdits } from './approvals';
import type { Stamp } from './audit';
import { checkDocument } from './check';
import { DEFAULT_CONFIG, resolveConfig, type RunbookConfig } from './config';
import { applyEdits } from './edits';
import { RunbookError } from './errors';
import { runbookGate } from './gate';
import type { ParsedDocument } from './model';
import { parseDocument } from './parse/document';

const stamp = (by: string, date = '2026-11-23', time = '14:05'): Stamp => ({ by, date, time });
const parse = (text: string, config: RunbookConfig = DEFAULT_CONFIG): ParsedDocument => parseDocument(text, { file: 'rb.md', config });
const ROLES = DEFAULT_CONFIG.roles;

function runbook(options: { status?: string; key?: string; heading?: string; checked?: string[]; body?: string } = {}): string {
  const checked = new Set(options.checked ?? []);
  const lines = ROLES.map((role) => `- [${checked.has(role) ? 'x' : ' '}] @${role} approved?`);
  return `# PAY-1: Refunds\n\n${options.key ?? 'Status'}: ${options.status ?? 'PROPOSED'}\n\n## ${options.heading ?? 'Compliance Checklist'}\n${lines.join('\n')}\n\n## Proposed Changes\n${options.body ?? '- Add `POST /refunds`.'}\n`;
}

/** Approve every role as `by`, one edit at a time, each on the text the previous one wrote. */
function approveAll(text: string, by = 'Alice', config: RunbookConfig = DEFAULT_CONFIG): string {
  let current = text;
  for (const role of ROLES) current = applyEdits(current, approveEdits(current, parse(current, config), role, stamp(by), config));
  return current;
}

function rejects(run: () => unknown, code: string, pattern: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof RunbookError, String(error));
    assert.equal(error.code, code);
    assert.match(error.message, pattern);
    return true;
  });
}

// Item 1: French status words.

test('Statut : PROPOSÉ is read whole, as PROPOSED, in French; accept writes ACCEPTÉ and a French record', () => {
  const text = runbook({ key: 'Statut ', status: 'PROPOSÉ', heading: 'Conformité' });
  const doc = parse(text);
  assert.equal(doc.runbook?.status?.value, 'PROPOSED');
  assert.equal(doc.runbook?.status?.written, 'PROPOSÉ');
  assert.equal(doc.language, 'fr');
  const approved = approveAll(text, 'Léa');
  assert.match(approved, /^- \[x\] @QA approved\? — approuvé par Léa le 2026-11-23 \([0-9a-f]{7}\)$/m);
  const accepted = applyEdits(approved, acceptEdits(approved, parse(approved), stamp('Léa'), DEFAULT_CONFIG));
  assert.match(accepted, /^Statut : ACCEPTÉ — accepté par Léa le 2026-11-23$/m);
  assert.equal(parse(accepted).runbook?.status?.value, 'ACCEPTED');
  assert.deepEqual(parse(accepted).runbook?.status?.acceptance, { by: 'Léa', at: '2026-11-23' });
  assert.match(accepted, /^## Historique\n\n(?:- .*\n){7}$/m);
  assert.match(accepted, /^- 2026-11-23 14:05 accepté par Léa \([0-9a-f]{7}\)$/m);
});

test('status words keep their letter case and language: Proposé → Accepté, proposed → accepted, Proposed → Accepted', () => {
  for (const [written, expected] of [
    ['Proposé', 'Accepté'],
    ['proposé', 'accepté'],
    ['PROPOSÉ', 'ACCEPTÉ'],
    ['Proposed', 'Accepted'],
    ['proposed', 'accepted'],
    ['PROPOSED', 'ACCEPTED'],
  ]) {
    const text = approveAll(runbook({ status: written }));
    assert.equal(parse(text).runbook?.status?.value, 'PROPOSED', written);
    const accepted = applyEdits(text, acceptEdits(text, parse(text), stamp('Ann'), DEFAULT_CONFIG));
    assert.match(accepted, new RegExp(`^Status: ${expected} — ${/[ÉéÀ]/.test(expected) ? 'accepté par Ann le' : 'accepted by Ann on'} 2026-11-23$`, 'm'), written);
  }
});

test('Statut : ACCEPTÉ with no approvals fails check with accepted-missing-approvals (an error: the CI gate holds)', () => {
  for (const status of ['ACCEPTÉ', 'Accepté', 'acceptée', 'ACCEPTED']) {
    const doc = parse(runbook({ key: 'Statut ', status }));
    assert.equal(doc.runbook?.status?.value, 'ACCEPTED', status);
    const finding = checkDocument(doc, '2026-11-23', DEFAULT_CONFIG).find((candidate) => candidate.rule === 'accepted-missing-approvals');
    assert.equal(finding?.severity, 'error', status);
    assert.deepEqual(finding?.data?.missing, ROLES);
  }
});

// Item 7: only PROPOSED can be accepted; duplicate role lines.

test('accept refuses any status but PROPOSED, naming it', () => {
  for (const status of ['DRAFT', 'REJECTED', 'SUPERSEDED', 'Brouillon', 'REJETÉ']) {
    const text = approveAll(runbook({ status }));
    rejects(() => acceptEdits(text, parse(text), stamp('Ann'), DEFAULT_CONFIG), 'wrong-status', new RegExp(`is ${status}: only a PROPOSED runbook can be accepted`));
  }
});

test('a role written twice is approved and revoked on each of its lines, so the runbook can be accepted', () => {
  const text = runbook().replace('- [ ] @Observability approved?\n', '- [ ] @Observability approved?\n- [ ] @observability approved?\n');
  assert.deepEqual(runbookGate(parse(text).runbook!, DEFAULT_CONFIG).missing.at(-1), 'Observability');
  const approved = approveAll(text);
  assert.equal((approved.match(/@[Oo]bservability approved\? — approved by Alice/g) ?? []).length, 2);
  const accepted = applyEdits(approved, acceptEdits(approved, parse(approved), stamp('Ann'), DEFAULT_CONFIG));
  assert.equal(parse(accepted).runbook?.status?.value, 'ACCEPTED');
  const revoked = applyEdits(approved, revokeEdits(approved, parse(approved), 'Observability', stamp('Ann')));
  assert.equal((revoked.match(/- \[ \] @[Oo]bservability approved\?\n/g) ?? []).length, 2);
});

// Item 5: re-approving keeps the first approver.

test('approving an approved role again changes nothing: it stays approved by its first approver', () => {
  const once = applyEdits(runbook(), approveEdits(runbook(), parse(runbook()), 'QA', stamp('Alice'), DEFAULT_CONFIG));
  assert.deepEqual(approveEdits(once, parse(once), 'QA', stamp('Mallory', '2026-11-24'), DEFAULT_CONFIG), []);
  assert.equal(parse(once).runbook?.compliance.find((item) => item.role === 'QA')?.approval?.by, 'Alice');
});

test('a box checked by hand with no record gets the approver recorded, the box untouched', () => {
  const text = runbook({ checked: ['QA'] });
  const after = applyEdits(text, approveEdits(text, parse(text), 'QA', stamp('Alice'), DEFAULT_CONFIG));
  assert.match(after, /^- \[x\] @QA approved\? — approved by Alice on 2026-11-23 \([0-9a-f]{7}\)$/m);
});

// Item 4: revoke on an ACCEPTED runbook.

test('revoke on an ACCEPTED runbook is refused without reopen; with it, the runbook goes back to PROPOSED with who and when', () => {
  const approved = approveAll(runbook());
  const accepted = applyEdits(approved, acceptEdits(approved, parse(approved), stamp('Ann'), DEFAULT_CONFIG));
  rejects(() => revokeEdits(accepted, parse(accepted), 'QA', stamp('Bob')), 'runbook-accepted', /is ACCEPTED: revoking @QA .* --reopen/);
  const reopened = applyEdits(accepted, revokeEdits(accepted, parse(accepted), 'QA', stamp('Bob', '2026-11-24'), { reopen: true }));
  assert.match(reopened, /^Status: PROPOSED — reopened by Bob on 2026-11-24$/m);
  assert.match(reopened, /^- \[ \] @QA approved\?$/m);
  const doc = parse(reopened);
  assert.deepEqual(doc.runbook?.status?.reopening, { by: 'Bob', at: '2026-11-24' });
  assert.deepEqual(doc.history?.entries.slice(-2).map((entry) => [entry.event, entry.role, entry.by]), [
    ['revoked', 'QA', 'Bob'],
    ['reopened', null, 'Bob'],
  ]);
  assert.equal(checkDocument(doc, '2026-11-24', DEFAULT_CONFIG).filter((finding) => finding.severity === 'error').length, 0);
});

test('reopen: ACCEPTÉ → PROPOSÉ in French; nothing to do on a PROPOSED runbook; refused on another status', () => {
  const approved = approveAll(runbook({ key: 'Statut ', status: 'PROPOSÉ' }));
  const accepted = applyEdits(approved, acceptEdits(approved, parse(approved), stamp('Ann'), DEFAULT_CONFIG));
  const reopened = applyEdits(accepted, reopenEdits(accepted, parse(accepted), stamp('Léa')));
  assert.match(reopened, /^Statut : PROPOSÉ — rouvert par Léa le 2026-11-23$/m);
  assert.deepEqual(reopenEdits(reopened, parse(reopened), stamp('Léa')), []);
  rejects(() => reopenEdits(runbook({ status: 'DRAFT' }), parse(runbook({ status: 'DRAFT' })), stamp('x')), 'wrong-status', /is DRAFT: only an ACCEPTED runbook can be reopened/);
  // Accepting again replaces the reopen record.
  const again = applyEdits(reopened, acceptEdits(reopened, parse(reopened), stamp('Ann'), DEFAULT_CONFIG));
  assert.match(again, /^Statut : ACCEPTÉ — accepté par Ann le 2026-11-23$/m);
});

// Item 6: frontmatter records are valid YAML for any name.

const NAMES = ["Dan O'Brien", 'Ann: the reviewer', 'Bob #1', '@alice', 'Zoé "Z" Durand', 'yes', 'Null', '- dash', 'a, b', '{x}', 'back\\slash', 'Ünïcödé Näme'];

function frontmatterRunbook(statusLine: string): string {
  const lines = ROLES.map((role) => `- [x] @${role} approved?`).join('\n');
  return `---\nkind: runbook\n${statusLine}\nowner: ops\n---\n# X-1: t\n\n## Compliance Checklist\n${lines}\n`;
}

test('accept and reopen in frontmatter write valid YAML for any name, in the document\'s quoting style, read back by the YAML parser', () => {
  for (const [statusLine, quote] of [
    ["status: 'PROPOSED'", "'"],
    ['status: "PROPOSED"', '"'],
    ['status: PROPOSED', ''],
  ] as const) {
    for (const name of NAMES) {
      const text = frontmatterRunbook(statusLine);
      const accepted = applyEdits(text, acceptEdits(text, parse(text), stamp(name), DEFAULT_CONFIG));
      const yaml = matter(accepted, {}).data as Record<string, unknown>;
      assert.equal(yaml.status, 'ACCEPTED', `${statusLine} ${name}`);
      assert.deepEqual(yaml.accepted && { ...(yaml.accepted as object), at: String((yaml.accepted as { at: unknown }).at instanceof Date ? '2026-11-23' : (yaml.accepted as { at: unknown }).at) }, { by: name, at: '2026-11-23' }, `${statusLine} ${name}`);
      assert.equal(yaml.owner, 'ops');
      const statusOut = accepted.split('\n').find((line) => line.startsWith('status:'))!;
      assert.equal(statusOut, statusLine.replace('PROPOSED', 'ACCEPTED'), 'the status line keeps its quotes');
      if (quote !== '') assert.match(accepted, new RegExp(`^accepted: \\{ by: ${quote}`, 'm'), 'the name follows the status quote style');
      const doc = parse(accepted);
      assert.equal(doc.findings.filter((finding) => finding.rule === 'frontmatter-malformed').length, 0);
      assert.deepEqual(doc.runbook?.status?.acceptance, { by: name, at: '2026-11-23' }, `${statusLine} ${name}`);

      const reopened = applyEdits(accepted, reopenEdits(accepted, doc, stamp(name, '2026-11-24')));
      const yamlAfter = matter(reopened, {}).data as Record<string, unknown>;
      assert.equal(yamlAfter.status, 'PROPOSED');
      assert.equal(yamlAfter.accepted, undefined, 'the acceptance key is replaced');
      assert.equal((yamlAfter.reopened as { by: string }).by, name);
      assert.deepEqual(parse(reopened).runbook?.status?.reopening, { by: name, at: '2026-11-24' });
    }
  }
});

test('a record older versions wrote after the frontmatter status value moves to its own key', () => {
  const text = frontmatterRunbook('status: ACCEPTED — accepted by Old Timer on 2026-01-02');
  const doc = parse(text);
  assert.deepEqual(doc.runbook?.status?.acceptance, { by: 'Old Timer', at: '2026-01-02' });
  const reopened = applyEdits(text, reopenEdits(text, doc, stamp("Dan O'Brien")));
  assert.match(reopened, /^status: PROPOSED\nreopened: \{ by: 'Dan O''Brien', at: 2026-11-23 \}$/m);
  assert.equal((matter(reopened, {}).data as { status: string }).status, 'PROPOSED');
});

// Item 8: stale approvals.

test('an approval goes stale when the content changes, not when approvals, status, History or line endings do', () => {
  const approved = approveAll(runbook());
  const doc = parse(approved);
  assert.ok(doc.runbook!.compliance.every((item) => !item.stale && item.approval?.fingerprint === doc.runbook!.fingerprint));
  const unchanged = [
    approved.replace(/\n/g, '\r\n'),
    '\uFEFF' + approved,
    approved.replace('Status: PROPOSED', 'Status: PROPOSED — reopened by X on 2026-01-01'),
    approved.replace('- Add `POST /refunds`.', '- Add `POST /refunds`.   '),
    approved.replace('## Proposed Changes', '\n\n## Proposed Changes'),
    approved + '\n- 2026-11-23 09:00 a line someone added to the History\n',
  ];
  for (const text of unchanged) assert.equal(parse(text).runbook!.compliance.some((item) => item.stale), false, JSON.stringify(text.slice(-80)));
  const edited = approved.replace('- Add `POST /refunds`.', '- Add `POST /refunds` and `DELETE /refunds`.');
  const stale = parse(edited);
  assert.ok(stale.runbook!.compliance.every((item) => item.stale));
  assert.notEqual(stale.runbook!.fingerprint, doc.runbook!.fingerprint);
});

test('stale approvals: a warning while PROPOSED, an error once ACCEPTED; accept refuses; re-approving renews', () => {
  const approved = approveAll(runbook());
  const edited = approved.replace('- Add `POST /refunds`.', '- Add `POST /refunds` (v2).');
  const findings = checkDocument(parse(edited), '2026-11-23', DEFAULT_CONFIG).filter((finding) => finding.rule === 'approval-stale');
  assert.equal(findings.length, 6);
  assert.ok(findings.every((finding) => finding.severity === 'warning'));
  assert.match(findings[0].message, /@Security was approved by Alice on 2026-11-23 \([0-9a-f]{7}\); the runbook has changed since/);
  rejects(() => acceptEdits(edited, parse(edited), stamp('Ann'), DEFAULT_CONFIG), 'stale-approvals', /changed since @Security \(Alice\), @Architect \(Alice\)/);
  const acceptedThenEdited = applyEdits(approved, acceptEdits(approved, parse(approved), stamp('Ann'), DEFAULT_CONFIG)).replace('- Add `POST /refunds`.', '- Add `POST /refunds` (v2).');
  const acceptedFindings = checkDocument(parse(acceptedThenEdited), '2026-11-23', DEFAULT_CONFIG).filter((finding) => finding.rule === 'approval-stale');
  assert.ok(acceptedFindings.length === 6 && acceptedFindings.every((finding) => finding.severity === 'error'));
  assert.equal(runbookGate(parse(acceptedThenEdited).runbook!, DEFAULT_CONFIG).passes, false);
  // Re-approving a stale role replaces its record (a new approver may do it) and makes it fresh.
  const renewed = applyEdits(edited, approveEdits(edited, parse(edited), 'QA', stamp('Bob', '2026-11-24'), DEFAULT_CONFIG));
  const qa = parse(renewed).runbook!.compliance.find((item) => item.role === 'QA')!;
  assert.deepEqual([qa.approval?.by, qa.approval?.at, qa.stale], ['Bob', '2026-11-24', false]);
  assert.deepEqual(runbookGate(parse(renewed).runbook!, DEFAULT_CONFIG).approved, ['QA']);
});

test('records without a fingerprint (written before fingerprints) stay valid', () => {
  const text = runbook().replace(/- \[ \] (@\w+ approved\?)/g, '- [x] $1 — approved by Old Timer on 2026-01-02');
  const doc = parse(text.replace('- Add `POST /refunds`.', '- Anything at all.'));
  assert.ok(doc.runbook!.compliance.every((item) => item.checked && !item.stale && item.approval?.fingerprint === undefined));
  assert.equal(runbookGate(doc.runbook!, DEFAULT_CONFIG).approved.length, 6);
});

// Item 9: approvers per role.

test('approvers: someone not listed may not approve; handles and names compare without case or @; other roles are open', () => {
  const config = resolveConfig({ approvers: { Security: ['Alice Martin', '@bob', '@org/security-team'], qa: [] } }, 'test');
  const text = runbook();
  rejects(() => approveEdits(text, parse(text, config), 'Security', stamp('Mallory'), config), 'not-an-approver', /Mallory may not approve @Security \(approvers: Alice Martin, @bob, @org\/security-team\)/);
  for (const name of ['alice martin', 'Bob', '@BOB', 'org/security-team']) {
    assert.ok(approveEdits(text, parse(text, config), 'Security', stamp(name), config).length > 0, name);
  }
  assert.ok(approveEdits(text, parse(text, config), 'QA', stamp('Mallory'), config).length > 0, 'an empty list: anyone');
  assert.ok(approveEdits(text, parse(text, config), 'Docs', stamp('Mallory'), config).length > 0, 'no list: anyone');
});

test('approval-unauthorized: an approval in the file by someone not listed, or with no name, is an error; accept refuses', () => {
  const config = resolveConfig({ approvers: { Security: ['Alice'] } }, 'test');
  const byMallory = approveAll(runbook(), 'Mallory');
  const findings = checkDocument(parse(byMallory, config), '2026-11-23', config).filter((finding) => finding.rule === 'approval-unauthorized');
  assert.deepEqual(findings.map((finding) => [finding.severity, finding.line, finding.data?.by]), [['error', 6, 'Mallory']]);
  assert.match(findings[0].message, /@Security was approved by Mallory, who is not among its approvers \(Alice\)/);
  rejects(() => acceptEdits(byMallory, parse(byMallory, config), stamp('Ann'), config), 'not-an-approver', /@Security \(Mallory\)/);
  const handTicked = runbook({ checked: ['Security'] });
  const noName = checkDocument(parse(handTicked, config), '2026-11-23', config).filter((finding) => finding.rule === 'approval-unauthorized');
  assert.match(noName[0].message, /checked with no approver recorded; its approvers are Alice/);
  assert.equal(checkDocument(parse(byMallory), '2026-11-23', DEFAULT_CONFIG).filter((finding) => finding.rule === 'approval-unauthorized').length, 0, 'no approvers: no finding');
});

// Item 10: the History section.

test('History: created at the end on first use, appended inside an existing section before the next heading', () => {
  const text = '# X\n\nStatus: PROPOSED\n\n## Compliance Checklist\n- [ ] @QA approved?\n- [ ] @Docs approved?\n\n## History\n\n- 2026-11-01 09:00 @QA approved by Someone\n\n## Appendix\nText.';
  const after = applyEdits(text, approveEdits(text, parse(text), 'Docs', stamp('Eve'), DEFAULT_CONFIG));
  assert.match(after, /- 2026-11-01 09:00 @QA approved by Someone\n- 2026-11-23 14:05 @Docs approved by Eve \([0-9a-f]{7}\)\n\n## Appendix\nText\.$/);
  const noFinalNewline = '## Compliance Checklist\n- [ ] @QA approved?';
  const created = applyEdits(noFinalNewline, approveEdits(noFinalNewline, parse(noFinalNewline), 'QA', stamp('Eve'), DEFAULT_CONFIG));
  assert.match(created, /^## Compliance Checklist\n- \[x\] @QA approved\? — approved by Eve on 2026-11-23 \([0-9a-f]{7}\)\n\n## History\n\n- 2026-11-23 14:05 @QA approved by Eve \([0-9a-f]{7}\)\n$/);
  const entries = parse(created).history!.entries;
  assert.deepEqual(entries.map(({ date, time, event, role, by }) => ({ date, time, event, role, by })), [
    { date: '2026-11-23', time: '14:05', event: 'approved', role: 'QA', by: 'Eve' },
  ]);
});

test('History entries read back in both languages, hand-written lines kept as text', () => {
  const text = [
    '## Historique',
    '',
    '- 2026-11-23 14:05 @QA approuvé par Léa (a1b2c3d)',
    '- 2026-11-23 14:06 @QA approbation retirée par Bob',
    '- 2026-11-23 14:07 accepté par Dan O\'Brien (a1b2c3d)',
    '- 2026-11-23 14:08 rouvert par Léa',
    '- 2026-11-23 14:09 action 2 faite par Yan : Ajouter une alerte',
    '- 2026-11-24 10:00 @Docs approved by Alice Martin (0f0f0f0)',
    '- 2026-11-24 10:01 action 12 done by Ann: Fix it: now',
    '- reviewed in the weekly meeting',
    '',
  ].join('\n');
  const entries = parse(text).history!.entries;
  assert.deepEqual(
    entries.map(({ event, role, action, by, fingerprint }) => [event, role, action, by, fingerprint]),
    [
      ['approved', 'QA', null, 'Léa', 'a1b2c3d'],
      ['revoked', 'QA', null, 'Bob', null],
      ['accepted', null, null, "Dan O'Brien", 'a1b2c3d'],
      ['reopened', null, null, 'Léa', null],
      ['done', null, 2, 'Yan', null],
      ['approved', 'Docs', null, 'Alice Martin', '0f0f0f0'],
      ['done', null, 12, 'Ann', null],
      [null, null, null, null, null],
    ],
  );
  assert.equal(entries.at(-1)?.text, 'reviewed in the weekly meeting');
});

// Item 11: the gate.

test('the gate passes only for an ACCEPTED runbook whose every approval is present, fresh and authorised', () => {
  const approved = approveAll(runbook());
  assert.equal(runbookGate(parse(approved).runbook!, DEFAULT_CONFIG).passes, false, 'PROPOSED');
  const accepted = applyEdits(approved, acceptEdits(approved, parse(approved), stamp('Ann'), DEFAULT_CONFIG));
  assert.equal(runbookGate(parse(accepted).runbook!, DEFAULT_CONFIG).passes, true);
  const strict = resolveConfig({ approvers: { QA: ['Quinn'] } }, 'test');
  assert.equal(runbookGate(parse(accepted, strict).runbook!, strict).passes, false, 'approved by someone not listed');
  const gate = runbookGate(parse(runbook({ status: 'ACCEPTED', checked: ['QA'] })).runbook!, DEFAULT_CONFIG);
  assert.deepEqual([gate.passes, gate.approved, gate.missing.length], [false, ['QA'], 5]);
});
