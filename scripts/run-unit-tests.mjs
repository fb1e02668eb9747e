// Runs every *.test.ts under src/, test/ and bench/ with Node's own test runner, TypeScript loaded through tsx.
// (Node 20's --test does not expand globs itself.) Extra arguments are passed on, e.g. --test-name-pattern.
// It builds dist/ first: the CLI tests run the bundled dist/cli.js, and a stale bundle would test yesterday's code.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function testFiles(dir) {
  let found = [];
  let entries = [];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return found;
  }
  for (const entry of entries) {
    if (entry.name === 'node_modules' || entry.name === 'corpus' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found = found.concat(testFiles(path));
    else if (entry.name.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const built = spawnSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
if (built.status !== 0) {
  console.error('build failed: the CLI tests need a fresh dist/cli.js');
  process.exit(1);
}

const files = ['src', 'test', 'bench'].flatMap(testFiles).sort();
if (files.length === 0) {
  console.error('no *.test.ts files found');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', ...process.argv.slice(2), ...files], {
  stdio: 'inherit',
  env: { ...process.env, LANG: 'C', LC_ALL: 'C', TZ: process.env.TZ ?? 'UTC' },
});
process.exit(result.status ?? 1);
