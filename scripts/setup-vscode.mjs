#!/usr/bin/env node
// Sets up what the VS Code test harness needs on a fresh Debian machine, without downloading VS Code itself
// (see ../shared/notes/vscode-offline.md): Debian's chromium and ripgrep, and code-server 4.96.4 (VS Code 1.96.4
// served to a browser) installed into .vscode-test/code-server/, never into the extension's dependencies.
//
// Idempotent: a marker file records a finished install of this version, and every step is skipped when already done.
// The ripgrep binary VS Code's Go to File and Find in Files spawn is checked on every run, so an install made before
// that step existed (or whose link broke) gets it too.
// Usage: node scripts/setup-vscode.mjs [--force]
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CODE_SERVER_VERSION = '4.96.4';
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CODE_SERVER_HOME = join(ROOT, '.vscode-test', 'code-server');
const PACKAGE_DIR = join(CODE_SERVER_HOME, 'node_modules', 'code-server');
const MARKER = join(CODE_SERVER_HOME, '.setup-done');
/** Native modules of VS Code's server that the workbench needs (kerberos needs libkrb5-dev and is not needed). */
const NATIVES = ['node-pty', '@parcel/watcher', '@vscode/spdlog', 'native-watchdog', '@vscode/deviceid'];

/**
 * The environment code-server runs with here: no extension gallery (`EXTENSIONS_GALLERY` replaces product.json's; an
 * empty one turns the Marketplace off), so an offline machine gets no stream of getaddrinfo ENOTFOUND lines.
 */
export const OFFLINE_ENV = { EXTENSIONS_GALLERY: '{}' };

/** The code-server executable once set up. */
export const CODE_SERVER_BIN = join(PACKAGE_DIR, 'out', 'node', 'entry.js');
/**
 * Where VS Code's search spawns ripgrep: `rgPath` of `@vscode/ripgrep` (its postinstall download, skipped by
 * `--ignore-scripts`, would put it there). VS Code rewrites `node_modules.asar` to `node_modules.asar.unpacked` in that
 * path; code-server loads the package from `node_modules`, so this is the path in the ENOENT error.
 */
export const VSCODE_RIPGREP = join(PACKAGE_DIR, 'lib', 'vscode', 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg');

class SetupError extends Error {}

function log(message) {
  console.log(`[setup-vscode] ${message}`);
}

function which(command) {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Run a command, showing its output only when it fails (npm is noisy); RUNBOOK_SETUP_VERBOSE=1 times each step. */
function run(command, args, cwd, what) {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  if (result.error || result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-25).join('\n');
    if (output) console.error(output);
    throw new SetupError(`${what} failed: ${command} ${args.join(' ')} (in ${cwd}) exited ${result.status ?? result.error}`);
  }
  if (process.env.RUNBOOK_SETUP_VERBOSE) log(`${what} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

/** Debian's chromium (the browser the suites drive) and ripgrep (VS Code's file and text search, and the benchmark). */
function ensureSystemPackages() {
  const wanted = [];
  if (!which('chromium')) wanted.push('chromium');
  if (!which('rg')) wanted.push('ripgrep');
  if (wanted.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const prefix = isRoot ? [] : which('sudo') ? ['sudo', '-n'] : null;
  if (!prefix) {
    throw new SetupError(`${wanted.join(' and ')} missing and this user cannot install them: run "apt-get install -y ${wanted.join(' ')}" as root`);
  }
  const apt = (args, what) => run(prefix[0] ?? 'apt-get', prefix.length ? [...prefix.slice(1), 'apt-get', ...args] : args, ROOT, what);
  log(`installing ${wanted.join(', ')} with apt-get (a minute or two)`);
  process.env.DEBIAN_FRONTEND = 'noninteractive';
  apt(['update'], 'apt-get update');
  apt(['install', '-y', '--no-install-recommends', ...wanted], `apt-get install ${wanted.join(' ')}`);
  for (const [command, name] of [['chromium', 'chromium'], ['rg', 'ripgrep']]) {
    if (!which(command)) throw new SetupError(`${name} is still missing after apt-get install`);
  }
}

/**
 * Put the system's `rg` where VS Code spawns it (a symbolic link to the real binary), unless a working one is there.
 * Checked on every run, not only at install time: existing installs need it too.
 * Returns whether it had to link it.
 */
export function ensureVscodeRipgrep() {
  const system = which('rg');
  if (!system) throw new SetupError('ripgrep (rg) is missing: run "apt-get install -y ripgrep" as root');
  const target = realpathSync(system);
  if (works(VSCODE_RIPGREP)) return false;
  // A broken link or a stale file: existsSync follows links, lstat does not.
  let present = false;
  try {
    lstatSync(VSCODE_RIPGREP);
    present = true;
  } catch {
    present = false;
  }
  if (present) rmSync(VSCODE_RIPGREP, { force: true });
  mkdirSync(dirname(VSCODE_RIPGREP), { recursive: true });
  symlinkSync(target, VSCODE_RIPGREP);
  if (!works(VSCODE_RIPGREP)) throw new SetupError(`${VSCODE_RIPGREP} -> ${target} does not run`);
  log(`VS Code search uses ${target} (linked at lib/vscode/node_modules/@vscode/ripgrep/bin/rg)`);
  return true;
}

/** Whether `path` is an executable ripgrep (`rg --version` answers). */
function works(path) {
  if (!existsSync(path)) return false;
  const result = spawnSync(path, ['--version'], { encoding: 'utf8' });
  return result.status === 0 && /^ripgrep /.test(result.stdout);
}

/** Drop shrinkwrap entries resolved from git (e.g. @vscode/proxy-agent from GitHub) so npm takes them from the registry. */
function stripGitEntries(shrinkwrapPath) {
  const shrinkwrap = JSON.parse(readFileSync(shrinkwrapPath, 'utf8'));
  let removed = 0;
  for (const [key, entry] of Object.entries(shrinkwrap.packages ?? {})) {
    if (typeof entry?.resolved === 'string' && entry.resolved.startsWith('git+')) {
      delete shrinkwrap.packages[key];
      removed++;
    }
  }
  for (const [key, entry] of Object.entries(shrinkwrap.dependencies ?? {})) {
    if (typeof entry?.version === 'string' && entry.version.startsWith('git+')) {
      delete shrinkwrap.dependencies[key];
      removed++;
    }
  }
  writeFileSync(shrinkwrapPath, `${JSON.stringify(shrinkwrap, null, 2)}\n`);
  return removed;
}

/** Step markers let an interrupted setup resume where it stopped. */
function step(name, action) {
  const stepMarker = join(CODE_SERVER_HOME, `.step-${name}`);
  if (existsSync(stepMarker)) return;
  action();
  writeFileSync(stepMarker, `${new Date().toISOString()}\n`);
}

function ensureCodeServer(force) {
  if (!force && existsSync(MARKER) && readFileSync(MARKER, 'utf8').trim() === CODE_SERVER_VERSION && existsSync(CODE_SERVER_BIN)) {
    return; // already set up: nothing to say
  }
  if (force || (existsSync(MARKER) && readFileSync(MARKER, 'utf8').trim() !== CODE_SERVER_VERSION)) {
    rmSync(CODE_SERVER_HOME, { recursive: true, force: true });
  }
  mkdirSync(CODE_SERVER_HOME, { recursive: true });
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_HOME} (about 2 minutes, once)`);
  const packageJson = join(CODE_SERVER_HOME, 'package.json');
  if (!existsSync(packageJson)) {
    writeFileSync(packageJson, `${JSON.stringify({ name: 'runbook-kit-vscode-test', private: true }, null, 2)}\n`);
  }
  const vscodeDir = join(PACKAGE_DIR, 'lib', 'vscode');
  step('install', () =>
    run('npm', ['install', '--ignore-scripts', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], CODE_SERVER_HOME, 'npm install code-server'),
  );
  // argon2 is hoisted next to code-server, so it is rebuilt from the wrapper folder.
  step('argon2', () => run('npm', ['rebuild', 'argon2'], CODE_SERVER_HOME, 'rebuild argon2'));
  step('shrinkwrap', () => {
    const removed = stripGitEntries(join(vscodeDir, 'npm-shrinkwrap.json'));
    if (process.env.RUNBOOK_SETUP_VERBOSE) log(`removed ${removed} git entries from lib/vscode/npm-shrinkwrap.json`);
  });
  step('vscode-deps', () =>
    run('npm', ['install', '--omit=dev', '--ignore-scripts'], vscodeDir, 'npm install in lib/vscode'),
  );
  step('natives', () => run('npm', ['rebuild', ...NATIVES], vscodeDir, `rebuild ${NATIVES.join(' ')}`));
  step('asar', () => {
    const link = join(vscodeDir, 'node_modules.asar');
    let exists = false;
    try {
      lstatSync(link);
      exists = true;
    } catch {
      exists = false;
    }
    if (!exists) symlinkSync('node_modules', link);
  });
  step('extensions', () =>
    run('npm', ['install', '--omit=dev'], join(vscodeDir, 'extensions'), 'npm install in lib/vscode/extensions'),
  );
  if (!existsSync(CODE_SERVER_BIN)) throw new SetupError(`code-server entry point missing after install: ${CODE_SERVER_BIN}`);
  writeFileSync(MARKER, `${CODE_SERVER_VERSION}\n`);
  log(`code-server ${CODE_SERVER_VERSION} ready (${((Date.now() - started) / 1000).toFixed(0)} s)`);
}

/** Run the whole setup; throws a SetupError with a one-line message on failure. */
export function setupVscode({ force = false } = {}) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 20) log(`warning: code-server ${CODE_SERVER_VERSION} needs Node 20, this is Node ${process.versions.node}`);
  ensureSystemPackages();
  ensureCodeServer(force);
  ensureVscodeRipgrep();
  return { codeServer: CODE_SERVER_BIN, chromium: which('chromium') };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  try {
    setupVscode({ force: process.argv.includes('--force') });
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } catch (error) {
    console.error(`[setup-vscode] error: ${error instanceof SetupError ? error.message : (error?.stack ?? error)}`);
    process.exit(1);
  }
}
