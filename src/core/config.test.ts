/**
 * Configuration validation: every way `.runbook/config.json` (or the settings) can be wrong gives one message naming
 * the source, the key, the value found and what was expected; good values override the defaults and nothing else.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configFromJson, DEFAULT_CONFIG, normalizeFolder, resolveConfig, templateLanguage, type RunbookConfig } from './config';
import { RunbookError } from './errors';

const SOURCE = '.runbook/config.json';

function refused(run: () => unknown, message: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof RunbookError);
    assert.equal(error.code, 'invalid-config');
    assert.equal(error.kind, 'domain');
    assert.equal(error.message, message);
    return true;
  });
}

const KNOWN =
  'storiesFolder, runbooksFolder, defaultScope, incidentsFolder, postmortemsFolder, handoffsFolder, incidentRunbooksFolder, ' +
  'incidentHistoryFile, activityFile, language, templatesFolder, folders, exclude, roles, actionHeadings, defaultApprover, approvers, maxFileSizeKB, ' +
  'responseTargets, updateTargets, businessDays, businessHours, timelineKeywords, incidentChannel, governanceFolders, governanceMaxKB, ' +
  'recurrenceThreshold, recurrenceWindowDays, postmortemSeverities, postmortemDeadlineDays';

/** The incident policy keys say what their own shape is. */
const POLICY_EXPECTED: Partial<Record<keyof RunbookConfig, string>> = {
  responseTargets: 'an object of severities (SEV1…SEV4, P0…P3) to targets such as "15m", "4h business" or "none"',
  updateTargets: 'an object of severities (SEV1…SEV4, P0…P3) to targets such as "15m", "4h business" or "none"',
  businessDays: 'a non-empty list of day names ("Mon" … "Sun")',
  businessHours: 'a time range "HH:MM-HH:MM" that opens before it closes',
  timelineKeywords: 'an object of reopen, restoration, mitigation, response, detection to lists of words',
  language: '"en", "fr" or "" (the default)',
  recurrenceThreshold: 'a whole number of incidents, 2 or more',
  recurrenceWindowDays: 'a whole number of days greater than 0',
  postmortemSeverities: 'a list of severities (SEV1…SEV4, P0…P3)',
  postmortemDeadlineDays: 'a whole number of days greater than 0',
};

test('an unknown key is refused, listing the known ones', () => {
  refused(() => configFromJson('{ "role": ["QA"] }', SOURCE), `${SOURCE}: unknown setting "role" (known: ${KNOWN})`);
  assert.deepEqual(Object.keys(DEFAULT_CONFIG).join(', '), KNOWN, 'every default is a known key');
});

test('a wrong type is refused, naming the key, the value found and what was expected — for each kind of key', () => {
  refused(() => configFromJson('{ "roles": "QA" }', SOURCE), `${SOURCE}: "roles" must be a list of strings, found "QA"`);
  refused(() => configFromJson('{ "folders": ["docs", 3] }', SOURCE), `${SOURCE}: "folders" must be a list of strings, found ["docs",3]`);
  refused(() => configFromJson('{ "storiesFolder": 7 }', SOURCE), `${SOURCE}: "storiesFolder" must be a string, found 7`);
  refused(() => configFromJson('{ "defaultApprover": ["a"] }', SOURCE), `${SOURCE}: "defaultApprover" must be a string, found ["a"]`);
  for (const bad of ['0', '-5', '"2048"', 'true', '[1]']) {
    refused(() => configFromJson(`{ "maxFileSizeKB": ${bad} }`, SOURCE), `${SOURCE}: "maxFileSizeKB" must be a positive number, found ${JSON.stringify(JSON.parse(bad))}`);
  }
  refused(() => resolveConfig({ maxFileSizeKB: Number.POSITIVE_INFINITY }, 'settings'), 'settings: "maxFileSizeKB" must be a positive number, found null');
  refused(() => resolveConfig({ maxFileSizeKB: Number.NaN }, 'settings'), 'settings: "maxFileSizeKB" must be a positive number, found null');
  for (const key of Object.keys(DEFAULT_CONFIG) as Array<keyof RunbookConfig>) {
    const value = DEFAULT_CONFIG[key];
    const expected = POLICY_EXPECTED[key] ?? (Array.isArray(value)
      ? 'a list of strings'
      : typeof value === 'number'
        ? 'a positive number'
        : typeof value === 'object'
          ? 'an object mapping each role to a list of names'
          : 'a string');
    refused(() => resolveConfig({ [key]: { nested: true } }, 'settings'), `settings: "${key}" must be ${expected}, found {"nested":true}`);
  }
});

test('invalid JSON is refused with the parser\'s reason; so is JSON that is not an object', () => {
  assert.throws(
    () => configFromJson('{ "roles": [ }', SOURCE),
    (error: unknown) => error instanceof RunbookError && error.code === 'invalid-config' && /^\.runbook\/config\.json: not valid JSON \(.+\)$/.test(error.message),
  );
  refused(() => configFromJson('', SOURCE), `${SOURCE}: not valid JSON (Unexpected end of JSON input)`);
  for (const text of ['[]', '"x"', '3', 'null']) refused(() => configFromJson(text, SOURCE), `${SOURCE}: expected a JSON object of settings`);
});

test('good values override the defaults, a BOM is ignored, null and undefined keep the default', () => {
  const config = configFromJson('\uFEFF{ "roles": ["Security", "QA"], "maxFileSizeKB": 0.5, "defaultApprover": null, "folders": [], "defaultScope": "pay\uFEFFments" }', SOURCE);
  assert.deepEqual(config, { ...DEFAULT_CONFIG, roles: ['Security', 'QA'], maxFileSizeKB: 0.5, folders: [], defaultScope: 'pay\uFEFFments' });
  assert.deepEqual(resolveConfig(undefined, 'settings'), { ...DEFAULT_CONFIG });
  assert.deepEqual(resolveConfig({ defaultScope: undefined }, 'settings'), { ...DEFAULT_CONFIG });
  assert.deepEqual(configFromJson('{}', SOURCE), { ...DEFAULT_CONFIG });
});

test('the resolved configuration is a copy: changing it never changes the defaults', () => {
  const config = resolveConfig(undefined, 'settings');
  config.folders.push('more');
  assert.deepEqual(DEFAULT_CONFIG.folders, ['.']);
  assert.ok(Object.isFrozen(DEFAULT_CONFIG));
});

test('folders are normalised: backslashes, ./, trailing slashes, and . for the whole workspace', () => {
  assert.equal(normalizeFolder('docs\\post-mortems\\'), 'docs/post-mortems');
  assert.equal(normalizeFolder('./docs//'), 'docs');
  assert.equal(normalizeFolder('.//docs'), 'docs');
  assert.equal(normalizeFolder('.'), '');
  assert.equal(normalizeFolder('./'), '');
  assert.equal(normalizeFolder(''), '');
  assert.equal(normalizeFolder('.agent/cache'), '.agent/cache');
  assert.equal(normalizeFolder('a/./b'), 'a/./b');
  assert.equal(normalizeFolder('notes/v2.'), 'notes/v2.', 'only a lone "." is the workspace');
});

test('the default folders are distinct even without case: DOCS/incidents and docs/post-mortems', () => {
  assert.deepEqual(resolveConfig({}, 'defaults'), DEFAULT_CONFIG);
});

test('two kind folders equal but for case are refused with one line naming both keys (they are one folder on macOS and Windows)', () => {
  assert.throws(
    () => configFromJson('{ "incidentsFolder": "docs/incidents", "postmortemsFolder": "DOCS/Incidents/" }', '.runbook/config.json'),
    (error: unknown) =>
      error instanceof RunbookError &&
      error.message ===
        '.runbook/config.json: "incidentsFolder" ("docs/incidents") and "postmortemsFolder" ("DOCS/Incidents/") name the same folder on case-insensitive file systems (macOS, Windows): give each kind its own folder',
  );
  assert.throws(() => resolveConfig({ handoffsFolder: 'DOCS/INCIDENTS' }, 'settings'), /"incidentsFolder" \("DOCS\/incidents"\) and "handoffsFolder"/);
  assert.doesNotThrow(() => resolveConfig({ incidentsFolder: 'docs/incidents' }, 'settings'), 'docs/incidents and docs/post-mortems differ by more than case');
});

test('templateLanguage: --lang first, then the language setting, then the front end\'s default (the display language in VS Code)', () => {
  assert.equal(templateLanguage({ language: '' }, 'fr'), 'fr', 'no setting: a French display language gives French templates');
  assert.equal(templateLanguage({ language: '' }, 'en'), 'en');
  assert.equal(templateLanguage({ language: 'en' }, 'fr'), 'en', 'the setting wins over the display language');
  assert.equal(templateLanguage({ language: 'fr' }, 'en'), 'fr');
  assert.equal(templateLanguage({ language: 'fr' }, 'en', 'en'), 'en', '--lang wins over the setting');
  assert.equal(templateLanguage({ language: 'de' }, 'fr'), 'fr', 'a value the schema refuses falls back, never a third language');
});
