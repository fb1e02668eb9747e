/**
 * action.yml, the composite GitHub Action: its inputs match what `runbook check` accepts, and its shell steps, run here
 * as the runner would run them (expressions filled in from the inputs, `env:` and `working-directory` applied), write a
 * valid SARIF log, print annotations and fail or pass as `fail-on` says. The `uses:` steps (setup-node, the SARIF
 * upload) belong to GitHub and are only checked for their inputs; the build step is what `npm run build` already did.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import matter from 'gray-matter';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';

const REPO = join(__dirname, '../..');
const CLI = join(REPO, 'dist/cli.js');
if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');

interface Step {
  id: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
  'working-directory'?: string;
}

interface Action {
  runs: { using: string; steps: Step[] };
  inputs: Record<string, { default?: string; description: string }>;
  outputs: Record<string, { value: string }>;
}

const action = matter(`---\n${readFileSync(join(REPO, 'action.yml'), 'utf8')}\n---\n`).data as Action;

/** `${{ inputs.x }}` and `${{ github.action_path }}` filled in; any other expression fails the test. */
function expand(text: string, inputs: Record<string, string>): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    if (expression === 'github.action_path') return REPO;
    const input = /^inputs\.([a-z-]+)$/.exec(expression);
    assert.ok(input && input[1] in action.inputs, `unexpected expression in a run step: ${expression}`);
    return inputs[input[1]];
  });
}

/** Whether a step's `if:` holds; only `inputs.x == 'true'` is used in action.yml. */
function runsIf(step: Step, inputs: Record<string, string>): boolean {
  if (step.if === undefined) return true;
  const condition = /^inputs\.([a-z-]+) == '([^']*)'$/.exec(step.if);
  assert.ok(condition, `unexpected condition: ${step.if}`);
  return inputs[condition[1]] === condition[2];
}

/** Run the action's shell steps on `workspace` with `given` inputs; returns the check step's result and the outputs. */
function runAction(workspace: string, given: Record<string, string>) {
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, given[name] ?? input.default ?? '']));
  const output = join(mkdtempSync(join(tmpdir(), 'runbook-action-')), 'output');
  writeFileSync(output, '');
  let check: { code: number; stdout: string; stderr: string } | null = null;
  for (const step of action.runs.steps) {
    if (!step.run || step.id === 'build' || !runsIf(step, inputs)) continue;
    assert.equal(step.shell, 'bash');
    assert.doesNotMatch(step.run, /\$\{\{/, `step ${step.id}: inputs reach the script through env, never pasted into it`);
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([key, value]) => [key, expand(value, inputs)]));
    const result = spawnSync('bash', ['-e', '-c', step.run], {
      cwd: resolve(workspace, expand(step['working-directory'] ?? '.', inputs)),
      encoding: 'utf8',
      env: { ...process.env, ...env, GITHUB_ACTION_PATH: REPO, GITHUB_OUTPUT: output, RUNBOOK_NOW: '2026-11-23', RUNBOOK_CACHE_DIR: join(workspace, '.cache-test'), LANG: 'C', LC_ALL: 'C' },
    });
    if (step.id === 'check') check = { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
    else assert.equal(result.status, 0, `step ${step.id} failed: ${result.stderr}`);
  }
  assert.ok(check, 'the check step ran');
  return { check, outputs: readFileSync(output, 'utf8') };
}

function workspace(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'runbook-action-ws-'));
  mkdirSync(join(root, '.git'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

const fixture = (name: string): string => readFileSync(join(REPO, 'test/fixtures/documents', name), 'utf8');

test('action.yml: a composite action whose inputs are the check options, with defaults the CLI accepts', () => {
  assert.equal(action.runs.using, 'composite');
  assert.deepEqual(Object.keys(action.inputs).sort(), ['category', 'fail-on', 'format', 'sarif-file', 'upload-sarif', 'working-directory']);
  const help = spawnSync(process.execPath, [CLI, 'check', '--help'], { encoding: 'utf8' }).stdout;
  // Commander wraps long lines: read from the option to its closing parenthesis.
  const choices = (option: string): string[] => {
    const text = new RegExp(`${option} <[a-z]+>[^(]*\\(choices:([^)]*)\\)`).exec(help)?.[1] ?? '';
    return [...text.matchAll(/"([^"]+)"/g)].map((match) => match[1]);
  };
  assert.ok(choices('--format').includes(action.inputs.format.default!), help);
  assert.ok(choices('--fail-on').includes(action.inputs['fail-on'].default!), help);
  for (const format of ['github', 'text', 'json', 'sarif', 'gitlab']) assert.ok(choices('--format').includes(format));
  const upload = action.runs.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
  assert.ok(upload, 'the SARIF upload step');
  assert.equal(upload.if, "inputs.upload-sarif == 'true'");
  assert.match(upload.with?.sarif_file ?? '', /inputs\.sarif-file/);
  const order = action.runs.steps.map((step) => step.id);
  assert.ok(order.indexOf('upload') < order.indexOf('check'), 'the upload runs before the step that may fail');
});

test('action.yml: with errors, annotations and exit 1; upload-sarif writes a valid SARIF log and names it', () => {
  const root = workspace({ 'runbooks/accepted.md': fixture('runbook-accepted-missing-approvals.md') });
  const { check, outputs } = runAction(root, { 'upload-sarif': 'true' });
  assert.equal(check.code, 1, check.stderr);
  assert.match(check.stdout, /^::error file=runbooks\/accepted\.md,line=\d+,title=accepted-missing-approvals::/m);
  assert.equal(outputs.trim(), 'path=runbook.sarif');
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(join(REPO, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')) as object);
  const log = JSON.parse(readFileSync(join(root, 'runbook.sarif'), 'utf8')) as object;
  assert.ok(validate(log), JSON.stringify(validate.errors));
});

test('action.yml: fail-on never passes, a working-directory is honoured, and no SARIF unless asked', () => {
  const root = workspace({ 'ops/docs/runbooks/accepted.md': fixture('runbook-accepted-missing-approvals.md') });
  const { check } = runAction(root, { 'fail-on': 'never', 'working-directory': 'ops', format: 'text' });
  assert.equal(check.code, 0, check.stderr);
  assert.match(check.stdout, /ops\/docs\/runbooks\/accepted\.md:\d+ {2}error {2}accepted-missing-approvals/);
  assert.equal(existsSync(join(root, 'ops', 'runbook.sarif')), false);
  const warnings = workspace({ 'docs/post-mortems/2026-11-02-x.md': fixture('postmortem-checkbox-actions-fr.md') });
  assert.equal(runAction(warnings, {}).check.code, 0, 'warnings alone pass with the default fail-on');
  assert.equal(runAction(warnings, { 'fail-on': 'warning' }).check.code, 1);
});
