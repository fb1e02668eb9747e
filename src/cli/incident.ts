/**
 * What the incident commands share: the `--at TIME` option read against the pinned clock, and one edit of an incident
 * file computed by the engine on its current text and written atomically (refused when the file changed meanwhile).
 */
import { resolutionSideUpdates, sideUpdateFailure } from '../core/generate';
import { lifecycleEdits } from '../core/incident-edits';
import { formatLocal, localDateTime, parseTimeArgument, type LocalDateTime } from '../core/local-time';
import type { ParsedDocument, TextEdit } from '../core/model';
import { parseDocument } from '../core/parse/document';
import { editWorkspaceFile } from '../node/edit-file';
import { toWorkspacePath } from '../node/files';
import type { CliCommand, CliOptions } from './command';
import type { CliContext } from './context';
import { message } from './messages';

export const AT_OPTION = 'when: HH:MM (today) or "YYYY-MM-DD HH:MM" (default: now; RUNBOOK_NOW pins it)';

/** `--at` as a local date-time, or now. */
export function atOption(context: CliContext, options: CliOptions): LocalDateTime {
  return typeof options.at === 'string' ? parseTimeArgument(options.at, context.today) : localDateTime(context.now);
}

/** Edit the incident `fileArgument` with `computeEdits`; returns its workspace-relative path. */
export async function editIncident(context: CliContext, fileArgument: string, computeEdits: (text: string, doc: ParsedDocument) => TextEdit[]): Promise<string> {
  const file = toWorkspacePath(context.root, context.base, fileArgument);
  await editWorkspaceFile(context.host.files, context.config, file, (text) => computeEdits(text, parseDocument(text, { file, config: context.config })));
  return file;
}

const DONE_MESSAGE = { mitigate: 'incidentMitigated', resolve: 'incidentResolved', reopen: 'incidentReopened' } as const;

/** `runbook mitigate|resolve <file> [--at TIME] [--note TEXT]`, and the incident side of `runbook reopen`. */
export function lifecycleCommand(transition: 'mitigate' | 'resolve' | 'reopen', description: string, entry: string): CliCommand {
  return {
    usage: `${transition} <file>`,
    description,
    configure: (command) => command.option('--at <time>', AT_OPTION).option('--note <text>', `added to the timeline entry ("${entry} — <text>")`),
    run: async (context, [fileArgument], options) => {
      const at = atOption(context, options);
      const note = typeof options.note === 'string' ? options.note : undefined;
      let edited: ParsedDocument | null = null;
      const file = await editIncident(context, fileArgument, (text, doc) => {
        edited = doc;
        return lifecycleEdits(text, doc, transition, { at, config: context.config, ...(note !== undefined ? { note } : {}) });
      });
      context.out(message(DONE_MESSAGE[transition], file, formatLocal(at)));
      // Resolving also tells the activity feed (activityFile), as a side update of the same flow as in the editor.
      const updates = transition === 'resolve' && edited ? resolutionSideUpdates(edited, at, context.config) : [];
      for (const update of updates) {
        try {
          await editWorkspaceFile(context.host.files, context.config, update.file, (text) => update.edits(text));
          context.out(message('updated', update.file));
        } catch (error) {
          throw sideUpdateFailure(file, update, error, 'resolved');
        }
      }
    },
  };
}
