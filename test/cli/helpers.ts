/** Running the built CLI (dist/cli.js) on temporary workspaces, for the CLI test files. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
export { tempWorkspace as workspace } from '../temp-workspace';

export const REPO = join(__dirname, '../..');
export const CLI = join(REPO, 'dist/cli.js');
const FIXTURES = join(REPO, 'test/fixtures/documents');

if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run `runbook args…` in `cwd` with "today" pinned, English messages and output piped (no terminal). */
export function run(args: string[], cwd: string, env: Record<string, string> = {}): Run {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, RUNBOOK_NOW: '2026-11-23', RUNBOOK_CACHE_DIR: join(cwd, '.cache-test'), LANG: 'C', LC_ALL: 'C', NO_COLOR: '', ...env },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}


/** A document of test/fixtures/documents. */
export const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');
