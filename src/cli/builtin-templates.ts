/**
 * The built-in templates, read from the package's `templates/` folder with Node `fs`. The folder is found by walking up
 * from this file, so it works from `src/cli/` under tsx and from the bundled `dist/cli.js` alike. (The extension reads
 * the same folder through `vscode.workspace.fs`, which is why core takes template texts rather than reading them.)
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { isTemplateFile, templatesFromTexts, type TemplateText } from '../core/templates/discover';
import type { TemplateInfo } from '../core/templates/types';

/** The order built-in templates are listed in: the most used first. */
const ORDER = ['runbook', 'rca', 'postmortem', 'handoff', 'incident-runbook'];

/** The package's `templates/` folder: the first one up from `start` that holds `runbook.hbs`. */
export function findBuiltInTemplatesFolder(start: string = __dirname): string {
  let folder = start;
  for (;;) {
    const candidate = join(folder, 'templates');
    if (existsSync(join(candidate, 'runbook.hbs'))) return candidate;
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`built-in templates not found above ${start} (looked for templates/runbook.hbs)`);
    folder = parent;
  }
}

/** The built-in template files' texts, named `templates/<file>` in messages. */
export function readBuiltInTemplateTexts(folder: string = findBuiltInTemplatesFolder()): TemplateText[] {
  const rank = (name: string): number => {
    const index = ORDER.indexOf(name.replace(/\.hbs$/, ''));
    return index === -1 ? ORDER.length : index;
  };
  return readdirSync(folder)
    .filter(isTemplateFile)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((name) => ({ file: `templates/${name}`, text: readFileSync(join(folder, name), 'utf8') }));
}

/** The built-in templates, parsed. */
export function loadBuiltInTemplates(folder?: string): TemplateInfo[] {
  return templatesFromTexts(readBuiltInTemplateTexts(folder), 'built-in');
}
