/**
 * `runbook new`: the engine plans the document and its side updates from the built-in and workspace templates; this
 * command writes the new file (never replacing one), prints its path, then applies each side update.
 */
import { bilingual, RunbookError } from '../../core/errors';
import { templateLanguage } from '../../core/config';
import { createDocument, planDocument, sideUpdateFailure, type PlannedDocument } from '../../core/generate';
import { loadTemplates, templateNamed, type TemplateSet } from '../../core/templates';
import { readBuiltInTemplateTexts, type TemplateLanguage } from '../../node/builtin-templates';
import { editWorkspaceFile } from '../../node/edit-file';
import { Option, type Command } from 'commander';
import type { CliCommand, CliOptions } from '../command';
import type { CliContext } from '../context';
import { message } from '../messages';

/** `key=value` pairs from repeated --field options. */
function parseFieldOptions(pairs: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new RunbookError('invalid-field', bilingual(`--field expects key=value, got "${pair}"`, `--field attend clé=valeur, reçu « ${pair} »`), 'usage');
    fields[pair.slice(0, equals).trim()] = pair.slice(equals + 1);
  }
  return fields;
}

/** The built-in and workspace templates, with `template` checked to exist and read well; other broken ones are warned about. */
export async function templatesFor(context: CliContext, template: string, language?: TemplateLanguage): Promise<TemplateSet> {
  const chosen = templateLanguage(context.config, 'en', language);
  const templates = await loadTemplates(context.host, context.config, readBuiltInTemplateTexts(undefined, chosen), { workspace: true });
  templateNamed(templates, template); // the one asked for must exist and read well
  // A broken template the user did not ask for does not block this one, but is not silently ignored either.
  for (const problem of templates.problems) context.warn(`warning: ${problem.message}`);
  return templates;
}

/** Create a document from `template`, print its path (then each side update), and return the path. */
async function createFromTemplate(context: CliContext, template: string, storyId: string | undefined, fields: Record<string, string>, language?: TemplateLanguage): Promise<string> {
  const templates = await templatesFor(context, template, language);
  const planned = await planDocument(context.host, context.config, templates, { template, fields, ...(storyId !== undefined ? { storyId } : {}) });
  return writePlanned(context, planned);
}

/**
 * The one way the CLI writes a planned document (plain or drafted): create it without ever replacing a file, print its
 * path, then apply each side update. Returns the path.
 */
export async function writePlanned(context: CliContext, planned: PlannedDocument): Promise<string> {
  const path = await createDocument(context.host, planned);
  context.out(path);
  for (const update of planned.sideUpdates) {
    try {
      await editWorkspaceFile(context.host.files, context.config, update.file, (text) => update.edits(text));
      context.out(message('updated', update.file));
    } catch (error) {
      throw sideUpdateFailure(path, update, error);
    }
  }
  return path;
}

/** `--title`, `--field key=value` and the like as template fields. */
export function fieldsFromOptions(options: CliOptions): Record<string, string> {
  const fields = parseFieldOptions((options.field as string[] | undefined) ?? []);
  for (const key of ['title', 'severity', 'date'] as const) {
    if (typeof options[key] === 'string') fields[key] = options[key] as string;
  }
  return fields;
}

/** `--field key=value`, repeatable. */
export function addFieldOption(command: Command): Command {
  return command.option('--field <key=value>', 'any template field, repeatable', (value: string, previous: string[]) => [...previous, value], [] as string[]);
}

export const newDocument: CliCommand = {
  usage: 'new <template> [storyId]',
  description: 'create a document from a template: runbook <STORY-ID>, rca, postmortem, handoff, incident-runbook, or a workspace template',
  configure: (command) =>
    command
      .option('--title <title>', 'title field')
      .option('--sev, --severity <severity>', 'severity field (1, SEV2, SEV-2, P1, …)')
      .option('--date <YYYY-MM-DD>', 'date field (default: today)')
      .option('--field <key=value>', 'any template field, repeatable', (value: string, previous: string[]) => [...previous, value], [] as string[])
      .addOption(new Option('--lang <lang>', 'language of the built-in template (default: "language" in the configuration, else en)').choices(['en', 'fr'])),
  run: async (context, [template, storyId], options) => {
    await createFromTemplate(context, template, storyId, fieldsFromOptions(options), options.lang as TemplateLanguage | undefined);
  },
};

/** `runbook new-runbook <STORY-ID>`: seed 004's own syntax (`agent new-runbook <STORY-ID>`) for `new runbook`. */
export const newRunbookAlias: CliCommand = {
  usage: 'new-runbook <storyId>',
  description: 'the same as "new runbook <STORY-ID>"',
  configure: (command) =>
    addFieldOption(command.option('--title <title>', 'title field (default: the story\'s title)')).addOption(
      new Option('--lang <lang>', 'language of the built-in template (default: "language" in the configuration, else en)').choices(['en', 'fr']),
    ),
  run: async (context, [storyId], options) => {
    await createFromTemplate(context, 'runbook', storyId, fieldsFromOptions(options), options.lang as TemplateLanguage | undefined);
  },
};
