/** Reading a template file: frontmatter (name, description, kind, path, fields) checked, Handlebars checked. */
import type { DocumentKind } from '../model';
import { bilingual, RunbookError, type Bilingual } from '../errors';
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

function fail(file: string, message: Bilingual, line = 1): never {
  throw new RunbookError('template-invalid', bilingual(`${file}:${line}: ${message.en}`, `${file}:${line} : ${message.fr}`), 'domain', { file, line });
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

function optionalString(value: unknown, what: string | Bilingual, file: string, line: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // A key of the frontmatter (`name`, `fields[0].name`) is named the same in both languages.
  const named = typeof what === 'string' ? bilingual(what, what) : what;
  const found = JSON.stringify(value);
  return fail(file, bilingual(`${named.en} must be a string, found ${found}`, `${named.fr} doit être une chaîne, trouvé ${found}`), line);
}

/** `field "name" <part>`, in both languages (`type du champ « name »`). */
function fieldPart(name: string, part: string, partFr: string): Bilingual {
  return bilingual(`field "${name}" ${part}`, `${partFr} du champ « ${name} »`);
}

function fieldFrom(raw: unknown, index: number, file: string, line: number): TemplateField {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    fail(file, bilingual(`fields[${index}] must be a mapping with name, type and description`, `fields[${index}] doit être un dictionnaire avec name, type et description`), line);
  }
  const entry = raw as Record<string, unknown>;
  const name = optionalString(entry.name, `fields[${index}].name`, file, line);
  if (!name || !FIELD_NAME.test(name)) {
    const found = JSON.stringify(entry.name);
    fail(
      file,
      bilingual(
        `fields[${index}].name must be a name like "title" (letters, digits, _), found ${found}`,
        `fields[${index}].name doit être un nom comme « title » (lettres, chiffres, _), trouvé ${found}`,
      ),
      line,
    );
  }
  const reserved = [...RESERVED].join(', ');
  if (RESERVED.has(name)) fail(file, bilingual(`field "${name}" is a reserved name (${reserved})`, `le champ « ${name} » porte un nom réservé (${reserved})`), line);
  const type = (optionalString(entry.type, fieldPart(name, 'type', 'type'), file, line) ?? 'string') as TemplateFieldType;
  if (!FIELD_TYPES.includes(type)) {
    const types = FIELD_TYPES.join(', ');
    fail(file, bilingual(`field "${name}": type must be one of ${types}, found "${type}"`, `champ « ${name} » : le type doit être l'un de ${types}, trouvé « ${type} »`), line);
  }
  const field: TemplateField = {
    name,
    type,
    description: optionalString(entry.description, fieldPart(name, 'description', 'description'), file, line) ?? '',
  };
  if (entry.choices !== undefined) {
    if (!Array.isArray(entry.choices) || entry.choices.length === 0) {
      fail(file, bilingual(`field "${name}": choices must be a non-empty list`, `champ « ${name} » : choices doit être une liste non vide`), line);
    }
    field.choices = entry.choices.map((choice) => {
      const text = optionalString(choice, fieldPart(name, 'choice', 'choix'), file, line);
      if (text === undefined || text.trim() === '') fail(file, bilingual(`field "${name}": empty choice`, `champ « ${name} » : choix vide`), line);
      return text.trim();
    });
  }
  if (type === 'choice' && !field.choices) {
    fail(file, bilingual(`field "${name}" has type choice but no choices`, `le champ « ${name} » est de type choice mais n'a pas de choices`), line);
  }
  const defaultValue = optionalString(entry.default, fieldPart(name, 'default', 'valeur par défaut'), file, line);
  if (defaultValue !== undefined) {
    if (type === 'date' && defaultValue !== 'today' && !DATE.test(defaultValue)) {
      fail(
        file,
        bilingual(
          `field "${name}": a date default is "today" or YYYY-MM-DD, found "${defaultValue}"`,
          `champ « ${name} » : une date par défaut est « today » ou AAAA-MM-JJ, trouvé « ${defaultValue} »`,
        ),
        line,
      );
    }
    if (type === 'choice' && !field.choices?.includes(defaultValue)) {
      const choices = field.choices?.join(', ');
      fail(
        file,
        bilingual(`field "${name}": default "${defaultValue}" is not one of ${choices}`, `champ « ${name} » : la valeur par défaut « ${defaultValue} » n'est pas l'un de ${choices}`),
        line,
      );
    }
    field.default = defaultValue;
  }
  if (entry.required !== undefined) {
    if (typeof entry.required !== 'boolean') {
      fail(file, bilingual(`field "${name}": required must be true or false`, `champ « ${name} » : required doit être true ou false`), line);
    }
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
  if (!split.present) {
    fail(file, bilingual('a template starts with a frontmatter block (---) giving name, kind and path', 'un modèle commence par un bloc de frontmatter (---) donnant name, kind et path'));
  }
  const data = split.data;
  const line = (key: string): number => lineMatching(text, new RegExp(`^${key}\\s*:`), split.bodyLine);
  const fieldLine = (fieldName: string): number =>
    lineMatching(text, new RegExp(`^\\s*(?:-\\s+)?name\\s*:\\s*["']?${escapeRegExp(fieldName)}["']?\\s*$`), split.bodyLine);
  const missing = ['name', 'kind', 'path'].filter((key) => data[key] === undefined || data[key] === null || data[key] === '');
  if (missing.length > 0) fail(file, bilingual(`the frontmatter must give ${missing.join(', ')}`, `le frontmatter doit donner ${missing.join(', ')}`));
  const name = optionalString(data.name, 'name', file, line('name')) ?? '';
  if (!NAME.test(name)) {
    fail(
      file,
      bilingual(
        `name must be lowercase letters, digits, ".", "_" or "-", found "${name}"`,
        `name doit être fait de minuscules, chiffres, « . », « _ » ou « - », trouvé « ${name} »`,
      ),
      line('name'),
    );
  }
  const kind = optionalString(data.kind, 'kind', file, line('kind')) as DocumentKind;
  if (!KINDS.includes(kind)) {
    const kinds = KINDS.join(', ');
    fail(file, bilingual(`kind must be one of ${kinds}, found "${kind}"`, `kind doit être l'un de ${kinds}, trouvé « ${kind} »`), line('kind'));
  }
  const pathPattern = (optionalString(data.path, 'path', file, line('path')) ?? '').trim();
  const description = optionalString(data.description, 'description', file, line('description')) ?? '';
  let fields: TemplateField[] = [];
  if (data.fields !== undefined && data.fields !== null) {
    if (!Array.isArray(data.fields)) fail(file, bilingual('fields must be a list', 'fields doit être une liste'), line('fields'));
    fields = data.fields.map((raw, index) => {
      const fieldName = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).name : undefined;
      return fieldFrom(raw, index, file, typeof fieldName === 'string' ? fieldLine(fieldName) : line('fields'));
    });
    const seen = new Set<string>();
    for (const field of fields) {
      if (seen.has(field.name)) fail(file, bilingual(`field "${field.name}" is declared twice`, `le champ « ${field.name} » est déclaré deux fois`), line('fields'));
      seen.add(field.name);
    }
  }
  checkTemplateSource(pathPattern, file, line('path'));
  checkTemplateSource(split.body, file, split.bodyLine);
  return { name, description: description.trim(), kind, pathPattern, fields, source, file, body: split.body, bodyLine: split.bodyLine };
}
