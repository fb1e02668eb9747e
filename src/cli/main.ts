/**
 * `runbook`: the command-line front end of the engine. Decides exit codes (0 ok, 1 domain error, 2 usage error) and
 * prints one line per error; everything else is the engine's work.
 */
import { Command, CommanderError, Option } from 'commander';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { version } from '../../package.json';
import { configFromJson, CONFIG_FILE, DEFAULT_CONFIG, type RunbookConfig } from '../core/config';
import { acceptEdits, approveEdits, markDoneEdits, revokeEdits } from '../core/edits';
import { isRunbookError, RunbookError } from '../core/errors';
import { isoDate } from '../core/host';
import type { TextEdit } from '../core/model';
import { parseDocument } from '../core/parse/document';
import { editWorkspaceFile } from './edit-file';
import { createNodeHost, findWorkspaceRoot, toWorkspacePath } from './node-host';
import { message } from './messages';
import { runActions, runCheck, runIncidents, runNew, runRunbooks, type CheckFormat } from './commands';

/** Everything a command needs about where it runs. */
export interface CliContext {
  /** The folder given by --cwd (or the process's), against which file arguments are resolved. */
  base: string;
  root: string;
  config: RunbookConfig;
  host: ReturnType<typeof createNodeHost>;
  /** Today, `YYYY-MM-DD`; `RUNBOOK_NOW` (an ISO date or date-time) pins the clock for reproducible reports. */
  today: string;
  useCache: boolean;
  out: (line: string) => void;
  /** A note on stderr that does not change the exit code. */
  warn: (line: string) => void;
}

function clock(): () => Date {
  const pinned = process.env.RUNBOOK_NOW;
  if (!pinned) return () => new Date();
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(pinned) ? `${pinned}T12:00:00` : pinned);
  if (Number.isNaN(date.getTime())) throw new RunbookError('invalid-field', `RUNBOOK_NOW="${pinned}" is not a date (YYYY-MM-DD)`, 'usage');
  return () => date;
}

function loadConfig(root: string): RunbookConfig {
  const path = join(root, CONFIG_FILE);
  if (!existsSync(path)) return { ...DEFAULT_CONFIG };
  return configFromJson(readFileSync(path, 'utf8'), CONFIG_FILE);
}

function contextFor(command: Command): CliContext {
  const options = command.optsWithGlobals<{ cwd?: string; cache?: boolean }>();
  const base = resolve(options.cwd ?? process.cwd());
  if (!existsSync(base)) throw new RunbookError('file-not-found', `--cwd ${options.cwd}: no such folder`, 'usage');
  const root = findWorkspaceRoot(base);
  const now = clock();
  return {
    base,
    root,
    config: loadConfig(root),
    host: createNodeHost(root, now),
    today: isoDate(now()),
    useCache: options.cache !== false,
    out: (line) => process.stdout.write(line + '\n'),
    warn: (line) => process.stderr.write(`runbook: ${line}\n`),
  };
}

async function approverName(context: CliContext, given: string | undefined): Promise<string> {
  return given ?? (context.config.defaultApprover || (await context.host.userName()));
}

/** Read, parse, compute edits, and write back only if the file did not change meanwhile. */
async function editFile(
  context: CliContext,
  fileArgument: string,
  computeEdits: (text: string, doc: ReturnType<typeof parseDocument>) => TextEdit[],
  unchangedReason: string,
): Promise<void> {
  const file = toWorkspacePath(context.root, context.base, fileArgument);
  const changed = await editWorkspaceFile(context, file, (text) => computeEdits(text, parseDocument(text, { file, config: context.config })));
  if (!changed) context.out(message('nothingToChange', file, unchangedReason));
}

function buildProgram(): Command {
  const program = new Command('runbook');
  program
    .description('Generate and maintain runbooks, incident RCAs, post-mortems and their action items.')
    .version(version)
    .option('--cwd <dir>', 'run as if started in <dir> (the workspace is the nearest folder above with .git or .runbook/config.json)')
    .option('--no-cache', 'do not read or write the index cache')
    .exitOverride()
    .showHelpAfterError('(run "runbook --help" for usage)')
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });

  program
    .command('new')
    .description('create a document from a template: runbook <STORY-ID>, rca, postmortem, handoff, incident-runbook, or a workspace template')
    .argument('<template>', 'template name')
    .argument('[storyId]', 'story ID (for the runbook template)')
    .option('--title <title>', 'title field')
    .option('--sev, --severity <severity>', 'severity field (1, SEV2, SEV-2, P1, …)')
    .option('--date <YYYY-MM-DD>', 'date field (default: today)')
    .option('--field <key=value>', 'any template field, repeatable', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .action(async (template: string, storyId: string | undefined, options: { title?: string; severity?: string; date?: string; field: string[] }, command: Command) => {
      await runNew(contextFor(command), template, storyId, options);
    });

  program
    .command('approve')
    .description("check a role's compliance box and record who approved it and when")
    .argument('<file>', 'runbook file')
    .argument('<role>', 'role, with or without @ (Security, QA, …)')
    .option('--by <name>', 'approver (default: config defaultApprover, git user.name, then the OS user)')
    .action(async (file: string, role: string, options: { by?: string }, command: Command) => {
      const context = contextFor(command);
      const by = await approverName(context, options.by);
      await editFile(context, file, (_text, doc) => approveEdits(doc, role, by, context.today), message('alreadyApproved', role.replace(/^@/, '')));
    });

  program
    .command('revoke')
    .description("uncheck a role's compliance box and remove its approval record")
    .argument('<file>', 'runbook file')
    .argument('<role>', 'role, with or without @')
    .action(async (file: string, role: string, _options: unknown, command: Command) => {
      await editFile(contextFor(command), file, (_text, doc) => revokeEdits(doc, role), message('notApproved', role.replace(/^@/, '')));
    });

  program
    .command('accept')
    .description('move a fully approved runbook from PROPOSED to ACCEPTED, recording who and when')
    .argument('<file>', 'runbook file')
    .option('--by <name>', 'who accepts (default as for approve)')
    .action(async (file: string, options: { by?: string }, command: Command) => {
      const context = contextFor(command);
      const by = await approverName(context, options.by);
      await editFile(context, file, (_text, doc) => acceptEdits(doc, by, context.today, context.config.roles), '');
    });

  program
    .command('done')
    .description('mark action item <n> done in its own form ([x] or ✅ DONE)')
    .argument('<file>', 'document file')
    .argument('<n>', 'action item number, 1-based, as `runbook actions` shows it')
    .action(async (file: string, n: string, _options: unknown, command: Command) => {
      if (!/^[1-9]\d*$/.test(n)) throw new RunbookError('invalid-field', `action number must be a positive whole number, got "${n}"`, 'usage');
      await editFile(contextFor(command), file, (text, doc) => markDoneEdits(text, doc, Number(n)), message('alreadyDone', n));
    });

  program
    .command('actions')
    .description('list action items')
    .option('--open', 'only open items')
    .option('--owner <name>', 'only items of this owner (with or without @)')
    .option('--overdue', 'only open items past their due date')
    .option('--json', 'JSON output')
    .action(async (options: { open?: boolean; owner?: string; overdue?: boolean; json?: boolean }, command: Command) => {
      await runActions(contextFor(command), options);
    });

  program
    .command('incidents')
    .description('list incidents (RCAs and post-mortems)')
    .option('--open', 'only incidents not resolved')
    .option('--json', 'JSON output')
    .action(async (options: { open?: boolean; json?: boolean }, command: Command) => {
      await runIncidents(contextFor(command), options);
    });

  program
    .command('runbooks')
    .description('list runbooks with their approvals')
    .option('--status <status>', 'only runbooks with this status (PROPOSED, ACCEPTED)')
    .option('--json', 'JSON output')
    .action(async (options: { status?: string; json?: boolean }, command: Command) => {
      await runRunbooks(contextFor(command), options);
    });

  program
    .command('check')
    .description('lint the workspace; exit 1 when any error-level finding exists')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text'))
    .action(async (options: { format: CheckFormat }, command: Command) => {
      process.exitCode = await runCheck(contextFor(command), options.format);
    });

  return program;
}

/** Run the CLI and return the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2; // commander has already printed its one-line error
    }
    if (isRunbookError(error)) {
      process.stderr.write(`runbook: ${error.message}\n`);
      return error.kind === 'usage' ? 2 : 1;
    }
    process.stderr.write(`runbook: ${message('internal', error instanceof Error ? error.message : String(error))}\n`);
    if (process.env.RUNBOOK_DEBUG) process.stderr.write(`${(error as Error).stack ?? ''}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 1;
    },
  );
}
