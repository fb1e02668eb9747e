/** Reading a template file: frontmatter (name, description, kind, path, fields) checked, Handlebars checked. */
import type { DocumentKind } from '../model';
import { RunbookError } from '../errors';
import { splitFrontmatter } from '../parse/frontmatter';
import { checkTemplateSource } from './render';
import type { TemplateField, TemplateFieldType, TemplateInfo, TemplateSource } from './types';

const KINDS: readonly DocumentKind[] = ['runbook', 'rca', 'postmortem', 'handoff', 'incident-runbook', 'story', 'other'];
const FIELD_TYPES: readonly TemplateFieldType[] = ['string', 'text', 'date', 'choice'];
/** Template names become CLI arguments and command titles: keep them simple. */
const NAME = /^[a-z0-9][a-z0-9._-]*$/;
/** Field names are Handlebars variables and `--field name=value` keys. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names the renderer provides itself; a field with one of these names would be shadowed or would shadow. */
const RESERVED = new Set(['config', 'story', 'storyId', 'scope', 'roles', 'today', 'template']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function fail(file: string, message: string, line = 1): never {
  throw new RunbookError('template-invalid', `${file}:${line}: ${message}`, 'domain', { file, line });
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The first frontmatter line matching `pattern`, so errors point at it (the file's line 1 is the opening `---`). */
function lineMatching(text: string, pattern: RegExp, bodyLine: number): number {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  for (let index = 1; index < bodyLine - 1 && index < lines.length; index += 1) {
    if (pattern.test(lines[index])) return index + 1;
  }
  return 1;
}

function optionalString(value: unknown, what: string, file: string, line: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fail(file, `${what} must be a string, found ${JSON.stringify(value)}`, line);
}

function fieldFrom(raw: unknown, index: number, file: string, line: number): TemplateField {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    fail(file, `fields[${index}] must be a mapping with name, type and description`, line);
  }
  const entry = raw as Record<string, unknown>;
  const name = optionalString(entry.name, `fields[${index}].name`, file, line);
  if (!name || !FIELD_NAME.test(name)) {
    fail(file, `fields[${index}].name must be a name like "title" (letters, digits, _), found ${JSON.stringify(entry.name)}`, line);
  }
  if (RESERVED.has(name)) fail(file, `field "${name}" is a reserved name (${[...RESERVED].join(', ')})`, line);
  const type = (optionalString(entry.type, `field "${name}" type`, file, line) ?? 'string') as TemplateFieldType;
  if (!FIELD_TYPES.includes(type)) {
    fail(file, `field "${name}": type must be one of ${FIELD_TYPES.join(', ')}, found "${type}"`, line);
  }
  const field: TemplateField = {
    name,
    type,
    description: optionalString(entry.description, `field "${name}" description`, file, line) ?? '',
  };
  if (entry.choices !== undefined) {
    if (!Array.isArray(entry.choices) || entry.choices.length === 0) {
      fail(file, `field "${name}": choices must be a non-empty list`, line);
    }
    field.choices = entry.choices.map((choice) => {
      const text = optionalString(choice, `field "${name}" choice`, file, line);
      if (text === undefined || text.trim() === '') fail(file, `field "${name}": empty choice`, line);
      return text.trim();
    });
  }
  if (type === 'choice' && !field.choices) fail(file, `field "${name}" has type choice but no choices`, line);
  const defaultValue = optionalString(entry.default, `field "${name}" default`, file, line);
  if (defaultValue !== undefined) {
    if (type === 'date' && defaultValue !== 'today' && !DATE.test(defaultValue)) {
      fail(file, `field "${name}": a date default is "today" or YYYY-MM-DD, found "${defaultValue}"`, line);
    }
    if (type === 'choice' && !field.choices?.includes(defaultValue)) {
      fail(file, `field "${name}": default "${defaultValue}" is not one of ${field.choices?.join(', ')}`, line);
    }
    field.default = defaultValue;
  }
  if (entry.required !== undefined) {
    if (typeof entry.required !== 'boolean') fail(file, `field "${name}": required must be true or false`, line);
    field.required = entry.required;
  }
  return field;
}

/**
 * Parse a template file's text. `file` names it in errors (workspace-relative for workspace templates). Throws
 * `RunbookError('template-invalid')` naming the file and line for malformed frontmatter, a missing name, kind or path,
 * bad fields, or a Handlebars error in the body or path.
 */
export function templateFromText(text: string, file: string, source: TemplateSource): TemplateInfo {
  const split = splitFrontmatter(text, file, 'template-invalid');
  if (!split.present) fail(file, 'a template starts with a frontmatter block (---) giving name, kind and path');
  const data = split.data;
  const line = (key: string): number => lineMatching(text, new RegExp(`^${key}\\s*:`), split.bodyLine);
  const fieldLine = (fieldName: string): number =>
    lineMatching(text, new RegExp(`^\\s*(?:-\\s+)?name\\s*:\\s*["']?${escapeRegExp(fieldName)}["']?\\s*$`), split.bodyLine);
  const missing = ['name', 'kind', 'path'].filter((key) => data[key] === undefined || data[key] === null || data[key] === '');
  if (missing.length > 0) fail(file, `the frontmatter must give ${missing.join(', ')}`);
  const name = optionalString(data.name, 'name', file, line('name')) ?? '';
  if (!NAME.test(name)) {
    fail(file, `name must be lowercase letters, digits, ".", "_" or "-", found "${name}"`, line('name'));
  }
  const kind = optionalString(data.kind, 'kind', file, line('kind')) as DocumentKind;
  if (!KINDS.includes(kind)) fail(file, `kind must be one of ${KINDS.join(', ')}, found "${kind}"`, line('kind'));
  const pathPattern = (optionalString(data.path, 'path', file, line('path')) ?? '').trim();
  const description = optionalString(data.description, 'description', file, line('description')) ?? '';
  let fields: TemplateField[] = [];
  if (data.fields !== undefined && data.fields !== null) {
    if (!Array.isArray(data.fields)) fail(file, 'fields must be a list', line('fields'));
    fields = data.fields.map((raw, index) => {
      const fieldName = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).name : undefined;
      return fieldFrom(raw, index, file, typeof fieldName === 'string' ? fieldLine(fieldName) : line('fields'));
    });
    const seen = new Set<string>();
    for (const field of fields) {
      if (seen.has(field.name)) fail(file, `field "${field.name}" is declared twice`, line('fields'));
      seen.add(field.name);
    }
  }
  checkTemplateSource(pathPattern, file, line('path'));
  checkTemplateSource(split.body, file, split.bodyLine);
  return { name, description: description.trim(), kind, pathPattern, fields, source, file, body: split.body, bodyLine: split.bodyLine };
}
