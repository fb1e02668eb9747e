/**
 * The incident commands of the built CLI (dist/cli.js): mitigate, resolve, reopen, timeline, comms, the times in
 * `incidents --json`, the two response rules in `runbook check`, and `RUNBOOK_NOW` with a time of day.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempWorkspace as workspace } from '../temp-workspace';

const CLI = join(__dirname, '../../dist/cli.js');
if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');

function run(args: string[], cwd: string, now = '2026-11-12T16:30', env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, RUNBOOK_NOW: now, RUNBOOK_CACHE_DIR: join(cwd, '.cache-test'), LANG: 'C', LC_ALL: 'C', ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}


const oneLine = (text: string): void => assert.equal(text.trim().split('\n').length, 1, `expected one line, got:\n${text}`);

const PM = 'docs/post-mortems/2026-11-12-panne-reseau.md';
const POSTMORTEM = [
  '---',
  'kind: postmortem',
  'severity: SEV1',
  'date: 2026-11-12',
  'status: open',
  '---',
  '# Post-mortem : Panne réseau',
  '',
  '## Timeline (heures locales)',
  '- 14:02 détection (UptimeRobot)',
  '- 14:10 triage, SEV1 confirmée',
  '',
  '## Impact',
  '- Users impactés : 240',
  '',
  '## Root cause',
  'Le switch principal a redémarré. Hors fenêtre.',
  '',
].join('\n');

const RCA = 'DOCS/incidents/2026-11-20-queue-backlog-rca.md';
const RCA_TEXT = '# RCA: Queue backlog\n\nDate: 2026-11-20\nSeverity: SEV-2\nStatus: open\n\n## Root cause(s)\nA poison message.\n';

test('mitigate, resolve, reopen: status and timeline entry written, one line on stdout, the times in incidents --json', () => {
  const root = workspace({ [PM]: POSTMORTEM });
  const mitigated = run(['mitigate', PM, '--note', 'redémarrage du switch'], root, '2026-11-12T14:35');
  assert.equal(mitigated.code, 0, mitigated.stderr);
  assert.equal(mitigated.stdout, `${PM}: mitigated at 2026-11-12 14:35\n`);
  const resolved = run(['resolve', PM, '--at', '15:30'], root);
  assert.equal(resolved.code, 0, resolved.stderr);
  assert.equal(resolved.stdout, `${PM}: resolved at 2026-11-12 15:30\n`);
  assert.equal(
    readFileSync(join(root, PM), 'utf8'),
    POSTMORTEM.replace('status: open', 'status: resolved').replace(
      '- 14:10 triage, SEV1 confirmée\n',
      '- 14:10 triage, SEV1 confirmée\n- 14:35 mitigation — redémarrage du switch\n- 15:30 service rétabli\n',
    ),
  );
  const [row] = JSON.parse(run(['incidents', '--json'], root).stdout) as Array<Record<string, unknown>>;
  assert.deepEqual(row, {
    file: PM,
    line: 7,
    title: 'Panne réseau',
    severity: 'SEV1',
    status: 'resolved',
    openActions: 0,
    date: '2026-11-12',
    kind: 'postmortem',
    detectedAt: '2026-11-12T14:02',
    respondedAt: '2026-11-12T14:10',
    mitigatedAt: '2026-11-12T14:35',
    resolvedAt: '2026-11-12T15:30',
    downtimeMinutes: 88,
    responseDueAt: '2026-11-12T14:17',
    responseOverdue: false,
  });
  assert.deepEqual(JSON.parse(run(['incidents', '--open', '--json'], root).stdout), [], 'a resolved incident is not open');
  const reopened = run(['reopen', PM], root, '2026-11-12T17:00');
  assert.equal(reopened.code, 0, reopened.stderr);
  assert.match(readFileSync(join(root, PM), 'utf8'), /^status: open$[\s\S]*^- 17:00 réouvert$/m);
  const again = JSON.parse(run(['incidents', '--open', '--json'], root).stdout) as Array<{ resolvedAt: string | null; downtimeMinutes: number | null }>;
  assert.deepEqual([again[0].resolvedAt, again[0].downtimeMinutes], [null, null], 'reopened: no restoration since');
});

test('refused with one line and the file untouched: resolving twice, a time before detection, not an incident, bad times', () => {
  const resolvedText = POSTMORTEM.replace('status: open', 'status: resolved');
  const root = workspace({ [PM]: resolvedText, 'notes/meeting.md': '# Weekly meeting\n', [RCA]: RCA_TEXT.replace('\n\n## Root', '\n\n## Timeline\n- 09:12 alert fired\n\n## Root') });
  const cases: Array<[string[], number, RegExp]> = [
    [['resolve', PM], 1, /^runbook: the incident in docs\/post-mortems\/2026-11-12-panne-reseau\.md is already resolved\n$/],
    [['mitigate', PM], 1, /is resolved; reopen it first/],
    [['resolve', RCA, '--at', '2026-11-20 09:00'], 1, /2026-11-20 09:00 is before the detection of the incident in DOCS\/incidents\/2026-11-20-queue-backlog-rca\.md \(2026-11-20 09:12\)/],
    [['timeline', RCA, 'triage', '--at', '2026-11-20 08:59'], 1, /before the detection/],
    [['mitigate', 'notes/meeting.md'], 1, /notes\/meeting\.md is not an incident/],
    [['timeline', 'notes/meeting.md', 'x'], 1, /is not an incident/],
    [['comms', 'notes/meeting.md'], 1, /is not an incident/],
    [['resolve', RCA, '--at', 'noon'], 2, /a time is HH:MM \(today\) or YYYY-MM-DD HH:MM, found "noon"/],
    [['timeline', RCA, '   '], 2, /no text/],
    [['reopen', RCA], 1, /already open/],
    [['resolve', 'missing.md'], 1, /missing\.md/],
  ];
  for (const [args, code, pattern] of cases) {
    const result = run(args, root);
    assert.equal(result.code, code, `${args.join(' ')}: ${result.stderr}`);
    oneLine(result.stderr);
    assert.match(result.stderr, pattern, args.join(' '));
    assert.equal(result.stdout, '', args.join(' '));
  }
  assert.equal(readFileSync(join(root, PM), 'utf8'), resolvedText);
  // Commander's own usage errors (exit 2) are one line too, ending with where to read the usage.
  const missingText = run(['timeline', RCA], root);
  assert.equal(missingText.code, 2, 'the text is required');
  oneLine(missingText.stderr);
  assert.match(missingText.stderr, /missing required argument 'text'; see "runbook timeline --help"\n$/);
  const language = run(['comms', RCA, '--lang', 'de'], root);
  assert.equal(language.code, 2);
  oneLine(language.stderr);
  assert.equal(language.stderr, 'runbook: option \'--lang <lang>\' argument \'de\' is invalid. Allowed choices are en, fr (in any case); see "runbook comms --help"\n');
  assert.equal(run(['comms', RCA, '--lang', 'FR'], root).code, 0, '--lang in any case, as --status');
});

test('timeline: in time order, a date on another day (past midnight), a new section after the title block', () => {
  const root = workspace({ [RCA]: RCA_TEXT });
  for (const [text, at] of [['alert: backlog above 10k', '2026-11-20 23:50'], ['triage', '23:58'], ['consumer restarted', '2026-11-21 00:20'], ['acknowledged', '2026-11-20 23:55']]) {
    const result = run(['timeline', RCA, text, '--at', at], root, '2026-11-20T23:59');
    assert.equal(result.code, 0, result.stderr);
  }
  assert.equal(
    readFileSync(join(root, RCA), 'utf8'),
    RCA_TEXT.replace(
      '## Root cause(s)',
      '## Timeline\n\n- 23:50 alert: backlog above 10k\n- 23:55 acknowledged\n- 23:58 triage\n- 2026-11-21 00:20 consumer restarted\n\n## Root cause(s)',
    ),
  );
  const now = run(['timeline', RCA, 'still draining'], root, '2026-11-21T00:45');
  assert.equal(now.stdout, `${RCA}: timeline entry at 2026-11-21 00:45\n`);
  assert.match(readFileSync(join(root, RCA), 'utf8'), /^- 2026-11-21 00:45 still draining$/m, 'default: now (RUNBOOK_NOW)');
});

test('comms: the update while open and once resolved, English and French, <unknown> for what is missing', () => {
  const root = workspace({ [PM]: POSTMORTEM }, { incidentChannel: '#ops' });
  const open = run(['comms', PM], root);
  assert.equal(open.code, 0, open.stderr);
  assert.equal(
    open.stdout,
    '[SEV1] Panne réseau - Service degraded\nSymptom: <unknown>\nStarted: 2026-11-12 14:02\nInvestigating: 14:10 triage, SEV1 confirmée\nETA: <unknown>\nChannel: #ops\n',
  );
  assert.match(run(['comms', PM, '--lang', 'fr'], root).stdout, /^\[SEV1\] Panne réseau - Service dégradé\nSymptôme : <unknown>\nDébut : 2026-11-12 14:02\n/);
  assert.match(run(['comms', PM], root, '2026-11-12T16:30', { LANG: 'fr_FR.UTF-8', LC_ALL: '' }).stdout, /Service dégradé/, 'LANG decides by default');
  assert.equal(run(['resolve', PM, '--at', '15:30'], root).code, 0);
  assert.equal(
    run(['comms', PM], root).stdout,
    '[SEV1 RESOLVED] Panne réseau - back online\nDuration down: 1h28m\nRoot cause: Le switch principal a redémarré.\nImpact: Users impactés: 240\nPost-mortem: docs/post-mortems/2026-11-12-panne-reseau.md\n',
  );
  // A control character in the document (a pasted terminal escape) is shown escaped, never sent to the terminal.
  const hostile = workspace({ [PM]: POSTMORTEM.replace('Panne réseau', 'Panne\u001b[2J réseau') });
  assert.match(run(['comms', PM], hostile).stdout, /^\[SEV1\] Panne\\u\{1B\}\[2J réseau - Service degraded\n/);
  const rca = workspace({ [RCA]: RCA_TEXT });
  assert.match(run(['comms', RCA, '--resolved'], rca).stdout, /^\[SEV2 RESOLVED\] Queue backlog - back online\nDuration down: <unknown>\nRoot cause: A poison message\.\nImpact: <unknown>\nRCA: DOCS\/incidents\/2026-11-20-queue-backlog-rca\.md\n$/);
});

test('check: incident-response-overdue and incident-update-overdue as warnings on the status line (exit 0)', () => {
  const text = POSTMORTEM.replace('- 14:10 triage, SEV1 confirmée\n', '');
  const root = workspace({ [PM]: text, [RCA]: RCA_TEXT.replace('\n\n## Root', '\n\n## Timeline\n- 2026-11-20 17:00 alert fired\n- 17:05 triage\n\n## Root') });
  const onTime = run(['check', '--format', 'json'], root, '2026-11-12T14:17');
  assert.deepEqual((JSON.parse(onTime.stdout) as Array<{ rule: string }>).map((f) => f.rule), [], '14:17 is within 15 minutes');
  const late = run(['check', '--format', 'json'], root, '2026-11-12T14:40');
  assert.equal(late.code, 0, 'warnings only');
  const findings = JSON.parse(late.stdout) as Array<{ rule: string; file: string; line: number; severity: string; message: string }>;
  assert.deepEqual(findings.map((f) => [f.rule, f.file, f.line, f.severity]), [
    ['incident-response-overdue', PM, 5, 'warning'],
    ['incident-update-overdue', PM, 5, 'warning'],
  ]);
  assert.match(findings[0].message, /^SEV1 first response overdue since 2026-11-12 14:17 \(15m after detection at 2026-11-12 14:02\)/);
  const github = run(['check', '--format', 'github'], root, '2026-11-12T14:40');
  assert.match(github.stdout, /^::warning file=docs\/post-mortems\/2026-11-12-panne-reseau\.md,line=5,title=incident-response-overdue::SEV1 first response overdue/m);
  // The SEV2 RCA (Friday 17:00, answered 17:05) is fine; its update is due every 30 minutes while it runs.
  const monday = JSON.parse(run(['check', '--format', 'json'], root, '2026-11-23T10:00').stdout) as Array<{ rule: string; file: string; line: number }>;
  assert.deepEqual(monday.filter((f) => f.file === RCA).map((f) => [f.rule, f.line]), [['incident-update-overdue', 5]]);
  // The listing's columns line up as the other listings' do; the overdue response is the last column.
  assert.equal(
    run(['incidents'], root, '2026-11-12T14:40').stdout,
    `SEV1  open  2026-11-12  Panne réseau   0 open actions  ${PM}:7    RESPONSE OVERDUE\n` +
      `SEV2  open  2026-11-20  Queue backlog  0 open actions  ${RCA}:1\n`,
  );
  const coloured = run(['incidents', '--color'], root, '2026-11-12T14:40').stdout;
  assert.match(coloured, /\u001b\[31mRESPONSE OVERDUE\u001b\[39m\n/, 'in the error colour on a terminal');
});

test('RUNBOOK_NOW: YYYY-MM-DD is noon today, YYYY-MM-DDTHH:MM pins the minute, anything else exits 2', () => {
  const root = workspace({ [RCA]: RCA_TEXT });
  assert.equal(run(['timeline', RCA, 'alert'], root, '2026-11-20').stdout, `${RCA}: timeline entry at 2026-11-20 12:00\n`);
  assert.equal(run(['timeline', RCA, 'triage'], root, '2026-11-20T12:07').stdout, `${RCA}: timeline entry at 2026-11-20 12:07\n`);
  for (const bad of ['tomorrow', '2026-02-30', '2026-11-20T25:00', '2026-11-20 12:00']) {
    const result = run(['incidents'], root, bad);
    assert.equal(result.code, 2, bad);
    assert.match(result.stderr, /RUNBOOK_NOW=".*" is not YYYY-MM-DD or YYYY-MM-DDTHH:MM/);
  }
});

test('new rca --sev P0 is written as the template writes SEV1', () => {
  const root = workspace({});
  const created = run(['new', 'rca', '--title', 'Disk full', '--sev', 'P0', '--date', '2026-11-20'], root);
  assert.equal(created.code, 0, created.stderr);
  assert.match(readFileSync(join(root, created.stdout.trim()), 'utf8'), /^severity: SEV-1$/m);
});

test('reopen is one verb: an incident goes back to open, a runbook keeps the approvals\' reopen; options of the other kind are refused', () => {
  const runbook = '# PAY-1: Refunds\n\nStatus: ACCEPTED — accepted by Ada on 2026-11-20\n\n## Compliance Checklist\n- [x] @Security approved? — approved by Ada on 2026-11-20\n';
  const root = workspace({ [PM]: POSTMORTEM.replace('status: open', 'status: resolved'), 'rb.md': runbook });
  const onRunbook = run(['reopen', 'rb.md', '--at', '10:00'], root);
  assert.equal(onRunbook.code, 2);
  assert.match(onRunbook.stderr, /--at and --note apply to incidents; rb\.md is not an RCA or a post-mortem/);
  const onIncident = run(['reopen', PM, '--by', 'Ada'], root);
  assert.equal(onIncident.code, 2);
  assert.match(onIncident.stderr, /--by applies to runbooks/);
  assert.equal(run(['reopen', PM, '--note', 'errors are back'], root).code, 0);
  assert.match(readFileSync(join(root, PM), 'utf8'), /^status: open$[\s\S]*^- 16:30 réouvert — errors are back$/m);
  const runbookReopen = run(['reopen', 'rb.md', '--by', 'Bob'], root);
  assert.equal(runbookReopen.code, 0, runbookReopen.stderr);
  assert.match(readFileSync(join(root, 'rb.md'), 'utf8'), /^Status: PROPOSED — reopened by Bob on 2026-11-12$/m);
});
