/**
 * `runbook report` of the built CLI: both formats against golden files under a pinned RUNBOOK_NOW, links relative to
 * where the report lands, and the `--out` rules (create, replace only an earlier report, refuse anything else and any
 * path outside the workspace).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '../../dist/cli.js');
const FIXTURE = join(__dirname, '../fixtures/report');
const NOW = '2026-11-25T14:00';

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, RUNBOOK_NOW: NOW, LANG: 'C', LC_ALL: 'C', ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function copy(): string {
  const root = mkdtempSync(join(tmpdir(), 'runbook-report-'));
  cpSync(join(FIXTURE, 'workspace'), root, { recursive: true });
  return root;
}

test('markdown report matches the golden file', () => {
  const result = run(['report', '--no-cache'], join(FIXTURE, 'workspace'));
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, readFileSync(join(FIXTURE, 'expected.md'), 'utf8'));
});

test('JSON report matches the golden file and has one key per section', () => {
  const result = run(['report', '--no-cache', '--format', 'json'], join(FIXTURE, 'workspace'));
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, readFileSync(join(FIXTURE, 'expected.json'), 'utf8'));
  const report = JSON.parse(result.stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(report), ['generatedAt', 'openIncidents', 'overdueActions', 'waitingRunbooks', 'escalations', 'since']);
  assert.deepEqual(Object.keys(report.since as object), ['date', 'opened', 'resolved', 'actionsClosed', 'accepted']);
});

test('--since moves the start of the "since" section; a bad date is a usage error', () => {
  const root = join(FIXTURE, 'workspace');
  const since = JSON.parse(run(['report', '--no-cache', '--format', 'json', '--since', '2026-11-23'], root).stdout).since;
  assert.equal(since.date, '2026-11-23');
  assert.deepEqual(since.accepted.map((item: { file: string }) => item.file), ['.agent/cache/runbooks/payments/PAY-6-runbook.md', '.agent/cache/runbooks/payments/PAY-8-runbook.md']);
  const today = JSON.parse(run(['report', '--no-cache', '--format', 'json', '--since', '2026-11-25'], root).stdout).since;
  assert.deepEqual([today.opened.length, today.resolved.length, today.actionsClosed.length, today.accepted.length], [0, 0, 0, 0]);
  for (const bad of ['2026-02-30', 'yesterday', '2026-11-26']) {
    const result = run(['report', '--no-cache', '--since', bad], root);
    assert.equal(result.code, 2, bad);
    assert.equal(result.stderr.trim().split('\n').length, 1);
    assert.match(result.stderr, /--since/);
  }
});

test('links are relative to the report: --out in a folder, or the current folder on stdout', () => {
  const root = copy();
  const out = run(['report', '--out', 'reports/daily.md'], root);
  assert.equal(out.code, 0, out.stderr);
  assert.equal(out.stdout, 'wrote the report to reports/daily.md\n');
  const text = readFileSync(join(root, 'reports/daily.md'), 'utf8');
  assert.match(text, /\[DOCS\/incidents\/2026-11-24-queue-stall-rca\.md:9\]\(\.\.\/DOCS\/incidents\/2026-11-24-queue-stall-rca\.md#L9\)/);
  const fromDocs = run(['report'], join(root, 'docs'));
  assert.match(fromDocs.stdout, /\]\(post-mortems\/2026-11-20-db-failover\.md#L19\)/);
  assert.match(fromDocs.stdout, /\]\(\.\.\/DOCS\/incidents\/2026-11-24-queue-stall-rca\.md#L9\)/);
});

test('--out replaces an earlier report and says so, and refuses a file that is not a report or is outside', () => {
  const root = copy();
  assert.equal(run(['report', '--out', 'daily.md'], root, { RUNBOOK_NOW: '2026-11-24T09:00' }).code, 0);
  const again = run(['report', '--out', 'daily.md'], root);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(again.stdout, 'replaced the report of 2026-11-24T09:00 in daily.md\n');
  assert.match(readFileSync(join(root, 'daily.md'), 'utf8'), /2026-11-25T14:00/);
  assert.equal(run(['report', '--out', 'daily.md'], root).stdout, 'daily.md already holds this report; nothing to change\n');

  assert.equal(run(['report', '--format', 'json', '--out', 'daily.json'], root).code, 0);
  const json = run(['report', '--format', 'json', '--out', 'daily.json', '--since', '2026-11-20'], root);
  assert.equal(json.stdout, 'replaced the report of 2026-11-25T14:00 in daily.json\n');

  writeFileSync(join(root, 'notes.md'), '# My notes\n');
  const refused = run(['report', '--out', 'notes.md'], root);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /^runbook: notes\.md exists and is not a report written by runbook report; nothing was written/);
  assert.equal(readFileSync(join(root, 'notes.md'), 'utf8'), '# My notes\n');
  writeFileSync(join(root, 'other.json'), '{"openIncidents": []}');
  assert.equal(run(['report', '--format', 'json', '--out', 'other.json'], root).code, 1);

  const outside = run(['report', '--out', '../outside-report.md'], root);
  assert.equal(outside.code, 1);
  assert.match(outside.stderr, /outside the workspace/);
  assert.equal(existsSync(join(root, '../outside-report.md')), false);
});

test('LANG=fr writes the report in French', () => {
  const result = run(['report', '--no-cache'], join(FIXTURE, 'workspace'), { LANG: 'fr_FR.UTF-8', LC_ALL: '' });
  assert.match(result.stdout, /^# Rapport Runbook Kit — 2026-11-25 14:00$/m);
  assert.match(result.stdout, /^## Incidents ouverts \(2\)$/m);
  assert.match(result.stdout, /^## Escalades \(5\)$/m);
});
