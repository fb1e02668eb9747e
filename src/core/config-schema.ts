/**
 * The JSON Schema of `.runbook/config.json` (schemas/runbook-config.schema.json, shipped in the extension and wired to
 * the file with `jsonValidation`, so VS Code completes and validates it) and the validator the CLI and the extension
 * run over that same file, so both say the same thing about it: one line naming the key, the value found and what was
 * expected. The validator reads the schema's own keywords (the subset the file uses; config-schema.test.ts fails if a
 * keyword it does not know appears), and the test holds the schema to `DEFAULT_CONFIG` and `resolveConfig`, so a key
 * added to the configuration without its schema entry fails the suite.
 */
import schemaJson from '../../schemas/runbook-config.schema.json';
import { bilingual, RunbookError, type Language } from './errors';

/** The part of JSON Schema (draft-07) the configuration schema is written in. */
/** A JSON Schema type name (`null` is how a key of the file says "keep the default"). */
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';

export interface JsonSchema {
  type?: JsonType | JsonType[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  required?: string[];
  enum?: unknown[];
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  pattern?: string;
  /** What the user is told is expected, when the type alone does not say it well (our annotation; editors ignore it). */
  'x-expected'?: string;
  /** The same in French (`x-expected` is the English). */
  'x-expected-fr'?: string;
  description?: string;
  deprecationMessage?: string;
  default?: unknown;
  $schema?: string;
  $id?: string;
  title?: string;
}

/** The configuration schema, as shipped. */
export const CONFIG_SCHEMA: JsonSchema = schemaJson as JsonSchema;

/** The keywords `validateJson` understands; annotations (description, default, …) are allowed alongside. */
export const VALIDATION_KEYWORDS: readonly string[] = [
  'type', 'items', 'properties', 'additionalProperties', 'required', 'enum', 'minimum', 'exclusiveMinimum', 'maximum', 'minLength', 'minItems', 'pattern',
];
export const ANNOTATION_KEYWORDS: readonly string[] = ['x-expected', 'x-expected-fr', 'description', 'markdownDescription', 'deprecationMessage', 'default', 'examples', '$schema', '$id', 'title'];

/** "a string", "a list of strings", "a positive number", "one of "a", "b"": what a schema asks for, in words. */
export function expectedText(schema: JsonSchema, language: Language = 'en'): string {
  if (language === 'fr') return expectedFrench(schema);
  if (schema['x-expected']) return schema['x-expected'];
  // `["string", "null"]`: null only means "the default", so the words name the other type.
  if (Array.isArray(schema.type)) return expectedText({ ...schema, type: schema.type.find((type) => type !== 'null') });
  if (schema.enum) return `one of ${schema.enum.map((value) => JSON.stringify(value)).join(', ')}`;
  switch (schema.type) {
    case 'string':
      return schema.minLength ? 'a non-empty string' : 'a string';
    case 'number':
    case 'integer': {
      const noun = schema.type === 'integer' ? 'whole number' : 'number';
      if (schema.exclusiveMinimum === 0) return `a positive ${noun}`;
      if (schema.minimum !== undefined && schema.maximum !== undefined) return `a ${noun} from ${schema.minimum} to ${schema.maximum}`;
      if (schema.minimum !== undefined) return `a ${noun} of at least ${schema.minimum}`;
      if (schema.exclusiveMinimum !== undefined) return `a ${noun} greater than ${schema.exclusiveMinimum}`;
      return `a ${noun}`;
    }
    case 'boolean':
      return 'true or false';
    case 'array':
      return schema.items ? `a list of ${plural(expectedText(schema.items))}` : 'a list';
    case 'object':
      return 'an object';
    default:
      return 'a value';
  }
}

/** "a string" → "strings", "a list of strings" → "lists of strings", for `a list of …`. */
function plural(text: string): string {
  const noun = text.replace(/^(?:a|an) /, '');
  const [head, ...rest] = noun.split(' of ');
  return [head.endsWith('s') ? head : `${head}s`, ...rest].join(' of ');
}

/** `expectedText` in French: "une chaîne", "une liste de chaînes non vides", "un nombre entier de 0 à 23". */
function expectedFrench(schema: JsonSchema): string {
  if (schema['x-expected-fr']) return schema['x-expected-fr'];
  if (Array.isArray(schema.type)) return expectedFrench({ ...schema, type: schema.type.find((type) => type !== 'null') });
  if (schema.enum) return `l'une des valeurs ${schema.enum.map((value) => JSON.stringify(value)).join(', ')}`;
  switch (schema.type) {
    case 'string':
      return schema.minLength ? 'une chaîne non vide' : 'une chaîne';
    case 'number':
    case 'integer': {
      const noun = schema.type === 'integer' ? 'nombre entier' : 'nombre';
      if (schema.exclusiveMinimum === 0) return `un ${noun} positif`;
      if (schema.minimum !== undefined && schema.maximum !== undefined) return `un ${noun} de ${schema.minimum} à ${schema.maximum}`;
      if (schema.minimum !== undefined) return `un ${noun} d'au moins ${schema.minimum}`;
      if (schema.exclusiveMinimum !== undefined) return `un ${noun} supérieur à ${schema.exclusiveMinimum}`;
      return `un ${noun}`;
    }
    case 'boolean':
      return 'true ou false';
    case 'array':
      return schema.items ? `une liste de ${pluralFrench(expectedFrench(schema.items))}` : 'une liste';
    case 'object':
      return 'un objet';
    default:
      return 'une valeur';
  }
}

/** "une chaîne non vide" → "chaînes non vides", "un nombre positif" → "nombres positifs", "une liste de chaînes" → "listes de chaînes". */
function pluralFrench(text: string): string {
  const noun = text.replace(/^une? /, '');
  const cut = noun.search(/ (?:de|d'|à|supérieur) /);
  const head = cut === -1 ? noun : noun.slice(0, cut);
  const words = head.split(' ').map((word) => (word === 'non' || /[sx]$/.test(word) ? word : `${word}s`));
  return words.join(' ') + (cut === -1 ? '' : noun.slice(cut));
}

function typeMatches(value: unknown, type: JsonSchema['type']): boolean {
  if (Array.isArray(type)) return type.some((one) => typeMatches(value, one));
  switch (type) {
    case undefined:
      return true;
    case 'null':
      return value === null;
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

/** A problem found by `validateJson`: where (`maxFileSizeKB`, `approvers.QA[1]`) and what was expected there. */
export interface SchemaProblem {
  path: string;
  message: string;
  /** Set when the key itself is not in the schema (the message then names it: `unknown setting "x" (known: …)`). */
  unknown?: boolean;
}

const MAX_DEPTH = 32;

/**
 * The first place `value` breaks `schema`, or null, its message in `language`. Bounded in depth (the configuration is
 * a few levels deep).
 */
export function validateJson(value: unknown, schema: JsonSchema, path = '', depth = 0, language: Language = 'en'): SchemaProblem | null {
  const fr = language === 'fr';
  const json = JSON.stringify(value) ?? String(value);
  const found = fr ? `trouvé ${json}` : `found ${json}`;
  const wrong = (): SchemaProblem => ({ path, message: `${fr ? 'doit être' : 'must be'} ${expectedText(schema, language)}, ${found}` });
  if (depth > MAX_DEPTH) return { path, message: fr ? 'est imbriqué trop profondément' : 'is nested too deeply' };
  if (!typeMatches(value, schema.type)) return wrong();
  if (schema.enum && !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) return wrong();
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) return wrong();
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) return wrong();
    if (schema.maximum !== undefined && value > schema.maximum) return wrong();
  }
  if (typeof value === 'string') {
    if (schema.minLength !== undefined && value.length < schema.minLength) return wrong();
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) return wrong();
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) return { path, message: fr ? `doit avoir au moins ${schema.minItems} élément(s), ${found}` : `must have at least ${schema.minItems} item(s), ${found}` };
    if (schema.items) {
      for (let index = 0; index < value.length; index += 1) {
        if (!typeMatches(value[index], schema.items.type)) return wrong();
        const problem = validateJson(value[index], schema.items, `${path}[${index}]`, depth + 1, language);
        if (problem) return problem;
      }
    }
  }
  if (typeMatches(value, 'object') && (schema.properties || schema.additionalProperties !== undefined || schema.required)) {
    const record = value as Record<string, unknown>;
    for (const key of schema.required ?? []) {
      if (!(key in record)) return { path, message: fr ? `doit avoir « ${key} »` : `must have "${key}"` };
    }
    for (const [key, item] of Object.entries(record)) {
      const where = path ? `${path}.${key}` : key;
      const known = schema.properties && Object.prototype.hasOwnProperty.call(schema.properties, key) ? schema.properties[key] : undefined;
      const rule = known ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
      if (!rule) {
        if (schema.additionalProperties === false) {
          // Known: what may be set (not `$schema`, not the keys that are only ever ignored).
          const names = Object.entries(schema.properties ?? {})
            .filter(([name, property]) => name !== '$schema' && property.deprecationMessage === undefined)
            .map(([name]) => name);
          const known = names.join(', ');
          return { path: where, message: fr ? `réglage inconnu « ${where} » (connus : ${known})` : `unknown setting "${where}" (known: ${known})`, unknown: true };
        }
        continue;
      }
      const problem = validateJson(item, rule, where, depth + 1, language);
      if (problem) return problem;
    }
  }
  return null;
}

/**
 * Validate the parsed `.runbook/config.json` against the schema: one `RunbookError` line naming the file, the key and
 * what was expected (`.runbook/config.json: "maxFileSizeKB" must be a positive number, found -1`).
 */
export function validateConfigFile(values: unknown, source: string): void {
  const problem = validateJson(values, CONFIG_SCHEMA);
  if (!problem) return;
  const message =
    problem.path === ''
      ? problem.message.replace(/^must be an object.*/, 'expected a JSON object of settings')
      : problem.unknown
        ? problem.message
        : `"${problem.path}" ${problem.message}`;
  // The same walk in French finds the same problem (only the words differ).
  const french = validateJson(values, CONFIG_SCHEMA, '', 0, 'fr') ?? problem;
  const messageFr =
    french.path === ''
      ? french.message.replace(/^doit être un objet.*/, 'un objet JSON de réglages est attendu')
      : french.unknown
        ? french.message
        : `« ${french.path} » ${french.message}`;
  throw new RunbookError('invalid-config', bilingual(`${source}: ${message}`, `${source} : ${messageFr}`));
}
