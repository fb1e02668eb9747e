/**
 * Which templates exist: the built-in ones (texts read by the front end from the package's `templates/` folder)
 * merged with the workspace's own, which add new names or override built-ins by name. `loadTemplates` is the one entry
 * point of both front ends.
 */
import { normalizeFolder, type RunbookConfig } from '../config';
import type { EngineHost } from '../host';
import { bilingual, RunbookError } from '../errors';
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
    throw new RunbookError('invalid-encoding', bilingual(`${file} is not valid UTF-8`, `${file} n'est pas de l'UTF-8 valide`), 'domain', { file });
  }
}

/** Parse every text; two templates with one name in one source is an error naming both files. */
export function templatesFromTexts(texts: readonly TemplateText[], source: TemplateSource): TemplateInfo[] {
  const byName = new Map<string, TemplateInfo>();
  for (const { file, text } of texts) {
    const template = templateFromText(text, file, source);
    refuseDuplicate(byName, template);
    byName.set(template.name, template);
  }
  return [...byName.values()];
}

/** Two templates with one name in one source: an error naming both files. */
function refuseDuplicate(byName: ReadonlyMap<string, TemplateInfo>, template: TemplateInfo): void {
  const previous = byName.get(template.name);
  if (previous) {
    throw new RunbookError(
      'template-invalid',
      bilingual(
        `${template.file}:1: template name "${template.name}" is already used by ${previous.file}`,
        `${template.file}:1 : le nom de modèle « ${template.name} » est déjà utilisé par ${previous.file}`,
      ),
      'domain',
      { file: template.file, line: 1 },
    );
  }
}

/** Templates that read well, and one error per workspace template file that did not. */
export interface TemplateSet {
  /** In `loadTemplates`' order. */
  templates: TemplateInfo[];
  /** Each names its file (`details.file`) and line; `details.name` is the file name without `.hbs`. */
  problems: RunbookError[];
}

/** The order built-in templates are listed in: the most used first; any other built-in follows, by name. */
export const BUILT_IN_ORDER: readonly string[] = ['runbook', 'rca', 'postmortem', 'handoff', 'incident-runbook', 'story'];

function builtInRank(template: TemplateInfo): number {
  const index = BUILT_IN_ORDER.indexOf(template.name);
  return index === -1 ? BUILT_IN_ORDER.length : index;
}

/**
 * The templates of `config.templatesFolder` (default `.runbook/templates/`), sorted by file name; none when the
 * folder does not exist. A broken file does not hide the others: it comes back in `problems`.
 */
async function readWorkspaceTemplates(host: EngineHost, config: RunbookConfig): Promise<TemplateSet> {
  const folder = normalizeFolder(config.templatesFolder);
  const entries = await host.files.readDirectory(folder);
  const names = entries
    .filter(([name, type]) => type === 'file' && isTemplateFile(name))
    .map(([name]) => name)
    .sort();
  const result: TemplateSet = { templates: [], problems: [] };
  const byName = new Map<string, TemplateInfo>();
  for (const name of names) {
    const file = folder === '' ? name : `${folder}/${name}`;
    try {
      const template = templateFromText(decodeUtf8(await host.files.readFile(file), file), file, 'workspace');
      refuseDuplicate(byName, template);
      byName.set(template.name, template);
      result.templates.push(template);
    } catch (error) {
      if (!(error instanceof RunbookError)) throw error;
      result.problems.push(new RunbookError(error.code, error.text, error.kind, { ...error.details, file, name: name.replace(/(?:\.md)?\.hbs$/, '') }));
    }
  }
  return result;
}

/**
 * Built-in templates first, in `BUILT_IN_ORDER`, each replaced by a workspace template of the same name; then the
 * workspace's new names, sorted.
 */
export function mergeTemplates(builtIn: readonly TemplateInfo[], workspace: readonly TemplateInfo[]): TemplateInfo[] {
  const overrides = new Map(workspace.map((template) => [template.name, template]));
  const ordered = [...builtIn].sort((a, b) => builtInRank(a) - builtInRank(b) || a.name.localeCompare(b.name));
  const merged = ordered.map((template) => overrides.get(template.name) ?? template);
  const builtInNames = new Set(builtIn.map((template) => template.name));
  const added = workspace.filter((template) => !builtInNames.has(template.name));
  return [...merged, ...added.sort((a, b) => a.name.localeCompare(b.name))];
}

/**
 * Every template a front end offers: the built-in ones (their texts, read by the front end from the package) merged
 * with the workspace's when `workspace` is true (a trusted workspace). The one place both front ends load templates:
 * a broken workspace template blocks only itself (see `templateNamed`) and is listed in `problems` for a warning.
 */
export async function loadTemplates(
  host: EngineHost,
  config: RunbookConfig,
  builtInTexts: readonly TemplateText[],
  options: { workspace: boolean },
): Promise<TemplateSet> {
  const builtIn = templatesFromTexts(builtInTexts, 'built-in');
  if (!options.workspace) return { templates: mergeTemplates(builtIn, []), problems: [] };
  const workspace = await readWorkspaceTemplates(host, config);
  return { templates: mergeTemplates(builtIn, workspace.templates), problems: workspace.problems };
}

/**
 * The template called `name`. Asking for a template whose workspace file is broken throws that file's error (file and
 * line) rather than "not found" or a built-in of the same name the user meant to override; an unknown name is
 * `template-not-found` (a usage error) listing the available names.
 */
export function templateNamed(set: TemplateSet, name: string): TemplateInfo {
  const problem = set.problems.find((candidate) => candidate.details.name === name);
  if (problem) throw problem;
  const found = set.templates.find((template) => template.name === name);
  if (found) return found;
  const available = set.templates.map((template) => template.name);
  throw new RunbookError(
    'template-not-found',
    bilingual(`no template named "${name}" (available: ${available.join(', ') || 'none'})`, `aucun modèle nommé « ${name} » (disponibles : ${available.join(', ') || 'aucun'})`),
    'usage',
    { name, available },
  );
}
