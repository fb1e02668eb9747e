/**
 * `runbook`: the command-line front end of the engine. Decides exit codes (0 ok, 1 domain error, 2 usage error) and
 * prints one line per error in the user's language (LANG) — commander's usage errors included (usage-error.ts);
 * everything else is the engine's work. Each command is a `CliCommand` in commands/.
 */
import { Command, CommanderError } from 'commander';
import { version } from '../../package.json';
import { isRunbookError } from '../core/errors';
import { addCommands, type CliCommand } from './command';
import { PROCESS_OUTPUT, type CliOutput } from './context';
import { escapeControl } from './escape';
import { check } from './commands/check';
import { history, status } from './commands/audit';
import { decide, handoffs } from './commands/handoffs';
import { comms } from './commands/comms';
import { completion } from './commands/completion';
import { accept, approve, done, revoke } from './commands/edit';
import { actions, incidents, runbooks } from './commands/listings';
import { draft } from './commands/draft';
import { mitigate } from './commands/mitigate';
import { newDocument, newRunbookAlias } from './commands/new';
import { reopen } from './commands/reopen';
import { report } from './commands/report';
import { resolve } from './commands/resolve';
import { templates } from './commands/templates';
import { timeline } from './commands/timeline';
import { usageError } from './usage-error';
import { locale, message } from './messages';
import { colorEnabled, colorOptionFromArgv, paint } from './output';

/** Every command, in the order `runbook --help` lists them. */
const COMMANDS: readonly CliCommand[] = [newDocument, newRunbookAlias, draft, approve, revoke, accept, reopen, done, history, status, timeline, mitigate, resolve, comms, actions, incidents, runbooks, handoffs, decide, report, check, templates, completion];

function buildProgram(output: CliOutput, exit: (code: number) => void): Command {
  const program = new Command('runbook');
  program
    .description('Generate and maintain runbooks, incident RCAs, post-mortems and their action items.')
    .version(version)
    .option('--cwd <dir>', 'run as if started in <dir> (the workspace is the nearest folder above with .git or .runbook/config.json)')
    .option('--no-cache', 'do not read or write the index cache')
    .option('--color', 'colour the output even when it is not a terminal')
    .option('--no-color', 'no colour (also: the NO_COLOR environment variable)')
    .allowExcessArguments(false)
    .exitOverride()
    // Commander's messages (several lines for some) are printed by main() as one line, with the usage hint.
    .configureOutput({ writeOut: (text) => output.stdout(text), writeErr: (text) => output.stderr(text), outputError: () => undefined });
  addCommands(program, COMMANDS, output, exit);
  return program;
}

/** The command `argv` names (its first word that is one), for the usage hint. */
function commandNamed(program: Command, argv: readonly string[]): string | null {
  const names = new Set(program.commands.map((command) => command.name()));
  return argv.find((arg) => names.has(arg)) ?? null;
}

/** `runbook: <message>` on stderr, one line whatever the message held; "runbook:" in red on a terminal. */
function printError(output: CliOutput, argv: readonly string[], text: string): void {
  const isTTY = output === PROCESS_OUTPUT ? process.stderr.isTTY : false;
  const color = colorEnabled({ option: colorOptionFromArgv(argv), env: process.env, isTTY });
  // Control characters a message quotes (a story ID, a file name) are shown escaped, so it stays one line.
  output.stderr(`${paint('error', 'runbook:', color)} ${escapeControl(text.trim())}\n`);
}

/** Run the CLI on `argv` (without `node` and the script), writing to `output`, and return the exit code. */
export async function main(argv: string[], output: CliOutput = PROCESS_OUTPUT): Promise<number> {
  let code = 0;
  const program = buildProgram(output, (exitCode) => {
    code = exitCode;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      printError(output, argv, usageError(error.message, commandNamed(program, argv), error.code, locale(process.env)));
      return 2;
    }
    if (isRunbookError(error)) {
      printError(output, argv, error.messageIn(locale(process.env)));
      return error.kind === 'usage' ? 2 : 1;
    }
    printError(output, argv, message('internal', error instanceof Error ? error.message : String(error)));
    if (process.env.RUNBOOK_DEBUG) output.stderr(`${(error as Error).stack ?? ''}\n`);
    return 1;
  }
}

/**
 * A reader that goes away (`runbook templates --names | head -1`) closes the pipe: the rest of the output has nobody
 * to read it, which is not an error of ours. Without this, Node reports the EPIPE as an unhandled error with a stack.
 */
function stopQuietlyWhenTheReaderLeaves(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? 0);
  });
}

if (require.main === module) {
  stopQuietlyWhenTheReaderLeaves(process.stdout);
  stopQuietlyWhenTheReaderLeaves(process.stderr);
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 1;
    },
  );
}
