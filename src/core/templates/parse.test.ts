/**
 * Reading a template file, every refusal with its message and line, and what a good one gives: the field types,
 * choices, defaults and `required`, the name, kind and path rules.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunbookError } from '../errors';
import { templateFromText } from './parse';

const FILE = '.runbook/templates/t.hbs';

/** A template whose frontmatter is `lines` (after `name`, `kind`, `path` unless `head` replaces them). */
function template(lines: string[], head = ['name: t', 'kind: other', 'path: "out/{{title}}.md"']): string {
  return ['---', ...head, ...lines, '---', '# {{title}}', ''].join('\n');
}

function refused(text: string, message: string, line: number): void {
  assert.throws(
    () => templateFromText(text, FILE, 'workspace'),
    (error: unknown) => {
      assert.ok(error instanceof RunbookError, String(error));
      assert.equal(error.code, 'template-invalid');
      assert.equal(error.kind, 'domain');
      assert.equal(error.message, `${FILE}:${line}: ${message}`);
      assert.deepEqual(error.details, { file: FILE, line });
      return true;
    },
  );
}

test('a good template: name, kind, trimmed path and description, fields with their types, choices, defaults and required', () => {
  const text = template(
    [
      'description: "  A drill.  "',
      'fields:',
      '  - name: title',
      '    required: true',
      '  - name: sev',
      '    type: choice',
      '    choices: [" SEV-1 ", SEV-2, 3]',
      '    default: SEV-2',
      '  - name: when',
      '    type: date',
      '    default: today',
      '  - name: day',
      '    type: date',
      '    default: 2026-01-02',
      '  - name: notes',
      '    type: text',
      '    description: 7',
      '    required: false',
    ],
    ['name: drill-1.x_y', 'kind: incident-runbook', 'path: "  drills/{{title}}.md  "'],
  );
  const info = templateFromText(text, FILE, 'workspace');
  assert.deepEqual(
    { name: info.name, kind: info.kind, path: info.pathPattern, description: info.description, source: info.source, file: info.file, bodyLine: info.bodyLine, body: info.body },
    { name: 'drill-1.x_y', kind: 'incident-runbook', path: 'drills/{{title}}.md', description: 'A drill.', source: 'workspace', file: FILE, bodyLine: 24, body: '# {{title}}\n' },
  );
  assert.deepEqual(info.fields, [
    { name: 'title', type: 'string', description: '', required: true },
    { name: 'sev', type: 'choice', description: '', choices: ['SEV-1', 'SEV-2', '3'], default: 'SEV-2' },
    { name: 'when', type: 'date', description: '', default: 'today' },
    { name: 'day', type: 'date', description: '', default: '2026-01-02' },
    { name: 'notes', type: 'text', description: '7', required: false },
  ]);
  assert.deepEqual(templateFromText(template(['fields:']), FILE, 'built-in').fields, [], 'an empty fields key');
});

test('the name, kind and path: missing, empty or of the wrong form, each with its line', () => {
  refused('# no frontmatter\n', 'a template starts with a frontmatter block (---) giving name, kind and path', 1);
  refused(template([], ['name: ""', 'kind: other']), 'the frontmatter must give name, path', 1);
  refused(template([], ['kind: other', 'name: null', 'path: x']), 'the frontmatter must give name', 1);
  refused(template([], ['kind: other', 'path: x', 'name: Drill']), 'name must be lowercase letters, digits, ".", "_" or "-", found "Drill"', 4);
  refused(template([], ['kind: other', 'path: x', 'name: -x']), 'name must be lowercase letters, digits, ".", "_" or "-", found "-x"', 4);
  refused(template([], ['name: t', 'path: x', 'kind: memo']), 'kind must be one of runbook, rca, postmortem, handoff, incident-runbook, story, other, found "memo"', 4);
  refused(template([], ['name: t', 'kind: other', 'path: [a, b]']), 'path must be a string, found ["a","b"]', 4);
  refused(template(['description: {a: 1}']), 'description must be a string, found {"a":1}', 5);
  assert.equal(templateFromText(template([], ['name: 7', 'kind: other', 'path: x']), FILE, 'workspace').name, '7', 'a number is read as text');
  assert.equal(templateFromText(template(['description: true']), FILE, 'workspace').description, 'true');
});

test('fields: every refusal names the field and its line', () => {
  refused(template(['fields: {title: x}']), 'fields must be a list', 5);
  refused(template(['fields:', '  - just a string']), 'fields[0] must be a mapping with name, type and description', 5);
  refused(template(['fields:', '  - [a]']), 'fields[0] must be a mapping with name, type and description', 5);
  refused(template(['fields:', '  - type: string']), 'fields[0].name must be a name like "title" (letters, digits, _), found undefined', 5);
  refused(template(['fields:', '  - name: 2x']), 'fields[0].name must be a name like "title" (letters, digits, _), found "2x"', 6);
  refused(template(['fields:', '  - name: a-b']), 'fields[0].name must be a name like "title" (letters, digits, _), found "a-b"', 6);
  refused(template(['fields:', '  - name: story']), 'field "story" is a reserved name (config, story, storyId, scope, roles, today, template)', 6);
  refused(template(['fields:', '  - name: title', '    type: number']), 'field "title": type must be one of string, text, date, choice, found "number"', 6);
  refused(template(['fields:', '  - name: sev', '    type: choice']), 'field "sev" has type choice but no choices', 6);
  refused(template(['fields:', '  - name: sev', '    choices: []']), 'field "sev": choices must be a non-empty list', 6);
  refused(template(['fields:', '  - name: sev', '    choices: x']), 'field "sev": choices must be a non-empty list', 6);
  refused(template(['fields:', '  - name: sev', '    choices: [a, "  "]']), 'field "sev": empty choice', 6);
  refused(template(['fields:', '  - name: sev', '    choices: [a, null]']), 'field "sev": empty choice', 6);
  refused(template(['fields:', '  - name: sev', '    choices: [a, [b]]']), 'field "sev" choice must be a string, found ["b"]', 6);
  refused(template(['fields:', '  - name: sev', '    type: choice', '    choices: [a, b]', '    default: c']), 'field "sev": default "c" is not one of a, b', 6);
  refused(template(['fields:', '  - name: day', '    type: date', '    default: tomorrow']), 'field "day": a date default is "today" or YYYY-MM-DD, found "tomorrow"', 6);
  refused(template(['fields:', '  - name: day', '    type: date', '    default: 2026-1-2']), 'field "day": a date default is "today" or YYYY-MM-DD, found "2026-1-2"', 6);
  refused(template(['fields:', '  - name: title', '    required: yes please']), 'field "title": required must be true or false', 6);
  refused(template(['fields:', '  - name: title', '  - name: "title"']), 'field "title" is declared twice', 5);
  refused(template(['fields:', '  - name: title', '    type: [x]']), 'field "title" type must be a string, found ["x"]', 6);
});

test('a field line is found however the name is quoted; a name that only starts the same is not it', () => {
  refused(template(['fields:', '  - name: titles', '  - name: "title"', '    type: number']), 'field "title": type must be one of string, text, date, choice, found "number"', 7);
  refused(template(['fields:', "  - name: 'a_b'", '    type: number']), 'field "a_b": type must be one of string, text, date, choice, found "number"', 6);
});
