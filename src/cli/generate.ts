/**
 * `runbook new`: built-in templates from the package, workspace templates from the configured folder, then the
 * engine plans and creates the document (never replacing a file).
 */
import { isRunbookError, RunbookError } from '../core/errors';
import { createDocument, planDocument } from '../core/generate';
import { incidentHistoryEdits } from '../core/history';
import { parseDocument } from '../core/parse/document';
import { editWorkspaceFile } from './edit-file';
import { findTemplateOrProblem, mergeTemplates, readWorkspaceTemplates } from '../core/templates/discover';
import { loadBuiltInTemplates } from './builtin-templates';
import type { CliContext } from './main';

/** Create a document from `template`, print its path (then any side update), and return the path. */
export async function createFromTemplate(
  context: CliContext,
  template: string,
  storyId: string | undefined,
  fields: Record<string, string>,
): Promise<string> {
  const workspace = await readWorkspaceTemplates(context.host, context.config);
  const templates = mergeTemplates(loadBuiltInTemplates(), workspace.templates);
  findTemplateOrProblem(templates, workspace.problems, template);
  // A broken template the user did not ask for does not block this one, but is not silently ignored either.
  for (const problem of workspace.problems) context.warn(`warning: ${problem.message}`);
  const planned = await planDocument(context.host, context.config, templates, { template, fields, storyId });
  const path = await createDocument(context.host, planned);
  context.out(path);
  const kind = planned.template.kind;
  if ((kind === 'rca' || kind === 'postmortem') && context.config.incidentHistoryFile) {
    await addToIncidentHistory(context, path, planned.text);
  }
  return path;
}

/** Append the new incident to the configured history table; the document itself is already written. */
async function addToIncidentHistory(context: CliContext, incidentFile: string, incidentText: string): Promise<void> {
  const historyFile = context.config.incidentHistoryFile;
  const incident = parseDocument(incidentText, { file: incidentFile, config: context.config }).incident;
  if (!incident) return;
  try {
    await editWorkspaceFile(context, historyFile, (text) => incidentHistoryEdits(text, historyFile, incident, incidentFile));
  } catch (error) {
    if (isRunbookError(error)) {
      throw new RunbookError(error.code, `${incidentFile} was created, but the incident history was not updated: ${error.message}`);
    }
    throw error;
  }
}
