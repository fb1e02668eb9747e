// `npm run test:mutation`: StrykerJS over src/core (stryker.config.mjs), in the environment the unit suite runs in
// (LANG=C, TZ=UTC). Incremental: results are kept in reports/stryker-incremental.json (not committed), so a rerun only
// tests mutants in changed code or covered by changed tests; pass --force to test every mutant again. Extra
// arguments go to `stryker run`, e.g. `--mutate src/core/check.ts` to work on one file. The report is written to
// reports/mutation/index.html. On a shared 2-core machine run it under the lock the other heavy suites use:
//   flock /tmp/runbook-vscode.lock npm run test:mutation
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// The package's "exports" do not list its bin; the file is there all the same.
const stryker = join(ROOT, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const started = Date.now();
const result = spawnSync(process.execPath, [stryker, 'run', ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, LANG: 'C', LC_ALL: 'C', TZ: process.env.TZ ?? 'UTC' },
});
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
console.log(`test:mutation: ${minutes} min`);
process.exit(result.status ?? 1);
