/**
 * The built-in templates' texts, read from the package's `templates/` folder with Node `fs`. The folder is found by
 * walking up from this file, so it works from `src/node/` under tsx and from the bundled `dist/cli.js` and
 * `dist/extension.js` alike. The engine parses and orders them (`loadTemplates`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bilingual, RunbookError } from '../core/errors';
import { isTemplateFile, mergeTemplates, templatesFromTexts, type TemplateSet, type TemplateText } from '../core/templates/discover';
import type { TemplateInfo } from '../core/templates/types';

/** The package's `templates/` folder: the first one up from `start` that holds `runbook.hbs`. */
export function findBuiltInTemplatesFolder(start: string = __dirname): string {
  let folder = start;
  for (;;) {
    const candidate = join(folder, 'templates');
    if (existsSync(join(candidate, 'runbook.hbs'))) return candidate;
    const parent = dirname(folder);
    if (parent === folder) {
      throw new RunbookError(
        'template-not-found',
        bilingual(
          `built-in templates not found above ${start} (looked for templates/runbook.hbs); reinstall runbook-kit`,
          `modèles intégrés introuvables au-dessus de ${start} (templates/runbook.hbs cherché) ; réinstallez runbook-kit`,
        ),
      );
    }
    folder = parent;
  }
}

/**
 * The built-in template files' texts, by file name, named `templates/<file>` in messages. In French (`language`
 * `fr`) the texts of `templates/fr/` (named `templates/fr/<file>`), each English one standing in for a file the French
 * folder lacks.
 */
export function readBuiltInTemplateTexts(folder: string = findBuiltInTemplatesFolder(), language: TemplateLanguage = 'en'): TemplateText[] {
  const read = (from: string, shown: string): TemplateText[] =>
    readdirSync(from)
      .filter(isTemplateFile)
      .sort()
      .map((name) => ({ file: `${shown}/${name}`, text: readFileSync(join(from, name), 'utf8') }));
  const english = read(folder, 'templates');
  if (language === 'en') return english;
  const localized = existsSync(join(folder, language)) ? read(join(folder, language), `templates/${language}`) : [];
  const names = new Set(localized.map((text) => text.file.split('/').pop()));
  return [...localized, ...english.filter((text) => !names.has(text.file.split('/').pop()))];
}

/** The languages the built-in templates are written in. */
export type TemplateLanguage = 'en' | 'fr';

/** The built-in templates, parsed (tests and the benchmark; the front ends go through `loadTemplates`). */
export function loadBuiltInTemplates(folder?: string, language: TemplateLanguage = 'en'): TemplateInfo[] {
  return templatesFromTexts(readBuiltInTemplateTexts(folder, language), 'built-in');
}

/** The built-in templates alone, in `loadTemplates`' order, as a `TemplateSet` (tests and the benchmark). */
export function builtInTemplateSet(folder?: string, language: TemplateLanguage = 'en'): TemplateSet {
  return { templates: mergeTemplates(loadBuiltInTemplates(folder, language), []), problems: [] };
}
