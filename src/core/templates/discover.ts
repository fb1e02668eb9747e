/**
 * Which templates exist: the built-in ones (texts read by the front end, since the extension and the CLI find the
 * `templates/` folder differently) merged with the workspace's own, which add new names or override built-ins by name.
 */
import { normalizeFolder, type RunbookConfig } from '../config';
import type { EngineHost } from '../host';
import { RunbookError } from '../errors';
import { templateFromText } from './parse';
import type { TemplateInfo, TemplateSource } from './types';

/** A template file's path and text, as a front end read it. */
export interface TemplateText {
  file: string;
  text: string;
}

/** Template files are `*.hbs` (also `*.md.hbs`); anything else in the folder (a README) is not a template. */
export function isTemplateFile(name: string): boolean {
  return name.endsWith('.hbs') && !name.startsWith('.');
}

/** Decode a file's bytes as UTF-8, refusing invalid bytes rather than writing U+FFFD into a document. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new RunbookError('invalid-encoding', `${file} is not valid UTF-8`, 'domain', { file });
  }
}

/** Parse every text; two templates with one name in one source is an error naming both files. */
export function templatesFromTexts(texts: readonly TemplateText[], source: TemplateSource): TemplateInfo[] {
  const byName = new Map<string, TemplateInfo>();
  for (const { file, text } of texts) {
    const template = templateFromText(text, file, source);
    const previous = byName.get(template.name);
    if (previous) {
      throw new RunbookError(
        'template-invalid',
        `${file}:1: template name "${template.name}" is already used by ${previous.file}`,
        'domain',
        { file, line: 1 },
      );
    }
    byName.set(template.name, template);
  }
  return [...byName.values()];
}

/** The workspace's templates that read well, and one error per template file that did not. */
export interface WorkspaceTemplates {
  templates: TemplateInfo[];
  /** Each names its file (`details.file`) and line; `details.name` is the file name without `.hbs`. */
  problems: RunbookError[];
}

/**
 * The templates of `config.templatesFolder` (default `.runbook/templates/`), sorted by name; none when the folder does
 * not exist. A broken file does not hide the others: it comes back in `problems`, so a front end can refuse just that
 * template (see `findTemplateOrProblem`) and warn about it.
 */
export async function readWorkspaceTemplates(host: EngineHost, config: RunbookConfig): Promise<WorkspaceTemplates> {
  const folder = normalizeFolder(config.templatesFolder);
  const entries = await host.files.readDirectory(folder);
  const names = entries
    .filter(([name, type]) => type === 'file' && isTemplateFile(name))
    .map(([name]) => name)
    .sort();
  const result: WorkspaceTemplates = { templates: [], problems: [] };
  const byName = new Map<string, TemplateInfo>();
  for (const name of names) {
    const file = folder === '' || folder === '.' ? name : `${folder}/${name}`;
    try {
      const template = templatesFromTexts([{ file, text: decodeUtf8(await host.files.readFile(file), file) }], 'workspace')[0];
      const previous = byName.get(template.name);
      if (previous) {
        throw new RunbookError('template-invalid', `${file}:1: template name "${template.name}" is already used by ${previous.file}`, 'domain', {
          file,
          line: 1,
        });
      }
      byName.set(template.name, template);
      result.templates.push(template);
    } catch (error) {
      if (!(error instanceof RunbookError)) throw error;
      result.problems.push(new RunbookError(error.code, error.message, error.kind, { ...error.details, file, name: name.replace(/(?:\.md)?\.hbs$/, '') }));
    }
  }
  return result;
}

/**
 * The templates of `config.templatesFolder`, all of them: the first broken file throws `template-invalid` naming its
 * file and line rather than silently disappearing.
 */
export async function loadWorkspaceTemplates(host: EngineHost, config: RunbookConfig): Promise<TemplateInfo[]> {
  const { templates, problems } = await readWorkspaceTemplates(host, config);
  if (problems.length > 0) throw problems[0];
  return templates;
}

/**
 * Built-in templates first, in their order, each replaced by a workspace template of the same name; then the
 * workspace's new names, sorted.
 */
export function mergeTemplates(builtIn: readonly TemplateInfo[], workspace: readonly TemplateInfo[]): TemplateInfo[] {
  const overrides = new Map(workspace.map((template) => [template.name, template]));
  const merged = builtIn.map((template) => overrides.get(template.name) ?? template);
  const builtInNames = new Set(builtIn.map((template) => template.name));
  const added = workspace.filter((template) => !builtInNames.has(template.name));
  return [...merged, ...added.sort((a, b) => a.name.localeCompare(b.name))];
}

/** The template called `name`, or `template-not-found` (a usage error) listing the available names. */
export function findTemplate(templates: readonly TemplateInfo[], name: string): TemplateInfo {
  const found = templates.find((template) => template.name === name);
  if (found) return found;
  const available = templates.map((template) => template.name);
  throw new RunbookError(
    'template-not-found',
    `no template named "${name}" (available: ${available.join(', ') || 'none'})`,
    'usage',
    { name, available },
  );
}

/**
 * `findTemplate`, except that asking for a template whose workspace file is broken throws that file's error (file and
 * line) instead of "not found" or a built-in of the same name the user meant to override.
 */
export function findTemplateOrProblem(templates: readonly TemplateInfo[], problems: readonly RunbookError[], name: string): TemplateInfo {
  const problem = problems.find((candidate) => candidate.details.name === name);
  if (problem) throw problem;
  return findTemplate(templates, name);
}
