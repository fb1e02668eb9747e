/**
 * Field values for a template: required ones checked (all missing ones named at once), choices matched however the
 * user spelled them (`2`, `sev2`, `Sev 2` → the template's own `SEV-2`), dates checked, defaults filled.
 */
import { bilingual, RunbookError, type Bilingual } from '../errors';
import { isoDate, isValidDate } from '../dates';
import { normalizeLabel } from '../parse/mdast';
import { normalizeSeverity, severityLevel } from '../severity';
import type { TemplateField, TemplateInfo } from './types';


/** Lowercase letters and digits only (after `normalizeLabel`): `SEV-2`, `Sev 2`, `sev2` all become `sev2`. */
function choiceKey(value: string): string {
  return normalizeLabel(value).replace(/[^a-z0-9]/g, '');
}

/**
 * The template's spelling of `value` among `choices`, or null. Exact first, then ignoring case and punctuation, then a
 * bare number matching the one choice that is letters followed by that number (`2` → `SEV-2`, `0` → `P0`).
 */
export function matchChoice(value: string, choices: readonly string[]): string | null {
  const exact = choices.find((choice) => choice === value);
  if (exact) return exact;
  const key = choiceKey(value);
  if (key === '') return null;
  const loose = choices.filter((choice) => choiceKey(choice) === key);
  if (loose.length === 1) return loose[0];
  if (/^\d+$/.test(key)) {
    const numbered = choices.filter((choice) => {
      const match = /^[a-z]+(\d+)$/.exec(choiceKey(choice));
      return match !== null && Number(match[1]) === Number(key);
    });
    if (numbered.length === 1) return numbered[0];
  }
  return severityChoice(value, choices);
}

/**
 * A severity in any spelling matched to the template's way of writing that level: `P0` → `SEV-1` in a template that
 * offers SEV-1…SEV-3, `sev2` → `P1` in one that offers P0…P3 (seed 000's priorities map onto SEV1–SEV4).
 */
function severityChoice(value: string, choices: readonly string[]): string | null {
  const wanted = normalizeSeverity(value);
  if (!wanted) return null;
  const same = choices.filter((choice) => {
    const severity = normalizeSeverity(choice);
    return severity !== null && severityLevel(severity) === severityLevel(wanted);
  });
  return same.find((choice) => normalizeSeverity(choice) === wanted) ?? (same.length === 1 ? same[0] : null);
}

function invalidField(template: TemplateInfo, field: TemplateField, value: string, expected: Bilingual): RunbookError {
  return new RunbookError(
    'invalid-field',
    bilingual(
      `template "${template.name}": ${field.name} must be ${expected.en}, found "${value}"`,
      `modèle « ${template.name} » : ${field.name} doit être ${expected.fr}, trouvé « ${value} »`,
    ),
    'usage',
    { field: field.name, value, expected: expected.en, ...(field.choices ? { allowed: field.choices } : {}) },
  );
}

/** Control characters (a pasted terminal colour code, a NUL) have no place in a markdown document; tabs and newlines stay. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function normalizeValue(template: TemplateInfo, field: TemplateField, input: string, now: Date): string {
  // NFC: an accented title typed on macOS (decomposed) reads and searches like one typed elsewhere.
  const raw = input.replace(CONTROL, '').normalize('NFC');
  switch (field.type) {
    case 'text':
      return raw.replace(/\r\n?/g, '\n').replace(/^\s*\n|\s+$/g, '');
    case 'string':
      return raw.replace(/\s*[\r\n]+\s*/g, ' ').trim();
    case 'date': {
      const value = raw.trim();
      if (value.toLowerCase() === 'today') return isoDate(now);
      if (!isValidDate(value)) throw invalidField(template, field, value, bilingual('a date YYYY-MM-DD (or "today")', 'une date AAAA-MM-JJ (ou « today »)'));
      return value;
    }
    case 'choice': {
      const value = raw.replace(/\s+/g, ' ').trim();
      const match = matchChoice(value, field.choices ?? []);
      const choices = (field.choices ?? []).join(', ');
      if (match === null) throw invalidField(template, field, value, bilingual(`one of ${choices}`, `l'un de ${choices}`));
      return match;
    }
  }
}

/**
 * Check and complete `given` for `template`. Unknown names are refused (a typo would otherwise be silently ignored);
 * every missing required field is listed in one `missing-fields` error; `now` gives `today`.
 */
export function resolveFields(
  template: TemplateInfo,
  given: Readonly<Record<string, string>>,
  now: Date,
  implied: ReadonlySet<string> = new Set(),
): Record<string, string> {
  const known = new Map(template.fields.map((field) => [field.name, field]));
  const unknown = Object.keys(given).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new RunbookError(
      'invalid-field',
      bilingual(
        `template "${template.name}" has no field ${unknown.map((name) => `"${name}"`).join(', ')} (fields: ${
          template.fields.map((field) => field.name).join(', ') || 'none'
        })`,
        `le modèle « ${template.name} » n'a pas de champ ${unknown.map((name) => `« ${name} »`).join(', ')} (champs : ${
          template.fields.map((field) => field.name).join(', ') || 'aucun'
        })`,
      ),
      'usage',
      { unknown, fields: template.fields.map((field) => field.name) },
    );
  }
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const field of template.fields) {
    const raw = given[field.name];
    if (raw !== undefined && raw.trim() !== '') {
      values[field.name] = normalizeValue(template, field, raw, now);
    } else if (field.default !== undefined) {
      values[field.name] = normalizeValue(template, field, field.default, now);
    } else if (field.required && !implied.has(field.name)) {
      missing.push(field.name);
    }
  }
  if (missing.length > 0) {
    throw new RunbookError('missing-fields', bilingual(`missing required fields: ${missing.join(', ')}`, `champs obligatoires manquants : ${missing.join(', ')}`), 'usage', { missing });
  }
  return values;
}
