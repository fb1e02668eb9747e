/**
 * `runbook templates`: every template `runbook new` can use — the built-in ones and the workspace's (which add names or
 * replace a built-in) — with where each writes and the fields it asks for, loaded exactly as `runbook new` loads them.
 */
import type { RunbookConfig } from '../../core/config';
import { loadTemplates, type TemplateField, type TemplateInfo } from '../../core/templates';
import { readBuiltInTemplateTexts } from '../../node/builtin-templates';
import type { CliCommand } from '../command';
import { message } from '../messages';
import type { Row } from '../output';
import { printJson } from '../workspace';

/** The output path pattern with the configuration's folders filled in (`{{config.incidentsFolder}}` → `DOCS/incidents`). */
export function pathWithConfig(pattern: string, config: RunbookConfig): string {
  return pattern.replace(/\{\{\s*config\.(\w+)\s*\}\}/g, (whole, key: string) => {
    const value = (config as unknown as Record<string, unknown>)[key];
    return typeof value === 'string' ? value : whole;
  });
}

/** The description's first sentence (a full stop followed by a capital letter, or the end), for the text listing. */
function firstSentence(description: string): string {
  const text = description.replace(/\s+/g, ' ').trim();
  const match = /^(.+?[.!?])(?=\s+["'(]?\p{Lu})/u.exec(text);
  return match ? match[1] : text;
}

/** `string`, or `choice: SEV-1, SEV-2, SEV-3`. */
function fieldType(field: TemplateField): string {
  return field.type === 'choice' && field.choices?.length ? `${field.type}: ${field.choices.join(', ')}` : field.type;
}

function fieldRow(field: TemplateField): Row {
  const need = field.required ? { text: message('required'), style: 'warning' as const } : { text: message('optional'), style: 'dim' as const };
  return [
    '  ',
    { text: field.name, style: 'accent' },
    fieldType(field),
    field.default !== undefined ? { text: message('defaultValue', field.default), style: 'dim' } : need,
    field.description,
  ];
}

/** What `--json` prints for one template. */
function templateJson(template: TemplateInfo, overrides: boolean, config: RunbookConfig): Record<string, unknown> {
  return {
    name: template.name,
    source: template.source,
    overridesBuiltIn: overrides,
    kind: template.kind,
    description: template.description,
    file: template.file,
    path: pathWithConfig(template.pathPattern, config),
    fields: template.fields.map(({ name, type, description, required, default: fallback, choices }) => ({
      name,
      type,
      description,
      required: required === true,
      default: fallback ?? null,
      ...(choices ? { choices } : {}),
    })),
  };
}

export const templates: CliCommand = {
  usage: 'templates',
  description: 'list the templates "runbook new" can use (built-in and workspace) with their fields; exit 1 when a workspace template is broken',
  configure: (command) => command.option('--json', 'JSON output').option('--names', 'only the names, one per line (for shell completion)'),
  run: async (context, _args, options) => {
    const texts = readBuiltInTemplateTexts();
    const set = await loadTemplates(context.host, context.config, texts, { workspace: true });
    const builtInNames = new Set((await loadTemplates(context.host, context.config, texts, { workspace: false })).templates.map((t) => t.name));
    const overrides = (template: TemplateInfo): boolean => template.source === 'workspace' && builtInNames.has(template.name);
    if (options.names) {
      for (const template of set.templates) context.out(template.name);
    } else if (options.json) {
      printJson(context, set.templates.map((template) => templateJson(template, overrides(template), context.config)));
    } else {
      if (set.templates.length === 0) context.out(message('noTemplates'));
      set.templates.forEach((template, index) => {
        if (index > 0) context.out('');
        const source = template.source === 'built-in' ? message('builtIn') : overrides(template) ? message('overridesBuiltIn') : message('workspaceTemplate');
        context.out(`${context.paint('strong', template.name)}  ${context.paint('dim', `(${source})`)}  ${firstSentence(template.description)}`);
        context.out(`    ${context.paint('dim', message('writes', pathWithConfig(template.pathPattern, context.config)))}`);
        context.table(template.fields.map(fieldRow));
      });
    }
    for (const problem of set.problems) context.warn(`error: ${problem.message}`);
    return set.problems.length > 0 ? 1 : 0;
  },
};
