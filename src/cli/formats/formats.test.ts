/**
 * The machine-readable check formats against the documents that define them: SARIF 2.1.0 against the OASIS JSON
 * schema (test/fixtures/sarif), GitLab Code Quality against the fields GitLab documents (test/fixtures/gitlab), and
 * fingerprints that do not move when nothing about a finding changes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { RULES } from '../../core/check';
import type { Finding, RuleId } from '../../core/model';
import { codeQualityReport } from './gitlab';
import { findingFingerprints } from './fingerprint';
import { FINGERPRINT_KEY, relativeUri, sarifLog, SRCROOT } from './sarif';

const FIXTURES = join(__dirname, '../../../test/fixtures');

function validator(schemaFile: string) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(FIXTURES, schemaFile), 'utf8')) as object);
}

const FINDINGS: Finding[] = [
  { rule: 'accepted-missing-approvals', severity: 'error', message: 'runbook is ACCEPTED but approvals are missing from @QA', file: 'rb.md', line: 3, data: { missing: ['QA'] } },
  { rule: 'action-overdue', severity: 'warning', message: 'action item overdue since 2026-01-01: rotate keys', file: 'docs/post-mortems/Panne réseau #2.md', line: 12, data: { index: 1 } },
  { rule: 'table-malformed', severity: 'warning', message: 'table row has 2 cells where the header has 4', file: 'rca.md', line: 9, column: 3 },
  { rule: 'table-malformed', severity: 'warning', message: 'table row has 2 cells where the header has 4', file: 'rca.md', line: 10 },
  { rule: 'file-too-large', severity: 'info', message: 'skipped', file: '100%.md', line: 1 },
];

test('SARIF: valid against the SARIF 2.1.0 schema, one run, every rule with id, description and default level', () => {
  const validate = validator('sarif/sarif-schema-2.1.0.json');
  const log = sarifLog(FINDINGS, '1.2.3');
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  const empty = sarifLog([], '1.2.3');
  assert.ok(validate(empty), JSON.stringify(validate.errors, null, 2));

  const runs = log.runs as Array<{ tool: { driver: { name: string; version: string; rules: Array<{ id: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }> } }; results: Array<Record<string, unknown>> }>;
  assert.equal(log.version, '2.1.0');
  assert.equal(runs.length, 1);
  const { driver } = runs[0].tool;
  assert.equal(driver.name, 'runbook');
  assert.equal(driver.version, '1.2.3');
  assert.deepEqual(driver.rules.map((rule) => rule.id), Object.keys(RULES));
  for (const rule of driver.rules) {
    const entry = RULES[rule.id as RuleId];
    assert.equal(rule.shortDescription.text, entry.description);
    assert.equal(rule.defaultConfiguration.level, entry.severity === 'info' ? 'note' : entry.severity);
  }
  const [first, second, third, , fifth] = runs[0].results as Array<{
    ruleId: string;
    ruleIndex: number;
    level: string;
    message: { text: string };
    locations: Array<{ physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: { startLine: number; startColumn?: number } } }>;
    partialFingerprints: Record<string, string>;
  }>;
  assert.equal(first.ruleId, 'accepted-missing-approvals');
  assert.equal(driver.rules[first.ruleIndex].id, first.ruleId);
  assert.equal(first.level, 'error');
  assert.equal(first.message.text, FINDINGS[0].message);
  assert.deepEqual(first.locations[0].physicalLocation, { artifactLocation: { uri: 'rb.md', uriBaseId: SRCROOT }, region: { startLine: 3 } });
  assert.equal(second.level, 'warning');
  assert.equal(second.locations[0].physicalLocation.artifactLocation.uri, 'docs/post-mortems/Panne%20r%C3%A9seau%20%232.md');
  assert.equal(third.locations[0].physicalLocation.region.startColumn, 3);
  assert.equal(fifth.level, 'note');
  assert.equal(fifth.locations[0].physicalLocation.artifactLocation.uri, '100%25.md');
  assert.match(first.partialFingerprints[FINGERPRINT_KEY], /^[0-9a-f]{32}$/);
});

test('SARIF: a log the schema rejects is rejected (the validator is live)', () => {
  const validate = validator('sarif/sarif-schema-2.1.0.json');
  const log = sarifLog(FINDINGS, '1.2.3') as { runs: Array<{ results: Array<Record<string, unknown>> }> };
  log.runs[0].results[0].level = 'fatal';
  assert.equal(validate(log), false);
  assert.equal(validate({ version: '2.1.0' }), false);
});

test('GitLab Code Quality: the documented fields, severities mapped, paths repository-relative', () => {
  const validate = validator('gitlab/code-quality.schema.json');
  const report = codeQualityReport(FINDINGS);
  assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
  assert.deepEqual(report[0], {
    type: 'issue',
    description: 'accepted-missing-approvals: runbook is ACCEPTED but approvals are missing from @QA',
    check_name: 'accepted-missing-approvals',
    fingerprint: report[0].fingerprint,
    severity: 'major',
    categories: ['Style'],
    location: { path: 'rb.md', lines: { begin: 3 } },
  });
  assert.deepEqual(report.map((issue) => issue.severity), ['major', 'minor', 'minor', 'minor', 'info']);
  assert.equal(report[1].location.path, 'docs/post-mortems/Panne réseau #2.md');
  assert.equal(validate([{ ...report[0], severity: 'high' }]), false, 'a severity GitLab does not know is rejected');
});

test('fingerprints: stable across runs and line moves, distinct for twin findings, changed by what the finding says', () => {
  const once = findingFingerprints(FINDINGS);
  assert.deepEqual(findingFingerprints(FINDINGS), once);
  assert.deepEqual(findingFingerprints(FINDINGS.map((finding) => ({ ...finding, line: finding.line + 5 }))), once, 'a line inserted above does not make a new finding');
  assert.equal(new Set(once).size, once.length, 'two identical findings in one file get two fingerprints');
  assert.notEqual(findingFingerprints([{ ...FINDINGS[1], message: 'action item overdue since 2026-01-02: rotate keys' }])[0], once[1]);
  assert.notEqual(findingFingerprints([{ ...FINDINGS[1], file: 'other.md' }])[0], once[1]);
  assert.deepEqual(codeQualityReport(FINDINGS).map((issue) => issue.fingerprint), once);
});

test('relativeUri keeps slashes and encodes each segment', () => {
  assert.equal(relativeUri('DOCS/incidents/a b.md'), 'DOCS/incidents/a%20b.md');
  assert.equal(relativeUri('é/?.md'), '%C3%A9/%3F.md');
});
