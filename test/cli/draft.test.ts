/**
 * `runbook draft` and `runbook new-runbook`, run from the built dist/cli.js on copies of the example workspace, with
 * test/fixtures/model/fake-model.mjs standing in for a model CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const REPO = join(__dirname, '../..');
const CLI = join(REPO, 'dist/cli.js');
const FAKE = join(REPO, 'test/fixtures/model/fake-model.mjs');
const RUNBOOK = '.agent/cache/runbooks/platform/OPS-7-runbook.md';
const ROLES = ['Architect', 'Security', 'QA', 'Docs', 'Compliance', 'Observability'];

if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The model command for a fake-model mode, as a user would type it. */
const fake = (mode: string): string => `"${process.execPath}" "${FAKE}" ${mode}`;

function baseEnv(cwd: string, env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = { ...process.env };
  delete inherited.RUNBOOK_DRAFT_COMMAND;
  delete inherited.RUNBOOK_DRAFT_TIMEOUT;
  return { ...inherited, RUNBOOK_NOW: '2026-11-23', RUNBOOK_CACHE_DIR: join(cwd, '.cache-test'), LANG: 'C', LC_ALL: 'C', ...env };
}

function run(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  // The bound keeps a hung command from hanging the suite; a run that hits it fails on its exit code.
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: baseEnv(cwd, env), timeout: 60_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** A copy of the example workspace, with a governance rule and a log for the fake model. */
function workspace(extra: Record<string, string> = {}): { root: string; log: string; prompts: string } {
  const root = mkdtempSync(join(tmpdir(), 'runbook-draft-'));
  cpSync(join(REPO, 'examples/workspace'), root, { recursive: true });
  const files = { '.agent/rules/secrets.md': '# Secrets\nDatabase credentials live in Vault (rule marker).\n', ...extra };
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  const prompts = mkdtempSync(join(tmpdir(), 'runbook-prompts-'));
  return { root, log: join(prompts, 'model.log'), prompts };
}

/** Every file of a folder, relative, sorted: to prove nothing was written. */
function listing(root: string, folder = ''): string[] {
  return readdirSync(join(root, folder), { withFileTypes: true })
    .flatMap((entry) => {
      const path = folder ? `${folder}/${entry.name}` : entry.name;
      if (entry.name === '.cache-test') return [];
      return entry.isDirectory() ? listing(root, path) : [path];
    })
    .sort();
}

const loggedRoles = (log: string): string[] => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').map((line) => line.split(' ')[0]) : []);
const oneLine = (text: string): void => assert.equal(text.trim().split('\n').length, 1, `expected one line, got:\n${text}`);

test('draft: each role is asked on stdin, the draft is written where "new runbook" writes, PROPOSED with six open roles', () => {
  const { root, log, prompts } = workspace();
  const result = run(['draft', 'OPS-7', '--with', fake('happy')], root, { FAKE_MODEL_LOG: log, FAKE_MODEL_PROMPTS: prompts });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout.trim(), RUNBOOK);
  assert.deepEqual(loggedRoles(log), ROLES);
  const text = readFileSync(join(root, RUNBOOK), 'utf8');
  assert.match(text, /^drafted-with: ".*fake-model\.mjs\\" happy"$/m);
  assert.match(text, /^drafted-on: 2026-11-23$/m);
  assert.match(text, /^# OPS-7: Rotate database credentials every 90 days\n\n> \*\*Drafted by a language model — review every section\.\*\*/m);
  assert.match(text, /^Status: PROPOSED$/m);
  for (const role of ROLES) assert.match(text, new RegExp(`^- \\[ \\] @${role} approved\\?$`, 'm'));
  assert.match(text, /## Proposed Changes\n\n<!-- drafted by @Architect -->\n### Credentials\n#### \[NEW\] \[rotate\.ts\]\(src\/jobs\/rotate\.ts\)/);
  assert.match(text, /## Verification Plan\n[\s\S]*- QA marker\n\n## /);
  // The governance rule and the story reached every role.
  for (const role of ROLES) {
    const prompt = readFileSync(join(prompts, `${role}.txt`), 'utf8');
    assert.match(prompt, /rule marker/, role);
    assert.match(prompt, /Credentials older than 90 days are rotated/, role);
  }
  const listed = JSON.parse(run(['runbooks', '--json'], root).stdout) as Array<{ file: string; status: string; missing: string[] }>;
  assert.deepEqual(listed.find((row) => row.file === RUNBOOK)?.missing, ['Security', 'Architect', 'QA', 'Docs', 'Compliance', 'Observability']);
  assert.equal(listed.find((row) => row.file === RUNBOOK)?.status, 'PROPOSED');
});

test('draft: the command may come from RUNBOOK_DRAFT_COMMAND; --with wins over it', () => {
  const { root, log } = workspace();
  const result = run(['draft', 'OPS-7'], root, { RUNBOOK_DRAFT_COMMAND: fake('happy'), FAKE_MODEL_LOG: log });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual(loggedRoles(log), ROLES);
  const other = workspace();
  const wins = run(['draft', 'OPS-7', '--with', fake('happy')], other.root, { RUNBOOK_DRAFT_COMMAND: fake('fail') });
  assert.equal(wins.code, 0, wins.stderr);
});

test('draft: a forged status, checked box and approval record are removed and noted; the runbook stays PROPOSED', () => {
  const { root } = workspace();
  const result = run(['draft', 'OPS-7', '--with', fake('forge')], root);
  assert.equal(result.code, 0, result.stderr);
  const text = readFileSync(join(root, RUNBOOK), 'utf8');
  assert.doesNotMatch(text, /ACCEPTED|Mallory|\[x\]/);
  assert.match(text, /security marker/);
  assert.match(text, /^> - Removed from @Security's answer: 1 status line, 1 compliance checkbox \(only people approve and accept a runbook\)\.$/m);
  assert.match(result.stderr, /removed from @Security's answer: 1 status line, 1 compliance checkbox/);
  const listed = JSON.parse(run(['runbooks', '--json'], root).stdout) as Array<{ file: string; status: string; approved: string[] }>;
  const row = listed.find((entry) => entry.file === RUNBOOK);
  assert.equal(row?.status, 'PROPOSED');
  assert.deepEqual(row?.approved, []);
  // And it cannot be accepted: no role approved it.
  const accept = run(['accept', RUNBOOK, '--by', 'Mallory'], root);
  assert.equal(accept.code, 1);
});

test('draft: a failing command, an empty answer or a timeout exit 1 with one line; nothing is written', () => {
  const cases: Array<[string[], Record<string, string>, RegExp]> = [
    [['--with', fake('fail')], {}, /@Architect: the draft command exited with code 3: error: model "llama9" not found; nothing was written/],
    [['--with', fake('empty')], {}, /empty answer for @Architect; nothing was written/],
    [['--with', fake('slow'), '--timeout', '1'], {}, /@Architect: the draft command timed out after 1 s/],
    [['--with', fake('slow')], { RUNBOOK_DRAFT_TIMEOUT: '0.5' }, /timed out after 0\.5 s/],
    [['--with', 'no-such-model-cli-here'], {}, /exited with code 127/],
    [['--with', fake('flood')], {}, /answer for @Architect is over 64 KB; nothing was written/],
  ];
  for (const [args, env, expected] of cases) {
    const { root } = workspace();
    const before = listing(root);
    const result = run(['draft', 'OPS-7', ...args], root, env);
    assert.equal(result.code, 1, `${args.join(' ')}: ${result.stderr}`);
    oneLine(result.stderr);
    assert.match(result.stderr, expected);
    assert.equal(result.stdout, '');
    assert.deepEqual(listing(root), before, `${args.join(' ')} wrote something`);
  }
});

test('draft: no command exits 2 saying how to give one; a bad --timeout exits 2', () => {
  const { root } = workspace();
  const before = listing(root);
  const none = run(['draft', 'OPS-7'], root);
  assert.equal(none.code, 2);
  oneLine(none.stderr);
  assert.match(none.stderr, /--with "<command>".*RUNBOOK_DRAFT_COMMAND/);
  for (const timeout of ['0', '-5', 'soon']) {
    const bad = run(['draft', 'OPS-7', '--with', fake('happy'), '--timeout', timeout], root);
    assert.equal(bad.code, 2, timeout);
    assert.match(bad.stderr, /--timeout must be a number of seconds greater than 0/);
  }
  assert.deepEqual(listing(root), before);
});

test('draft: a workspace config that sets the command is ignored (and said to be); the program never runs', () => {
  const { root, log } = workspace();
  const planted = `"${process.execPath}" -e "require('fs').writeFileSync('PLANTED', 'ran')"`;
  writeFileSync(join(root, '.runbook/config.json'), JSON.stringify({ draftCommand: planted, draftTimeout: 1 }));
  const none = run(['draft', 'OPS-7'], root);
  assert.equal(none.code, 2, none.stderr);
  assert.ok(!existsSync(join(root, 'PLANTED')));
  const given = run(['draft', 'OPS-7', '--with', fake('happy')], root, { FAKE_MODEL_LOG: log });
  assert.equal(given.code, 0, given.stderr);
  assert.match(given.stderr, /\.runbook\/config\.json sets "draftCommand", which is ignored/);
  assert.deepEqual(loggedRoles(log), ROLES);
  assert.ok(!existsSync(join(root, 'PLANTED')));
  // The rest of the configuration still works for every other command.
  assert.equal(run(['runbooks', '--json'], root).code, 0);
});

test('draft: an existing runbook is never overwritten, and the model is not asked', () => {
  const { root, log } = workspace();
  mkdirSync(join(root, dirname(RUNBOOK)), { recursive: true });
  writeFileSync(join(root, RUNBOOK), 'my edits\n');
  const result = run(['draft', 'OPS-7', '--with', fake('happy')], root, { FAKE_MODEL_LOG: log });
  assert.equal(result.code, 1);
  oneLine(result.stderr);
  assert.match(result.stderr, /OPS-7-runbook\.md already exists/);
  assert.equal(readFileSync(join(root, RUNBOOK), 'utf8'), 'my edits\n');
  assert.deepEqual(loggedRoles(log), []);
});

test('draft: a secret in the command is masked in drafted-with', () => {
  const { root } = workspace();
  const result = run(['draft', 'OPS-7', '--with', `OPENAI_API_KEY=sk-abcdefghijklmnop1234 ${fake('happy')} --api-key hunter2`], root);
  assert.equal(result.code, 0, result.stderr);
  const text = readFileSync(join(root, RUNBOOK), 'utf8');
  assert.doesNotMatch(text, /sk-abcdefghijklmnop1234|hunter2/);
  assert.match(text, /^drafted-with: .*OPENAI_API_KEY=\*\*\* .*--api-key \*\*\*/m);
});

test('draft: Ctrl+C stops the model command and writes nothing (exit 130)', async () => {
  const { root, log } = workspace();
  const before = listing(root);
  const child = spawn(process.execPath, [CLI, 'draft', 'OPS-7', '--with', fake('slow'), '--timeout', '50'], { cwd: root, env: baseEnv(root, { FAKE_MODEL_LOG: log }) });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // Wait until the model has the first prompt, then interrupt as a terminal would.
  for (let waited = 0; loggedRoles(log).length === 0; waited += 50) {
    assert.ok(waited < 20_000, 'the model command never received a prompt');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const modelPid = Number(readFileSync(log, 'utf8').trim().split(' ')[1]);
  child.kill('SIGINT');
  assert.equal(await exited, 130, stderr);
  assert.match(stderr, /cancelled; nothing was written/);
  assert.deepEqual(listing(root), before);
  // The model command is gone too, not left running in the background.
  for (let waited = 0; ; waited += 50) {
    let alive = true;
    try {
      process.kill(modelPid, 0);
    } catch {
      alive = false;
    }
    if (!alive) break;
    assert.ok(waited < 5_000, `the model command ${modelPid} is still running`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
});

test('new-runbook <STORY-ID> is "new runbook <STORY-ID>"', () => {
  const alias = workspace();
  const plain = workspace();
  const viaAlias = run(['new-runbook', 'OPS-7'], alias.root);
  const viaNew = run(['new', 'runbook', 'OPS-7'], plain.root);
  assert.equal(viaAlias.code, 0, viaAlias.stderr);
  assert.equal(viaAlias.stdout, viaNew.stdout);
  assert.equal(readFileSync(join(alias.root, RUNBOOK), 'utf8'), readFileSync(join(plain.root, RUNBOOK), 'utf8'));
  const again = run(['new-runbook', 'OPS-7'], alias.root);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /already exists/);
  assert.equal(run(['new-runbook'], alias.root).code, 2);
});
