/** `runbook comms <file> [--resolved] [--lang en|fr]`: the status update for the incident's channel, on stdout. */
import { statusUpdate, type UpdateLanguage } from '../../core/incident-comms';
import { parseDocument } from '../../core/parse/document';
import { readForEdit } from '../../core/workspace';
import { toWorkspacePath } from '../../node/files';
import type { CliCommand } from '../command';
import { escapeControl } from '../escape';
import { locale } from '../messages';
import { choiceOption } from '../options';

export const comms: CliCommand = {
  usage: 'comms <file>',
  description: 'print the status update for the incident\'s channel (seed 002\'s templates: while open, or once resolved)',
  configure: (command) =>
    command
      .option('--resolved', 'the "back online" update even while the incident is not marked resolved')
      .addOption(choiceOption('--lang <lang>', 'language of the update (default: from LANG)', ['en', 'fr'])),
  run: async (context, [fileArgument], options) => {
    const file = toWorkspacePath(context.root, context.base, fileArgument);
    const { text } = await readForEdit(context.host.files, context.config, file);
    const doc = parseDocument(text, { file, config: context.config });
    const lang = (options.lang as UpdateLanguage | undefined) ?? locale(process.env);
    const update = statusUpdate(doc, context.config, { lang, ...(options.resolved === true ? { resolved: true } : {}) });
    // Plain text to paste into a channel: no colour; a control character from the document is shown escaped.
    for (const line of update.split('\n')) context.out(escapeControl(line));
  },
};
