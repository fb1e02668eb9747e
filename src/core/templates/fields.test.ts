/**
 * Field values for a template at their edges: choices however they are spelled, dates and "today", text and string
 * clean-up, defaults, unknown and missing fields, each refusal with its message and details.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunbookError } from '../errors';
import { matchChoice, resolveFields } from './fields';
import type { TemplateField, TemplateInfo } from './types';

const NOW = new Date(2026, 10, 23, 12, 0, 0);

function info(fields: TemplateField[]): TemplateInfo {
  return { name: 'probe', description: '', kind: 'other', pathPattern: 'x.md', fields, source: 'workspace', file: 'p.hbs', body: '', bodyLine: 1 };
}

function refused(run: () => unknown, code: string, message: string, details: Record<string, unknown>): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof RunbookError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.kind, 'usage');
    assert.equal(error.message, message);
    assert.deepEqual(error.details, details);
    return true;
  });
}

test('matchChoice: exact, then ignoring case and punctuation, then a bare number; ambiguous or unknown is null', () => {
  const sev = ['SEV-1', 'SEV-2', 'SEV-3'];
  assert.equal(matchChoice('SEV-2', sev), 'SEV-2');
  assert.equal(matchChoice('sev 2', sev), 'SEV-2');
  assert.equal(matchChoice('Sév2', sev), 'SEV-2');
  assert.equal(matchChoice('2', sev), 'SEV-2');
  assert.equal(matchChoice('02', sev), 'SEV-2');
  assert.equal(matchChoice('0', ['P0', 'P1']), 'P0');
  assert.equal(matchChoice('4', sev), null);
  assert.equal(matchChoice('--', sev), null, 'nothing left to compare');
  assert.equal(matchChoice('a-b', ['AB', 'a b']), null, 'two loose matches');
  assert.equal(matchChoice('a-b', ['AB', 'a b', 'a-b']), 'a-b', 'the exact one among them');
  assert.equal(matchChoice('1', ['v1', 'r1']), null, 'two numbered choices');
  assert.equal(matchChoice('1', ['P1', 'SEV1']), 'SEV1', 'a bare 1 is SEV1 (P1 is the second level)');
  assert.equal(matchChoice('P0', ['SEV-1', 'SEV-2']), 'SEV-1', 'a severity in another spelling, written the template\'s way');
  assert.equal(matchChoice('sev2', ['P0', 'P1', 'P2']), 'P1');
  assert.equal(matchChoice('1', ['1x', 'v1.1']), null, 'not letters followed by the number');
  assert.equal(matchChoice('x2', sev), null);
});

test('resolveFields: each type cleaned up; defaults filled; empty values treated as missing', () => {
  const fields: TemplateField[] = [
    { name: 'title', type: 'string', description: '', required: true },
    { name: 'notes', type: 'text', description: '' },
    { name: 'when', type: 'date', description: '', default: 'today' },
    { name: 'sev', type: 'choice', description: '', choices: ['SEV-1', 'SEV-2'], default: 'SEV-2' },
    { name: 'extra', type: 'string', description: '' },
  ];
  assert.deepEqual(
    resolveFields(info(fields), { title: '  Panne\u0007 \r\n  réseau\u0000 ', notes: '\n\n  line one\r\nline two\rthree  \n\n', when: ' 2026-01-02 ', sev: ' sev   1 ', extra: '   ' }, NOW),
    { title: 'Panne réseau', notes: '  line one\nline two\nthree', when: '2026-01-02', sev: 'SEV-1' },
  );
  assert.deepEqual(resolveFields(info(fields), { title: 'x', when: 'TODAY' }, NOW), { title: 'x', when: '2026-11-23', sev: 'SEV-2' });
  assert.equal(resolveFields(info(fields), { title: 'e\u0301te\u0301' }, NOW).title, 'été', 'NFC');
  assert.equal(resolveFields(info(fields), { title: 'a\tb' }, NOW).title, 'a\tb', 'a tab is not a control character to drop');
});

test('resolveFields: bad dates and choices name the field, the value and what is allowed', () => {
  const fields: TemplateField[] = [
    { name: 'when', type: 'date', description: '' },
    { name: 'sev', type: 'choice', description: '', choices: ['SEV-1', 'SEV-2'] },
  ];
  refused(() => resolveFields(info(fields), { when: '2026-02-30' }, NOW), 'invalid-field', 'template "probe": when must be a date YYYY-MM-DD (or "today"), found "2026-02-30"', {
    field: 'when',
    value: '2026-02-30',
    expected: 'a date YYYY-MM-DD (or "today")',
  });
  refused(() => resolveFields(info(fields), { sev: ' sev  9 ' }, NOW), 'invalid-field', 'template "probe": sev must be one of SEV-1, SEV-2, found "sev 9"', {
    field: 'sev',
    value: 'sev 9',
    expected: 'one of SEV-1, SEV-2',
    allowed: ['SEV-1', 'SEV-2'],
  });
});

test('resolveFields: unknown fields refused listing the known ones; all missing required fields at once, unless implied', () => {
  const fields: TemplateField[] = [
    { name: 'title', type: 'string', description: '', required: true },
    { name: 'goal', type: 'string', description: '', required: true },
    { name: 'owner', type: 'string', description: '', required: false },
  ];
  refused(() => resolveFields(info(fields), { titel: 'x', foo: 'y' }, NOW), 'invalid-field', 'template "probe" has no field "titel", "foo" (fields: title, goal, owner)', {
    unknown: ['titel', 'foo'],
    fields: ['title', 'goal', 'owner'],
  });
  refused(() => resolveFields(info([]), { x: '1' }, NOW), 'invalid-field', 'template "probe" has no field "x" (fields: none)', { unknown: ['x'], fields: [] });
  refused(() => resolveFields(info(fields), { title: ' ' }, NOW), 'missing-fields', 'missing required fields: title, goal', { missing: ['title', 'goal'] });
  assert.deepEqual(resolveFields(info(fields), {}, NOW, new Set(['title', 'goal'])), {});
  refused(() => resolveFields(info(fields), {}, NOW, new Set(['title'])), 'missing-fields', 'missing required fields: goal', { missing: ['goal'] });
});
