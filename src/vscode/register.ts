/**
 * One way to register a command: the optional argument object is parsed, Restricted Mode is honoured for commands that
 * write, errors are shown to the user and, for programmatic callers (an argument was given), rethrown.
 */
import * as vscode from 'vscode';
import { argObject } from './args';
import { refuseUntrusted, showError } from './messages';
import type { Services } from './services';

/** A command handler: the parsed argument object (null when none was given) in, the changed file's URI out. */
export type CommandHandler<T = vscode.Uri> = (services: Services, args: Record<string, unknown> | null, raw: unknown) => Promise<T | undefined>;

export function registerCommand<T>(
  context: vscode.ExtensionContext,
  services: Services,
  id: string,
  handler: CommandHandler<T>,
  options: { writes: boolean },
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(id, async (arg: unknown) => {
      if (options.writes && refuseUntrusted()) return undefined;
      const args = argObject(arg);
      try {
        return await handler(services, args, arg);
      } catch (error) {
        showError(services.log, error);
        if (args) throw error;
        return undefined;
      }
    }),
  );
}
