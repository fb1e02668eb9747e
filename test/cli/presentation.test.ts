/**
 * How the CLI reads: one-line usage errors (exit 2), invalid option values refused, aligned columns, colour on a
 * terminal only, plural forms in English and French, `runbook templates` and `runbook completion`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, fixture, run, workspace } from './helpers';

const ESC = '\u001b[';
const FR = { LANG: 'fr_FR.UTF-8', LC_ALL: '' };

const pm = (title: string, severity: string, actions: string[]): string =>
  `# Post-mortem: ${title}\n\nSeverity: ${severity}\n\n## Action items\n${actions.map((action) => `- [ ] ${action}\n`).join('')}`;

/** Two incidents: one with 1 open action, one with 2 (the plural forms), titles of different lengths (the columns). */
function incidentsWorkspace(): string {
  return workspace({
    'docs/post-mortems/2026-11-01-one.md': pm('Disk full', 'SEV2', ['Grow the volume (owner @ana, due 2099-01-01)']),
    'docs/post-mortems/2026-11-02-two.md': pm('Gateway auth outage in eu-west', 'SEV1', ['Add a probe (owner @bo, due 2099-01-01)', 'Alert (owner @cy, due 2099-01-01)']),
  });
}

/** Run the CLI under a pseudo-terminal (util-linux `script`), as a person at a terminal does. */
function runOnTerminal(args: string[], cwd: string, env: Record<string, string> = {}): string {
  const command = [process.execPath, CLI, ...args].map((word) => `'${word}'`).join(' ');
  const result = spawnSync('script', ['-qec', command, '/dev/null'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, RUNBOOK_NOW: '2026-11-23', RUNBOOK_CACHE_DIR: join(cwd, '.cache-test'), LANG: 'C', LC_ALL: 'C', NO_COLOR: '', TERM: 'xterm', ...env },
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

test('usage errors are one line on stderr starting "runbook:", exit 2, naming where to read the usage', () => {
  const root = workspace();
  const cases: Array<[string[], RegExp]> = [
    [['frobnicate'], /^runbook: unknown command 'frobnicate'; see "runbook --help"$/],
    [['chek'], /^runbook: unknown command 'chek' \(Did you mean check\?\); see "runbook --help"$/],
    [['actions', '--bogus'], /^runbook: unknown option '--bogus'; see "runbook actions --help"$/],
    [['approve'], /^runbook: missing required argument 'file'; see "runbook approve --help"$/],
    [['runbooks', '--status', 'DRAFT'], /^runbook: option '--status <status>' argument 'DRAFT' is invalid\. Allowed choices are PROPOSED, ACCEPTED \(in any case\); see "runbook runbooks --help"$/],
    [['check', '--format', 'xml'], /^runbook: option '--format <format>' argument 'xml' is invalid\. Allowed choices are text, json, github, sarif, gitlab \(in any case\); see "runbook check --help"$/],
    [['check', '--fail-on', 'fatal'], /^runbook: option '--fail-on <severity>' argument 'fatal' is invalid\. Allowed choices are error, warning, info, never \(in any case\); see "runbook check --help"$/],
    [['completion', 'tcsh'], /^runbook: command-argument value 'tcsh' is invalid for argument 'shell'\. Allowed choices are bash, zsh, fish; see "runbook completion --help"$/],
  ];
  for (const [args, expected] of cases) {
    const result = run(args, root);
    assert.equal(result.code, 2, args.join(' '));
    assert.equal(result.stdout, '', args.join(' '));
    assert.equal(result.stderr.split('\n').length, 2, `one line for ${args.join(' ')}:\n${result.stderr}`);
    assert.match(result.stderr.trimEnd(), expected);
  }
});

test('--status takes PROPOSED or ACCEPTED in any case', () => {
  const root = workspace({ 'rb.md': fixture('runbook-fully-approved.md'), 'mid.md': fixture('runbook-mid-review.md') });
  const rows = (status: string): string[] => (JSON.parse(run(['runbooks', '--status', status, '--json'], root).stdout) as Array<{ file: string }>).map((row) => row.file);
  assert.deepEqual(rows('proposed'), rows('PROPOSED'));
  assert.ok(rows('Proposed').length > 0);
});

test('listings print aligned columns, with plural forms', () => {
  const root = incidentsWorkspace();
  const lines = run(['incidents'], root).stdout.trimEnd().split('\n');
  assert.deepEqual(lines, [
    'SEV1  open  2026-11-02  Gateway auth outage in eu-west  2 open actions  docs/post-mortems/2026-11-02-two.md:1',
    'SEV2  open  2026-11-01  Disk full                       1 open action   docs/post-mortems/2026-11-01-one.md:1',
  ]);
  const actions = run(['actions'], root).stdout.trimEnd().split('\n');
  const column = (line: string): number => line.indexOf('docs/');
  assert.ok(actions.length === 3 && actions.every((line) => column(line) === column(actions[0])), actions.join('\n'));
  assert.ok(actions.every((line) => line === line.trimEnd()), 'no trailing blanks');
});

test('plural forms in English and French: "1 open action", "0 erreur, 1 avertissement dans 1 document vérifié"', () => {
  const root = incidentsWorkspace();
  assert.match(run(['incidents'], root, FR).stdout, /2 actions ouvertes .*\n.*1 action ouverte /);
  const one = workspace({ 'docs/post-mortems/2026-11-01-x.md': pm('X', 'SEV3', ['Rotate the keys (due 2099-01-01)']) });
  assert.equal(run(['check'], one).stdout.trimEnd().split('\n').pop(), '0 errors, 1 warning in 1 document checked');
  assert.equal(run(['check'], one, FR).stdout.trimEnd().split('\n').pop(), '0 erreur, 1 avertissement dans 1 document vérifié');
  const clean = workspace({ 'a.md': fixture('runbook-fully-approved.md'), 'b.md': '# Notes\n' });
  assert.equal(run(['check'], clean).stdout.trim(), 'no problems found (2 documents checked)');
  const two = workspace({ 'accepted.md': fixture('runbook-accepted-missing-approvals.md'), 'broken.md': fixture('frontmatter-malformed.md') });
  assert.match(run(['check'], two).stdout.trimEnd().split('\n').pop() ?? '', /^2 errors, \d+ warnings? in 2 documents checked$/);
});

test('colour on a terminal; none when piped, with NO_COLOR or --no-color; --color forces it', () => {
  const root = incidentsWorkspace();
  assert.ok(!run(['incidents'], root).stdout.includes(ESC), 'piped: no colour');
  assert.ok(run(['incidents', '--color'], root).stdout.includes(`${ESC}31mSEV1${ESC}39m`), '--color forces it');
  assert.ok(run(['--color', 'incidents'], root, { NO_COLOR: '1' }).stdout.includes(ESC), '--color wins over NO_COLOR');
  const terminal = runOnTerminal(['incidents'], root);
  assert.ok(terminal.includes(`${ESC}31mSEV1${ESC}39m`), `a terminal gets colour:\n${terminal}`);
  assert.ok(!runOnTerminal(['incidents'], root, { NO_COLOR: '1' }).includes(ESC), 'NO_COLOR on a terminal');
  assert.ok(!runOnTerminal(['incidents', '--no-color'], root).includes(ESC), '--no-color on a terminal');
  assert.ok(!run(['incidents', '--json', '--color'], root).stdout.includes(ESC), 'JSON is never coloured');
});

const DRILL = ['---', 'name: drill', 'description: A game-day drill. Run it every quarter.', 'kind: other', 'path: "drills/{{slug title}}.md"', 'fields:', '  - name: title', '    type: string', '    required: true', '    description: What is drilled.', '  - name: team', '    type: choice', '    choices: [SRE, DBA]', '    default: SRE', '---', '# Drill: {{title}}', ''].join('\n');

test('templates lists the built-in and workspace templates with where they write and their fields', () => {
  const override = fixture('../../../templates/handoff.hbs').replace('description: Escalation', 'description: Our escalation');
  const root = workspace({ '.runbook/templates/drill.hbs': DRILL, '.runbook/templates/handoff.hbs': override });
  const result = run(['templates'], root);
  assert.equal(result.code, 0, result.stderr);
  const text = result.stdout;
  assert.match(text, /^rca {2}\(built-in\) {2}Root cause analysis of a SEV-1\/SEV-2 incident/m);
  assert.match(text, /^ {4}writes DOCS\/incidents\/\{\{date\}\}-\{\{slug title\}\}-rca\.md$/m, 'config folders filled in');
  assert.match(text, /^ {4}severity +choice: SEV-1, SEV-2, SEV-3 +required +SEV-1 security breach/m);
  assert.match(text, /^ {4}date +date +default today +Day the incident started\.$/m);
  assert.match(text, /^handoff {2}\(workspace, replaces the built-in\) {2}Our escalation/m);
  assert.match(text, /^drill {2}\(workspace\) {2}A game-day drill\.$/m, 'first sentence only');
  assert.match(text, /^ {4}team +choice: SRE, DBA +default SRE$/m);
  assert.deepEqual(run(['templates', '--names'], root).stdout.trim().split('\n'), ['runbook', 'rca', 'postmortem', 'handoff', 'incident-runbook', 'story', 'drill']);
  const json = JSON.parse(run(['templates', '--json'], root).stdout) as Array<Record<string, unknown>>;
  const drill = json.find((template) => template.name === 'drill');
  assert.deepEqual(drill, {
    name: 'drill',
    source: 'workspace',
    overridesBuiltIn: false,
    kind: 'other',
    description: 'A game-day drill. Run it every quarter.',
    file: '.runbook/templates/drill.hbs',
    path: 'drills/{{slug title}}.md',
    fields: [
      { name: 'title', type: 'string', description: 'What is drilled.', required: true, default: null },
      { name: 'team', type: 'choice', description: '', required: false, default: 'SRE', choices: ['SRE', 'DBA'] },
    ],
  });
  assert.equal(json.find((template) => template.name === 'handoff')?.overridesBuiltIn, true);
});

test('templates: a broken workspace template is one line on stderr with its file and line, exit 1; the others are listed', () => {
  const root = workspace({ '.runbook/templates/broken.hbs': '---\nname: broken\nkind: other\npath: "x.md"\n---\n# {{title}\n' });
  const result = run(['templates'], root);
  assert.equal(result.code, 1);
  assert.match(result.stdout, /^rca /m);
  assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
  assert.match(result.stderr, /^runbook: error: \.runbook\/templates\/broken\.hbs:6/);
});

/** A folder holding a `runbook` command that runs the built CLI, for completion scripts that call it. */
function runbookOnPath(): string {
  const bin = mkdtempSync(join(tmpdir(), 'runbook-bin-'));
  writeFileSync(join(bin, 'runbook'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
  chmodSync(join(bin, 'runbook'), 0o755);
  return bin;
}

/** What the bash completion offers for the command line `words` (the last word is the one being completed). */
function bashCompletes(script: string, words: string[], cwd: string): string[] {
  const program = [
    script,
    `COMP_WORDS=(${words.map((word) => `'${word}'`).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    '_runbook',
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join('\n');
  const result = spawnSync('bash', ['-c', program], { cwd, encoding: 'utf8', env: { ...process.env, PATH: `${runbookOnPath()}:${process.env.PATH ?? ''}` } });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.split('\n').filter(Boolean).sort();
}

test('completion bash: commands, options, option values, templates and markdown files', () => {
  const root = workspace({ '.runbook/templates/drill.hbs': DRILL, 'notes.md': '# n\n', 'image.png': 'x' });
  const result = run(['completion', 'bash'], root);
  assert.equal(result.code, 0, result.stderr);
  const script = result.stdout;
  assert.equal(spawnSync('bash', ['-n'], { input: script }).status, 0, 'the script parses');
  assert.deepEqual(bashCompletes(script, ['runbook', 'ru'], root), ['runbooks']);
  assert.deepEqual(bashCompletes(script, ['runbook', 'rev'], root), ['revoke']);
  assert.deepEqual(bashCompletes(script, ['runbook', 't'], root), ['templates', 'timeline']);
  assert.deepEqual(bashCompletes(script, ['runbook', 'runbooks', '--status', ''], root), ['ACCEPTED', 'PROPOSED']);
  assert.deepEqual(bashCompletes(script, ['runbook', 'check', '--format', 'g'], root), ['github', 'gitlab']);
  assert.deepEqual(bashCompletes(script, ['runbook', 'check', '--format', ''], root), ['github', 'gitlab', 'json', 'sarif', 'text']);
  assert.deepEqual(bashCompletes(script, ['runbook', 'check', '--fail-on', ''], root), ['error', 'info', 'never', 'warning']);
  assert.deepEqual(bashCompletes(script, ['runbook', 'check', '--f'], root), ['--fail-on', '--format']);
  assert.deepEqual(bashCompletes(script, ['runbook', 'runbooks', '--s'], root), ['--status']);
  assert.deepEqual(bashCompletes(script, ['runbook', '--cwd', '.', 'new', 'd'], root), ['drill']);
  assert.ok(bashCompletes(script, ['runbook', 'approve', ''], root).includes('notes.md'));
  assert.ok(!bashCompletes(script, ['runbook', 'approve', ''], root).includes('image.png'));
  assert.deepEqual(bashCompletes(script, ['runbook', 'completion', ''], root), ['bash', 'fish', 'zsh']);
});

test('completion zsh and fish: every command, its options and choices', () => {
  const root = workspace();
  const zsh = run(['completion', 'zsh'], root).stdout;
  const fish = run(['completion', 'fish'], root).stdout;
  const commands = ['new', 'approve', 'revoke', 'accept', 'done', 'actions', 'incidents', 'runbooks', 'check', 'templates', 'completion'];
  for (const command of commands) {
    assert.match(zsh, new RegExp(`^ {4}'${command}:`, 'm'), `zsh lists ${command}`);
    assert.match(zsh, new RegExp(`^ {8}${command}\\) _arguments`, 'm'), `zsh completes the arguments of ${command}`);
    assert.match(fish, new RegExp(`^complete -c runbook -n __fish_use_subcommand -a ${command} -d `, 'm'), `fish lists ${command}`);
  }
  assert.match(zsh, /'--status\[only runbooks with this status\]:value:\(PROPOSED ACCEPTED\)'/);
  assert.match(zsh, /'--format\[output format\]:value:\(text json github sarif gitlab\)'/);
  assert.match(zsh, /'--fail-on\[lowest severity that makes the exit code 1\]:value:\(error warning info never\)'/);
  assert.match(fish, /^complete -c runbook -n '__fish_seen_subcommand_from check' -l format -x -a 'text json github sarif gitlab' -d /m);
  assert.match(fish, /^complete -c runbook -n '__fish_seen_subcommand_from check' -l fail-on -x -a 'error warning info never' -d /m);
  assert.match(zsh, /^compdef _runbook runbook$/m);
  assert.match(fish, /^complete -c runbook -n '__fish_seen_subcommand_from runbooks' -l status -x -a 'PROPOSED ACCEPTED' -d /m);
  assert.match(fish, /-x -a '\(runbook templates --names 2>\/dev\/null\)'$/m);
});

test('a reader that leaves early (runbook templates --names | head -1) ends the CLI quietly: exit 0, no stack trace', async () => {
  const root = workspace({});
  for (const args of [['templates', '--names'], ['completion', 'bash']]) {
    const child = spawn(process.execPath, [CLI, '--cwd', root, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, LANG: 'C', LC_ALL: 'C' } });
    // Closed before the CLI (still starting) writes a byte: its first write meets a pipe with no reader.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', (exitCode) => resolve(exitCode)));
    assert.equal(stderr, '', args.join(' '));
    assert.equal(code, 0, args.join(' '));
  }
});
