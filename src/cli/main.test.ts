/**
 * The CLI in-process: `main(argv)` with its output captured, so argument parsing, output formats and exit codes are
 * measured by coverage (test/cli/cli.test.ts runs the built bundle as a user would).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { version } from '../../package.json';
import { runInProcess as runbook } from '../../test/cli-in-process';
import { tempWorkspace as workspace } from '../../test/temp-workspace';

const oneLine = (text: string): void => assert.equal(text.trim().split('\n').length, 1, `expected one line, got:\n${text}`);
const ROLES = ['Security', 'Architect', 'QA', 'Docs', 'Compliance', 'Observability'];
const runbookText = (approved: readonly string[], status = 'PROPOSED'): string =>
  `# OPS-1: Rotate keys\n\nStatus: ${status}\n\n## Compliance Checklist\n${ROLES.map((role) => `- [${approved.includes(role) ? 'x' : ' '}] @${role} approved?`).join('\n')}\n`;
const POSTMORTEM = '# Post-mortem: Disk full\n\nSeverity: SEV2\n\n## Action items\n- [ ] late (owner @ana, due 2026-11-22)\n- [ ] today (owner @bob, due 2026-11-23)\n- [x] done (owner @ana)\n- [ ] nobody\n';

test('usage: --version, --help, an unknown command, a missing or bad argument, a bad choice', async () => {
  const root = workspace();
  const versionRun = await runbook(root, ['--version']);
  assert.deepEqual(versionRun, { code: 0, stdout: `${version}\n`, stderr: '' });
  const help = await runbook(root, ['--help']);
  assert.equal(help.code, 0);
  for (const command of ['new', 'approve', 'revoke', 'accept', 'done', 'actions', 'incidents', 'runbooks', 'check']) assert.match(help.stdout, new RegExp(`^  ${command}\\b`, 'm'));
  const unknown = await runbook(root, ['frobnicate']);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /unknown command 'frobnicate'/);
  assert.match(unknown.stderr, /see "runbook --help"/);
  oneLine(unknown.stderr);
  const missing = await runbook(root, ['approve', 'x.md']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /missing required argument 'role'/);
  const badNumber = await runbook(root, ['done', 'x.md', '0']);
  assert.deepEqual(badNumber, { code: 2, stdout: '', stderr: 'runbook: action number must be a positive whole number, got "0"\n' });
  const choice = await runbook(root, ['check', '--format', 'xml']);
  assert.equal(choice.code, 2);
  assert.match(choice.stderr, /Allowed choices are text, json, github/);
  const field = await runbook(root, ['new', 'rca', '--field', '=x']);
  assert.deepEqual(field, { code: 2, stdout: '', stderr: 'runbook: --field expects key=value, got "=x"\n' });
});

test('the environment: a bad RUNBOOK_NOW is a usage error; --cwd to a missing folder too', async () => {
  const root = workspace();
  assert.deepEqual(await runbook(root, ['actions'], { RUNBOOK_NOW: 'someday' }), {
    code: 2,
    stdout: '',
    stderr: 'runbook: RUNBOOK_NOW="someday" is not YYYY-MM-DD or YYYY-MM-DDTHH:MM\n',
  });
  const moved = await runbook(root, ['actions', '--cwd', join(root, 'nope')]);
  assert.equal(moved.code, 2);
  assert.equal(moved.stderr, `runbook: --cwd ${join(root, 'nope')}: no such folder\n`);
});

test('actions: text lines with index, box, owner, due and OVERDUE; JSON with the documented keys; filters', async () => {
  const root = workspace({ 'docs/post-mortems/2026-11-20-disk.md': POSTMORTEM });
  const text = await runbook(root, ['actions']);
  assert.equal(text.code, 0);
  assert.equal(
    text.stdout,
    [
      '[ ]  #1  2026-11-22  OVERDUE  @ana  late    docs/post-mortems/2026-11-20-disk.md:6',
      '[ ]  #2  2026-11-23           @bob  today   docs/post-mortems/2026-11-20-disk.md:7',
      '[x]  #3                       @ana  done    docs/post-mortems/2026-11-20-disk.md:8',
      '[ ]  #4                             nobody  docs/post-mortems/2026-11-20-disk.md:9',
      '',
    ].join('\n'),
  );
  const json = JSON.parse((await runbook(root, ['actions', '--json', '--open', '--owner', '@ANA'])).stdout) as unknown;
  assert.deepEqual(json, [
    { file: 'docs/post-mortems/2026-11-20-disk.md', line: 6, index: 1, text: 'late', owner: 'ana', due: '2026-11-22', done: false, cancelled: false, completed: null, priority: null },
  ]);
  const overdue = await runbook(root, ['actions', '--overdue']);
  assert.equal(overdue.stdout.trim().split('\n').length, 1);
  assert.deepEqual(await runbook(workspace(), ['actions']), { code: 0, stdout: 'no action items\n', stderr: '' });
  assert.equal((await runbook(workspace(), ['actions'], { LANG: 'fr_FR.UTF-8', LC_ALL: undefined })).stdout, 'aucune action\n');
  assert.equal((await runbook(workspace(), ['actions'], { LANG: undefined, LC_ALL: undefined, LC_MESSAGES: 'fr_CA' })).stdout, 'aucune action\n');
});

test('incidents: text and JSON, open filter, empty listing', async () => {
  const root = workspace({
    'docs/post-mortems/2026-11-20-disk.md': POSTMORTEM,
    'DOCS/incidents/2026-11-21-net-rca.md': '# RCA: Network\n\nSeverity: SEV1\nStatus: resolved\n',
  });
  const text = await runbook(root, ['incidents']);
  assert.equal(
    text.stdout,
    'SEV1  resolved  2026-11-21  Network    0 open actions  DOCS/incidents/2026-11-21-net-rca.md:1\n' +
      'SEV2  open      2026-11-20  Disk full  3 open actions  docs/post-mortems/2026-11-20-disk.md:1\n',
  );
  const open = JSON.parse((await runbook(root, ['incidents', '--open', '--json'])).stdout) as unknown;
  assert.deepEqual(open, [
    { file: 'docs/post-mortems/2026-11-20-disk.md', line: 1, title: 'Disk full', severity: 'SEV2', status: 'open', openActions: 3, date: '2026-11-20', kind: 'postmortem',
      detectedAt: null, respondedAt: null, mitigatedAt: null, resolvedAt: null, downtimeMinutes: null, responseDueAt: null, responseOverdue: false },
  ]);
  const unrated = workspace({ 'docs/post-mortems/x.md': '# Post-mortem: x\n' });
  assert.equal((await runbook(unrated, ['incidents'])).stdout, '-  resolved  -  x  0 open actions  docs/post-mortems/x.md:1\n');
  assert.equal((await runbook(workspace(), ['incidents'])).stdout, 'no incidents\n');
});

test('runbooks: approvals as n/6 with the missing roles; JSON; status filter; empty listing', async () => {
  const root = workspace({ 'rb/a.md': runbookText(['Security', 'QA']), 'rb/b.md': runbookText(ROLES, 'ACCEPTED') });
  assert.equal(
    (await runbook(root, ['runbooks'])).stdout,
    'PROPOSED  2/6  OPS-1: Rotate keys  rb/a.md:3  missing @Architect, @Docs, @Compliance, @Observability\nACCEPTED  6/6  OPS-1: Rotate keys  rb/b.md:3\n',
  );
  const accepted = JSON.parse((await runbook(root, ['runbooks', '--status', 'accepted', '--json'])).stdout) as unknown;
  assert.deepEqual(accepted, [{ file: 'rb/b.md', line: 3, title: 'OPS-1: Rotate keys', status: 'ACCEPTED', approved: ROLES, missing: [], stale: [], unauthorized: [] }]);
  assert.equal((await runbook(workspace({ 'rb/a.md': runbookText([]) }), ['runbooks', '--status', 'accepted'])).stdout, 'no runbooks\n');
  const unknownStatus = await runbook(root, ['runbooks', '--status', 'draft']);
  assert.equal(unknownStatus.code, 2);
  oneLine(unknownStatus.stderr);
  const untitled = workspace({ 'rb/c.md': '---\nkind: runbook\nstatus: draft\n---\nno heading\n' });
  assert.equal((await runbook(untitled, ['runbooks'])).stdout, `DRAFT  0/6  -  rb/c.md:3  missing ${ROLES.map((role) => '@' + role).join(', ')}\n`);
});

test('check: exit 1 on errors, 0 on warnings only; text with a summary, JSON, GitHub annotations escaped', async () => {
  const root = workspace({ 'rb.md': runbookText(ROLES.slice(1), 'ACCEPTED'), 'docs/post-mortems/2026-11-20-disk.md': POSTMORTEM });
  const text = await runbook(root, ['check']);
  assert.equal(text.code, 1);
  assert.equal(
    text.stdout,
    [
      'docs/post-mortems/2026-11-20-disk.md:6  warning  action-overdue              action item overdue since 2026-11-22 (owner @ana): late',
      'docs/post-mortems/2026-11-20-disk.md:9  warning  action-no-owner             action item has no owner: nobody',
      'docs/post-mortems/2026-11-20-disk.md:9  warning  postmortem-action-no-due    post-mortem action item has no due date: nobody',
      'rb.md:3                                 error    accepted-missing-approvals  runbook is ACCEPTED but approvals are missing from @Security',
      '1 error, 3 warnings in 2 documents checked',
      '',
    ].join('\n'),
  );
  const json = JSON.parse((await runbook(root, ['check', '--format', 'json'])).stdout) as Array<Record<string, unknown>>;
  assert.deepEqual(json[3], {
    rule: 'accepted-missing-approvals',
    severity: 'error',
    message: 'runbook is ACCEPTED but approvals are missing from @Security',
    file: 'rb.md',
    line: 3,
    data: { missing: ['Security'] },
  });
  const github = await runbook(root, ['check', '--format', 'github']);
  assert.equal(github.code, 1);
  assert.equal(
    github.stdout.split('\n')[0],
    '::warning file=docs/post-mortems/2026-11-20-disk.md,line=6,title=action-overdue::action item overdue since 2026-11-22 (owner @ana): late',
  );
  assert.doesNotMatch(github.stdout, /documents checked/, 'no summary line in annotations');
  const escaped = workspace({ 'a,b:c.md': '---\nbad: [unclosed\n---\n# X\n' });
  assert.match((await runbook(escaped, ['check', '--format', 'github'])).stdout, /^::error file=a%2Cb%3Ac\.md,line=\d+,title=frontmatter-malformed::malformed frontmatter: /m);
  const warningsOnly = workspace({ 'docs/post-mortems/2026-11-20-disk.md': POSTMORTEM });
  assert.equal((await runbook(warningsOnly, ['check'])).code, 0);
  assert.deepEqual(await runbook(workspace(), ['check']), { code: 0, stdout: 'no problems found (0 documents checked)\n', stderr: '' });
});

test('edits: approve, revoke, accept and done print what changed, or why nothing did; refusals exit 1 in one line', async () => {
  const root = workspace({ 'rb.md': runbookText(ROLES.slice(1)), 'pm.md': POSTMORTEM });
  assert.deepEqual(await runbook(root, ['accept', 'rb.md', '--by', 'Zed']), {
    code: 1,
    stdout: '',
    stderr: 'runbook: rb.md cannot be accepted: missing approvals from @Security\n',
  });
  assert.deepEqual(await runbook(root, ['approve', 'rb.md', '@security', '--by', 'Zoé']), { code: 0, stdout: 'updated rb.md\n', stderr: '' });
  assert.deepEqual(await runbook(root, ['approve', 'rb.md', 'Security', '--by', 'Zoé']), {
    code: 0,
    stdout: 'nothing to change in rb.md: @Security is already approved by Zoé on 2026-11-23\n',
    stderr: '',
  });
  assert.deepEqual(await runbook(root, ['accept', 'rb.md', '--by', 'Zed']), { code: 0, stdout: 'updated rb.md\n', stderr: '' });
  assert.match(readFileSync(join(root, 'rb.md'), 'utf8'), /^Status: ACCEPTED — accepted by Zed on 2026-11-23$/m);
  const again = await runbook(root, ['accept', 'rb.md', '--by', 'Zed']);
  assert.equal(again.code, 1);
  oneLine(again.stderr);
  const refusedRevoke = await runbook(root, ['revoke', 'rb.md', 'QA']);
  assert.equal(refusedRevoke.code, 1, 'an ACCEPTED runbook is only revoked with --reopen');
  oneLine(refusedRevoke.stderr);
  assert.equal((await runbook(root, ['revoke', 'rb.md', 'QA', '--reopen'])).stdout, 'updated rb.md\n');
  assert.equal((await runbook(root, ['revoke', 'rb.md', 'QA'])).stdout, 'nothing to change in rb.md: @QA is not approved\n');
  assert.equal((await runbook(root, ['done', 'pm.md', '1'])).stdout, 'updated pm.md\n');
  assert.equal((await runbook(root, ['done', 'pm.md', '3'])).stdout, 'nothing to change in pm.md: action 3 is already done\n');
  assert.equal((await runbook(root, ['done', 'pm.md', '3'], { LANG: 'fr_FR.UTF-8', LC_ALL: undefined })).stdout, "rien à changer dans pm.md : l'action 3 est déjà faite\n");
  const missingFile = await runbook(root, ['done', 'nope.md', '1']);
  assert.deepEqual(missingFile, { code: 1, stdout: '', stderr: 'runbook: nope.md does not exist\n' });
  const outside = await runbook(root, ['approve', '../x.md', 'QA']);
  assert.equal(outside.code, 1);
  assert.match(outside.stderr, /^runbook: \.\.\/x\.md is outside the workspace /);
});

test('approve without --by: the configured default approver', async () => {
  const root = workspace({ 'rb.md': runbookText([]) }, { defaultApprover: 'Config Person' });
  assert.equal((await runbook(root, ['approve', 'rb.md', 'QA'])).code, 0);
  assert.match(readFileSync(join(root, 'rb.md'), 'utf8'), /@QA approved\? — approved by Config Person on 2026-11-23/);
});

test('new: prints the path, then each side update; --field, --title, --sev and --date reach the template', async () => {
  const root = workspace({ 'HISTORY.md': '# History\n\n| Date | Sev | Title | Link |\n|---|---|---|---|\n' }, { incidentHistoryFile: 'HISTORY.md' });
  const created = await runbook(root, ['new', 'rca', '--title', 'Queue stall', '--sev', '2', '--date', '2026-11-20']);
  assert.deepEqual(created, { code: 0, stdout: 'DOCS/incidents/2026-11-20-queue-stall-rca.md\nupdated HISTORY.md\n', stderr: '' });
  assert.match(readFileSync(join(root, 'HISTORY.md'), 'utf8'), /\| 2026-11-20 \| SEV2 \| Queue stall \| \[RCA\]\(DOCS\/incidents\/2026-11-20-queue-stall-rca\.md\) \|/);
  const viaFields = await runbook(root, ['new', 'postmortem', '--field', 'title=Disk = full', '--field', 'severity=SEV1']);
  assert.equal(viaFields.code, 0, viaFields.stderr);
  assert.equal(viaFields.stdout.split('\n')[0], 'docs/post-mortems/2026-11-23-disk-full.md');
  assert.match(readFileSync(join(root, 'docs/post-mortems/2026-11-23-disk-full.md'), 'utf8'), /Disk = full/);
  const exists = await runbook(root, ['new', 'rca', '--title', 'Queue stall', '--sev', '2', '--date', '2026-11-20']);
  assert.equal(exists.code, 1);
  assert.match(exists.stderr, /2026-11-20-queue-stall-rca\.md already exists/);
  const missing = await runbook(root, ['new', 'rca']);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /title/);
});

test('a broken workspace template: a warning on stderr when another is asked for', async () => {
  const root = workspace({ '.runbook/templates/rca.hbs': '---\nname: rca\nkind: rca\npath: "x.md"\n---\n# {{title}\n' });
  const other = await runbook(root, ['new', 'postmortem', '--title', 'Disk', '--sev', '2']);
  assert.equal(other.code, 0);
  assert.match(other.stderr, /^runbook: warning: \.runbook\/templates\/rca\.hbs:6/);
});

test('a malformed configuration is one line, exit 1; --no-cache writes no cache', async () => {
  const root = workspace({ 'docs/post-mortems/x.md': POSTMORTEM });
  writeFileSync(join(root, '.runbook/config.json'), '{ "roles": "QA" }');
  const bad = await runbook(root, ['runbooks']);
  assert.deepEqual(bad, { code: 1, stdout: '', stderr: 'runbook: .runbook/config.json: "roles" must be a list of strings, found "QA"\n' });
  writeFileSync(join(root, '.runbook/config.json'), '{}');
  const cacheDir = join(root, 'no-cache-here');
  assert.equal((await runbook(root, ['actions', '--no-cache'], { RUNBOOK_CACHE_DIR: cacheDir })).code, 0);
  assert.equal(existsSync(cacheDir) && readdirSync(cacheDir).length > 0, false);
  assert.equal((await runbook(root, ['actions'], { RUNBOOK_CACHE_DIR: cacheDir })).code, 0);
  assert.ok(readdirSync(cacheDir).length > 0, 'without --no-cache the cache is written');
});

const FRENCH = { LANG: 'fr_FR.UTF-8', LC_ALL: undefined };

test('errors in French under LANG=fr, the same errors in English under LANG=C: one line, the same exit code', async () => {
  const root = workspace({ 'rb.md': runbookText(ROLES.slice(1)), 'pm.md': POSTMORTEM, 'notes.md': '# Notes\n' });
  const created = await runbook(root, ['new', 'rca', '--title', 'Queue stall', '--sev', '2', '--date', '2026-11-20']);
  assert.equal(created.code, 0, created.stderr);
  const cases: Array<{ args: string[]; code: number; en: string; fr: string }> = [
    {
      args: ['approve', 'notes.md', 'QA'],
      code: 1,
      en: 'notes.md is not a runbook (no "Status:" line and no compliance checklist)',
      fr: "notes.md n'est pas un runbook (ni ligne « Statut : » ni liste de conformité)",
    },
    {
      args: ['accept', 'rb.md', '--by', 'Zed'],
      code: 1,
      en: 'rb.md cannot be accepted: missing approvals from @Security',
      fr: 'rb.md ne peut pas être accepté : il manque les approbations de @Security',
    },
    { args: ['done', 'pm.md', '9'], code: 1, en: 'pm.md has 4 action items; there is no number 9', fr: "pm.md a 4 actions ; il n'y a pas de numéro 9" },
    { args: ['done', 'pm.md', 'x'], code: 2, en: 'action number must be a positive whole number, got "x"', fr: "le numéro d'action doit être un nombre entier positif, reçu « x »" },
    {
      args: ['new', 'rca', '--title', 'Queue stall', '--sev', '2', '--date', '2026-11-20'],
      code: 1,
      en: 'DOCS/incidents/2026-11-20-queue-stall-rca.md already exists; nothing was written',
      fr: "DOCS/incidents/2026-11-20-queue-stall-rca.md existe déjà ; rien n'a été écrit",
    },
    { args: ['approve', '../x.md', 'QA'], code: 1, en: `../x.md is outside the workspace ${root}`, fr: `../x.md est hors de l'espace de travail ${root}` },
    { args: ['new', 'rca', '--field', 'title'], code: 2, en: '--field expects key=value, got "title"', fr: '--field attend clé=valeur, reçu « title »' },
    { args: ['mitigate', 'rb.md'], code: 1, en: 'rb.md is not an incident (an RCA or a post-mortem: frontmatter "kind", its folder or its title say which)', fr: "rb.md n'est pas un incident (une RCA ou un post-mortem : le « kind » du frontmatter, son dossier ou son titre le disent)" },
  ];
  for (const { args, code, en, fr } of cases) {
    assert.deepEqual(await runbook(root, args), { code, stdout: '', stderr: `runbook: ${en}\n` }, args.join(' '));
    assert.deepEqual(await runbook(root, args, FRENCH), { code, stdout: '', stderr: `runbook: ${fr}\n` }, args.join(' '));
  }
  writeFileSync(join(root, '.runbook/config.json'), '{ "maxFileSizeKB": -1 }');
  assert.deepEqual(await runbook(root, ['actions']), { code: 1, stdout: '', stderr: 'runbook: .runbook/config.json: "maxFileSizeKB" must be a positive number, found -1\n' });
  assert.deepEqual(await runbook(root, ['actions'], FRENCH), {
    code: 1,
    stdout: '',
    stderr: 'runbook: .runbook/config.json : « maxFileSizeKB » doit être un nombre positif, trouvé -1\n',
  });
  writeFileSync(join(root, '.runbook/config.json'), '{ "language": "de" }');
  assert.deepEqual(await runbook(root, ['actions'], FRENCH), {
    code: 1,
    stdout: '',
    stderr: 'runbook: .runbook/config.json : « language » doit être l\'une des valeurs "", "en", "fr", null, trouvé "de"\n',
  });
});

test("commander's usage errors in French under LANG=fr (each code), English under LANG=C; exit 2, one line", async () => {
  const root = workspace({ 'rb.md': runbookText([]) });
  const cases: Array<{ args: string[]; en: string; fr: string }> = [
    { args: ['chek'], en: `unknown command 'chek' (Did you mean check?); see "runbook --help"`, fr: 'commande inconnue « chek » (vouliez-vous dire check ?) ; voir « runbook --help »' },
    { args: ['check', '--formt', 'json'], en: `unknown option '--formt' (Did you mean --format?); see "runbook check --help"`, fr: 'option inconnue « --formt » (vouliez-vous dire --format ?) ; voir « runbook check --help »' },
    { args: ['check', '--bogus'], en: `unknown option '--bogus'; see "runbook check --help"`, fr: 'option inconnue « --bogus » ; voir « runbook check --help »' },
    { args: ['approve', 'rb.md'], en: `missing required argument 'role'; see "runbook approve --help"`, fr: 'argument obligatoire manquant : « role » ; voir « runbook approve --help »' },
    { args: ['decide', 'rb.md'], en: `required option '--decision <text>' not specified; see "runbook decide --help"`, fr: "l'option obligatoire « --decision <text> » manque ; voir « runbook decide --help »" },
    { args: ['check', '--format'], en: `option '--format <format>' argument missing; see "runbook check --help"`, fr: "l'option « --format <format> » attend une valeur ; voir « runbook check --help »" },
    {
      args: ['runbooks', '--status', 'DRAFT'],
      en: `option '--status <status>' argument 'DRAFT' is invalid. Allowed choices are PROPOSED, ACCEPTED (in any case); see "runbook runbooks --help"`,
      fr: "l'option « --status <status> » n'accepte pas « DRAFT » ; valeurs possibles : PROPOSED, ACCEPTED (sans distinction de casse) ; voir « runbook runbooks --help »",
    },
    {
      args: ['report', '--format', 'xml'],
      en: `option '--format <format>' argument 'xml' is invalid. Allowed choices are markdown, json; see "runbook report --help"`,
      fr: "l'option « --format <format> » n'accepte pas « xml » ; valeurs possibles : markdown, json ; voir « runbook report --help »",
    },
    {
      args: ['completion', 'tcsh'],
      en: `command-argument value 'tcsh' is invalid for argument 'shell'. Allowed choices are bash, zsh, fish; see "runbook completion --help"`,
      fr: "« tcsh » n'est pas une valeur de l'argument « shell » ; valeurs possibles : bash, zsh, fish ; voir « runbook completion --help »",
    },
    {
      args: ['accept', 'rb.md', 'extra'],
      en: `too many arguments for 'accept'. Expected 1 argument but got 2; see "runbook accept --help"`,
      fr: "trop d'arguments pour « accept » : 1 attendu, 2 reçus ; voir « runbook accept --help »",
    },
  ];
  for (const { args, en, fr } of cases) {
    assert.deepEqual(await runbook(root, args), { code: 2, stdout: '', stderr: `runbook: ${en}\n` }, args.join(' '));
    assert.deepEqual(await runbook(root, args, FRENCH), { code: 2, stdout: '', stderr: `runbook: ${fr}\n` }, args.join(' '));
  }
});
