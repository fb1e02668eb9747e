/**
 * `runbook check` for CI, run from the built dist/cli.js: SARIF and GitLab reports that validate and keep their
 * fingerprints from one run to the next, and `--fail-on` deciding the exit code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { tempWorkspace as workspace } from '../temp-workspace';

const REPO = join(__dirname, '../..');
const CLI = join(REPO, 'dist/cli.js');
const FIXTURES = join(REPO, 'test/fixtures');

if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');

function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, RUNBOOK_NOW: '2026-11-23', RUNBOOK_CACHE_DIR: join(cwd, '.cache-test'), LANG: 'C', LC_ALL: 'C' },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}


const fixture = (name: string): string => readFileSync(join(FIXTURES, 'documents', name), 'utf8');

function validator(schemaFile: string) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(FIXTURES, schemaFile), 'utf8')) as object);
}

const FILES = {
  'accepted.md': fixture('runbook-accepted-missing-approvals.md'),
  'docs/post-mortems/2026-11-02 panne réseau.md': fixture('postmortem-checkbox-actions-fr.md'),
};

test('check --format sarif: a valid SARIF 2.1.0 log on stdout, exit 1 on errors, same fingerprints on a second run', () => {
  const root = workspace(FILES);
  const first = run(['check', '--format', 'sarif'], root);
  assert.equal(first.code, 1, first.stderr);
  assert.equal(first.stderr, '');
  const log = JSON.parse(first.stdout) as { runs: Array<{ results: Array<{ ruleId: string; partialFingerprints: Record<string, string>; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
  const validate = validator('sarif/sarif-schema-2.1.0.json');
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  const results = log.runs[0].results;
  assert.ok(results.some((result) => result.ruleId === 'accepted-missing-approvals'));
  assert.ok(results.some((result) => result.locations[0].physicalLocation.artifactLocation.uri === 'docs/post-mortems/2026-11-02%20panne%20r%C3%A9seau.md'));
  const second = JSON.parse(run(['check', '--format', 'sarif', '--no-cache'], root).stdout) as typeof log;
  assert.deepEqual(second.runs[0].results.map((result) => result.partialFingerprints), results.map((result) => result.partialFingerprints));
});

test('check --format gitlab: Code Quality JSON with the documented fields; a line inserted above keeps every fingerprint', () => {
  const root = workspace(FILES);
  const first = run(['check', '--format', 'gitlab'], root);
  assert.equal(first.code, 1, first.stderr);
  const report = JSON.parse(first.stdout) as Array<{ check_name: string; fingerprint: string; location: { path: string; lines: { begin: number } } }>;
  const validate = validator('gitlab/code-quality.schema.json');
  assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
  assert.ok(report.length >= 3);
  const file = join(root, 'docs/post-mortems/2026-11-02 panne réseau.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('\n## Timeline', '\nA paragraph added above.\n\n## Timeline'));
  const moved = JSON.parse(run(['check', '--format', 'gitlab'], root).stdout) as typeof report;
  assert.deepEqual(moved.map((issue) => issue.fingerprint).sort(), report.map((issue) => issue.fingerprint).sort());
  const movedLine = moved.find((issue) => issue.check_name === 'action-overdue')!.location.lines.begin;
  assert.equal(movedLine, report.find((issue) => issue.check_name === 'action-overdue')!.location.lines.begin + 2);
});

test('check --fail-on: warning fails on warnings only, never always passes, an unknown level is a usage error', () => {
  const warnings = workspace({ 'docs/post-mortems/2026-11-02-x.md': fixture('postmortem-checkbox-actions-fr.md') });
  assert.equal(run(['check'], warnings).code, 0, 'warnings alone pass by default');
  assert.equal(run(['check', '--fail-on', 'warning'], warnings).code, 1);
  const errors = workspace(FILES);
  assert.equal(run(['check', '--fail-on', 'never'], errors).code, 0);
  assert.equal(run(['check', '--fail-on', 'error'], errors).code, 1);
  const bad = run(['check', '--fail-on', 'sometimes'], errors);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /sometimes/);
});

test('check honours inline disable comments in every format; the same comment in a code block does not count', () => {
  const postmortem = fixture('postmortem-checkbox-actions-fr.md');
  const root = workspace({
    'docs/post-mortems/2026-11-02-x.md': postmortem.replace('\n# ', '\n<!-- runbook-disable-file action-overdue postmortem-action-no-due -->\n\n# '),
    'docs/post-mortems/2026-11-03-y.md': postmortem.replace('\n# ', '\n```\n<!-- runbook-disable-file -->\n```\n\n# '),
  });
  const findings = JSON.parse(run(['check', '--format', 'json'], root).stdout) as Array<{ rule: string; file: string }>;
  const of = (file: string): string[] => [...new Set(findings.filter((finding) => finding.file === file).map((finding) => finding.rule))].sort();
  assert.deepEqual(of('docs/post-mortems/2026-11-02-x.md'), ['action-no-owner']);
  assert.deepEqual(of('docs/post-mortems/2026-11-03-y.md'), ['action-no-owner', 'action-overdue', 'postmortem-action-no-due']);
  const sarif = JSON.parse(run(['check', '--format', 'sarif'], root).stdout) as { runs: Array<{ results: Array<{ ruleId: string }> }> };
  assert.equal(sarif.runs[0].results.length, findings.length);
});

test('the $runbook problem matcher (package.json) reads every finding of the text output, and nothing else', () => {
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
    contributes: { problemMatchers: Array<{ pattern: { regexp: string; file: number; line: number; severity: number; code: number; message: number } }> };
  };
  const { pattern } = manifest.contributes.problemMatchers[0];
  const root = workspace({ ...FILES, 'table.md': '# RCA: t\n\n## Action items\n| Action | Owner |\n|---|---|\n| a |\n' });
  const text = run(['check'], root).stdout.trimEnd().split('\n');
  const matched = text.map((line) => new RegExp(pattern.regexp).exec(line)).filter((match): match is RegExpExecArray => match !== null);
  const expected = JSON.parse(run(['check', '--format', 'json'], root).stdout) as Array<{ file: string; line: number; severity: string; rule: string; message: string }>;
  assert.equal(text.length, expected.length + 1, 'one line per finding and the summary');
  assert.deepEqual(
    matched.map((match) => ({ file: match[pattern.file], line: Number(match[pattern.line]), severity: match[pattern.severity], rule: match[pattern.code], message: match[pattern.message] })),
    expected.map(({ file, line, severity, rule, message }) => ({ file, line, severity, rule, message })),
  );
});
