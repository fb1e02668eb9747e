/**
 * New documents: stories found, fields checked, the template rendered, the output path made safe, the file created
 * without ever replacing one. Everything goes through the `EngineHost`, so the CLI and the extension share it.
 */
import { normalizeFolder, type RunbookConfig } from './config';
import { RunbookError } from './errors';
import type { EngineHost } from './host';
import { isoDate } from './host';
import type { Story } from './model';
import { parseStory, STORY_ID, type ParsedStory } from './parse/story';
import { decodeUtf8, findTemplate } from './templates/discover';
import { resolveFields } from './templates/fields';
import { renderTemplateSource } from './templates/render';
import type { TemplateInfo } from './templates/types';

/** A rendered document that has not been written yet: the front end may show it, then `createDocument` writes it. */
export interface PlannedDocument {
  /** Workspace-relative path with `/` separators, normalised, inside the workspace. */
  path: string;
  text: string;
  template: TemplateInfo;
}

/** What to generate: a template name, its field values, and the story for runbooks. */
export interface DocumentRequest {
  template: string;
  fields: Record<string, string>;
  storyId?: string;
}

/** Files in the stories folder that describe it rather than being a story. */
const SKIPPED_STORY_FILES = new Set(['readme.md', 'index.md']);

function join(folder: string, name: string): string {
  return folder === '' || folder === '.' ? name : `${folder}/${name}`;
}

/**
 * A workspace-relative path, normalised (`a/./b/../c` → `a/c`, `\` read as `/`), or `outside-workspace` when it is
 * absolute or climbs above the workspace root. `what` says where the path came from, for the message.
 */
export function workspacePath(path: string, what: string): string {
  const unified = path.replace(/\\/g, '/').trim();
  const refuse = (why: string): never => {
    throw new RunbookError('outside-workspace', `${what} "${path}" ${why}; nothing was written`, 'usage', { path });
  };
  if (unified === '') refuse('is empty');
  if (/[\u0000-\u001f]/.test(unified)) refuse('contains control characters');
  if (unified.startsWith('/') || /^[A-Za-z]:/.test(unified) || unified.startsWith('~')) {
    refuse('is absolute; paths are relative to the workspace root');
  }
  const parts: string[] = [];
  for (const part of unified.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) refuse('is outside the workspace');
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  if (parts.length === 0) refuse('names the workspace root, not a file');
  return parts.join('/');
}

/** A story ID or scope used in a path must be one plain name: refused (`outside-workspace`) otherwise. */
export function checkPathName(value: string, what: 'story ID' | 'scope'): string {
  if (!STORY_ID.test(value) || value.includes('..')) {
    throw new RunbookError(
      'outside-workspace',
      `invalid ${what} "${value}": it becomes part of a file path, so it must be letters, digits, ".", "_" or "-", starting with a letter or digit`,
      'usage',
      { [what === 'scope' ? 'scope' : 'storyId']: value },
    );
  }
  return value;
}

interface StoryFile {
  file: string;
  /** The first folder under the stories folder, if the story is in one. */
  folderScope: string | null;
}

async function storyFiles(host: EngineHost, config: RunbookConfig): Promise<StoryFile[]> {
  const root = normalizeFolder(config.storiesFolder);
  const excluded = new Set(config.exclude);
  const found: StoryFile[] = [];
  const walk = async (folder: string, scope: string | null, depth: number): Promise<void> => {
    for (const [name, type] of await host.files.readDirectory(folder)) {
      if (name.startsWith('.') || excluded.has(name)) continue;
      const path = join(folder, name);
      if (type === 'directory') {
        if (depth < 8) await walk(path, scope ?? name, depth + 1);
      } else if (name.toLowerCase().endsWith('.md') && !SKIPPED_STORY_FILES.has(name.toLowerCase())) {
        found.push({ file: path, folderScope: scope });
      }
    }
  };
  await walk(root, null, 0);
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

async function readStory(host: EngineHost, config: RunbookConfig, entry: StoryFile): Promise<ParsedStory> {
  const bytes = await host.files.readFile(entry.file);
  if (bytes.byteLength > config.maxFileSizeKB * 1024) {
    throw new RunbookError(
      'file-too-large',
      `${entry.file} is ${Math.ceil(bytes.byteLength / 1024)} KB, over the ${config.maxFileSizeKB} KB limit (maxFileSizeKB)`,
      'domain',
      { file: entry.file, sizeKB: Math.ceil(bytes.byteLength / 1024), limitKB: config.maxFileSizeKB },
    );
  }
  const story = parseStory(decodeUtf8(bytes, entry.file), entry.file);
  return { ...story, scope: story.scope ?? entry.folderScope };
}

/**
 * Every story under `config.storiesFolder` (`<ID>.md`, or `<SCOPE>/<ID>.md` which gives the scope unless the
 * frontmatter names one), sorted by path. A story whose frontmatter is malformed is left out here (`runbook check`
 * reports it); `findStory` reports it when it is the one asked for.
 */
export async function listStories(host: EngineHost, config: RunbookConfig): Promise<Story[]> {
  const stories: Story[] = [];
  for (const entry of await storyFiles(host, config)) {
    try {
      stories.push(await readStory(host, config, entry));
    } catch (error) {
      if (!(error instanceof RunbookError)) throw error;
    }
  }
  return stories;
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Up to `count` candidates closest to `wanted` (case-insensitive), closest first, ties by name. */
export function closestNames(wanted: string, candidates: readonly string[], count = 3): string[] {
  const target = wanted.toUpperCase();
  return [...new Set(candidates)]
    .map((name) => ({ name, distance: editDistance(target, name.toUpperCase()) }))
    .sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, count)
    .map((entry) => entry.name);
}

/**
 * The story with this ID (exact, else the only case-insensitive match). Throws `outside-workspace` for an ID that
 * could not be a file name, and `story-not-found` naming up to 3 closest IDs (`details.closest`) otherwise.
 */
export async function findStory(host: EngineHost, config: RunbookConfig, id: string): Promise<ParsedStory> {
  checkPathName(id, 'story ID');
  const entries = await storyFiles(host, config);
  const fileId = (entry: StoryFile): string => (entry.file.split('/').pop() ?? '').replace(/\.md$/i, '');
  // The file named after the ID first: its errors (malformed frontmatter) are the user's to see.
  const named = entries.filter((entry) => fileId(entry) === id);
  const namedLoose = named.length > 0 ? named : entries.filter((entry) => fileId(entry).toLowerCase() === id.toLowerCase());
  if (namedLoose.length > 1) {
    // Two scopes with the same story ID: picking one silently would write the runbook for the wrong story.
    const files = namedLoose.map((entry) => entry.file);
    throw new RunbookError(
      'story-not-found',
      `story "${id}" is ambiguous: ${files.join(', ')} (rename one, or give it a distinct "id:" in its frontmatter)`,
      'domain',
      { id, closest: [], ambiguous: files },
    );
  }
  if (namedLoose.length === 1) return readStory(host, config, namedLoose[0]);
  // Then stories whose frontmatter `id` differs from their file name.
  const others: ParsedStory[] = [];
  for (const entry of entries) {
    if (namedLoose.includes(entry)) continue;
    try {
      others.push(await readStory(host, config, entry));
    } catch (error) {
      if (!(error instanceof RunbookError)) throw error;
    }
  }
  const exact = others.find((story) => story.id === id);
  if (exact) return exact;
  const loose = others.filter((story) => story.id.toLowerCase() === id.toLowerCase());
  if (loose.length === 1) return loose[0];
  const ids = [...others.map((story) => story.id), ...entries.map(fileId)];
  const closest = closestNames(id, ids);
  const hint = closest.length > 0 ? ` (closest: ${closest.join(', ')})` : ' (there are no stories yet)';
  throw new RunbookError('story-not-found', `no story "${id}" in ${normalizeFolder(config.storiesFolder) || '.'}${hint}`, 'domain', {
    id,
    closest,
  });
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
 * Render a new document without writing it. Throws `template-not-found`, `missing-fields` (all missing names at once),
 * `invalid-field`, `story-not-found`, `outside-workspace` or `template-invalid`.
 */
export async function planDocument(
  host: EngineHost,
  config: RunbookConfig,
  templates: readonly TemplateInfo[],
  request: DocumentRequest,
): Promise<PlannedDocument> {
  const template = findTemplate(templates, request.template);
  const now = host.clock.now();
  const storyId = request.storyId?.trim() ? request.storyId.trim() : undefined;
  if (template.kind === 'runbook' && storyId === undefined) {
    throw new RunbookError('missing-fields', `missing required fields: story ID (template "${template.name}")`, 'usage', {
      missing: ['storyId'],
    });
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
  const path = workspacePath(renderedPath, `the path of template "${template.name}"`);
  return { path, text, template };
}

/**
 * Write a planned document. Never replaces a file: when one exists, throws `file-exists` and nothing is written.
 * Returns the path written.
 */
export async function createDocument(host: EngineHost, planned: PlannedDocument): Promise<string> {
  const path = workspacePath(planned.path, 'the document path');
  const created = await host.files.createFile(path, new TextEncoder().encode(planned.text));
  if (!created) {
    throw new RunbookError('file-exists', `${path} already exists; nothing was written`, 'domain', { path });
  }
  return path;
}

/** `runbook new-runbook <STORY-ID>`: the `runbook` template for this story, planned and written. */
export async function newRunbook(
  host: EngineHost,
  config: RunbookConfig,
  templates: readonly TemplateInfo[],
  storyId: string,
): Promise<PlannedDocument> {
  const planned = await planDocument(host, config, templates, { template: 'runbook', fields: {}, storyId });
  await createDocument(host, planned);
  return planned;
}

/** Title, severity and (optional) date of a new RCA or post-mortem. */
export interface IncidentFields {
  title: string;
  severity: string;
  date?: string;
}

/** `runbook new rca|postmortem`: the incident template planned from its usual fields and written. */
export async function newIncident(
  host: EngineHost,
  config: RunbookConfig,
  templates: readonly TemplateInfo[],
  kind: 'rca' | 'postmortem',
  values: IncidentFields,
): Promise<PlannedDocument> {
  const fields: Record<string, string> = { title: values.title, severity: values.severity };
  if (values.date !== undefined) fields.date = values.date;
  const planned = await planDocument(host, config, templates, { template: kind, fields });
  await createDocument(host, planned);
  return planned;
}
