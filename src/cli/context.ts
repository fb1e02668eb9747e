/**
 * Where a CLI command runs: the workspace root found from `--cwd`, its configuration, the Node host, today's date and
 * the two output streams. Built once per command by `createContext`.
 */
import type { Command } from 'commander';
import { existsSync, promises as fs } from 'node:fs';
import { join, resolve } from 'node:path';
import { configFromJson, CONFIG_FILE, DEFAULT_CONFIG, type RunbookConfig } from '../core/config';
import { isoDate } from '../core/dates';
import { RunbookError } from '../core/errors';
import { createNodeHost, findWorkspaceRoot, type NodeWorkspaceFiles } from '../node/files';
import type { EngineHost } from '../core/host';

/** Everything a command needs about where it runs. */
export interface CliContext {
  /** The folder given by --cwd (or the process's), against which file arguments are resolved. */
  base: string;
  root: string;
  config: RunbookConfig;
  host: EngineHost & { files: NodeWorkspaceFiles };
  /** Today, `YYYY-MM-DD`; `RUNBOOK_NOW` (an ISO date or date-time) pins the clock for reproducible reports. */
  today: string;
  useCache: boolean;
  out: (line: string) => void;
  /** A note on stderr that does not change the exit code. */
  warn: (line: string) => void;
  /** Keys of `.runbook/config.json` that are never read from a workspace (`NEVER_FROM_WORKSPACE`) and were skipped. */
  ignoredConfigKeys: string[];
}

/** The clock: `RUNBOOK_NOW` when set (a date is read as noon that day), else the real time. */
function clockFromEnv(env: NodeJS.ProcessEnv): () => Date {
  const pinned = env.RUNBOOK_NOW;
  if (!pinned) return () => new Date();
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(pinned) ? `${pinned}T12:00:00` : pinned);
  if (Number.isNaN(date.getTime())) throw new RunbookError('invalid-field', `RUNBOOK_NOW="${pinned}" is not a date (YYYY-MM-DD)`, 'usage');
  return () => date;
}

/** `.runbook/config.json` at the workspace root, over the defaults; the defaults alone when there is none. */
async function loadConfig(root: string, ignored: string[]): Promise<RunbookConfig> {
  const path = join(root, CONFIG_FILE);
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULT_CONFIG };
    throw new RunbookError('invalid-config', `${CONFIG_FILE}: cannot be read (${(error as Error).message})`);
  }
  return configFromJson(text, CONFIG_FILE, (key) => ignored.push(key));
}

/** The context of the command being run, from its global options (`--cwd`, `--no-cache`) and the environment. */
export async function createContext(command: Command): Promise<CliContext> {
  const options = command.optsWithGlobals<{ cwd?: string; cache?: boolean }>();
  const base = resolve(options.cwd ?? process.cwd());
  if (!existsSync(base)) throw new RunbookError('file-not-found', `--cwd ${options.cwd}: no such folder`, 'usage');
  const root = findWorkspaceRoot(base);
  const now = clockFromEnv(process.env);
  const ignoredConfigKeys: string[] = [];
  return {
    base,
    root,
    config: await loadConfig(root, ignoredConfigKeys),
    ignoredConfigKeys,
    // RUNBOOK_APPROVER is the CLI's `runbook.approverName`: the name this person set for themself (approver.ts).
    host: { ...createNodeHost(root, now), personalName: () => process.env.RUNBOOK_APPROVER },
    today: isoDate(now()),
    useCache: options.cache !== false,
    out: (line) => process.stdout.write(line + '\n'),
    warn: (line) => process.stderr.write(`runbook: ${line}\n`),
  };
}
