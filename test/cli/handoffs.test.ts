/** `runbook handoffs` and `runbook decide` of the built CLI. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '../../dist/cli.js');
const FIXTURE = join(__dirname, '../fixtures/report/workspace');
const BUDGET = 'docs/handoffs/2026-11-23-budget-cap-handoff.md';

function run(args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, RUNBOOK_NOW: '2026-11-25T14:00', LANG: 'C', LC_ALL: 'C', RUNBOOK_APPROVER: '', ...env } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function copy(): string {
  const root = mkdtempSync(join(tmpdir(), 'runbook-handoffs-'));
  cpSync(FIXTURE, root, { recursive: true });
  return root;
}

test('handoffs lists open ones first by urgency with their age, decided ones with who and when', () => {
  const result = run(['handoffs', '--no-cache'], FIXTURE);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(
    result.stdout,
    [
      'P0  OPEN     1d old                     Page the DBA vendor        docs/handoffs/2026-11-24-page-dba-handoff.md:8',
      `P1  OPEN     2d old                     Budget cap reached   @cfo  ${BUDGET}:9`,
      'P2  decided  by Dana Roy on 2026-11-24  Vendor switch              docs/handoffs/2026-11-20-vendor-switch-handoff.md:8',
      '',
    ].join('\n'),
  );
  const open = JSON.parse(run(['handoffs', '--open', '--json', '--no-cache'], FIXTURE).stdout) as Array<Record<string, unknown>>;
  assert.deepEqual(open.map((row) => [row.urgency, row.ageDays, row.open]), [['P0', 1, true], ['P1', 2, true]]);
  assert.deepEqual(Object.keys(open[0]), ['file', 'line', 'title', 'urgency', 'date', 'ageDays', 'to', 'open', 'decision', 'decidedBy', 'decidedOn']);
});

test('decide fills the Decision section once; then the hand-off is decided everywhere', () => {
  const root = copy();
  const decided = run(['decide', BUDGET, '--decision', 'Raise the cap by 20%.', '--by', 'Chen Li'], root);
  assert.equal(decided.code, 0, decided.stderr);
  assert.equal(decided.stdout, `${BUDGET}: decided by Chen Li on 2026-11-25\n`);
  assert.match(readFileSync(join(root, BUDGET), 'utf8'), /^status: decided$[^]*## Decision\nRaise the cap by 20%\.\n\nDecided by Chen Li on 2026-11-25\n$/m);
  const open = JSON.parse(run(['handoffs', '--open', '--json'], root).stdout) as Array<{ file: string }>;
  assert.deepEqual(open.map((row) => row.file), ['docs/handoffs/2026-11-24-page-dba-handoff.md']);
  const escalations = (JSON.parse(run(['report', '--format', 'json'], root).stdout) as { escalations: Array<{ kind: string; file: string }> }).escalations;
  assert.deepEqual(escalations.filter((item) => item.kind === 'handoff').map((item) => item.file), ['docs/handoffs/2026-11-24-page-dba-handoff.md']);

  const again = run(['decide', BUDGET, '--decision', 'No.'], root);
  assert.equal(again.code, 1);
  assert.equal(again.stderr, `runbook: ${BUDGET} is already decided by Chen Li on 2026-11-25; edit its Decision section to change it\n`);
  const notHandoff = run(['decide', 'DOCS/incidents/2026-11-24-queue-stall-rca.md', '--decision', 'x'], root);
  assert.equal(notHandoff.code, 1);
  assert.match(notHandoff.stderr, /is not a hand-off/);
  assert.equal(run(['decide', BUDGET], root).code, 2, '--decision is required');
});

test('decide records the name from RUNBOOK_APPROVER when --by is not given', () => {
  const root = copy();
  const decided = run(['decide', 'docs/handoffs/2026-11-24-page-dba-handoff.md', '--decision', 'Page them.'], root, { RUNBOOK_APPROVER: 'Dana Roy' });
  assert.equal(decided.code, 0, decided.stderr);
  assert.match(readFileSync(join(root, 'docs/handoffs/2026-11-24-page-dba-handoff.md'), 'utf8'), /\n\n## Decision\nPage them\.\n\nDecided by Dana Roy on 2026-11-25\n$/);
});
