/** `runbook timeline <file> <text> [--at TIME]`: one entry in the incident's Timeline, in time order. */
import { timelineEntryEdits } from '../../core/incident-edits';
import { formatLocal } from '../../core/local-time';
import type { CliCommand } from '../command';
import { AT_OPTION, atOption, editIncident } from '../incident';
import { message } from '../messages';

export const timeline: CliCommand = {
  usage: 'timeline <file> <text>',
  description: 'add an entry to the incident\'s Timeline in time order ("- HH:MM text"), creating the section when missing',
  configure: (command) => command.option('--at <time>', AT_OPTION),
  run: async (context, [fileArgument, text], options) => {
    const at = atOption(context, options);
    const file = await editIncident(context, fileArgument, (source, doc) => timelineEntryEdits(source, doc, text, at, context.config));
    context.out(message('timelineAdded', file, formatLocal(at)));
  },
};
