/**
 * The built `runbook` CLI (dist/cli.js, made by `npm run build`) run as a user runs it, on temporary workspaces.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tempWorkspace as workspace } from '../temp-workspace';

const REPO = join(__dirname, '../..');
const CLI = join(REPO, 'dist/cli.js');
const FIXTURES = join(REPO, 'test/fixtures/documents');
const EXAMPLE = join(REPO, 'examples/workspace');

if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, RUNBOOK_NOW: '2026-11-23', RUNBOOK_CACHE_DIR: join(cwd, '.cache-test'), LANG: 'C', LC_ALL: 'C', ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}


function exampleCopy(): string {
  const root = mkdtempSync(join(tmpdir(), 'runbook-example-'));
  cpSync(EXAMPLE, root, { recursive: true });
  return root;
}

/** The severity of each of the nine rules, as the bundled CLI reports it (the rule table is pinned in src/core/check.test.ts). */
const SEVERITIES: Record<string, 'error' | 'warning'> = {
  'action-overdue': 'warning',
  'action-no-owner': 'warning',
  'postmortem-action-no-due': 'warning',
  'accepted-missing-approvals': 'error',
  'frontmatter-malformed': 'error',
  'compliance-unknown-role': 'warning',
  'table-malformed': 'warning',
  'file-unreadable': 'error',
  'file-too-large': 'warning',
};

const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
const oneLine = (text: string): void => assert.equal(text.trim().split('\n').length, 1, `expected one line, got:\n${text}`);

test('new runbook: written under the story scope, Status PROPOSED, six roles, path printed', () => {
  const root = exampleCopy();
  const result = run(['new', 'runbook', 'OPS-7'], root);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout.trim(), '.agent/cache/runbooks/platform/OPS-7-runbook.md');
  const text = readFileSync(join(root, result.stdout.trim()), 'utf8');
  assert.match(text, /^# OPS-7: Rotate database credentials every 90 days$/m);
  assert.match(text, /^Status: PROPOSED$/m);
  for (const role of ['Security', 'Architect', 'QA', 'Docs', 'Compliance', 'Observability']) assert.match(text, new RegExp(`^- \\[ \\] @${role} approved\\?$`, 'm'));
  assert.match(text, /Credentials older than 90 days are rotated/);
  const listed = JSON.parse(run(['runbooks', '--json'], root).stdout) as Array<{ file: string; status: string; missing: string[] }>;
  assert.deepEqual(listed.find((row) => row.file.endsWith('OPS-7-runbook.md'))?.missing.length, 6);
});

test('new runbook: an unknown story exits 1 naming the closest IDs', () => {
  const result = run(['new', 'runbook', 'OPS-8'], exampleCopy());
  assert.equal(result.code, 1);
  oneLine(result.stderr);
  assert.match(result.stderr, /OPS-7/);
});

test('new runbook: an existing file is never overwritten (exit 1, naming it, content unchanged)', () => {
  const root = exampleCopy();
  assert.equal(run(['new', 'runbook', 'OPS-7'], root).code, 0);
  const path = join(root, '.agent/cache/runbooks/platform/OPS-7-runbook.md');
  writeFileSync(path, 'my edits\n');
  const again = run(['new', 'runbook', 'OPS-7'], root);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /OPS-7-runbook\.md already exists/);
  assert.equal(readFileSync(path, 'utf8'), 'my edits\n');
});

test('new rca / postmortem: dated, slugged paths with accents folded; severities normalised', () => {
  const root = workspace();
  const rca = run(['new', 'rca', '--title', 'Panne réseau & DNS <prod>', '--sev', '2', '--date', '2026-11-20'], root);
  assert.equal(rca.code, 0, rca.stderr);
  assert.equal(rca.stdout.trim(), 'DOCS/incidents/2026-11-20-panne-reseau-and-dns-prod-rca.md');
  const rcaText = readFileSync(join(root, rca.stdout.trim()), 'utf8');
  assert.match(rcaText, /Panne réseau & DNS <prod>/, 'no HTML escaping of user text');
  assert.match(rcaText, /SEV-2/);
  const pm = run(['new', 'postmortem', '--title', 'Disque plein', '--sev', 'SEV-1'], root);
  assert.equal(pm.code, 0, pm.stderr);
  assert.equal(pm.stdout.trim(), 'docs/post-mortems/2026-11-23-disque-plein.md');
  const incidents = JSON.parse(run(['incidents', '--json'], root).stdout) as Array<{ title: string; severity: string; status: string }>;
  assert.deepEqual(incidents.map((i) => [i.title, i.severity, i.status]).sort(), [
    ['Disque plein', 'SEV1', 'open'],
    ['Panne réseau & DNS <prod>', 'SEV2', 'open'],
  ]);
});

test('a title with ../ stays inside the workspace; a story ID with ../ is refused', () => {
  const root = workspace({ '.agent/cache/stories/A-1.md': '# A-1: x\n' });
  const title = run(['new', 'rca', '--title', '../../../etc/passwd', '--sev', '1'], root);
  assert.equal(title.code, 0, title.stderr);
  assert.equal(title.stdout.trim(), 'DOCS/incidents/2026-11-23-etc-passwd-rca.md');
  const id = run(['new', 'runbook', '../../A-1'], root);
  assert.notEqual(id.code, 0);
  oneLine(id.stderr);
  assert.ok(!existsSync(join(root, '..', 'A-1-runbook.md')));
});

test('missing required fields exit 2 listing them; an unknown template exits 1; bad usage exits 2', () => {
  const root = workspace();
  const missing = run(['new', 'rca'], root);
  assert.equal(missing.code, 2);
  assert.match(missing.stderr, /title/);
  assert.match(missing.stderr, /severity/);
  const unknown = run(['new', 'nope', '--title', 'x'], root);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /rca/, 'an unknown template names the available ones');
  assert.equal(run(['frobnicate'], root).code, 2);
  assert.equal(run(['done', 'x.md', 'abc'], root).code, 2);
  assert.equal(run(['check', '--format', 'xml'], root).code, 2);
});

test('new from a workspace template with --field', () => {
  const template = [
    '---',
    'name: drill',
    'description: A game-day drill',
    'kind: other',
    'path: "drills/{{slug title}}.md"',
    'fields:',
    '  - name: title',
    '    type: string',
    '    required: true',
    '  - name: team',
    '    type: string',
    '    required: true',
    '---',
    '# Drill: {{title}}',
    '',
    'Team: {{team}}',
    '',
  ].join('\n');
  const root = workspace({ '.runbook/templates/drill.hbs': template });
  const result = run(['new', 'drill', '--field', 'title=Failover Q4', '--field', 'team=SRE'], root);
  assert.equal(result.code, 0, result.stderr);
  assert.equal(readFileSync(join(root, 'drills/failover-q4.md'), 'utf8'), '# Drill: Failover Q4\n\nTeam: SRE\n');
  assert.equal(run(['new', 'drill', '--field', 'title=x'], root).code, 2);
});

test('approve, revoke and accept: records who and when; accept refused until complete', () => {
  const root = workspace({ 'rb.md': fixture('runbook-mid-review.md') });
  const refused = run(['accept', 'rb.md', '--by', 'Zed'], root);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /missing approvals from @QA, @Docs, @Compliance, @Observability/);
  for (const role of ['QA', '@Docs', 'compliance', 'Observability']) {
    const result = run(['approve', 'rb.md', role, '--by', 'Zoé'], root);
    assert.equal(result.code, 0, result.stderr);
  }
  assert.match(readFileSync(join(root, 'rb.md'), 'utf8'), /^- \[x\] @QA approved\? — approved by Zoé on 2026-11-23 \([0-9a-f]{7}\)$/m);
  assert.equal(run(['revoke', 'rb.md', 'QA', '--by', 'Zoé'], root).code, 0);
  assert.match(readFileSync(join(root, 'rb.md'), 'utf8'), /^- \[ \] @QA approved\?$/m);
  assert.equal(run(['approve', 'rb.md', 'QA', '--by', 'Zoé'], root).code, 0);
  const accepted = run(['accept', 'rb.md', '--by', 'Zed'], root);
  assert.equal(accepted.code, 0, accepted.stderr);
  assert.match(readFileSync(join(root, 'rb.md'), 'utf8'), /^Status: ACCEPTED — accepted by Zed on 2026-11-23$/m);
  const rows = JSON.parse(run(['runbooks', '--status', 'accepted', '--json'], root).stdout) as Array<{ missing: string[]; approved: string[] }>;
  assert.deepEqual(rows[0].missing, []);
  assert.equal(rows[0].approved.length, 6);
});

test('approve without --by uses the configured default approver', () => {
  const root = workspace({ 'rb.md': fixture('runbook-mid-review.md') }, { defaultApprover: 'Config Person' });
  assert.equal(run(['approve', 'rb.md', 'QA'], root).code, 0);
  assert.match(readFileSync(join(root, 'rb.md'), 'utf8'), /approved by Config Person on 2026-11-23/);
});

test('approve: an unknown role exits 1 listing the roles present, file untouched', () => {
  const text = fixture('runbook-mid-review.md');
  const root = workspace({ 'rb.md': text });
  const result = run(['approve', 'rb.md', 'Legal'], root);
  assert.equal(result.code, 1);
  oneLine(result.stderr);
  assert.match(result.stderr, /roles present: @Security, @Architect, @QA, @Docs, @Compliance, @Observability/);
  assert.equal(readFileSync(join(root, 'rb.md'), 'utf8'), text);
});

test('done marks a table row ✅ DONE and a task [x]; CRLF and BOM kept byte for byte elsewhere', () => {
  const crlf = '\uFEFF' + fixture('rca-table-actions.md').replace(/\n/g, '\r\n');
  const root = workspace({ 'DOCS/incidents/2026-02-23-x-rca.md': crlf, 'pm.md': fixture('postmortem-checkbox-actions-fr.md') });
  assert.equal(run(['done', 'DOCS/incidents/2026-02-23-x-rca.md', '2', '--by', 'Ann'], root).code, 0);
  const after = readFileSync(join(root, 'DOCS/incidents/2026-02-23-x-rca.md'), 'utf8');
  const history = '\r\n## History\r\n\r\n- 2026-11-23 12:00 action 2 done by Ann: Alert when an agent fails auth | twice\r\n';
  assert.equal(after, crlf.replace('| CTO agent | OPEN |', '| CTO agent | ✅ DONE |') + history);
  assert.equal(run(['done', 'pm.md', '1', '--by', 'Ann'], root).code, 0);
  assert.match(readFileSync(join(root, 'pm.md'), 'utf8'), /^- \[x\] AI 1 : Ajouter une alerte/m);
  const none = run(['done', 'pm.md', '7'], root);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /there is no number 7/);
});

test('actions JSON: documented shape, filters by open, owner and overdue', () => {
  const root = workspace({ 'docs/post-mortems/2026-11-02-x.md': fixture('postmortem-checkbox-actions-fr.md'), 'DOCS/incidents/2026-02-23-y-rca.md': fixture('rca-table-actions.md') });
  const all = JSON.parse(run(['actions', '--json'], root).stdout) as Array<Record<string, unknown>>;
  assert.equal(all.length, 7);
  for (const row of all) {
    assert.deepEqual(Object.keys(row).sort(), ['cancelled', 'completed', 'done', 'due', 'file', 'index', 'line', 'owner', 'priority', 'text']);
    assert.doesNotMatch(String(row.file), /\\/);
  }
  const overdue = JSON.parse(run(['actions', '--overdue', '--json'], root).stdout) as Array<Record<string, unknown>>;
  assert.deepEqual(overdue.map((row) => [row.file, row.line, row.owner, row.due]), [['docs/post-mortems/2026-11-02-x.md', 22, 'yan', '2026-11-15']]);
  const mine = JSON.parse(run(['actions', '--open', '--owner', '@CTO agent', '--json'], root).stdout) as Array<Record<string, unknown>>;
  assert.deepEqual(mine.map((row) => row.text), ['Alert when an agent fails auth | twice']);
});

test('check: rule ids, exit 1 on errors, github annotations, JSON', () => {
  const root = workspace({
    'accepted.md': fixture('runbook-accepted-missing-approvals.md'),
    'roles.md': fixture('runbook-unknown-role.md'),
    'docs/post-mortems/2026-11-02-x.md': fixture('postmortem-checkbox-actions-fr.md'),
    'broken.md': fixture('frontmatter-malformed.md'),
  });
  const text = run(['check'], root);
  assert.equal(text.code, 1);
  const findings = JSON.parse(run(['check', '--format', 'json'], root).stdout) as Array<{ rule: string; file: string; line: number; severity: string; message: string }>;
  const rules = new Set(findings.map((f) => f.rule));
  for (const rule of ['accepted-missing-approvals', 'compliance-unknown-role', 'action-overdue', 'action-no-owner', 'postmortem-action-no-due', 'frontmatter-malformed']) {
    assert.ok(rules.has(rule), `missing rule ${rule}`);
  }
  assert.deepEqual(findings.find((f) => f.rule === 'frontmatter-malformed'), {
    rule: 'frontmatter-malformed',
    severity: 'error',
    message: 'malformed frontmatter: missed comma between flow collection entries',
    file: 'broken.md',
    line: 3,
  });
  for (const finding of findings) assert.equal(finding.severity, SEVERITIES[finding.rule], `${finding.rule} in the JSON output`);
  const github = run(['check', '--format', 'github'], root);
  assert.match(github.stdout, /^::error file=accepted\.md,line=3,title=accepted-missing-approvals::runbook is ACCEPTED but approvals are missing from @Architect, @QA, @Compliance, @Observability$/m);
  assert.match(github.stdout, /^::warning file=docs\/post-mortems\/2026-11-02-x\.md,line=22,title=action-overdue::/m);
  const clean = workspace({ 'rb.md': fixture('runbook-fully-approved.md') });
  assert.equal(run(['check'], clean).code, 0);
});

test('bad input never crashes: invalid UTF-8, a 5 MB file, CRLF+BOM, broken tables, malformed frontmatter', () => {
  const root = workspace({
    'latin1.md': Buffer.from([0x23, 0x20, 0x50, 0x61, 0x6e, 0x6e, 0x65, 0x0a, 0x0a, 0x72, 0xe9, 0x73, 0x65, 0x61, 0x75, 0x0a]),
    'huge.md': '# Huge\n\n' + '- [ ] line of a very long list\n'.repeat(170_000),
    'crlf.md': '\uFEFF' + fixture('postmortem-checkbox-actions-fr.md').replace(/\n/g, '\r\n'),
    'table.md': '# RCA: t\n\n## Action items\n| Action | Owner |\n|---|\n| a | b | c | d |\n| only\n',
    'short-row.md': '# RCA: t\n\n## Action items\n| Action | Owner |\n|---|---|\n| a | b | c | d |\n| only |\n',
    'broken.md': fixture('frontmatter-malformed.md'),
  });
  const check = run(['check', '--format', 'json'], root);
  assert.equal(check.code, 1, check.stderr);
  assert.equal(check.stderr, '');
  const findings = JSON.parse(check.stdout) as Array<{ rule: string; severity: string; file: string; line: number }>;
  assert.deepEqual(findings.find((f) => f.file === 'latin1.md'), { rule: 'file-unreadable', severity: 'error', message: 'not valid UTF-8 (first bad byte on line 3); save the file as UTF-8', file: 'latin1.md', line: 3 });
  assert.equal(findings.find((f) => f.file === 'huge.md')?.rule, 'file-too-large');
  assert.deepEqual(findings.filter((f) => f.file === 'short-row.md' && f.rule === 'table-malformed').map((f) => f.line), [6, 7]); // too wide, too short
  for (const finding of findings) assert.equal(finding.severity, SEVERITIES[finding.rule], finding.rule);
  for (const command of ['actions', 'incidents', 'runbooks']) assert.equal(run([command, '--json'], root).code, 0, command);
  const edit = run(['approve', 'latin1.md', 'QA'], root);
  assert.equal(edit.code, 1);
  oneLine(edit.stderr);
  assert.match(edit.stderr, /latin1\.md: not valid UTF-8/);
  const big = run(['done', 'huge.md', '1'], root);
  assert.equal(big.code, 1);
  assert.match(big.stderr, /huge\.md: .* over the 2048 KB limit/);
  assert.equal(run(['done', 'crlf.md', '1'], root).code, 0);
  assert.match(readFileSync(join(root, 'crlf.md'), 'utf8'), /^\uFEFF---\r\n/);
});

test('a file argument outside the workspace is refused; --cwd finds the root above', () => {
  const root = workspace({ 'sub/dir/rb.md': fixture('runbook-mid-review.md') });
  const outside = run(['approve', '../../etc/passwd', 'QA'], root);
  assert.equal(outside.code, 1);
  assert.match(outside.stderr, /outside the workspace/);
  const nested = run(['runbooks', '--json', '--cwd', join(root, 'sub/dir')], tmpdir());
  assert.equal(nested.code, 0, nested.stderr);
  assert.equal((JSON.parse(nested.stdout) as Array<{ file: string }>)[0].file, 'sub/dir/rb.md');
  assert.equal(run(['actions', '--cwd', join(root, 'missing')], root).code, 2);
});

test('a malformed configuration file is one clear line, exit 1', () => {
  const root = workspace();
  writeFileSync(join(root, '.runbook/config.json'), '{ "roles": "QA" }');
  const result = run(['runbooks'], root);
  assert.equal(result.code, 1);
  oneLine(result.stderr);
  assert.match(result.stderr, /"roles" must be a list of strings/);
});

test('the example workspace: every listing works and check passes without errors', () => {
  const root = exampleCopy();
  for (const command of [['actions'], ['incidents', '--open'], ['runbooks'], ['check']]) {
    const result = run(command, root);
    assert.equal(result.code, 0, `${command.join(' ')}: ${result.stderr}`);
  }
  const incidents = JSON.parse(run(['incidents', '--open', '--json'], root).stdout) as Array<{ severity: string }>;
  assert.deepEqual(incidents.map((i) => i.severity), ['SEV1', 'SEV2']);
});

test('new rca appends a row to the configured incident history table, linking the RCA', () => {
  const root = exampleCopy();
  const historyPath = join(root, 'docs/runbooks/incident-response.md');
  const before = readFileSync(historyPath, 'utf8');
  const result = run(['new', 'rca', '--title', 'Queue backlog | payments', '--sev', 'SEV-2', '--date', '2026-11-22'], root);
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(result.stdout.trim().split('\n'), ['DOCS/incidents/2026-11-22-queue-backlog-payments-rca.md', 'updated docs/runbooks/incident-response.md']);
  const after = readFileSync(historyPath, 'utf8');
  assert.equal(
    after,
    before.replace(/\n$/, '\n| 2026-11-22 | SEV2 | Queue backlog \\| payments | [RCA](../../DOCS/incidents/2026-11-22-queue-backlog-payments-rca.md) |\n'),
  );
});

test('a history file without a history table: the incident is created, the error says the history was not updated', () => {
  const root = workspace({ 'HISTORY.md': '# History\n\nnothing yet\n' }, { incidentHistoryFile: 'HISTORY.md' });
  const result = run(['new', 'postmortem', '--title', 'Disk full', '--sev', '2'], root);
  assert.equal(result.code, 1);
  assert.equal(result.stdout.trim(), 'docs/post-mortems/2026-11-23-disk-full.md');
  oneLine(result.stderr);
  assert.match(result.stderr, /was created, but the incident history was not updated: HISTORY\.md has no table/);
  assert.ok(existsSync(join(root, 'docs/post-mortems/2026-11-23-disk-full.md')));
});

test('the CLI speaks French when LANG says so', () => {
  const root = workspace();
  assert.equal(run(['actions'], root, { LANG: 'fr_FR.UTF-8', LC_ALL: '' }).stdout.trim(), 'aucune action');
  assert.equal(run(['actions'], root).stdout.trim(), 'no action items');
});

test('a broken workspace template blocks only itself: asked for, it fails with file and line; otherwise a warning', () => {
  const root = workspace({ '.runbook/templates/rca.hbs': '---\nname: rca\nkind: rca\npath: "x.md"\n---\n# {{title}\n\ntext\n' });
  const broken = run(['new', 'rca', '--title', 'x', '--sev', '1'], root);
  assert.equal(broken.code, 1);
  oneLine(broken.stderr);
  assert.match(broken.stderr, /\.runbook\/templates\/rca\.hbs:6/);
  const other = run(['new', 'postmortem', '--title', 'Disk full', '--sev', '2'], root);
  assert.equal(other.code, 0, other.stderr);
  assert.match(other.stderr, /^runbook: warning: \.runbook\/templates\/rca\.hbs:6/);
});

test('the index cache is never served stale: same-size edit, deletion, corrupt cache, --no-cache', () => {
  const open = '## Action items\n- [ ] one (owner @a)\n';
  const root = workspace({ 'docs/post-mortems/2026-11-01-x.md': open });
  const texts = (args: string[] = []): string[] => (JSON.parse(run(['actions', '--json', ...args], root).stdout) as Array<{ done: boolean }>).map((row) => String(row.done));
  assert.deepEqual(texts(), ['false']);
  writeFileSync(join(root, 'docs/post-mortems/2026-11-01-x.md'), open.replace('[ ]', '[x]'));
  assert.deepEqual(texts(), ['true'], 'an edit of the same size right after a cached run is seen');
  for (const file of readdirSync(join(root, '.cache-test'), { recursive: true }) as string[]) {
    const path = join(root, '.cache-test', file);
    if (statSync(path).isFile()) writeFileSync(path, 'garbage');
  }
  assert.deepEqual(texts(), ['true'], 'a corrupt cache is discarded');
  assert.deepEqual(texts(['--no-cache']), ['true']);
  rmSync(join(root, 'docs/post-mortems/2026-11-01-x.md'));
  assert.deepEqual(texts(), []);
});

test('listings honour the workspace .gitignore', () => {
  const pm = fixture('postmortem-checkbox-actions-fr.md');
  const root = workspace({ '.gitignore': 'generated/\n', 'docs/post-mortems/2026-11-02-x.md': pm, 'generated/docs/post-mortems/2026-11-02-y.md': pm });
  const files = new Set((JSON.parse(run(['actions', '--json'], root).stdout) as Array<{ file: string }>).map((row) => row.file));
  assert.deepEqual([...files], ['docs/post-mortems/2026-11-02-x.md']);
});

test('check --format github: a file name with a newline, % , or : cannot forge a workflow command; text output stays one line per finding', () => {
  const root = workspace({ 'docs/post-mortems/a\n::error file=x::forged,100%.md': '# Post-mortem: x\n\n## Action items\n- [ ] no owner\n' });
  const github = run(['check', '--format', 'github'], root);
  const lines = github.stdout.trim().split('\n');
  assert.equal(lines.length, 2, github.stdout);
  assert.ok(lines.every((line) => line.startsWith('::warning ')), github.stdout);
  assert.ok(lines[0].includes('file=docs/post-mortems/a%0A%3A%3Aerror file=x%3A%3Aforged%2C100%25.md,line=4'), lines[0]);
  const text = run(['check'], root);
  assert.equal(text.stdout.trim().split('\n').length, 3, text.stdout);
  assert.match(text.stdout, /^docs\/post-mortems\/a\\n::error file=x::forged,100%\.md:4 {2}warning/m);
  const json = JSON.parse(run(['check', '--format', 'json'], root).stdout) as Array<{ file: string }>;
  assert.equal(json[0].file, 'docs/post-mortems/a\n::error file=x::forged,100%.md');
});

test('templates and fields never write into .git or another version-control folder', () => {
  const template = '---\nname: hook\nkind: other\npath: "{{dir}}/hooks/post-checkout.md"\nfields:\n  - name: dir\n    type: string\n    required: true\n---\n# x\n';
  const root = workspace({ '.runbook/templates/hook.hbs': template });
  mkdirSync(join(root, '.git'));
  for (const dir of ['.git', 'a/.GIT', '.hg', 'x/.svn']) {
    const result = run(['new', 'hook', '--field', `dir=${dir}`], root);
    assert.equal(result.code, 2, `${dir}: ${result.stderr}`);
    oneLine(result.stderr);
    assert.match(result.stderr, /is inside the version-control folder/);
  }
  assert.deepEqual(readdirSync(join(root, '.git')), []);
});

test('internal errors are one-line messages: dangling link, parent that is a file, long name, __proto__ key, config folder, extra argument, control characters', () => {
  const cases: Array<[string, () => Run, RegExp, number]> = [];
  const dangling = workspace();
  symlinkSync(join(dangling, 'nowhere.md'), join(dangling, 'pm.md'));
  cases.push(['dangling link', () => run(['done', 'pm.md', '1'], dangling), /^runbook: pm\.md is a link to nothing$/, 1]);
  const parentFile = workspace({ 'DOCS/incidents': 'a file, not a folder' });
  cases.push(['parent is a file', () => run(['new', 'rca', '--title', 'x', '--sev', '2'], parentFile), /DOCS\/incidents is a file, not a folder/, 1]);
  const raw = '---\nname: raw\nkind: other\npath: "notes/{{title}}.md"\nfields:\n  - name: title\n    type: string\n    required: true\n---\n# x\n';
  const long = workspace({ '.runbook/templates/raw.hbs': raw });
  cases.push(['name over 255 bytes', () => run(['new', 'raw', '--field', `title=${'x'.repeat(300)}`], long), /^runbook: cannot create notes\/x{300}\.md: its name or path is too long for the file system$/, 1]);
  for (const key of ['__proto__', 'constructor']) {
    const proto = workspace();
    writeFileSync(join(proto, '.runbook/config.json'), `{"${key}": {"exclude": []}}`);
    cases.push([`${key} key`, () => run(['actions'], proto), new RegExp(`unknown setting "${key}"`), 1]);
  }
  const configFolder = workspace();
  rmSync(join(configFolder, '.runbook/config.json'));
  mkdirSync(join(configFolder, '.runbook/config.json'));
  cases.push(['config is a folder', () => run(['actions'], configFolder), /^runbook: \.runbook\/config\.json: is a folder, not a regular file$/, 1]);
  const fifo = workspace();
  rmSync(join(fifo, '.runbook/config.json'));
  spawnSync('mkfifo', [join(fifo, '.runbook/config.json')]);
  cases.push(['config is a FIFO', () => run(['actions'], fifo), /^runbook: \.runbook\/config\.json: is a FIFO, not a regular file$/, 1]);
  const extra = workspace({ 'pm.md': '# Post-mortem\n\n## Action items\n- [ ] a\n' });
  cases.push(['done f 1 2', () => run(['done', 'pm.md', '1', '2'], extra), /too many arguments/, 2]);
  cases.push(['control character in a story ID', () => run(['new', 'runbook', 'PAY-1\u001b[31m\nX'], exampleCopy()), /PAY-1\\u\{1B\}\[31m\\nX/, 2]);
  for (const [name, go, expected, code] of cases) {
    const result = go();
    assert.equal(result.code, code, `${name}: ${result.stderr}`);
    assert.doesNotMatch(result.stderr, /internal error|\u001b|at .*\.js:\d+/, name);
    assert.match(result.stderr.split('\n')[0], expected, name);
  }
  assert.equal(readFileSync(join(extra, 'pm.md'), 'utf8'), '# Post-mortem\n\n## Action items\n- [ ] a\n', 'done f 1 2 changed nothing');
});

test('a UTF-16 file with a BOM is read as UTF-16, by listings and edits alike', () => {
  const text = '# Post-mortem: x\n\n## Action items\n- [ ] rotate keys @ann\n';
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  const root = workspace({ 'docs/post-mortems/pm.md': utf16 });
  const listed = JSON.parse(run(['actions', '--json'], root).stdout) as Array<{ text: string; owner: string }>;
  assert.deepEqual(listed.map((row) => [row.text, row.owner]), [['rotate keys @ann', 'ann']]);
  assert.equal(run(['done', 'docs/post-mortems/pm.md', '1'], root).code, 0);
  const written = readFileSync(join(root, 'docs/post-mortems/pm.md'));
  assert.deepEqual([...written.subarray(0, 2)], [0xff, 0xfe], 'written back as UTF-16 with its BOM');
  assert.ok(written.subarray(2).toString('utf16le').startsWith(text.replace('[ ]', '[x]')), 'the box checked, the rest UTF-16 too');
});

test('without RUNBOOK_NOW (the real clock): a same-size edit with an older mtime is not served from the cache', () => {
  const path = 'docs/post-mortems/2026-11-01-x.md';
  const root = workspace({ [path]: '## Action items\n- [ ] one (owner @a)\n' });
  const realClock = { RUNBOOK_NOW: '' };
  const hourAgo = new Date(Date.now() - 3_600_000);
  utimesSync(join(root, path), hourAgo, hourAgo);
  const done = (): boolean[] => (JSON.parse(run(['actions', '--json'], root, realClock).stdout) as Array<{ done: boolean }>).map((row) => row.done);
  assert.deepEqual(done(), [false]);
  assert.ok(readdirSync(join(root, '.cache-test'), { recursive: true }).length > 0, 'the run wrote its cache');
  // Same size, an mtime well outside the "recently modified" window (no content hash was kept for it), but a new one.
  writeFileSync(join(root, path), '## Action items\n- [x] one (owner @a)\n');
  const halfHourAgo = new Date(Date.now() - 1_800_000);
  utimesSync(join(root, path), halfHourAgo, halfHourAgo);
  assert.deepEqual(done(), [true]);
  // And the clock is real: an item due yesterday is overdue, one due today is not.
  const day = (offset: number): string => {
    const date = new Date(Date.now() + offset * 86_400_000);
    return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  };
  writeFileSync(join(root, path), `## Action items\n- [ ] late (owner @a, due ${day(-1)})\n- [ ] now (owner @a, due ${day(0)})\n`);
  const overdue = JSON.parse(run(['actions', '--overdue', '--json'], root, realClock).stdout) as Array<{ text: string }>;
  assert.deepEqual(overdue.map((row) => row.text), ['late']);
});
