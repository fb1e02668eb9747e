/**
 * Run the CLI's `main` in this process (so c8 measures src/cli), with environment variables set for the call only.
 * The tests of the built bundle (test/cli) run it as a subprocess instead.
 */
import { join } from 'node:path';
import { main } from '../src/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** What every in-process run starts from: a pinned clock, English, no debug output. */
export const IN_PROCESS_ENV = { RUNBOOK_NOW: '2026-11-23', LANG: 'C', LC_ALL: 'C', LC_MESSAGES: undefined, RUNBOOK_DEBUG: undefined };

/** `runbook --cwd <root> ...args` in this process; `env` overrides IN_PROCESS_ENV (undefined removes a variable). */
export async function runInProcess(root: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const wanted: Record<string, string | undefined> = { ...IN_PROCESS_ENV, RUNBOOK_CACHE_DIR: join(root, '.cache-test'), ...env };
  const saved = Object.fromEntries(Object.keys(wanted).map((key) => [key, process.env[key]]));
  const set = (values: Record<string, string | undefined>): void => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  let stdout = '';
  let stderr = '';
  set(wanted);
  try {
    const code = await main(['--cwd', root, ...args], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
    return { code, stdout, stderr };
  } finally {
    set(saved);
  }
}
