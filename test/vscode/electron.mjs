#!/usr/bin/env node
// The same extension-host integration suite under @vscode/test-electron, for machines that can download VS Code
// (it fetches a VS Code build from Microsoft's update service; that is not possible on this project's offline machines,
// where `npm run test:vscode` runs the suite in code-server instead).
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const build = spawnSync(process.execPath, ['esbuild.mjs', '--vscode'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const sandbox = mkdtempSync(join(tmpdir(), 'runbook-electron-'));
const workspace = join(sandbox, 'workspace');
cpSync(join(ROOT, 'test', 'vscode', 'fixtures', 'workspace'), workspace, { recursive: true });
const results = join(sandbox, 'test-results.json');
let code = 0;
try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.96.4',
    extensionDevelopmentPath: ROOT,
    extensionTestsPath: join(ROOT, 'dist', 'test', 'suite', 'index.js'),
    extensionTestsEnv: { RUNBOOK_TEST_RESULTS: results },
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--user-data-dir', join(sandbox, 'user-data')],
  });
} catch (error) {
  code = 1;
  console.error(`[test:electron] ${error instanceof Error ? error.message : error}`);
}
if (existsSync(results)) {
  const report = JSON.parse(readFileSync(results, 'utf8'));
  let passed = 0;
  let failed = 0;
  for (const test of report.results) {
    if (test.state === 'passed') passed++;
    if (test.state === 'failed') failed++;
    console.log(`  ${test.state === 'passed' ? '✓' : test.state === 'failed' ? '✗' : '-'} ${test.title}${test.error ? `\n      ${test.error.split('\n')[0]}` : ''}`);
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  if (failed > 0) code = 1;
}
rmSync(sandbox, { recursive: true, force: true });
process.exit(code);
