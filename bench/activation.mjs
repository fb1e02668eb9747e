#!/usr/bin/env node
// Extension activation and first index time, measured in the real VS Code the tests use: `test/vscode/start.mjs`
// installs the packaged .vsix into code-server and serves the corpus folder; headless Chromium opens the workbench; the
// extension's own log lines ("activated in N ms", "indexed N documents in N ms", "longest event-loop stall while
// indexing: N ms") are read from its output channel's log file. The page is then reloaded once to measure a warm start (index cache in the extension's workspace storage).
//
// Usage: node bench/activation.mjs --workspace DIR   → prints one JSON object on stdout; progress on stderr.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HOME = join(ROOT, '.vscode-test', 'demo');
const args = process.argv.slice(2);
const workspace = resolve(args[args.indexOf('--workspace') + 1] ?? '');
const TIMEOUT_MS = 240_000;

const note = (message) => process.stderr.write(`[bench:activation] ${message}\n`);
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

/** Every "Runbook Kit" output-channel log file under the code-server user-data folder. */
function logFiles(folder = join(HOME, 'user-data', 'logs')) {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true })
    .map((name) => join(folder, String(name)))
    .filter((path) => /Runbook Kit\.log$/.test(path) && statSync(path).isFile());
}

/** The numbers of the log lines written after `seen` earlier ones, once both kinds are there. */
function readTimings(seen) {
  const lines = logFiles().flatMap((path) => readFileSync(path, 'utf8').split('\n'));
  const activated = lines.map((line) => /activated in (\d+) ms/.exec(line)).filter(Boolean).map((m) => Number(m[1]));
  const indexed = lines.map((line) => /indexed (\d+) documents in (\d+) ms/.exec(line)).filter(Boolean).map((m) => ({ documents: Number(m[1]), ms: Number(m[2]) }));
  const stalls = lines
    .map((line) => /longest event-loop stall while indexing: (\d+) ms \((\d+) over (\d+) ms\)/.exec(line))
    .filter(Boolean)
    .map((m) => ({ longestMs: Number(m[1]), over: Number(m[2]) }));
  // Optional lines (an older build, or a view VS Code did not show): the index ready and the view filled, counted from
  // activation; a warm start also says when it painted from the cache before validating it.
  const ready = lines.map((line) => /indexed \d+ documents in \d+ ms \((\d+) ms after activation\)/.exec(line)).filter(Boolean).map((m) => Number(m[1]));
  const early = lines.map((line) => /first listing ready (\d+) ms after activation/.exec(line)).filter(Boolean).map((m) => Number(m[1]));
  const filled = lines
    .map((line) => /Open Incidents filled (\d+) ms after activation: (\d+) incidents from (the cache|the index)/.exec(line))
    .filter(Boolean)
    .map((m) => ({ ms: Number(m[1]), incidents: Number(m[2]), fromCache: m[3] === 'the cache' }));
  if (activated.length <= seen.activated || indexed.length <= seen.indexed || stalls.length <= seen.stalls) return null;
  const latest = (list, count) => (list.length > count ? list[list.length - 1] : null);
  return {
    activatedMs: activated[activated.length - 1],
    index: indexed[indexed.length - 1],
    stall: stalls[stalls.length - 1],
    readyMs: latest(ready, seen.ready ?? 0),
    earlyMs: latest(early, seen.early ?? 0),
    filled: latest(filled, seen.filled ?? 0),
    seen: { activated: activated.length, indexed: indexed.length, stalls: stalls.length, ready: ready.length, early: early.length, filled: filled.length },
  };
}

/** Open the "Runbooks" container from the activity bar (as the UI suite does): its first view is Open Incidents. */
async function showIncidents(page) {
  const entry = page.locator('.activitybar .action-item a[aria-label^="Runbooks"]').first();
  await entry.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await entry.click();
}

/** Waits for the activation, index and stall lines, then up to 5 s more for the Open Incidents "filled" line. */
async function waitForTimings(seen) {
  const deadline = Date.now() + TIMEOUT_MS;
  let indexedAt = null;
  while (Date.now() < deadline) {
    const timings = readTimings(seen);
    if (timings) {
      indexedAt ??= Date.now();
      if (timings.filled || Date.now() - indexedAt > 5000) return timings;
    }
    await sleep(250);
  }
  throw new Error('the extension did not log its activation and first index in time');
}

async function main() {
  if (!existsSync(workspace)) throw new Error(`--workspace ${workspace}: no such folder`);
  // A cold start: no index cache from an earlier run, no earlier logs to confuse.
  rmSync(join(HOME, 'user-data', 'User', 'workspaceStorage'), { recursive: true, force: true });
  rmSync(join(HOME, 'user-data', 'logs'), { recursive: true, force: true });
  const port = await freePort();
  const server = spawn(process.execPath, [join(ROOT, 'test', 'vscode', 'start.mjs'), '--workspace', workspace, '--port', String(port)], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = () => {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already stopped
    }
  };
  process.on('exit', stop);
  let output = '';
  const url = await new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`code-server did not start:\n${output.slice(-2000)}`)), TIMEOUT_MS);
    const read = (chunk) => {
      output += chunk.toString();
      const match = /(http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        done(match[1]);
      }
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.on('exit', (code) => fail(new Error(`start.mjs exited (${code}):\n${output.slice(-2000)}`)));
  });
  const { chromium } = await import('playwright-core');
  const executablePath = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();
  if (!executablePath) throw new Error('chromium not found (node scripts/setup-vscode.mjs installs it)');
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    note(`opening ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
    // Show the Open Incidents view (VS Code fills only a visible view); the reload below keeps it shown.
    await showIncidents(page).catch((error) => note(`could not show Open Incidents: ${error instanceof Error ? error.message : error}`));
    const cold = await waitForTimings({ activated: 0, indexed: 0, stalls: 0 });
    note(`cold: activated in ${cold.activatedMs} ms, indexed ${cold.index.documents} documents in ${cold.index.ms} ms, longest stall ${cold.stall.longestMs} ms`);
    // The store writes its cache a moment after the first index: wait for its log line (an older build: 6 s).
    const written = Date.now();
    while (Date.now() - written < 60_000 && !logFiles().some((path) => readFileSync(path, 'utf8').includes('index cache written'))) await sleep(250);
    if (Date.now() - written >= 60_000) await sleep(6000);
    await page.reload({ waitUntil: 'domcontentloaded', timeout: TIMEOUT_MS });
    const warm = await waitForTimings(cold.seen);
    note(`warm: activated in ${warm.activatedMs} ms, indexed ${warm.index.documents} documents in ${warm.index.ms} ms, longest stall ${warm.stall.longestMs} ms`);
    process.stdout.write(
      JSON.stringify({
        documents: cold.index.documents,
        activationMs: cold.activatedMs,
        coldIndexMs: cold.index.ms,
        coldStallMs: cold.stall.longestMs,
        coldStallsOver50: cold.stall.over,
        warmActivationMs: warm.activatedMs,
        warmIndexMs: warm.index.ms,
        warmStallMs: warm.stall.longestMs,
        warmStallsOver50: warm.stall.over,
        coldReadyMs: cold.readyMs,
        warmReadyMs: warm.readyMs,
        warmEarlyMs: warm.earlyMs,
        coldFilled: cold.filled,
        warmFilled: warm.filled,
      }) + '\n',
    );
  } finally {
    await browser.close().catch(() => undefined);
    stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    note(`error: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  },
);
