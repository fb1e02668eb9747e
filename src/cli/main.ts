/**
 * `runbook`: the command-line front end of the engine. Decides exit codes (0 ok, 1 domain error, 2 usage error) and
 * prints one line per error; everything else is the engine's work. Each command is a `CliCommand` in commands/.
 */
import { Command, CommanderError } from 'commander';
import { version } from '../../package.json';
import { isRunbookError } from '../core/errors';
import { addCommands, type CliCommand } from './command';
import { PROCESS_OUTPUT, type CliOutput } from './context';
import { escapeControl } from './escape';
import { check } from './commands/check';
import { history, status } from './commands/audit';
import { accept, approve, done, reopen, revoke } from './commands/edit';
import { actions, incidents, runbooks } from './commands/listings';
import { draft } from './commands/draft';
import { newDocument, newRunbookAlias } from './commands/new';
import { message } from './messages';

/** Every command, in the order `runbook --help` lists them. */
const COMMANDS: readonly CliCommand[] = [newDocument, newRunbookAlias, draft, approve, revoke, accept, reopen, done, history, status, actions, incidents, runbooks, check];

function buildProgram(output: CliOutput, exit: (code: number) => void): Command {
  const program = new Command('runbook');
  program
    .description('Generate and maintain runbooks, incident RCAs, post-mortems and their action items.')
    .version(version)
    .option('--cwd <dir>', 'run as if started in <dir> (the workspace is the nearest folder above with .git or .runbook/config.json)')
    .option('--no-cache', 'do not read or write the index cache')
    .allowExcessArguments(false)
    .exitOverride()
    .showHelpAfterError('(run "runbook --help" for usage)')
    .configureOutput({ writeOut: (text) => output.stdout(text), writeErr: (text) => output.stderr(text) });
  addCommands(program, COMMANDS, output, exit);
  return program;
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
      return 2; // commander has already printed its one-line error
    }
    if (isRunbookError(error)) {
      // One line, whatever the message quotes (a story ID, a file name): control characters are shown escaped.
      output.stderr(`runbook: ${escapeControl(error.message)}\n`);
      return error.kind === 'usage' ? 2 : 1;
    }
    output.stderr(`runbook: ${escapeControl(message('internal', error instanceof Error ? error.message : String(error)))}\n`);
    if (process.env.RUNBOOK_DEBUG) output.stderr(`${(error as Error).stack ?? ''}\n`);
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
