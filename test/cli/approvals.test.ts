/**
 * The compliance gate through the built CLI (dist/cli.js): concurrent approvals under the file lock, French runbooks,
 * revoke/reopen, approvers, the audit trail (`history`) and the gate (`status`).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { tempWorkspace as workspace } from '../temp-workspace';

const CLI = join(__dirname, '../../dist/cli.js');
if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const ENV = { RUNBOOK_NOW: '2026-11-23', LANG: 'C', LC_ALL: 'C', RUNBOOK_APPROVER: '' };

function run(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, RUNBOOK_CACHE_DIR: join(cwd, '.cache-test'), ...ENV, ...env } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The same, without waiting: for commands that must run at the same time. */
function start(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, RUNBOOK_CACHE_DIR: join(cwd, '.cache-test'), ...ENV } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}


const ROLES = ['Security', 'Architect', 'QA', 'Docs', 'Compliance', 'Observability'];
const TEN_ROLES = [...ROLES, 'Legal', 'Privacy', 'Finance', 'Support'];

function runbookText(roles: readonly string[], status = 'Status: PROPOSED', heading = 'Compliance Checklist'): string {
  return `# PAY-142: Refunds\n\n${status}\n\n## ${heading}\n${roles.map((role) => `- [ ] @${role} approved?`).join('\n')}\n\n## Proposed Changes\n- Add \`POST /refunds\`.\n`;
}

const read = (root: string, path: string): string => readFileSync(join(root, path), 'utf8');
const approvalsOnDisk = (text: string): string[] => [...text.matchAll(/^- \[x\] @(\w+) approved\? — approved by /gm)].map((match) => match[1]);

// Item 3: ten parallel approvals of ten roles, RUNBOOK_RACE_ROUNDS rounds (20 for the closing note; 3 by default).
test('ten parallel `runbook approve` of different roles on one file: every exit 0 is an approval on disk, nothing lost', async () => {
  const rounds = Number(process.env.RUNBOOK_RACE_ROUNDS ?? 3);
  const root = workspace({}, { roles: TEN_ROLES });
  let exitZero = 0;
  let onDisk = 0;
  let refused = 0;
  for (let round = 0; round < rounds; round += 1) {
    const file = `rb-${round}.md`;
    writeFileSync(join(root, file), runbookText(TEN_ROLES));
    const results = await Promise.all(TEN_ROLES.map((role) => start(['approve', file, role, '--by', `Person ${role}`], root)));
    const text = read(root, file);
    const approved = approvalsOnDisk(text);
    results.forEach((result, index) => {
      const role = TEN_ROLES[index];
      if (result.code === 0) {
        exitZero += 1;
        assert.ok(approved.includes(role), `round ${round}: approve ${role} exited 0 but its approval is not on disk\n${text}`);
        assert.match(text, new RegExp(`^- \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} @${role} approved by Person ${role} \\([0-9a-f]{7}\\)$`, 'm'), `round ${round}: ${role} history line`);
      } else {
        refused += 1;
        assert.equal(result.code, 1, result.stderr);
        assert.equal(result.stderr.trim().split('\n').length, 1, 'one line');
        assert.match(result.stderr, /being changed by|changed on disk/, `a refusal says why: ${result.stderr}`);
      }
    });
    onDisk += approved.length;
    assert.equal(approved.length, results.filter((result) => result.code === 0).length, `round ${round}: approvals on disk = exit-0 runs`);
    assert.equal(existsSync(join(root, `${file}.lock`)), false, 'no lock left behind');
  }
  process.stdout.write(`# race: ${rounds} rounds × ${TEN_ROLES.length} parallel approvals: ${exitZero} exit 0, ${onDisk} approvals on disk, ${refused} refused (exit 1)\n`);
  assert.equal(onDisk, exitZero);
});

test('a lock left by a process that died is broken: the next command goes ahead', () => {
  const root = workspace({ 'rb.md': runbookText(ROLES) });
  const dead = Number(spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout);
  writeFileSync(join(root, 'rb.md.lock'), JSON.stringify({ pid: dead, host: hostname(), since: Date.now(), token: 'x' }));
  const result = run(['approve', 'rb.md', 'QA', '--by', 'Ann'], root);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(approvalsOnDisk(read(root, 'rb.md')), ['QA']);
  assert.equal(existsSync(join(root, 'rb.md.lock')), false);
});

test('French runbook end to end: PROPOSÉ approved and accepted in French, history in French, status gate passes', () => {
  const root = workspace({ 'rb.md': runbookText(ROLES, 'Statut : PROPOSÉ', 'Conformité') });
  for (const role of ROLES) assert.equal(run(['approve', 'rb.md', role, '--by', 'Léa'], root).code, 0);
  const accepted = run(['accept', 'rb.md', '--by', "Dan O'Brien"], root);
  assert.equal(accepted.code, 0, accepted.stderr);
  const text = read(root, 'rb.md');
  assert.match(text, /^Statut : ACCEPTÉ — accepté par Dan O'Brien le 2026-11-23$/m);
  assert.match(text, /^- \[x\] @QA approved\? — approuvé par Léa le 2026-11-23 \([0-9a-f]{7}\)$/m);
  assert.match(text, /^## Historique$/m);
  const status = run(['status', 'rb.md'], root);
  assert.equal(status.code, 0, status.stdout + status.stderr);
  assert.match(status.stdout, /^ACCEPTED {2}6\/6 approved {2}rb\.md$/m);
  const check = run(['check'], root);
  assert.equal(check.code, 0, check.stdout);
});

test('Statut : ACCEPTÉ with no approvals: check exits 1 (the CI gate is not bypassed) and status exits 1', () => {
  const root = workspace({ 'rb.md': runbookText(ROLES, 'Statut : ACCEPTÉ', 'Conformité') });
  const check = run(['check'], root);
  assert.equal(check.code, 1);
  assert.match(check.stdout, /accepted-missing-approvals/);
  assert.equal(run(['status', 'rb.md'], root).code, 1);
});

test('re-approving says who approved it and changes nothing', () => {
  const root = workspace({ 'rb.md': runbookText(ROLES) });
  assert.equal(run(['approve', 'rb.md', 'QA', '--by', 'Alice'], root).code, 0);
  const before = read(root, 'rb.md');
  const again = run(['approve', 'rb.md', 'QA', '--by', 'Mallory'], root);
  assert.equal(again.code, 0);
  assert.equal(again.stdout.trim(), 'nothing to change in rb.md: @QA is already approved by Alice on 2026-11-23');
  assert.equal(read(root, 'rb.md'), before);
});

test('revoke on an ACCEPTED runbook: refused without --reopen (exit 1, file untouched); with it, back to PROPOSED', () => {
  const root = workspace({ 'rb.md': runbookText(ROLES) });
  for (const role of ROLES) run(['approve', 'rb.md', role, '--by', 'Alice'], root);
  assert.equal(run(['accept', 'rb.md', '--by', 'Ann'], root).code, 0);
  const accepted = read(root, 'rb.md');
  const refused = run(['revoke', 'rb.md', 'QA', '--by', 'Bob'], root);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /is ACCEPTED: revoking @QA would leave it accepted without that approval; revoke with --reopen/);
  assert.equal(read(root, 'rb.md'), accepted);
  assert.equal(run(['revoke', 'rb.md', 'QA', '--by', 'Bob', '--reopen'], root).code, 0);
  assert.match(read(root, 'rb.md'), /^Status: PROPOSED — reopened by Bob on 2026-11-23$/m);
  assert.equal(run(['check'], root).code, 0);
  assert.equal(run(['reopen', 'rb.md', '--by', 'Bob'], root).stdout.trim(), 'nothing to change in rb.md: it is already PROPOSED');
});

test('accept refuses DRAFT naming it, and a stale approval naming who approved', () => {
  const root = workspace({ 'draft.md': runbookText(ROLES, 'Status: DRAFT'), 'rb.md': runbookText(ROLES) });
  for (const role of ROLES) run(['approve', 'draft.md', role, '--by', 'Alice'], root);
  const draft = run(['accept', 'draft.md'], root);
  assert.equal(draft.code, 1);
  assert.match(draft.stderr, /draft\.md is DRAFT: only a PROPOSED runbook can be accepted/);
  for (const role of ROLES) run(['approve', 'rb.md', role, '--by', 'Alice'], root);
  writeFileSync(join(root, 'rb.md'), read(root, 'rb.md').replace('- Add `POST /refunds`.', '- Add `POST /refunds` and `GET /refunds`.'));
  const stale = run(['accept', 'rb.md', '--by', 'Ann'], root);
  assert.equal(stale.code, 1);
  assert.match(stale.stderr, /it changed since @Security \(Alice\), .* approved; re-approve first/);
  const findings = JSON.parse(run(['check', '--format', 'json'], root).stdout) as Array<{ rule: string; severity: string; file: string }>;
  assert.equal(findings.filter((finding) => finding.rule === 'approval-stale' && finding.file === 'rb.md' && finding.severity === 'warning').length, 6);
  const rows = JSON.parse(run(['runbooks', '--json'], root).stdout) as Array<{ file: string; approved: string[]; stale: string[] }>;
  const row = rows.find((candidate) => candidate.file === 'rb.md')!;
  assert.deepEqual([row.approved, row.stale.length], [[], 6], 'the listing counts only fresh approvals');
});

test('approvers: approving as someone not listed exits 1 and writes nothing; a listed handle may', () => {
  const root = workspace({ 'rb.md': runbookText(ROLES) }, { approvers: { Security: ['@alice', 'Bob Stone'] } });
  const text = read(root, 'rb.md');
  const refused = run(['approve', 'rb.md', 'Security', '--by', 'Mallory'], root);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /Mallory may not approve @Security \(approvers: @alice, Bob Stone\)/);
  assert.equal(read(root, 'rb.md'), text);
  assert.equal(run(['approve', 'rb.md', 'Security', '--by', 'alice'], root).code, 0);
  const bad = run(['new', 'x', '--title', 'y'], workspace({}, { approvers: ['Alice'] }));
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /"approvers" must be an object mapping each role to a list of names/);
});

test('who is recorded: --by, else RUNBOOK_APPROVER (which wins over defaultApprover), else defaultApprover', () => {
  const root = workspace({ 'rb.md': runbookText(ROLES) }, { defaultApprover: 'Shared Name' });
  run(['approve', 'rb.md', 'QA', '--by', 'Given'], root, { RUNBOOK_APPROVER: 'Personal' });
  run(['approve', 'rb.md', 'Docs'], root, { RUNBOOK_APPROVER: 'Personal' });
  run(['approve', 'rb.md', 'Security'], root);
  const text = read(root, 'rb.md');
  assert.match(text, /@QA approved\? — approved by Given on/);
  assert.match(text, /@Docs approved\? — approved by Personal on/);
  assert.match(text, /@Security approved\? — approved by Shared Name on/);
});

test('history prints the audit trail, --json with its fields; a file without one says so', () => {
  const root = workspace({ 'rb.md': runbookText(ROLES), 'plain.md': '# Notes\n' });
  run(['approve', 'rb.md', 'QA', '--by', 'Alice'], root);
  run(['revoke', 'rb.md', 'QA', '--by', 'Bob'], root);
  const text = run(['history', 'rb.md'], root);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /^2026-11-23 12:00 @QA approved by Alice \([0-9a-f]{7}\)\n2026-11-23 12:00 @QA approval revoked by Bob\n$/);
  const json = JSON.parse(run(['history', 'rb.md', '--json'], root).stdout) as Array<Record<string, unknown>>;
  assert.deepEqual(
    json.map(({ event, role, by, date, time }) => ({ event, role, by, date, time })),
    [
      { event: 'approved', role: 'QA', by: 'Alice', date: '2026-11-23', time: '12:00' },
      { event: 'revoked', role: 'QA', by: 'Bob', date: '2026-11-23', time: '12:00' },
    ],
  );
  assert.deepEqual(Object.keys(json[0]).sort(), ['action', 'by', 'date', 'event', 'file', 'fingerprint', 'line', 'role', 'text', 'time']);
  assert.equal(run(['history', 'plain.md'], root).stdout.trim(), 'no history in plain.md');
});

test('status <STORY-ID>: finds the runbook in any scope, exit 0 only when it passes; --json; unknown ID exit 1', () => {
  const root = workspace({ '.agent/cache/runbooks/payments/PAY-142-runbook.md': runbookText(ROLES) });
  const proposed = run(['status', 'PAY-142'], root);
  assert.equal(proposed.code, 1);
  assert.equal(proposed.stdout.trim(), 'PROPOSED  0/6 approved  missing @Security, @Architect, @QA, @Docs, @Compliance, @Observability  .agent/cache/runbooks/payments/PAY-142-runbook.md');
  const file = '.agent/cache/runbooks/payments/PAY-142-runbook.md';
  for (const role of ROLES) run(['approve', file, role, '--by', 'Alice'], root);
  assert.equal(run(['status', 'pay-142'], root).code, 1, 'approved but not accepted');
  run(['accept', file, '--by', 'Ann'], root);
  const passing = run(['status', 'PAY-142', '--json'], root);
  assert.equal(passing.code, 0, passing.stderr);
  const json = JSON.parse(passing.stdout) as Record<string, unknown>;
  assert.deepEqual([json.file, json.status, json.passes, json.missing, json.stale], [file, 'ACCEPTED', true, [], []]);
  const unknown = run(['status', 'PAY-999'], root);
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr, /no runbook for PAY-999: no PAY-999-runbook\.md under \.agent\/cache\/runbooks/);
  assert.equal(run(['status', 'PAY 142'], root).code, 2, 'a story ID that is no plain name is a usage error');
  assert.equal(run(['status', '../etc/passwd'], root).code, 1, 'a path outside the workspace is refused');
});

test('done records who in the History; the action number and by are checked', () => {
  const root = workspace({ 'pm.md': '# Post-mortem : Panne\n\n## Plan d\'action\n- [ ] AI 1 : Ajouter une alerte (responsable @léa, échéance 2026-12-01)\n' });
  assert.equal(run(['done', 'pm.md', '1', '--by', 'Léa'], root).code, 0);
  assert.match(read(root, 'pm.md'), /^## Historique\n\n- 2026-11-23 12:00 action 1 faite par Léa : AI 1 : Ajouter une alerte\n$/m);
  assert.equal(run(['done', 'pm.md', '1', '--by', ' '], root).code, 0, 'already done: nothing to change, so no name needed');
});
