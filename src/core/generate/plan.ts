/**
 * New documents: fields checked, the story read, the template rendered, the output path made safe — and the side
 * updates that go with the new file (a row in the incident history) — returned as data; then written without ever
 * replacing a file. The CLI and the extension run this same flow and only apply its result their own way.
 */
import type { RunbookConfig } from '../config';
import { bilingual, RunbookError } from '../errors';
import type { EngineHost } from '../host';
import { isoDate } from '../dates';
import type { ParsedStory } from '../parse/story';
import { templateNamed, type TemplateSet } from '../templates/discover';
import { resolveFields } from '../templates/fields';
import { renderTemplateSource } from '../templates/render';
import type { TemplateInfo } from '../templates/types';
import { checkPathName, workspacePath } from './paths';
import { sideUpdatesFor, type SideUpdate } from './side-updates';
import { findStory } from './stories';

/** A rendered document that has not been written yet, with the edits of other files that go with it. */
export interface PlannedDocument {
  /** Workspace-relative path with `/` separators, normalised, inside the workspace. */
  path: string;
  text: string;
  template: TemplateInfo;
  /** Changes to other documents once this one exists (applied by the front end after `createDocument`). */
  sideUpdates: SideUpdate[];
  /** The story a runbook was rendered from (null for other documents), for flows that build on the plan (a draft). */
  story: ParsedStory | null;
}

/** What to generate: a template name, its field values, and the story for runbooks. */
export interface DocumentRequest {
  template: string;
  fields: Record<string, string>;
  storyId?: string;
}

/** The values every template and path pattern sees, besides its fields. */
function renderContext(
  config: RunbookConfig,
  template: TemplateInfo,
  fields: Record<string, string>,
  today: string,
  story: ParsedStory | null,
  scope: string | null,
): Record<string, unknown> {
  const context: Record<string, unknown> = {
    ...fields,
    config,
    roles: config.roles,
    today,
    date: fields.date ?? today,
    storyId: story?.id ?? null,
    scope,
    story,
    template: { name: template.name, kind: template.kind },
  };
  if (story) {
    // A runbook's title and goal come from its story unless given.
    if (context.title === undefined) context.title = story.title;
    if (context.goal === undefined) context.goal = story.summary;
  }
  return context;
}

/** One trailing newline, LF line endings, no trailing spaces on lines. */
function tidy(text: string): string {
  return `${text.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/**
 * Render a new document and its side updates without writing anything. Throws `template-not-found`, `template-invalid`
 * (the workspace file of that name is broken), `missing-fields` (all missing names at once), `invalid-field`,
 * `story-not-found` or `outside-workspace`.
 */
export async function planDocument(
  host: EngineHost,
  config: RunbookConfig,
  templates: TemplateSet,
  request: DocumentRequest,
): Promise<PlannedDocument> {
  const template = templateNamed(templates, request.template);
  const now = host.clock.now();
  const storyId = request.storyId?.trim() ? request.storyId.trim() : undefined;
  if (template.kind === 'runbook' && storyId === undefined) {
    throw new RunbookError(
      'missing-fields',
      bilingual(`missing required fields: story ID (template "${template.name}")`, `champs obligatoires manquants : ID de story (modèle « ${template.name} »)`),
      'usage',
      { missing: ['storyId'] },
    );
  }
  if (storyId !== undefined) checkPathName(storyId, 'story ID');
  // The story gives the runbook's title; check the other fields before reading it, so a usage error comes first.
  const implied = new Set(storyId !== undefined ? ['title', 'goal'] : []);
  const fields = resolveFields(template, request.fields, now, implied);
  const story = storyId !== undefined ? await findStory(host, config, storyId) : null;
  // A story's frontmatter `id` may differ from its file name, and it ends up in the path too.
  if (story) checkPathName(story.id, 'story ID');
  const scope = story ? checkPathName(story.scope ?? config.defaultScope, 'scope') : null;
  const context = renderContext(config, template, fields, isoDate(now), story, scope);
  const text = tidy(renderTemplateSource(template.body, context, template.file, template.bodyLine));
  const renderedPath = renderTemplateSource(template.pathPattern, context, template.file, 1).replace(/\s*[\r\n]+\s*/g, '');
  const path = workspacePath(renderedPath, bilingual(`the path of template "${template.name}"`, `le chemin du modèle « ${template.name} »`));
  return { path, text, template, sideUpdates: sideUpdatesFor(template, { date: isoDate(now), ...fields }, path, config), story };
}

/**
 * Write a planned document. Never replaces a file: when one exists, throws `file-exists` and nothing is written.
 * Returns the path written.
 */
export async function createDocument(host: EngineHost, planned: PlannedDocument): Promise<string> {
  const path = workspacePath(planned.path, bilingual('the document path', 'le chemin du document'));
  const created = await host.files.createFile(path, new TextEncoder().encode(planned.text));
  if (!created) {
    throw new RunbookError('file-exists', bilingual(`${path} already exists; nothing was written`, `${path} existe déjà ; rien n'a été écrit`), 'domain', { path });
  }
  return path;
}
