/**
 * Where a CLI command runs: the workspace root found from `--cwd`, its configuration, the Node host, today's date and
 * the two output streams. Built once per command by `createContext`.
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { configFromJson, CONFIG_FILE, DEFAULT_CONFIG, type RunbookConfig } from '../core/config';
import { isoDate, isValidDate } from '../core/dates';
import { bilingual, RunbookError } from '../core/errors';
import { createNodeHost, errorReason, findWorkspaceRoot, type NodeWorkspaceFiles } from '../node/files';
import type { EngineHost } from '../core/host';
import { colorEnabled, formatTable, paint, type Row, type Style } from './output';

/** Everything a command needs about where it runs. */
export interface CliContext {
  /** The folder given by --cwd (or the process's), against which file arguments are resolved. */
  base: string;
  root: string;
  config: RunbookConfig;
  host: EngineHost & { files: NodeWorkspaceFiles };
  /** Today, `YYYY-MM-DD`; `RUNBOOK_NOW` (an ISO date or date-time) pins the clock for reproducible reports. */
  today: string;
  /** The moment the command runs (the same pinned clock): incident times and targets are read against it. */
  now: Date;
  useCache: boolean;
  out: (line: string) => void;
  /** A note on stderr that does not change the exit code. */
  warn: (line: string) => void;
  /** Whether stdout gets colour (a terminal, no `NO_COLOR`, or `--color`); see output.ts. */
  color: boolean;
  /** `text` in `style` when stdout gets colour. */
  paint: (style: Style | undefined, text: string) => string;
  /** Print rows as aligned columns (coloured on a terminal): the one way listings print. */
  table: (rows: readonly Row[]) => void;
  /** Keys of `.runbook/config.json` that are never read from a workspace (`NEVER_FROM_WORKSPACE`) and were skipped. */
  ignoredConfigKeys: string[];
}

/** Where the CLI writes: the process's streams when run as `runbook`, a test's buffers when `main` is called in-process. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The process's own stdout and stderr. */
export const PROCESS_OUTPUT: CliOutput = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

const PINNED = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * The clock: `RUNBOOK_NOW` when set, else the real time. `YYYY-MM-DD` is noon that day (so "today" is that date in any
 * time zone a test runs in); `YYYY-MM-DDTHH:MM` is that local time (an ISO offset or `Z` is honoured).
 */
function clockFromEnv(env: NodeJS.ProcessEnv): () => Date {
  const pinned = env.RUNBOOK_NOW;
  if (!pinned) return () => new Date();
  const match = PINNED.exec(pinned.trim());
  const valid = match && isValidDate(match[1]) && (match[2] === undefined || (Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4] ?? 0) < 60));
  if (!valid) {
    throw new RunbookError(
      'invalid-field',
      bilingual(`RUNBOOK_NOW="${pinned}" is not YYYY-MM-DD or YYYY-MM-DDTHH:MM`, `RUNBOOK_NOW="${pinned}" n'est ni AAAA-MM-JJ ni AAAA-MM-JJTHH:MM`),
      'usage',
    );
  }
  const date = new Date(match[2] === undefined ? `${match[1]}T12:00:00` : pinned.trim());
  return () => date;
}

/**
 * `.runbook/config.json` at the workspace root, over the defaults; the defaults alone when there is none. Read through
 * the workspace host: a folder, a FIFO or a link out of the workspace is a one-line error, never a hang.
 */
async function loadConfig(files: NodeWorkspaceFiles, ignored: string[]): Promise<RunbookConfig> {
  let bytes: Uint8Array;
  try {
    bytes = await files.readFile(CONFIG_FILE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...DEFAULT_CONFIG };
    const why =
      error instanceof RunbookError
        ? bilingual(error.text.en.replace(`${CONFIG_FILE} `, ''), error.text.fr.replace(`${CONFIG_FILE} `, ''))
        : bilingual(`cannot be read (${errorReason(error)})`, `ne peut pas être lu (${errorReason(error)})`);
    throw new RunbookError('invalid-config', bilingual(`${CONFIG_FILE}: ${why.en}`, `${CONFIG_FILE} : ${why.fr}`));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RunbookError('invalid-config', bilingual(`${CONFIG_FILE}: not valid UTF-8`, `${CONFIG_FILE} : UTF-8 invalide`));
  }
  return configFromJson(text, CONFIG_FILE, (key) => ignored.push(key));
}

/** The context of the command being run, from its global options (`--cwd`, `--no-cache`) and the environment. */
export async function createContext(command: Command, output: CliOutput = PROCESS_OUTPUT): Promise<CliContext> {
  const options = command.optsWithGlobals<{ cwd?: string; cache?: boolean; color?: boolean }>();
  const base = resolve(options.cwd ?? process.cwd());
  if (!existsSync(base)) throw new RunbookError('file-not-found', bilingual(`--cwd ${options.cwd}: no such folder`, `--cwd ${options.cwd} : dossier introuvable`), 'usage');
  const root = findWorkspaceRoot(base);
  const now = clockFromEnv(process.env);
  // An injected output (the in-process tests) is never a terminal.
  const isTTY = output === PROCESS_OUTPUT ? process.stdout.isTTY : false;
  const color = colorEnabled({ option: options.color, env: process.env, isTTY });
  const out = (line: string): void => output.stdout(line + '\n');
  const host = createNodeHost(root, now);
  const ignoredConfigKeys: string[] = [];
  return {
    base,
    root,
    config: await loadConfig(host.files, ignoredConfigKeys),
    ignoredConfigKeys,
    // RUNBOOK_APPROVER is the CLI's `runbook.approverName`: the name this person set for themself (approver.ts).
    host: { ...host, personalName: () => process.env.RUNBOOK_APPROVER },
    today: isoDate(now()),
    now: now(),
    useCache: options.cache !== false,
    out,
    warn: (line) => output.stderr(`runbook: ${line}\n`),
    color,
    paint: (style, text) => paint(style, text, color),
    table: (rows) => formatTable(rows, color).forEach(out),
  };
}
