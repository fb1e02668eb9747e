#!/usr/bin/env node
// Runs the extension inside a real VS Code here, without internet (see ../shared/notes/vscode-offline.md):
// code-server 4.96.4 (set up by scripts/setup-vscode.mjs) serves VS Code 1.96.4, headless Debian chromium opens it through
// playwright-core, and the workbench's `payload` query loads this repository as the extension under development.
//
//   1. integration suite, trusted workspace: dist/test/suite/index.js runs mocha inside the extension host
//   2. integration suite, Restricted Mode (trust enabled, folder untrusted): only the `@restricted` tests
//   2b. integration suite in a multi-root workspace (two copies of the fixture): only the `@multiroot` tests
//   3. UI suite (test/vscode/ui.mjs): Playwright drives the workbench as a user would, screenshots in test-results/
//   4. the packaged .vsix (vsce) installed into a fresh code-server shows its sidebar
//
// One file on purpose (480 lines): the five phases share the server, sandbox and cleanup helpers above them.
//
// Usage: node test/vscode/run.mjs [--only integration|restricted|multiroot|ui|vsix] [--keep] [--headed]
// Exit code: 0 when every suite passed, 1 otherwise (failures, timeouts, setup errors).
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupVscode, CODE_SERVER_BIN, OFFLINE_ENV } from '../../scripts/setup-vscode.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ARTIFACTS = join(ROOT, 'test-results');
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : null;
const keep = args.includes('--keep');
const headed = args.includes('--headed');

/** Hard limits per phase, in milliseconds. */
const TIMEOUTS = {
  build: 120_000,
  serverStart: 60_000,
  workbench: 120_000,
  integration: 300_000,
  ui: 300_000,
};

const cleanups = [];
let exiting = false;

function log(message) {
  console.log(`[test:vscode] ${message}`);
}

async function cleanup() {
  while (cleanups.length) {
    const action = cleanups.pop();
    try {
      await action();
    } catch {
      // best effort: the next cleanup still runs
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (exiting) return;
    exiting = true;
    log(`${signal}: stopping code-server and chromium`);
    void cleanup().finally(() => process.exit(130));
  });
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

function build() {
  const started = Date.now();
  // The whole build: the problem-matcher spec runs dist/cli.js in a VS Code task.
  const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit', timeout: TIMEOUTS.build });
  if (result.status !== 0) throw new Error(`build failed: node esbuild.mjs exited ${result.status ?? result.signal}`);
  for (const file of ['dist/extension.js', 'dist/cli.js', 'dist/test/suite/index.js']) {
    if (!existsSync(join(ROOT, file))) throw new Error(`build did not produce ${file}`);
  }
  log(`built (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** The workspace the suites open: the example workspace when it exists, else the harness's small fixture. */
function workspaceSource(kind) {
  const fixture = join(ROOT, 'test', 'vscode', 'fixtures', 'workspace');
  // The integration suite asserts exact contents: it always opens the harness's own fixture.
  if (kind !== 'ui' && kind !== 'vsix') return fixture;
  const example = join(ROOT, 'examples', 'workspace');
  return existsSync(join(example, '.agent', 'cache', 'stories')) ? example : fixture;
}

/**
 * A fresh sandbox for one VS Code session: a copy of the workspace, a user-data dir with the settings, an extensions dir.
 */
function makeSandbox(name, { trusted }) {
  const dir = mkdtempSync(join(tmpdir(), `runbook-vscode-${name}-`));
  const workspace = join(dir, 'workspace');
  cpSync(workspaceSource(name), workspace, { recursive: true });
  const userData = join(dir, 'user-data');
  mkdirSync(join(userData, 'User'), { recursive: true });
  const settings = {
    'security.workspace.trust.enabled': !trusted,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'always',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'editor.codeLens': true,
    'window.commandCenter': false,
    'chat.commandCenter.enabled': false,
  };
  writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  let workspaceFile = null;
  if (name === 'multiroot') {
    // A second folder with its own configuration, and a .code-workspace naming both.
    const second = join(dir, 'workspace-b');
    cpSync(workspaceSource(name), second, { recursive: true });
    mkdirSync(join(second, '.runbook'), { recursive: true });
    writeFileSync(join(second, '.runbook', 'config.json'), JSON.stringify({ roles: ['Security', 'QA'] }));
    workspaceFile = join(dir, 'runbook.code-workspace');
    writeFileSync(workspaceFile, JSON.stringify({ folders: [{ path: 'workspace', name: 'ops' }, { path: 'workspace-b', name: 'platform' }] }, null, 2));
  }
  const extensions = join(dir, 'extensions');
  mkdirSync(extensions);
  const results = join(dir, 'test-results.json');
  if (!keep) cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return { dir, workspace, workspaceFile, userData, extensions, results };
}

/** Start code-server on a free loopback port; resolves once it answers HTTP. */
async function startCodeServer(sandbox, extraEnv = {}) {
  const port = await freePort();
  const serverLog = [];
  const child = spawn(
    process.execPath,
    [
      CODE_SERVER_BIN,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--user-data-dir', sandbox.userData,
      '--extensions-dir', sandbox.extensions,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-getting-started-override',
      '--locale', 'en',
      sandbox.workspaceFile ?? sandbox.workspace,
    ],
    {
      cwd: sandbox.dir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...OFFLINE_ENV, ...extraEnv, VSCODE_PROXY_URI: '', NODE_OPTIONS: '' },
    },
  );
  const remember = (chunk) => {
    serverLog.push(chunk.toString());
    if (serverLog.length > 400) serverLog.shift();
  };
  child.stdout.on('data', remember);
  child.stderr.on('data', remember);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = code ?? signal;
  });
  const stop = async () => {
    if (exited !== null) return;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 30 && exited === null; i++) await sleep(100);
    if (exited === null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  };
  cleanups.push(stop);
  const base = `http://127.0.0.1:${port}`;
  await withTimeout(
    (async () => {
      for (;;) {
        if (exited !== null) throw new Error(`code-server exited (${exited}):\n${serverLog.join('').slice(-3000)}`);
        try {
          const response = await fetch(`${base}/healthz`);
          if (response.ok) return;
        } catch {
          // not listening yet
        }
        await sleep(250);
      }
    })(),
    TIMEOUTS.serverStart,
    'code-server to start',
  );
  return { port, base, stop, log: () => serverLog.join('') };
}

/** The workbench URL that loads this repository as the extension under development (and, optionally, its tests). */
function workbenchUrl(server, sandbox, { tests }) {
  const remote = (path) => `vscode-remote://127.0.0.1:${server.port}${path}`;
  const payload = [['extensionDevelopmentPath', remote(ROOT)]];
  if (tests) payload.push(['extensionTestsPath', remote(join(ROOT, 'dist', 'test', 'suite', 'index.js'))]);
  const open = sandbox.workspaceFile ? `workspace=${encodeURIComponent(sandbox.workspaceFile)}` : `folder=${encodeURIComponent(sandbox.workspace)}`;
  return `${server.base}/?${open}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

let chromiumModule;
async function launchBrowser() {
  chromiumModule ??= (await import('playwright-core')).chromium;
  const which = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' });
  const executablePath = which.stdout.trim();
  if (!executablePath) throw new Error('chromium not found (run node scripts/setup-vscode.mjs)');
  const browser = await chromiumModule.launch({
    executablePath,
    headless: !headed,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  cleanups.push(() => browser.close());
  return browser;
}

async function openWorkbench(browser, url, pageErrors) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-US' });
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  await withTimeout(page.goto(url, { waitUntil: 'domcontentloaded' }), TIMEOUTS.workbench, 'the workbench page to load');
  await page.locator('.monaco-workbench').waitFor({ timeout: TIMEOUTS.workbench });
  return { context, page };
}

/** Read the results file the in-host suite writes once mocha is done. */
async function waitForResults(path, server) {
  return withTimeout(
    (async () => {
      for (;;) {
        if (existsSync(path)) {
          try {
            const results = JSON.parse(readFileSync(path, 'utf8'));
            if (results.done) return results;
          } catch {
            // being written
          }
        }
        await sleep(250);
      }
    })(),
    TIMEOUTS.integration,
    `the extension-host suite to report (server log tail:\n${server.log().slice(-2000)})`,
  );
}

/** Print mocha-style lines; returns [passed, failed]. */
function report(title, results) {
  console.log(`\n  ${title}`);
  let passed = 0;
  let failed = 0;
  for (const test of results.results ?? []) {
    if (test.state === 'passed') {
      passed++;
      console.log(`    ✓ ${test.title} (${test.durationMs} ms)`);
    } else if (test.state === 'failed') {
      failed++;
      console.log(`    ✗ ${test.title}\n${indent(test.error ?? '', 8)}`);
    } else {
      // A test that did not run is not a pass: no spec may skip itself (a UI step blocked by a failed first step
      // is counted here too).
      failed++;
      console.log(`    ✗ ${test.title} (pending: did not run)`);
    }
  }
  if (results.error) {
    failed++;
    console.log(`    ✗ suite error\n${indent(results.error, 8)}`);
  }
  if (passed + failed === 0) {
    failed++;
    console.log('    ✗ no tests ran');
  }
  return [passed, failed];
}

function indent(text, n) {
  return text
    .split('\n')
    .slice(0, 20)
    .map((line) => ' '.repeat(n) + line)
    .join('\n');
}

/** One integration run: a fresh sandbox, code-server, chromium, the suite inside the extension host. */
async function integration(browser, { trusted, multiRoot = false }) {
  const name = multiRoot ? 'multiroot' : trusted ? 'integration' : 'restricted';
  const started = Date.now();
  const sandbox = makeSandbox(name, { trusted });
  const server = await startCodeServer(sandbox, { RUNBOOK_TEST_RESULTS: sandbox.results });
  const pageErrors = [];
  const { context, page } = await openWorkbench(browser, workbenchUrl(server, sandbox, { tests: true }), pageErrors);
  try {
    const results = await waitForResults(sandbox.results, server);
    if (!trusted && !results.restricted) results.error = 'the workspace was trusted: Restricted Mode was not tested';
    if (multiRoot && !results.multiRoot) results.error = 'the workspace had one folder: multi-root was not tested';
    const title = multiRoot ? 'Integration (multi-root workspace)' : trusted ? 'Integration (trusted workspace)' : 'Integration (Restricted Mode)';
    const counts = report(`${title} — ${((Date.now() - started) / 1000).toFixed(1)} s`, results);
    if (counts[1] > 0 && pageErrors.length) log(`workbench errors:\n${indent(pageErrors.slice(-10).join('\n'), 4)}`);
    return counts;
  } catch (error) {
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, `${name}-timeout.png`) }).catch(() => undefined);
    throw error;
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
  }
}

async function ui(browser) {
  const started = Date.now();
  const sandbox = makeSandbox('ui', { trusted: true });
  const server = await startCodeServer(sandbox);
  const pageErrors = [];
  const { context, page } = await openWorkbench(browser, workbenchUrl(server, sandbox, { tests: false }), pageErrors);
  mkdirSync(ARTIFACTS, { recursive: true });
  try {
    const { runUiSuite } = await import('./ui.mjs');
    const results = await withTimeout(runUiSuite({ page, workspace: sandbox.workspace, artifacts: ARTIFACTS }), TIMEOUTS.ui, 'the UI suite');
    return report(`UI (Playwright) — ${((Date.now() - started) / 1000).toFixed(1)} s`, { results });
  } finally {
    await context.close().catch(() => undefined);
    await server.stop();
  }
}

/** The packaged extension: `npm run package`, installed into a fresh code-server, shows its sidebar on the workspace. */
async function vsix(browser) {
  const started = Date.now();
  const results = [];
  const test = async (title, body) => {
    const begun = Date.now();
    try {
      await body();
      results.push({ title: `package ${title}`, state: 'passed', durationMs: Date.now() - begun });
    } catch (error) {
      results.push({ title: `package ${title}`, state: 'failed', durationMs: Date.now() - begun, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  };
  const sandbox = makeSandbox('vsix', { trusted: true });
  const file = join(sandbox.dir, 'runbook-kit.vsix');
  await test('npm run package builds a .vsix', async () => {
    const result = spawnSync('npx', ['--no-install', 'vsce', 'package', '--no-dependencies', '--out', file], { cwd: ROOT, encoding: 'utf8', timeout: TIMEOUTS.build });
    if (result.status !== 0) throw new Error(`vsce package failed:\n${(result.stdout + result.stderr).slice(-2000)}`);
    const install = spawnSync(process.execPath, [CODE_SERVER_BIN, '--user-data-dir', sandbox.userData, '--extensions-dir', sandbox.extensions, '--install-extension', file], { encoding: 'utf8', timeout: TIMEOUTS.serverStart, env: { ...process.env, ...OFFLINE_ENV } });
    if (install.status !== 0 || !/successfully installed/i.test(install.stdout)) throw new Error(`code-server --install-extension failed:\n${install.stdout}${install.stderr}`);
  });
  if (results[0].state === 'passed') {
    const server = await startCodeServer(sandbox);
    const { context, page } = await openWorkbench(browser, `${server.base}/?folder=${encodeURIComponent(sandbox.workspace)}`, []);
    try {
      await test('installed in code-server, it shows the sidebar on the workspace', async () => {
        await page.locator('.activitybar .action-item a[aria-label^="Runbooks"]').first().click({ timeout: 60_000 });
        const rows = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Open Incidents' }) }).locator('.monaco-list-row');
        await rows.first().waitFor({ state: 'visible', timeout: 30_000 });
      });
    } finally {
      await context.close().catch(() => undefined);
      await server.stop();
    }
  }
  return report(`Package (.vsix in code-server) — ${((Date.now() - started) / 1000).toFixed(1)} s`, { results });
}

async function main() {
  const started = Date.now();
  let passed = 0;
  let failed = 0;
  const add = ([p, f]) => {
    passed += p;
    failed += f;
  };
  try {
    setupVscode();
    build();
    log(`workspaces: ${workspaceSource('integration')} (integration), ${workspaceSource('ui')} (UI)`);
    const browser = await launchBrowser();
    const phases = [
      ['integration', () => integration(browser, { trusted: true })],
      ['restricted', () => integration(browser, { trusted: false })],
      ['multiroot', () => integration(browser, { trusted: true, multiRoot: true })],
      ['ui', () => ui(browser)],
      ['vsix', () => vsix(browser)],
    ];
    for (const [name, phase] of phases) {
      if (only && only !== name) continue;
      try {
        add(await phase());
      } catch (error) {
        failed++;
        console.log(`\n  ✗ ${name}: ${error instanceof Error ? error.message : error}`);
      }
    }
  } catch (error) {
    failed++;
    console.error(`[test:vscode] error: ${error instanceof Error ? error.message : error}`);
  } finally {
    await cleanup();
  }
  log(`finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

await main();
