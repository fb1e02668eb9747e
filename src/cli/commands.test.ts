/**
 * The incident, report, hand-off and audit commands run in-process (so their coverage is measured): what each prints,
 * what it writes, and its exit code on bad input (1 domain, 2 usage). test/cli holds the same flows through the
 * built bundle; main.test.ts the listing, approval and check commands.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInProcess as runbook } from '../../test/cli-in-process';
import { tempWorkspace as workspace } from '../../test/temp-workspace';

const NOW = { RUNBOOK_NOW: '2026-11-23T10:00' };
const RCA = 'DOCS/incidents/2026-11-23-disk-full-rca.md';

/** A workspace with a new SEV2 RCA "Disk full", created by `runbook new` at 2026-11-23 10:00. */
async function withIncident(): Promise<string> {
  const root = workspace();
  const created = await runbook(root, ['new', 'rca', '--title', 'Disk full', '--sev', 'SEV2'], NOW);
  assert.deepEqual(created, { code: 0, stdout: `${RCA}\n`, stderr: '' });
  return root;
}

test('incident life in-process: timeline, mitigate (with a note), comms, resolve, reopen; each line printed and recorded', async () => {
  const root = await withIncident();
  const text = (): string => readFileSync(join(root, RCA), 'utf8');
  assert.deepEqual(await runbook(root, ['timeline', RCA, 'paged the on-call', '--at', '09:30'], NOW), { code: 0, stdout: `${RCA}: timeline entry at 2026-11-23 09:30\n`, stderr: '' });
  assert.match(text(), /^- 09:30 paged the on-call$/m);
  assert.equal((await runbook(root, ['mitigate', RCA, '--at', '09:45', '--note', 'failover'], NOW)).stdout, `${RCA}: mitigated at 2026-11-23 09:45\n`);
  assert.match(text(), /^- 09:45 mitigation — failover$/m);
  const comms = await runbook(root, ['comms', RCA], NOW);
  assert.equal(comms.code, 0);
  assert.match(comms.stdout, /^\[SEV2\] Disk full - /);
  assert.match(comms.stdout, /^Started: 2026-11-23 09:30$/m);
  assert.match((await runbook(root, ['comms', RCA, '--lang', 'fr'], NOW)).stdout, /^Début : 2026-11-23 09:30$/m);
  assert.equal((await runbook(root, ['resolve', RCA, '--at', '10:00'], NOW)).stdout, `${RCA}: resolved at 2026-11-23 10:00\n`);
  assert.match((await runbook(root, ['incidents', '--json'], NOW)).stdout, /"status": "resolved"/);
  assert.equal((await runbook(root, ['reopen', RCA, '--at', '10:00', '--note', 'again'], NOW)).stdout, `${RCA}: reopened at 2026-11-23 10:00\n`);
  assert.match((await runbook(root, ['incidents', '--open'], NOW)).stdout, /^SEV2 {2}open {2}2026-11-23 {2}Disk full /);
});

test('incident commands refuse bad input with one line: a bad time (2), not an incident (1), an empty entry (2), --by on an incident (2)', async () => {
  const root = await withIncident();
  const before = readFileSync(join(root, RCA), 'utf8');
  assert.deepEqual(await runbook(root, ['timeline', RCA, 'x', '--at', '25:00'], NOW), {
    code: 2,
    stdout: '',
    stderr: 'runbook: a time is HH:MM (today) or YYYY-MM-DD HH:MM, found "25:00"\n',
  });
  const notIncident = await runbook(root, ['mitigate', '.runbook/config.json'], NOW);
  assert.equal(notIncident.code, 1);
  assert.match(notIncident.stderr, /^runbook: \.runbook\/config\.json is not an incident /);
  assert.equal((await runbook(root, ['timeline', RCA, '   '], NOW)).code, 2);
  assert.equal((await runbook(root, ['reopen', RCA, '--by', 'Ana'], NOW)).code, 2);
  assert.equal((await runbook(root, ['comms', RCA, '--lang', 'de'], NOW)).code, 2);
  assert.equal(readFileSync(join(root, RCA), 'utf8'), before, 'nothing written by a refused command');
});

test('report in-process: markdown to stdout, JSON sections, --out written then left alone, another file and an outside path refused', async () => {
  const root = await withIncident();
  const markdown = await runbook(root, ['report'], NOW);
  assert.equal(markdown.code, 0);
  assert.match(markdown.stdout, /^<!-- runbook-kit report 2026-11-23T10:00/);
  assert.match(markdown.stdout, /\*\*Disk full\*\*/);
  const json = JSON.parse((await runbook(root, ['report', '--format', 'json'], NOW)).stdout) as Record<string, unknown>;
  assert.deepEqual(Object.keys(json), ['generatedAt', 'openIncidents', 'overdueActions', 'waitingRunbooks', 'escalations', 'since']);
  assert.deepEqual(await runbook(root, ['report', '--out', 'reports/daily.md'], NOW), { code: 0, stdout: 'wrote the report to reports/daily.md\n', stderr: '' });
  assert.equal((await runbook(root, ['report', '--out', 'reports/daily.md'], NOW)).stdout, 'reports/daily.md already holds this report; nothing to change\n');
  writeFileSync(join(root, 'notes.md'), 'mine\n');
  const refused = await runbook(root, ['report', '--out', 'notes.md'], NOW);
  assert.equal(refused.code, 1);
  assert.equal(readFileSync(join(root, 'notes.md'), 'utf8'), 'mine\n');
  const outside = await runbook(root, ['report', '--out', '../outside-report.md'], NOW);
  assert.equal(outside.code, 1);
  assert.equal(existsSync(join(root, '../outside-report.md')), false);
  assert.equal((await runbook(root, ['report', '--since', '2026-13-01'], NOW)).code, 2);
  assert.equal((await runbook(root, ['report', '--format', 'html'], NOW)).code, 2);
});

test('handoffs and decide in-process: listed open with urgency and age, decided once, then refused', async () => {
  const root = workspace();
  const file = (await runbook(root, ['new', 'handoff', '--title', 'Budget cap', '--field', 'urgency=P1'], NOW)).stdout.trim();
  assert.equal(file, 'docs/handoffs/2026-11-23-budget-cap-handoff.md');
  assert.equal((await runbook(root, ['handoffs'], { RUNBOOK_NOW: '2026-11-25T10:00' })).stdout, `P1  OPEN  2d old  Budget cap  ${file}:8\n`);
  const listed = JSON.parse((await runbook(root, ['handoffs', '--json', '--open'], NOW)).stdout) as Array<Record<string, unknown>>;
  assert.deepEqual(listed.map((row) => [row.urgency, row.ageDays, row.open]), [['P1', 0, true]]);
  assert.deepEqual(await runbook(root, ['decide', file, '--decision', 'Raise it.', '--by', 'Ana'], NOW), { code: 0, stdout: `${file}: decided by Ana on 2026-11-23\n`, stderr: '' });
  assert.equal((await runbook(root, ['handoffs', '--open'], NOW)).stdout, 'no hand-offs\n');
  assert.match((await runbook(root, ['handoffs'], NOW)).stdout, /^P1 {2}decided +by Ana on 2026-11-23/);
  const again = await runbook(root, ['decide', file, '--decision', 'No.', '--by', 'Bo'], NOW);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /is already decided by Ana on 2026-11-23/);
  assert.equal((await runbook(root, ['decide', file], NOW)).code, 2, '--decision is required');
});

test('status and history in-process: a runbook\'s approvals and its recorded transitions, in text and JSON; an incident is not a runbook (1)', async () => {
  const root = workspace({ '.agent/cache/stories/OPS-1.md': '---\nid: OPS-1\ntitle: Rotate keys\n---\n# Rotate keys\n' });
  const file = (await runbook(root, ['new', 'runbook', 'OPS-1'], NOW)).stdout.trim().split('\n')[0];
  assert.equal(file, '.agent/cache/runbooks/general/OPS-1-runbook.md');
  assert.equal((await runbook(root, ['approve', file, 'QA', '--by', 'Ana'], NOW)).code, 0);
  // status is a gate for CI: exit 1 until the runbook could be accepted.
  assert.deepEqual(await runbook(root, ['status', file], NOW), {
    code: 1,
    stdout: `PROPOSED  1/6 approved  missing @Security, @Architect, @Docs, @Compliance, @Observability  ${file}\n`,
    stderr: '',
  });
  const json = JSON.parse((await runbook(root, ['status', file, '--json'], NOW)).stdout) as Record<string, unknown>;
  assert.deepEqual([json.status, json.passes, json.approved], ['PROPOSED', false, ['QA']]);
  assert.match((await runbook(root, ['history', file], NOW)).stdout, /^2026-11-23 10:00 @QA approved by Ana \([0-9a-f]{7}\)\n$/);
  const history = JSON.parse((await runbook(root, ['history', file, '--json'], NOW)).stdout) as Array<Record<string, unknown>>;
  assert.deepEqual(history.map((entry) => [entry.event, entry.role, entry.by]), [['approved', 'QA', 'Ana']]);
  const incident = await runbook(await withIncident(), ['status', RCA], NOW);
  assert.equal(incident.code, 1);
  assert.match(incident.stderr, /is not a runbook/);
});

test('templates and completion in-process: the names, JSON, and a script per shell; an unknown shell is a usage error', async () => {
  const root = workspace();
  const names = (await runbook(root, ['templates', '--names'])).stdout.split('\n');
  for (const name of ['runbook', 'rca', 'postmortem', 'handoff']) assert.ok(names.includes(name), name);
  const listed = JSON.parse((await runbook(root, ['templates', '--json'])).stdout) as Array<{ name: string }>;
  assert.deepEqual(listed.map((template) => template.name).sort(), names.filter(Boolean).sort());
  assert.match((await runbook(root, ['completion', 'bash'])).stdout, /^_runbook\(\) \{$/m);
  assert.match((await runbook(root, ['completion', 'zsh'])).stdout, /^#compdef runbook$/m);
  assert.match((await runbook(root, ['completion', 'fish'])).stdout, /^complete -c runbook /m);
  const unknown = await runbook(root, ['completion', 'tcsh']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Allowed choices are bash, zsh, fish; see "runbook completion --help"\n$/);
});
