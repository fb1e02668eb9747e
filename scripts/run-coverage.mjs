// `npm run test:coverage`: the unit suite (scripts/run-unit-tests.mjs, which builds dist/ first) under c8, then line and
// branch coverage per folder of src/core, src/node and src/cli, mapped back to the TypeScript sources (tsx and the
// bundle's source maps). src/vscode is left out: its code runs inside VS Code (npm run test:vscode), not here.
// The HTML report, per file and line, is written to coverage/index.html. Extra arguments go to the test runner.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const REPORTS = join(ROOT, 'coverage');
const c8 = createRequire(import.meta.url).resolve('c8/bin/c8.js');

const run = spawnSync(
  process.execPath,
  [
    c8,
    '--all',
    '--src', 'src',
    '--extension', '.ts',
    '--include', 'src/core/**', '--include', 'src/node/**', '--include', 'src/cli/**',
    '--exclude', '**/*.test.ts', '--exclude', 'src/core/testing/**',
    '--reporter', 'json-summary', '--reporter', 'html',
    '--reports-dir', REPORTS,
    process.execPath, join(ROOT, 'scripts/run-unit-tests.mjs'), ...process.argv.slice(2),
  ],
  { cwd: ROOT, stdio: 'inherit' },
);
if (run.status !== 0) {
  console.error(`test:coverage: the unit suite failed (exit ${run.status}); coverage not reported`);
  process.exit(run.status ?? 1);
}

/** @type {Record<string, { lines: { total: number, covered: number }, branches: { total: number, covered: number } }>} */
const summary = JSON.parse(readFileSync(join(REPORTS, 'coverage-summary.json'), 'utf8'));
const folders = new Map();
const add = (key, file) => {
  const sum = folders.get(key) ?? { files: 0, lines: [0, 0], branches: [0, 0] };
  sum.files += 1;
  sum.lines[0] += file.lines.covered;
  sum.lines[1] += file.lines.total;
  sum.branches[0] += file.branches.covered;
  sum.branches[1] += file.branches.total;
  folders.set(key, sum);
};
/** A module with nothing to run (interfaces and types only): never loaded, so never "covered"; left out of the table. */
function typeOnly(path) {
  const code = readFileSync(path, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return !/^\s*(?:export\s+)?(?:default\s+)?(?:const|let|var|function|async|class|enum|abstract)\b|^\s*export\s*\{|^\s*export\s+\*|^\s*import\s+(?!type\b)/m.test(code);
}
const skipped = [];
const all = { files: 0, lines: [0, 0], branches: [0, 0] };
for (const [path, file] of Object.entries(summary)) {
  if (path === 'total') continue;
  if (file.lines.covered === 0 && typeOnly(path)) {
    skipped.push(relative(ROOT, path));
    continue;
  }
  add(dirname(relative(ROOT, path)), file);
  all.files += 1;
  all.lines[0] += file.lines.covered;
  all.lines[1] += file.lines.total;
  all.branches[0] += file.branches.covered;
  all.branches[1] += file.branches.total;
}
const percent = ([covered, total]) => (total === 0 ? '100.0' : ((100 * covered) / total).toFixed(1)).padStart(6);
const rows = [...folders.entries()].sort(([a], [b]) => a.localeCompare(b));
const width = Math.max(...rows.map(([folder]) => folder.length), 'folder'.length);
const line = (name, sum) => `${name.padEnd(width)}  ${String(sum.files).padStart(5)}  ${percent(sum.lines)}   ${percent(sum.branches)}`;
console.log(`\n${'folder'.padEnd(width)}  files  lines %  branches %`);
for (const [folder, sum] of rows) console.log(line(folder, sum));
console.log(line('all', all));
if (skipped.length > 0) console.log(`\ntypes only (nothing to run, not counted): ${skipped.join(', ')}`);
console.log(`per file and line: ${relative(process.cwd(), join(REPORTS, 'index.html'))}`);
