/**
 * `runbook draft <STORY-ID> --with "<command>"`: the runbook of `new runbook`, with its sections drafted by the AI
 * Governance Panel through a model command the user gives (`--with`, else `RUNBOOK_DRAFT_COMMAND`; never the workspace
 * configuration). The engine plans the draft; this command only runs the model, then writes the plan through the same
 * path as `new runbook`. A failure, a timeout, an empty answer or Ctrl+C writes nothing.
 */
import { describeLeftOut, describeRemovals, planDraft } from '../../core/draft';
import { RunbookError, isRunbookError } from '../../core/errors';
import { commandModel, redactCommand } from '../model-command';
import type { CliCommand, CliOptions } from '../command';
import { message, messageInBoth } from '../messages';
import { addFieldOption, fieldsFromOptions, templatesFor, writePlanned } from './new';

/** Seconds a model command may take per role when neither `--timeout` nor `RUNBOOK_DRAFT_TIMEOUT` says otherwise. */
export const DEFAULT_TIMEOUT_SECONDS = 120;

/** The per-role timeout in milliseconds, from `--timeout`, else `RUNBOOK_DRAFT_TIMEOUT`, else the default. */
function timeoutMs(options: CliOptions, env: NodeJS.ProcessEnv): number {
  const [name, raw] =
    typeof options.timeout === 'string' ? ['--timeout', options.timeout] : env.RUNBOOK_DRAFT_TIMEOUT ? ['RUNBOOK_DRAFT_TIMEOUT', env.RUNBOOK_DRAFT_TIMEOUT] : [null, null];
  if (name === null || raw === null) return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(raw.trim());
  if (raw.trim() === '' || !Number.isFinite(seconds) || seconds <= 0) {
    throw new RunbookError('invalid-field', messageInBoth('draftBadTimeout', name, raw), 'usage');
  }
  return seconds * 1000;
}

/** Exit code of a run the user interrupted (128 + SIGINT), as shells report it. */
const INTERRUPTED = 130;

export const draft: CliCommand = {
  usage: 'draft <storyId>',
  description: 'create the runbook of a story with its sections drafted by a language model (a command you give) — never approved by it',
  configure: (command) =>
    addFieldOption(
      command
        .option('--with <command>', 'the model command: reads a prompt on stdin, prints the answer (default: RUNBOOK_DRAFT_COMMAND); run through the shell')
        .option('--timeout <seconds>', `per role (default: RUNBOOK_DRAFT_TIMEOUT, else ${DEFAULT_TIMEOUT_SECONDS})`)
        .option('--title <title>', "title field (default: the story's title)"),
    ),
  run: async (context, [storyId], options) => {
    const command = typeof options.with === 'string' && options.with.trim() !== '' ? options.with : (process.env.RUNBOOK_DRAFT_COMMAND ?? '');
    if (command.trim() === '') throw new RunbookError('no-model', messageInBoth('draftNoCommand'), 'usage');
    const timeout = timeoutMs(options, process.env);
    for (const key of context.ignoredConfigKeys) context.warn(message('draftIgnoredKey', key));
    const templates = await templatesFor(context, 'runbook');
    const controller = new AbortController();
    // The model command runs in its own process group: Ctrl+C must reach it through us, and stop it.
    const interrupt = (): void => controller.abort();
    process.once('SIGINT', interrupt);
    process.once('SIGTERM', interrupt);
    try {
      const drafted = await planDraft(
        context.host,
        context.config,
        templates,
        { storyId, fields: fieldsFromOptions(options) },
        {
          model: commandModel({ command, cwd: context.root, timeoutMs: timeout }),
          modelName: redactCommand(command),
          signal: controller.signal,
          onProgress: ({ role, index, total }) => {
            if (process.stderr.isTTY) context.warn(message('draftAsking', role, index, total));
          },
        },
      );
      if (controller.signal.aborted) throw new RunbookError('cancelled', messageInBoth('draftCancelled'));
      await writePlanned(context, drafted);
      for (const { role, removed } of drafted.draft.removals) context.warn(message('draftRemoved', role, describeRemovals(removed)));
      if (drafted.draft.leftOut.length > 0) context.warn(message('draftLeftOut', context.config.governanceMaxKB, describeLeftOut(drafted.draft.leftOut)));
      if (drafted.draft.emptyRoles.length > 0) context.warn(message('draftEmpty', drafted.draft.emptyRoles.map((role) => `@${role}`).join(', ')));
      return 0;
    } catch (error) {
      if (isRunbookError(error) && error.code === 'cancelled') {
        context.warn(message('draftCancelled'));
        return INTERRUPTED;
      }
      throw error;
    } finally {
      process.removeListener('SIGINT', interrupt);
      process.removeListener('SIGTERM', interrupt);
    }
  },
};
