import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configFromJson, DEFAULT_CONFIG, resolveConfig } from './config';
import { RunbookError } from './errors';

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
