/**
 * The one shape of a CLI command: its commander definition (name, arguments, options) and one handler that receives the
 * context, the positional arguments and the options, and returns the exit code (0 when it returns nothing).
 */
import type { Command } from 'commander';
import { createContext, type CliContext, type CliOutput } from './context';

/** Parsed options of a command, as commander gives them. */
export type CliOptions = Record<string, unknown>;

/**
 * Runs a command (an optional argument not given is `undefined` in `args`); a thrown `RunbookError` becomes one line on
 * stderr and exit 1 (domain) or 2 (usage). `command` is commander's own object, for the rare command that reads the
 * others (shell completion).
 */
export type CliHandler = (context: CliContext, args: string[], options: CliOptions, command: Command) => Promise<number | void>;

export interface CliCommand {
  /** Name and arguments as commander reads them: `approve <file> <role>`. */
  usage: string;
  description: string;
  /** Adds options (and argument descriptions) to the command. */
  configure?: (command: Command) => void;
  run: CliHandler;
}

/** Add `commands` to `program`, writing to `output`; a handler's exit code other than 0 is passed to `exit`. */
export function addCommands(program: Command, commands: readonly CliCommand[], output: CliOutput, exit: (code: number) => void): void {
  for (const definition of commands) {
    // `done f 1 2` is refused (exit 2), not run on `f 1` with the `2` dropped.
    const command = program.command(definition.usage).description(definition.description).allowExcessArguments(false);
    definition.configure?.(command);
    command.action(async (...params: unknown[]) => {
      const self = params[params.length - 1] as Command;
      const code = await definition.run(await createContext(self, output), self.processedArgs as string[], self.opts(), self);
      if (typeof code === 'number' && code !== 0) exit(code);
    });
  }
}
