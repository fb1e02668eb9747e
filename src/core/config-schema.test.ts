/**
 * The configuration schema (schemas/runbook-config.schema.json) cannot drift from the configuration: every key of
 * `DEFAULT_CONFIG` has an entry with its default, nothing else is declared, and for every key the schema (read by ajv,
 * as an editor would), the engine's own validator of the file and `resolveConfig` accept and refuse the same values —
 * and so do the `runbook.*` settings of package.json. A key added to the configuration without its schema fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { ANNOTATION_KEYWORDS, CONFIG_SCHEMA, validateJson, VALIDATION_KEYWORDS, type JsonSchema } from './config-schema';
import { configFromJson, DEFAULT_CONFIG, NEVER_FROM_WORKSPACE, resolveConfig, SCHEMA_KEY } from './config';

const ROOT = join(__dirname, '..', '..');
const shipped = JSON.parse(readFileSync(join(ROOT, 'schemas', 'runbook-config.schema.json'), 'utf8')) as JsonSchema;
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  contributes: { jsonValidation: Array<{ fileMatch: string | string[]; url: string }>; configuration: { properties: Record<string, object> } };
};

/** Values of every shape a hand-written configuration may hold. */
const PROBES: unknown[] = [
  '', 'x', 'docs', [], ['a'], ['a', 'b'], [1], ['a', 2], [[]], -1, 0, 1, 32, 2048, true, false, {}, { QA: ['ann'] }, { QA: 'ann' }, { QA: [1] },
  // The incident policy's shapes: targets, business days and hours, timeline keywords, and near misses of each.
  { SEV1: '15m', P2: '4h business' }, { SEV2: '2 heures ouvrées' }, { SEV1: 'none' }, { SEV1: 'soon' }, { SEV1: 15 },
  ['Mon', 'tue', 'Lundi'], ['Funday'], '09:00-18:00', '9h-18h', { detection: ['paged'] }, { detection: 'paged' },
];

const accepts = {
  engine: (key: string, value: unknown): boolean => {
    try {
      resolveConfig({ [key]: value }, 'test');
      return true;
    } catch {
      return false;
    }
  },
  file: (key: string, value: unknown): boolean => validateJson({ [key]: value }, CONFIG_SCHEMA) === null,
};

test('config schema: the shipped file is the one the engine validates with, and only uses keywords it understands', () => {
  assert.deepEqual(CONFIG_SCHEMA, shipped);
  const walk = (schema: JsonSchema, where: string): void => {
    for (const keyword of Object.keys(schema)) {
      assert.ok(VALIDATION_KEYWORDS.includes(keyword) || ANNOTATION_KEYWORDS.includes(keyword), `${where}: keyword "${keyword}" is not understood by validateJson`);
    }
    for (const [name, child] of Object.entries(schema.properties ?? {})) walk(child, `${where}.${name}`);
    if (schema.items) walk(schema.items, `${where}[]`);
    if (typeof schema.additionalProperties === 'object') walk(schema.additionalProperties, `${where}.*`);
  };
  walk(CONFIG_SCHEMA, 'schema');
  assert.equal(CONFIG_SCHEMA.additionalProperties, false, 'unknown keys are errors, as resolveConfig says');
});

test('config schema: one entry per configuration key, with the default the engine uses', () => {
  const declared = Object.keys(CONFIG_SCHEMA.properties ?? {}).sort();
  assert.deepEqual(declared, [...Object.keys(DEFAULT_CONFIG), SCHEMA_KEY, ...NEVER_FROM_WORKSPACE].sort());
  for (const [key, value] of Object.entries(DEFAULT_CONFIG)) {
    const entry = CONFIG_SCHEMA.properties![key];
    assert.deepEqual(entry.default, value, `default of ${key}`);
    assert.ok(entry.description, `${key} has a description (shown by VS Code on hover)`);
  }
  for (const key of NEVER_FROM_WORKSPACE) assert.ok(CONFIG_SCHEMA.properties![key].deprecationMessage, `${key} is flagged as ignored in the editor`);
});

test('config schema: ajv, the file validator, resolveConfig and the package.json settings agree on every key and value', () => {
  const ajv = new Ajv({ strict: false });
  const validateFile = ajv.compile(shipped);
  for (const key of Object.keys(DEFAULT_CONFIG)) {
    const setting = manifest.contributes.configuration.properties[`runbook.${key}`];
    assert.ok(setting, `runbook.${key} is a setting`);
    const validateSetting = ajv.compile(setting);
    for (const probe of PROBES) {
      const byAjv = validateFile({ [key]: probe });
      const where = `${key} = ${JSON.stringify(probe)}`;
      assert.equal(accepts.file(key, probe), byAjv, `validateJson and ajv disagree on ${where}`);
      assert.equal(accepts.engine(key, probe), byAjv, `resolveConfig and the schema disagree on ${where}`);
      assert.equal(validateSetting(probe), byAjv, `the runbook.${key} setting and the schema disagree on ${where}`);
    }
  }
  // null keeps the default: the editor's schema, the file validator and resolveConfig all take it, for every key.
  for (const key of Object.keys(DEFAULT_CONFIG)) {
    assert.equal(validateFile({ [key]: null }), true, `ajv takes ${key} = null`);
    assert.equal(accepts.file(key, null), true, `validateJson takes ${key} = null`);
    assert.deepEqual(configFromJson(JSON.stringify({ [key]: null }), 'f'), resolveConfig(undefined, 'f'), `${key} = null is the default`);
  }
  assert.equal(validateFile({ [SCHEMA_KEY]: './schema.json' }), true);
  assert.equal(validateFile({ nope: 1 }), false);
});

test('config file: one line naming the key, the value found and what was expected; $schema accepted', () => {
  const error = (text: string): string => {
    try {
      configFromJson(text, '.runbook/config.json');
    } catch (caught) {
      return (caught as Error).message;
    }
    return 'no error';
  };
  assert.equal(error('{"maxFileSizeKB": -1}'), '.runbook/config.json: "maxFileSizeKB" must be a positive number, found -1');
  assert.equal(error('{"roles": "QA"}'), '.runbook/config.json: "roles" must be a list of strings, found "QA"');
  assert.equal(error('{"roles": ["QA", 7]}'), '.runbook/config.json: "roles" must be a list of strings, found ["QA",7]');
  assert.equal(error('{"folders": 3}'), '.runbook/config.json: "folders" must be a list of strings, found 3');
  // null says "the default", in the file as in resolveConfig (and the schema an editor reads allows it).
  assert.equal(error('{"folders": null}'), 'no error');
  assert.equal(error('{"approvers": ["Alice"]}'), '.runbook/config.json: "approvers" must be an object mapping each role to a list of names, found ["Alice"]');
  assert.equal(error('{"approvers": {"QA": "Alice"}}'), '.runbook/config.json: "approvers.QA" must be a list of strings, found "Alice"');
  assert.match(error('{"rolez": []}'), /^\.runbook\/config\.json: unknown setting "rolez" \(known: storiesFolder, .*roles.*governanceMaxKB.*\)$/);
  assert.match(error('{"__proto__": {"exclude": []}}'), /^\.runbook\/config\.json: unknown setting "__proto__"/);
  assert.equal(error('[1]'), '.runbook/config.json: expected a JSON object of settings');
  assert.match(error('{"roles": ['), /^\.runbook\/config\.json: not valid JSON/);
  for (const message of ['{"maxFileSizeKB": -1}', '{"rolez": []}']) assert.equal(error(message).split('\n').length, 1);
  const config = configFromJson('{"$schema": "../node_modules/runbook-kit/schemas/runbook-config.schema.json", "roles": ["QA"]}', 'f');
  assert.deepEqual(config.roles, ['QA']);
  assert.equal(SCHEMA_KEY in config, false);
  const ignored: string[] = [];
  configFromJson('{"draftCommand": "rm -rf /", "draftTimeout": 5}', 'f', (key) => ignored.push(key));
  assert.deepEqual(ignored, ['draftCommand', 'draftTimeout']);
});

test('validateJson: nested paths and the words for what is expected', () => {
  const schema: JsonSchema = {
    type: 'object',
    additionalProperties: false,
    properties: {
      approvers: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string', minLength: 1 } } },
      level: { enum: ['workspace', 'openFiles'] },
      hours: { type: 'integer', minimum: 0, maximum: 23 },
    },
  };
  assert.deepEqual(validateJson({ approvers: { QA: ['ann', ''] } }, schema), { path: 'approvers.QA[1]', message: 'must be a non-empty string, found ""' });
  assert.deepEqual(validateJson({ approvers: { QA: 'ann' } }, schema), { path: 'approvers.QA', message: 'must be a list of non-empty strings, found "ann"' });
  assert.deepEqual(validateJson({ level: 'all' }, schema), { path: 'level', message: 'must be one of "workspace", "openFiles", found "all"' });
  assert.deepEqual(validateJson({ hours: 24 }, schema), { path: 'hours', message: 'must be a whole number from 0 to 23, found 24' });
  assert.equal(validateJson({ approvers: { QA: ['ann'] }, level: 'openFiles', hours: 9 }, schema), null);
});

test('package.json wires the schema to .runbook/config.json and the package ships it', () => {
  const [entry] = manifest.contributes.jsonValidation;
  const matches = ([] as string[]).concat(entry.fileMatch);
  assert.ok(matches.some((pattern) => /\.runbook\/config\.json$/.test(pattern)), JSON.stringify(entry));
  assert.equal(join(ROOT, entry.url), join(ROOT, 'schemas', 'runbook-config.schema.json'));
  assert.match(readFileSync(join(ROOT, '.vscodeignore'), 'utf8'), /^!schemas\/runbook-config\.schema\.json$/m);
});
