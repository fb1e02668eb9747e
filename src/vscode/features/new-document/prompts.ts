/**
 * The prompts of the "New …" commands, built from a template's declared fields: a Quick Pick for a choice, an Input Box
 * with validation otherwise, in one flow. Escape anywhere returns undefined and the caller writes nothing.
 */
import * as vscode from 'vscode';
import type { Story } from '../../../core/model';
import { isValidDate } from '../../../core/dates';
import type { TemplateField, TemplateInfo } from '../../../core/templates';

/** Ask for every field not already given; undefined when the user cancelled. */
export async function promptFields(template: TemplateInfo, given: Record<string, string>, skip: ReadonlySet<string> = new Set()): Promise<Record<string, string> | undefined> {
  const fields = template.fields.filter((field) => given[field.name] === undefined && !skip.has(field.name));
  const values: Record<string, string> = { ...given };
  for (const [position, field] of fields.entries()) {
    const title = vscode.l10n.t('{0} ({1}/{2})', template.description.split(/[.:\n]/)[0] || template.name, position + 1, fields.length);
    const value = await promptField(field, title);
    if (value === undefined) return undefined;
    if (value !== '') values[field.name] = value;
  }
  return values;
}

async function promptField(field: TemplateField, title: string): Promise<string | undefined> {
  if (field.type === 'choice' && field.choices && field.choices.length > 0) {
    const items: Array<vscode.QuickPickItem & { value: string }> = field.choices.map((choice) => ({ label: choice, value: choice }));
    if (!field.required) items.push({ label: vscode.l10n.t('(none)'), value: '' });
    const pick = await vscode.window.showQuickPick(items, { title, placeHolder: field.description || field.name, ignoreFocusOut: true });
    return pick?.value;
  }
  const optional = !field.required;
  const hint = field.default ? vscode.l10n.t('default: {0}', field.default) : optional ? vscode.l10n.t('optional: press Enter to skip') : '';
  return vscode.window.showInputBox({
    title,
    prompt: [field.description || field.name, hint].filter(Boolean).join(' — '),
    placeHolder: field.type === 'date' ? 'YYYY-MM-DD' : field.name,
    ignoreFocusOut: true,
    validateInput: (raw) => {
      const value = raw.trim();
      if (value === '') return field.required && !field.default ? vscode.l10n.t('{0} is required', field.name) : undefined;
      if (field.type === 'date' && value.toLowerCase() !== 'today' && !isValidDate(value)) {
        return vscode.l10n.t('{0} must be a date YYYY-MM-DD (or "today")', field.name);
      }
      return undefined;
    },
  });
}

/** A filterable Quick Pick of stories (ID and title); undefined when cancelled. `title` names the command asking. */
export async function pickStory(stories: readonly Story[], title: string = vscode.l10n.t('New Runbook')): Promise<Story | undefined> {
  if (stories.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No stories found: add one to the stories folder (runbook.storiesFolder).'));
    return undefined;
  }
  const pick = await vscode.window.showQuickPick(
    stories.map((story) => ({ label: story.id, description: story.title, detail: story.scope ?? undefined, story })),
    { title, placeHolder: vscode.l10n.t('Story to write a runbook for'), matchOnDescription: true, ignoreFocusOut: true },
  );
  return pick?.story;
}

/** A Quick Pick of templates; undefined when cancelled. */
export async function pickTemplate(templates: readonly TemplateInfo[]): Promise<TemplateInfo | undefined> {
  const pick = await vscode.window.showQuickPick(
    templates.map((template) => ({
      label: template.name,
      description: template.source === 'workspace' ? vscode.l10n.t('workspace') : undefined,
      detail: template.description,
      template,
    })),
    { title: vscode.l10n.t('New Document from Template'), placeHolder: vscode.l10n.t('Template'), matchOnDetail: true, ignoreFocusOut: true },
  );
  return pick?.template;
}
