/**
 * Which templates exist: the built-in ones (texts read by the front end, since the extension and the CLI find the
 * `templates/` folder differently) merged with the workspace's own, which add new names or override built-ins by name.
 */
import type { RunbookConfig } from '../config';
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

/**
 * The templates of `config.templatesFolder` (default `.runbook/templates/`), sorted by name; none when the folder does
 * not exist. A broken template throws `template-invalid` naming its file and line rather than silently disappearing.
 */
export async function loadWorkspaceTemplates(host: EngineHost, config: RunbookConfig): Promise<TemplateInfo[]> {
  const folder = config.templatesFolder.replace(/\\/g, '/').replace(/\/+$/, '');
  const entries = await host.files.readDirectory(folder);
  const names = entries
    .filter(([name, type]) => type === 'file' && isTemplateFile(name))
    .map(([name]) => name)
    .sort();
  const texts: TemplateText[] = [];
  for (const name of names) {
    const file = folder === '' || folder === '.' ? name : `${folder}/${name}`;
    texts.push({ file, text: decodeUtf8(await host.files.readFile(file), file) });
  }
  return templatesFromTexts(texts, 'workspace');
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
