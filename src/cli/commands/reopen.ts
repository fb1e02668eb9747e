/**
 * `runbook reopen <file>`: one verb for both documents that have a lifecycle. A mitigated or resolved incident (RCA,
 * post-mortem) goes back to open with a "reopened" timeline entry (`--at`, `--note`); an ACCEPTED runbook goes back to
 * PROPOSED, recording who and when (`--by`, see edit.ts). An option that belongs to the other kind is refused.
 */
import { bilingual, RunbookError } from '../../core/errors';
import { parseDocument } from '../../core/parse/document';
import { readForEdit } from '../../core/workspace';
import { toWorkspacePath } from '../../node/files';
import type { CliCommand } from '../command';
import { lifecycleCommand } from '../incident';
import { reopen as reopenRunbook } from './edit';

const reopenIncident = lifecycleCommand('reopen', '', 'reopened');

export const reopen: CliCommand = {
  usage: 'reopen <file>',
  description: 'move an ACCEPTED runbook back to PROPOSED (--by), or a mitigated or resolved incident back to open with a "reopened" timeline entry (--at, --note)',
  configure: (command) => {
    reopenRunbook.configure?.(command);
    reopenIncident.configure?.(command);
  },
  run: async (context, args, options, command) => {
    const file = toWorkspacePath(context.root, context.base, args[0]);
    const { text } = await readForEdit(context.host.files, context.config, file);
    if (parseDocument(text, { file, config: context.config }).incident) {
      if (options.by !== undefined) {
        throw new RunbookError(
          'invalid-field',
          bilingual(
            `--by applies to runbooks; ${file} is an incident (its timeline records the reopening)`,
            `--by s'applique aux runbooks ; ${file} est un incident (sa chronologie enregistre la réouverture)`,
          ),
          'usage',
        );
      }
      return reopenIncident.run(context, args, options, command);
    }
    if (options.at !== undefined || options.note !== undefined) {
      throw new RunbookError(
        'invalid-field',
        bilingual(`--at and --note apply to incidents; ${file} is not an RCA or a post-mortem`, `--at et --note s'appliquent aux incidents ; ${file} n'est ni une RCA ni un post-mortem`),
        'usage',
      );
    }
    return reopenRunbook.run(context, args, options, command);
  },
};
