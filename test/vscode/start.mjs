#!/usr/bin/env node
// Opens the example workspace in VS Code (the code-server the tests use) with the packaged extension installed, and
// prints the address to open in a browser. Stops on Ctrl+C.
//
// Usage: node test/vscode/start.mjs [--port 8080] [--host 127.0.0.1] [--workspace DIR] [--fresh]   (or PORT=…, RUNBOOK_VSCODE_HOST=…)
//   --workspace  the folder to open (default: a working copy of examples/workspace in .vscode-test/demo-workspace,
//                so trying things out never changes the example); --fresh starts that copy over.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupVscode, CODE_SERVER_BIN, OFFLINE_ENV } from '../../scripts/setup-vscode.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const port = Number(option('--port', process.env.PORT ?? '8080'));
// 127.0.0.1 by default (no authentication is configured); --host 0.0.0.0 to reach it from outside a container.
const host = option('--host', process.env.RUNBOOK_VSCODE_HOST ?? '127.0.0.1');
const home = join(ROOT, '.vscode-test', 'demo');

function log(message) {
  console.log(`[start:vscode] ${message}`);
}

function fail(message) {
  console.error(`[start:vscode] error: ${message}`);
  process.exit(1);
}

function run(command, commandArgs, what) {
  const result = spawnSync(command, commandArgs, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ...OFFLINE_ENV } });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').slice(-20).join('\n'));
    fail(`${what} failed (${command} ${commandArgs.join(' ')})`);
  }
}

try {
  setupVscode();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

let workspace = option('--workspace', null);
if (workspace) {
  workspace = resolve(workspace);
} else {
  const example = join(ROOT, 'examples', 'workspace');
  workspace = join(ROOT, '.vscode-test', 'demo-workspace');
  if (args.includes('--fresh')) rmSync(workspace, { recursive: true, force: true });
  if (!existsSync(workspace)) cpSync(existsSync(example) ? example : join(ROOT, 'test', 'vscode', 'fixtures', 'workspace'), workspace, { recursive: true });
}

// Quiet unless something goes wrong: a newcomer sees the example's summary (scripts/demo.mjs) and the address.
run('npm', ['run', 'package', '--silent'], 'packaging the extension');
const vsix = join(ROOT, 'runbook-kit.vsix');
const userData = join(home, 'user-data');
const extensions = join(home, 'extensions');
mkdirSync(join(userData, 'User'), { recursive: true });
mkdirSync(extensions, { recursive: true });
const settingsFile = join(userData, 'User', 'settings.json');
if (!existsSync(settingsFile)) {
  writeFileSync(
    settingsFile,
    JSON.stringify({ 'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'security.workspace.trust.enabled': false, 'git.openRepositoryInParentFolders': 'never' }, null, 2),
  );
}
const base = [CODE_SERVER_BIN, '--user-data-dir', userData, '--extensions-dir', extensions];
run(process.execPath, [...base, '--install-extension', vsix, '--force'], 'installing runbook-kit.vsix into code-server');

const server = spawn(
  process.execPath,
  [...base, '--auth', 'none', '--bind-addr', `${host}:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', workspace],
  // No extension gallery: offline, every gallery query would log getaddrinfo ENOTFOUND (and nothing is installed
  // from it here; the extension comes from the .vsix). An empty gallery turns the Marketplace off in VS Code.
  { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env: { ...process.env, ...OFFLINE_ENV } },
);
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {
    // already stopped
  }
};
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => (stop(), process.exit(0)));
process.on('exit', stop);
let announced = false;
const onOutput = (chunk) => {
  const text = chunk.toString();
  if (!announced && /HTTP server listening/.test(text)) {
    announced = true;
    log(`VS Code ${'(code-server 4.96.4)'} with Runbook Kit is running on the example workspace:`);
    console.log(`\n    http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}/?folder=${encodeURIComponent(workspace)}\n`);
    log('open that address in a browser (the "Runbooks" icon is in the activity bar); Ctrl+C stops it.');
  } else if (/error/i.test(text)) {
    process.stderr.write(text);
  }
};
server.stdout.on('data', onOutput);
server.stderr.on('data', onOutput);
server.on('exit', (code) => {
  if (!announced) fail(`code-server exited (${code}) before listening: is port ${port} free? (use --port N)`);
  process.exit(code ?? 0);
});
