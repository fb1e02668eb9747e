/**
 * The extension-host test entry: VS Code (code-server in the harness, or @vscode/test-electron) loads this bundle and
 * calls `run()`. The specs are bundled in, so they are listed here explicitly; they are required only after mocha has set
 * up its globals (`describe`, `it`). Results go to a JSON file the harness reads (RUNBOOK_TEST_RESULTS, or
 * `test-results.json` beside the workspace folder).
 *
 * In an untrusted workspace (the harness's Restricted Mode run) only tests titled with `@restricted` run; in a
 * multi-root workspace (the harness's `multiroot` run) only those titled `@multiroot`; otherwise neither.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** Each spec module, imported lazily so mocha's globals exist when it runs. */
const SPECS: Array<() => Promise<unknown>> = [
  () => import('../../../src/vscode/activation.spec'),
  () => import('../../../src/vscode/files.spec'),
  () => import('../../../src/vscode/features/new-document/new-document.spec'),
  () => import('../../../src/vscode/features/new-document/draft.spec'),
  () => import('../../../src/vscode/features/approvals/approvals.spec'),
  () => import('../../../src/vscode/features/incidents/incidents.spec'),
  () => import('../../../src/vscode/features/sidebar/sidebar.spec'),
  () => import('../../../src/vscode/features/diagnostics/diagnostics.spec'),
  () => import('../../../src/vscode/features/report/report.spec'),
  () => import('../../../src/vscode/features/incidents/handoffs.spec'),
  () => import('../../../src/vscode/features/incidents/activity.spec'),
  () => import('../../../src/vscode/features/sidebar/recurrence.spec'),
  () => import('../../../src/vscode/restricted.spec'),
  () => import('../../../src/vscode/ecosystem.spec'),
  () => import('../../../src/vscode/multiroot.spec'),
];

interface TestResult {
  title: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs: number;
  error?: string;
}

function resultsPath(): string {
  if (process.env.RUNBOOK_TEST_RESULTS) return process.env.RUNBOOK_TEST_RESULTS;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder open and RUNBOOK_TEST_RESULTS not set');
  return path.join(path.dirname(folder.uri.fsPath), 'test-results.json');
}

export async function run(): Promise<void> {
  const output = resultsPath();
  const restricted = !vscode.workspace.isTrusted;
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const grep = restricted ? /@restricted/ : multiRoot ? /@multiroot/ : /@restricted|@multiroot/;
  const mocha = new Mocha({ ui: 'bdd', timeout: 20000, color: false, grep, invert: !restricted && !multiRoot });
  const results: TestResult[] = [];
  const started = Date.now();
  const write = (extra: Record<string, unknown>): void => {
    fs.writeFileSync(`${output}.tmp`, JSON.stringify({ restricted, multiRoot, results, durationMs: Date.now() - started, ...extra }, null, 2));
    fs.renameSync(`${output}.tmp`, output);
  };
  try {
    mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
    for (const load of SPECS) await load();
    const failures = await new Promise<number>((resolve) => {
      const runner = mocha.run((count) => resolve(count));
      runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
      runner.on('fail', (test, error: Error) =>
        results.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: error.stack ?? String(error) }),
      );
      runner.on('pending', (test) => results.push({ title: test.fullTitle(), state: 'pending', durationMs: 0 }));
    });
    write({ done: true, failures });
    if (failures > 0) throw new Error(`${failures} extension-host tests failed`);
  } catch (error) {
    if (!fs.existsSync(output)) write({ done: true, failures: 1, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    throw error;
  }
}
