/** The activity feed (`activityFile`) through the built CLI: a line when an RCA is created and when it is resolved. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(__dirname, '../../dist/cli.js');

function run(args: string[], cwd: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, RUNBOOK_NOW: '2026-11-02T10:30', LANG: 'C', LC_ALL: 'C' } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function workspace(status: string | null): string {
  const root = mkdtempSync(join(tmpdir(), 'runbook-activity-'));
  mkdirSync(join(root, '.runbook'));
  writeFileSync(join(root, '.runbook/config.json'), JSON.stringify({ activityFile: 'fleet-status.md' }));
  if (status !== null) writeFileSync(join(root, 'fleet-status.md'), status);
  return root;
}

const RCA = 'DOCS/incidents/2026-11-02-gateway-auth-outage-rca.md';

test('new rca and resolve each put a line at the top of Recent Activity, CRLF kept', () => {
  const status = '# Fleet status\r\n\r\n## Recent Activity\r\n- [docs] older entry\r\n\r\n## Agents\r\n- a1\r\n';
  const root = workspace(status);
  const created = run(['new', 'rca', '--title', 'Gateway auth outage', '--sev', '2', '--field', 'summary=6/10 agents failed after a deploy.'], root);
  assert.equal(created.code, 0, created.stderr);
  assert.equal(created.stdout, `${RCA}\nupdated fleet-status.md\n`);
  const opened = '- [system] **INCIDENT — SEV-2 Gateway auth outage (2026-11-02).** 6/10 agents failed after a deploy. Full RCA: `DOCS/incidents/2026-11-02-gateway-auth-outage-rca.md`';
  assert.equal(readFileSync(join(root, 'fleet-status.md'), 'utf8'), status.replace('- [docs] older entry', `${opened}\r\n- [docs] older entry`));

  const resolved = run(['resolve', RCA, '--at', '10:20'], root);
  assert.equal(resolved.code, 0, resolved.stderr);
  assert.equal(resolved.stdout, `${RCA}: resolved at 2026-11-02 10:20\nupdated fleet-status.md\n`);
  const closed = '- [system] **INCIDENT — SEV-2 Gateway auth outage (2026-11-02).** Resolved at 2026-11-02 10:20. Full RCA: `DOCS/incidents/2026-11-02-gateway-auth-outage-rca.md`';
  assert.equal(readFileSync(join(root, 'fleet-status.md'), 'utf8'), status.replace('- [docs] older entry', `${closed}\r\n${opened}\r\n- [docs] older entry`));
  // Mitigating is not an activity.
  assert.equal(run(['reopen', RCA], root).code, 0);
  const before = readFileSync(join(root, 'fleet-status.md'), 'utf8');
  assert.equal(run(['mitigate', RCA], root).code, 0);
  assert.equal(readFileSync(join(root, 'fleet-status.md'), 'utf8'), before);
});

test('a status file without the section: the RCA is still created and resolved, and the message says the feed was not updated', () => {
  const root = workspace('# Fleet status\n');
  const created = run(['new', 'rca', '--title', 'Gateway auth outage', '--sev', '2'], root);
  assert.equal(created.code, 1);
  assert.equal(created.stderr, `runbook: ${RCA} was created, but the activity feed was not updated: fleet-status.md has no "Recent Activity" section to add the incident to\n`);
  assert.ok(existsSync(join(root, RCA)));
  const resolved = run(['resolve', RCA], root);
  assert.equal(resolved.code, 1);
  assert.match(resolved.stderr, /was resolved, but the activity feed was not updated/);
  assert.match(readFileSync(join(root, RCA), 'utf8'), /^status: resolved$/m);
  assert.equal(readFileSync(join(root, 'fleet-status.md'), 'utf8'), '# Fleet status\n');
});
