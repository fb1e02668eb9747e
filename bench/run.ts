/**
 * `npm run bench [-- --docs N --runs R]`: the workspace index against ripgrep on a generated corpus of N documents
 * (default 10,000), whole processes, printed as a markdown table (see docs/performance.md).
 *
 * Rows: ripgrep matching the action-item lines (the baseline); `runbook actions --json` cold (no index cache) and warm
 * (cache valid, nothing changed); one changed file reflected in the index (in-process `update`); peak memory; bundle
 * sizes. Files are read from the page cache in every row (each command runs once untimed first), so the rows compare
 * work, not the disk.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createNodeHost } from '../src/node/files';
import { DEFAULT_CONFIG } from '../src/core/config';
import { WorkspaceIndex } from '../src/core/workspace-index';
import { generateCorpus } from './corpus';

const ROOT = resolve(__dirname, '..');
const CORPUS_ROOT = join(ROOT, 'bench', 'corpus');
const SEED = 42;
/** The lines ripgrep counts: task-list items and table rows, the two forms action items take. */
const RG_PATTERN = String.raw`^\s*(?:[-*+]|\d{1,9}[.)])\s+\[[ xX]\]\s|^\s*\|`;

function argument(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at === -1 ? fallback : Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`--${name} must be a positive integer`);
  return value;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Write the corpus (and its expected totals) unless the same one is already there. */
function ensureCorpus(count: number): { dir: string; expectedActions: number } {
  const dir = join(CORPUS_ROOT, `docs-${count}`);
  const stamp = join(dir, '.runbook', 'corpus.json');
  const expectedFile = join(CORPUS_ROOT, `docs-${count}.expected.json`);
  const generatorStamp = JSON.stringify({ count, seed: SEED, generator: statSync(join(ROOT, 'bench', 'corpus.ts')).size });
  if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== generatorStamp || !existsSync(expectedFile)) {
    process.stderr.write(`writing ${count} documents to ${dir} …\n`);
    rmSync(dir, { recursive: true, force: true });
    const corpus = generateCorpus(count, SEED);
    for (const file of corpus.files) {
      const path = join(dir, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.text);
    }
    // The config file marks the workspace root, so the CLI does not climb to the repository above.
    mkdirSync(join(dir, '.runbook'), { recursive: true });
    writeFileSync(join(dir, '.runbook', 'config.json'), '{}\n');
    writeFileSync(expectedFile, JSON.stringify(corpus.expected, null, 2) + '\n');
    writeFileSync(stamp, generatorStamp);
  }
  const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as { actions: number };
  return { dir, expectedActions: expected.actions };
}

function ensureRipgrep(): void {
  if (spawnSync('rg', ['--version']).status === 0) return;
  if (process.getuid?.() === 0) {
    process.stderr.write('installing ripgrep (apt-get install -y ripgrep) …\n');
    let result = spawnSync('apt-get', ['install', '-y', 'ripgrep'], { stdio: 'inherit' });
    if (result.status !== 0) {
      spawnSync('apt-get', ['update'], { stdio: 'inherit' });
      result = spawnSync('apt-get', ['install', '-y', 'ripgrep'], { stdio: 'inherit' });
    }
    if (result.status === 0) return;
  }
  process.stderr.write('bench: ripgrep (rg) is required: run `sudo apt-get install -y ripgrep` and try again\n');
  process.exit(1);
}

interface Run {
  ms: number;
  /** User + system CPU time of the process (all threads), when /usr/bin/time is there to say. */
  cpuMs: number | null;
  rssMB: number | null;
  stdout: string;
}

const BIN = join(CORPUS_ROOT, '.bin');
const RSS_PRELOAD = join(BIN, 'rss.cjs');
const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/**
 * Run a command once, timing the whole process (wall clock), with its CPU time and peak RSS from GNU time when
 * installed (node processes also report their peak RSS through a preload, so memory is measured without it).
 */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const rssFile = join(BIN, `rss-${process.pid}.txt`);
  const timeFile = join(BIN, `time-${process.pid}.txt`);
  rmSync(rssFile, { force: true });
  rmSync(timeFile, { force: true });
  const isNode = command === process.execPath;
  const full = isNode ? ['--require', RSS_PRELOAD, ...args] : args;
  const [program, programArgs] = GNU_TIME ? [GNU_TIME, ['-f', '%U %S %M', '-o', timeFile, command, ...full]] : [command, full];
  const started = process.hrtime.bigint();
  const result = spawnSync(program, programArgs, {
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && !(command === 'rg' && result.status === 1)) {
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  }
  let cpuMs: number | null = null;
  let rssMB = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) / 1024 : null;
  if (existsSync(timeFile)) {
    const [user, system, maxKB] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number);
    cpuMs = (user + system) * 1000;
    rssMB = maxKB / 1024;
  }
  return { ms, cpuMs, rssMB, stdout: result.stdout };
}

function repeat(runs: number, once: () => Run): Run {
  once(); // untimed: page cache and disk state are the same for every row
  const results = Array.from({ length: runs }, once);
  const ms = median(results.map((result) => result.ms));
  const cpu = results.map((result) => result.cpuMs).filter((value): value is number => value !== null);
  const rss = results.map((result) => result.rssMB).filter((value): value is number => value !== null);
  return { ms, cpuMs: cpu.length ? median(cpu) : null, rssMB: rss.length ? Math.max(...rss) : null, stdout: results[results.length - 1].stdout };
}

/** Build dist/ and write the RSS preload; returns the CLI command that lists action items. */
function buildBundles(): string[] {
  mkdirSync(BIN, { recursive: true });
  writeFileSync(
    RSS_PRELOAD,
    "process.on('exit', () => require('fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
  );
  const built = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('`node esbuild.mjs` failed');
  return [join(ROOT, 'dist', 'cli.js'), 'actions', '--json', '--cwd'];
}

async function measureUpdate(dir: string): Promise<{ median: number; max: number; fast: number; remark: number }> {
  const stats = { fast: 0, remark: 0, reused: 0 };
  const index = await WorkspaceIndex.open(createNodeHost(dir), { ...DEFAULT_CONFIG }, { stats });
  const docs = index.documents();
  const parsed = { fast: stats.fast, remark: stats.remark };
  const times: number[] = [];
  for (let sample = 0; sample < 25; sample += 1) {
    const doc = docs[Math.floor((sample * docs.length) / 25)];
    const path = join(dir, doc.file);
    const original = readFileSync(path);
    try {
      writeFileSync(path, Buffer.concat([original, Buffer.from('\n## Action items\n\n- [ ] bench edit (owner @bench)\n')]));
      const started = performance.now();
      const updated = await index.update(doc.file);
      times.push(performance.now() - started);
      if (updated?.actions.at(-1)?.text !== 'bench edit') throw new Error(`update of ${doc.file} did not show the edit`);
    } finally {
      writeFileSync(path, original);
    }
  }
  // The first samples warm up the JIT; the index of a running extension is past that.
  return { median: median(times.slice(5)), max: Math.max(...times.slice(5)), ...parsed };
}

function size(path: string): string {
  return existsSync(path) ? `${(statSync(path).size / 1024).toFixed(0)} KB` : 'not built';
}

async function main(): Promise<void> {
  const count = argument('docs', 10_000);
  const runs = argument('runs', 5);
  ensureRipgrep();
  const { dir, expectedActions } = ensureCorpus(count);
  const command = buildBundles();
  const cacheDir = join(CORPUS_ROOT, '.cache');
  const env = { RUNBOOK_CACHE_DIR: cacheDir };
  const cli = (extra: string[]): Run => run(process.execPath, [...command, dir, ...extra], env);
  const actionCount = (stdout: string): number => (JSON.parse(stdout) as unknown[]).length;

  const rg = repeat(runs, () => run('rg', ['--no-ignore', '--hidden', '--no-messages', '-c', '-g', '*.md', '-e', RG_PATTERN, dir]));
  const rgLines = rg.stdout.split('\n').filter(Boolean).reduce((sum, line) => sum + Number(line.split(':').pop()), 0);
  const cold = repeat(runs, () => cli(['--no-cache']));
  if (actionCount(cold.stdout) !== expectedActions) throw new Error(`cold run listed ${actionCount(cold.stdout)} actions, expected ${expectedActions}`);
  rmSync(cacheDir, { recursive: true, force: true });
  const coldWrite = cli([]);
  const warm = repeat(runs, () => cli([]));
  if (actionCount(warm.stdout) !== expectedActions) throw new Error(`warm run listed ${actionCount(warm.stdout)} actions, expected ${expectedActions}`);
  const update = await measureUpdate(dir);
  const peak = Math.max(cold.rssMB ?? 0, coldWrite.rssMB ?? 0, warm.rssMB ?? 0);
  const bundles = { cli: size(join(ROOT, 'dist', 'cli.js')), extension: size(join(ROOT, 'dist', 'extension.js')) };
  const activation = process.argv.includes('--no-vscode') ? { skipped: 'skipped (--no-vscode)' } : measureActivation(dir);

  const mb = (value: number | null): string => (value === null ? 'n/a' : `${value.toFixed(0)} MB`);
  const ratio = (ms: number): string => `${(ms / rg.ms).toFixed(2)}×`;
  const cpu = (result: Run): string => (result.cpuMs === null ? 'n/a' : `${result.cpuMs.toFixed(0)} ms`);
  const cpuRatio = (result: Run): string => (result.cpuMs === null || !rg.cpuMs ? 'n/a' : `${(result.cpuMs / rg.cpuMs).toFixed(2)}×`);
  const verdict = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const rows: string[][] = [
    ['ripgrep, action-item lines (baseline)', `${rg.ms.toFixed(0)} ms`, '1.00×', cpu(rg), '1.00×', '—', `${rgLines} lines`],
    ['`runbook actions --json`, cold (no cache)', `${cold.ms.toFixed(0)} ms`, ratio(cold.ms), cpu(cold), cpuRatio(cold), `≤ 3× → ${verdict(cold.ms <= 3 * rg.ms)}`, `${expectedActions} actions`],
    ['cold, writing the cache', `${coldWrite.ms.toFixed(0)} ms`, ratio(coldWrite.ms), cpu(coldWrite), cpuRatio(coldWrite), '—', 'one run'],
    ['warm (cache valid, nothing changed)', `${warm.ms.toFixed(0)} ms`, ratio(warm.ms), cpu(warm), cpuRatio(warm), `≤ 1× → ${verdict(warm.ms <= rg.ms)}`, ''],
    ['one changed file reflected (in-process `update`)', `${update.median.toFixed(2)} ms (max ${update.max.toFixed(2)})`, '—', '—', '—', `≤ 20 ms → ${verdict(update.max <= 20)}`, ''],
    ['peak memory (max RSS of the runs above)', `${peak.toFixed(0)} MB`, '—', '—', '—', `≤ 150 MB → ${verdict(peak <= 150)}`, `cold ${mb(cold.rssMB)}, cold+write ${mb(coldWrite.rssMB)}, warm ${mb(warm.rssMB)}`],
    ['documents parsed by the fast scanner / by remark', `${update.fast} / ${update.remark}`, '—', '—', '—', '—', ''],
    ['bundle size dist/cli.js', bundles.cli, '—', '—', '—', '—', ''],
    ['bundle size dist/extension.js', bundles.extension, '—', '—', '—', '—', 'development build (the .vsix holds the minified one)'],
    ...('skipped' in activation
      ? [['extension activation (VS Code 1.96.4)', activation.skipped, '—', '—', '—', '—', '']]
      : [
          ['extension activation (VS Code 1.96.4, packaged .vsix)', `${activation.activationMs} ms`, '—', '—', '—', '—', `warm start: ${activation.warmActivationMs} ms`],
          [
            `extension: first index of ${activation.documents} documents, cold`,
            `${activation.coldIndexMs} ms`,
            ratio(activation.coldIndexMs),
            '—',
            '—',
            `≤ CLI cold + 20 % → ${verdict(activation.coldIndexMs <= 1.2 * coldWrite.ms)}`,
            `Node fs for a file: workspace, off the UI path; CLI cold writing the cache: ${coldWrite.ms.toFixed(0)} ms`,
          ],
          [
            'extension: first index, warm (cache in workspace storage)',
            `${activation.warmIndexMs} ms`,
            ratio(activation.warmIndexMs),
            '—',
            '—',
            `≤ CLI warm + 20 % → ${verdict(activation.warmIndexMs <= 1.2 * warm.ms)}`,
            'after a window reload',
          ],
          [
            'extension: Open Incidents filled after activation, cold',
            filledText(activation.coldFilled),
            '—',
            '—',
            '—',
            activation.coldFilled && activation.coldReadyMs !== null
              ? `≤ index ready + 0.5 s → ${verdict(activation.coldFilled.ms <= activation.coldReadyMs + 500)}`
              : '—',
            `index ready ${activation.coldReadyMs ?? 'n/a'} ms after activation`,
          ],
          [
            'extension: Open Incidents filled after activation, warm',
            filledText(activation.warmFilled),
            '—',
            '—',
            '—',
            activation.warmFilled ? `from the cache before validation → ${verdict(activation.warmFilled.fromCache)}` : '—',
            `cache painted ${activation.warmEarlyMs ?? 'n/a'} ms, index ready ${activation.warmReadyMs ?? 'n/a'} ms after activation`,
          ],
          [
            'extension host: longest event-loop stall while indexing, cold',
            `${activation.coldStallMs} ms`,
            '—',
            '—',
            '—',
            `≤ 50 ms → ${verdict(activation.coldStallMs <= 50)}`,
            `${activation.coldStallsOver50} stalls over 50 ms; warm: ${activation.warmStallMs} ms (${activation.warmStallsOver50} over 50 ms)`,
          ],
        ]),
  ];
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}, ${execFileSync('rg', ['--version'], { encoding: 'utf8' }).split('\n')[0]}`;
  console.log(`\n${count} documents (${dir}), median of ${runs} runs, dist/cli.js`);
  console.log(`machine: ${machine}\n`);
  console.log('| measure | wall time / value | vs ripgrep | CPU time | CPU vs ripgrep | target (wall) | notes |');
  console.log('|---|---|---|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

/** The Open Incidents "filled" timing, or why there is none. */
function filledText(filled: Activation['coldFilled']): string {
  return filled ? `${filled.ms} ms (${filled.incidents} incidents from ${filled.fromCache ? 'the cache' : 'the index'})` : 'not logged (view not shown)';
}

interface Activation {
  documents: number;
  activationMs: number;
  coldIndexMs: number;
  coldStallMs: number;
  coldStallsOver50: number;
  warmActivationMs: number;
  warmIndexMs: number;
  warmStallMs: number;
  warmStallsOver50: number;
  coldReadyMs: number | null;
  warmReadyMs: number | null;
  warmEarlyMs: number | null;
  coldFilled: { ms: number; incidents: number; fromCache: boolean } | null;
  warmFilled: { ms: number; incidents: number; fromCache: boolean } | null;
}

/** bench/activation.mjs in the real VS Code (code-server + headless Chromium); a failure becomes the row's text. */
function measureActivation(dir: string): Activation | { skipped: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'bench', 'activation.mjs'), '--workspace', dir], { cwd: ROOT, encoding: 'utf8', timeout: 600_000 });
  process.stderr.write(result.stderr ?? '');
  if (result.status !== 0) return { skipped: `not measured: ${(result.stderr ?? '').trim().split('\n').pop() ?? 'activation.mjs failed'}` };
  return JSON.parse(result.stdout) as Activation;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${(error as Error).message}\n`);
  process.exit(1);
});
