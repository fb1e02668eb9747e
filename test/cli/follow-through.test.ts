/**
 * The follow-through rules through the built CLI: `incident-recurrence` and `postmortem-overdue` in `runbook check`
 * (a hit and a near miss each), an RCA and its post-mortem as one incident in `runbook incidents`, and `service` asked
 * by the RCA template.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempWorkspace as workspace } from '../temp-workspace';

const CLI = join(__dirname, '../../dist/cli.js');

function run(args: string[], cwd: string, now: string) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, RUNBOOK_NOW: now, LANG: 'C', LC_ALL: 'C' } });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}


const rca = (date: string, title: string, extra = '') =>
  `---\nkind: rca\ntitle: ${title}\ndate: ${date}\nseverity: SEV-2\nstatus: resolved\n${extra}---\n# RCA: ${title}\n\n## Timeline\n- 09:00 detection\n- 09:10 triage\n- 10:00 service restored\n`;

function rules(root: string, now: string): Array<{ rule: string; file: string; message: string }> {
  const result = run(['check', '--no-cache', '--format', 'json'], root, now);
  return (JSON.parse(result.stdout) as Array<{ rule: string; file: string; message: string }>).filter((finding) => finding.rule === 'incident-recurrence' || finding.rule === 'postmortem-overdue');
}

test('check: incident-recurrence on the third incident of a service within 30 days, not with 31 days between', () => {
  const files = {
    'DOCS/incidents/2026-11-01-a-rca.md': rca('2026-11-01', 'A', 'service: queue\n'),
    'DOCS/incidents/2026-11-10-b-rca.md': rca('2026-11-10', 'B', 'service: queue\n'),
    'DOCS/incidents/2026-11-20-c-rca.md': rca('2026-11-20', 'C', 'service: queue\n'),
  };
  const hit = rules(workspace(files, { postmortemSeverities: [] }), '2026-11-21').filter((finding) => finding.rule === 'incident-recurrence');
  assert.deepEqual(hit.map((finding) => finding.file), ['DOCS/incidents/2026-11-20-c-rca.md']);
  assert.match(hit[0].message, /2026-11-01-a-rca\.md \(2026-11-01\), DOCS\/incidents\/2026-11-10-b-rca\.md \(2026-11-10\)/);
  const miss = { ...files, 'DOCS/incidents/2026-11-01-a-rca.md': rca('2026-10-20', 'A', 'service: queue\n') };
  assert.deepEqual(rules(workspace(miss, { postmortemSeverities: [] }), '2026-11-21'), []);
});

test('check: postmortem-overdue 8 days after resolution with no post-mortem or an unfilled one, not on day 7 nor once filled', () => {
  const root = workspace({ 'DOCS/incidents/2026-11-01-queue-stall-rca.md': rca('2026-11-01', 'Queue stall') });
  assert.deepEqual(rules(root, '2026-11-08'), []);
  const [missing] = rules(root, '2026-11-09');
  assert.equal(missing.rule, 'postmortem-overdue');
  assert.equal(missing.file, 'DOCS/incidents/2026-11-01-queue-stall-rca.md');
  assert.match(missing.message, /has no post-mortem; it was due by 2026-11-08/);

  // The post-mortem from the template, with the service asked for: the same incident (same date, same title slug).
  const created = run(['new', 'postmortem', '--title', 'Queue stall', '--sev', 'SEV2', '--date', '2026-11-01', '--field', 'service=queue'], root, '2026-11-09');
  assert.equal(created.code, 0, created.stderr);
  const file = created.stdout.trim();
  assert.equal(file, 'docs/post-mortems/2026-11-01-queue-stall.md');
  assert.match(readFileSync(join(root, file), 'utf8'), /^service: queue$/m);
  const [unfilled] = rules(root, '2026-11-09');
  assert.equal(unfilled.file, file);
  assert.match(unfilled.message, /: its post-mortem still has no root cause, action items, lessons learned; it was due by 2026-11-08/);

  const rows = JSON.parse(run(['incidents', '--json', '--no-cache'], root, '2026-11-09').stdout) as Array<{ file: string }>;
  assert.deepEqual(rows.map((row) => row.file), ['DOCS/incidents/2026-11-01-queue-stall-rca.md'], 'the RCA and its post-mortem are one incident');

  const text = readFileSync(join(root, file), 'utf8')
    .replace(/(## Root cause\n)<!--[^]*?-->/, '$1A poison message.')
    .replace(/(## Action items\n)<!--[^]*?-->/, '$1- [ ] AI 1 : Add a DLQ (owner @sara, due 2026-12-01)')
    .replace(/(## Lessons learned\n)<!--[^]*?-->/, '$1Alert on lag.');
  writeFileSync(join(root, file), text);
  assert.deepEqual(rules(root, '2026-11-09'), []);
});
