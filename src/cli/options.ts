/**
 * Options whose value must be one of a few words. A value outside them is a usage error (exit 2) naming the accepted
 * ones, before the command runs: `runbooks --status DRAFT` must not quietly list nothing.
 */
import { InvalidArgumentError, Option } from 'commander';

/**
 * An option taking one of `choices`, compared without case (`--status accepted` is `ACCEPTED`); the value the command
 * receives is spelled as in `choices`. Shell completion offers the choices (commander's `argChoices`).
 */
export function choiceOption(flags: string, description: string, choices: readonly string[]): Option {
  const option = new Option(flags, description).argParser((value: string) => {
    const found = choices.find((choice) => choice.toLowerCase() === value.trim().toLowerCase());
    if (found === undefined) throw new InvalidArgumentError(`Allowed choices are ${choices.join(', ')} (in any case).`);
    return found;
  });
  option.argChoices = [...choices];
  return option;
}
