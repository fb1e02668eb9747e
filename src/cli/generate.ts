/**
 * `runbook new`: built-in templates from the package, workspace templates from the configured folder, then the
 * engine plans and creates the document (never replacing a file).
 */
import { createDocument, planDocument } from '../core/generate';
import { loadWorkspaceTemplates, mergeTemplates } from '../core/templates/discover';
import { loadBuiltInTemplates } from './builtin-templates';
import type { CliContext } from './main';

/** Create a document from `template` and return its workspace-relative path. */
export async function createFromTemplate(
  context: CliContext,
  template: string,
  storyId: string | undefined,
  fields: Record<string, string>,
): Promise<string> {
  const templates = mergeTemplates(loadBuiltInTemplates(), await loadWorkspaceTemplates(context.host, context.config));
  const planned = await planDocument(context.host, context.config, templates, { template, fields, storyId });
  return createDocument(context.host, planned);
}
