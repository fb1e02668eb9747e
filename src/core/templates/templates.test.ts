import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunbookError } from '../errors';
import { DEFAULT_CONFIG } from '../config';
import { createMemoryHost } from '../testing/memory-host';
import { builtInTemplateSet, readBuiltInTemplateTexts } from '../../node/builtin-templates';
import { templateFromText } from './parse';
import { loadTemplates, templateNamed } from './discover';
import { mention, renderTemplateSource, singleLine, tableCell } from './render';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'templates');
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8');

function templateError(text: string, file: string): RunbookError {
  try {
    templateFromText(text, file, 'workspace');
  } catch (error) {
    assert.ok(error instanceof RunbookError, `expected a RunbookError, got ${String(error)}`);
    assert.equal(error.code, 'template-invalid');
    return error;
  }
  assert.fail(`${file} was accepted`);
}

test('built-in templates all parse, with the six kinds', () => {
  const templates = builtInTemplateSet();
  assert.deepEqual(
    templates.templates.map((template) => [template.name, template.kind, template.source]),
    [
      ['runbook', 'runbook', 'built-in'],
      ['rca', 'rca', 'built-in'],
      ['postmortem', 'postmortem', 'built-in'],
      ['handoff', 'handoff', 'built-in'],
      ['incident-runbook', 'incident-runbook', 'built-in'],
      ['story', 'story', 'built-in'],
    ],
  );
  const rca = templateNamed(templates, 'rca');
  assert.deepEqual(rca.fields.find((field) => field.name === 'severity')?.choices, ['SEV-1', 'SEV-2', 'SEV-3']);
  assert.equal(rca.fields.find((field) => field.name === 'date')?.default, 'today');
  assert.match(rca.pathPattern, /\{\{config\.incidentsFolder\}\}/);
  // bodyLine is the first line after the closing `---` of the template's own frontmatter.
  const lines = fixtureOfBuiltIn('rca.hbs').split('\n');
  assert.equal(lines[rca.bodyLine - 2], '---');
  assert.equal(rca.body.split('\n')[0], lines[rca.bodyLine - 1]);
});

function fixtureOfBuiltIn(name: string): string {
  return readFileSync(join(__dirname, '..', '..', '..', 'templates', name), 'utf8');
}

test('a Handlebars error names the file and the line in the file', () => {
  const error = templateError(fixture('invalid/unclosed-block.hbs'), '.runbook/templates/unclosed-block.hbs');
  // The unmatched `{{#if}}` is on line 11 of the file (line 3 of the body).
  assert.equal(error.message, '.runbook/templates/unclosed-block.hbs:11: Handlebars: if doesn\'t match each');
  assert.equal(error.details.line, 11);
});

test('an unknown helper is reported when the template is read, with its line', () => {
  const error = templateError(fixture('invalid/unknown-helper.hbs'), 'unknown-helper.hbs');
  assert.match(error.message, /^unknown-helper\.hbs:8: unknown helper "shout"/);
});

test('malformed frontmatter names the file and the line', () => {
  const error = templateError(fixture('invalid/malformed-frontmatter.hbs'), 'malformed.hbs');
  assert.match(error.message, /^malformed\.hbs:\d+: malformed frontmatter/);
  const line = Number(error.details.line);
  assert.ok(line >= 4 && line <= 5, `line ${line}`);
});

test('a template without kind, name or path is refused, naming what is missing', () => {
  const error = templateError(fixture('invalid/missing-kind.hbs'), 'missing-kind.hbs');
  assert.match(error.message, /^missing-kind\.hbs:1: .*kind/);
  assert.match(templateError('# no frontmatter\n', 'plain.hbs').message, /^plain\.hbs:1: .*frontmatter/);
});

test('a broken path pattern names the line of `path:`', () => {
  const error = templateError(fixture('invalid/bad-path-pattern.hbs'), 'bad-path.hbs');
  assert.match(error.message, /^bad-path\.hbs:5: /);
});

test('bad fields are refused with the field line', () => {
  const text = '---\nname: x\nkind: other\npath: a.md\nfields:\n  - name: level\n    type: choice\n---\nbody\n';
  assert.match(templateError(text, 'x.hbs').message, /^x\.hbs:6: field "level" has type choice but no choices/);
  const badKind = '---\nname: x\nkind: novel\npath: a.md\n---\nbody\n';
  assert.match(templateError(badKind, 'x.hbs').message, /^x\.hbs:3: kind must be one of/);
});

test('rendering does not escape HTML: & < > " stay as written', () => {
  const out = renderTemplateSource('# {{title}} {{cell title}}', { title: 'R&D <beta> "v2" \'q\'' }, 't.hbs', 1);
  assert.equal(out, '# R&D <beta> "v2" \'q\' R&D <beta> "v2" \'q\'');
});

test('cell makes a value safe in a table cell', () => {
  assert.equal(tableCell('a | b\nc\r\nd'), 'a \\| b<br>c<br>d');
  assert.equal(tableCell('already \\| escaped'), 'already \\| escaped');
  assert.equal(singleLine('one\n  two\r\nthree '), 'one two three');
  assert.equal(mention(' @@bob '), '@bob');
  assert.equal(mention(''), '');
});

test('a missing value renders empty (strict mode off)', () => {
  assert.equal(renderTemplateSource('[{{nothing.here}}]', {}, 't.hbs', 1), '[]');
  assert.equal(renderTemplateSource('[{{slug missing}}|{{cell}}|{{mention}}]', {}, 't.hbs', 1), '[untitled||]');
});

test('workspace templates override a built-in by name and add new ones', async () => {
  const host = createMemoryHost({
    '.runbook/templates/rca.hbs': fixture('workspace/rca.hbs'),
    '.runbook/templates/decision.hbs': fixture('workspace/decision.hbs'),
    '.runbook/templates/README.md': '# not a template',
  });
  const set = await loadTemplates(host, DEFAULT_CONFIG, readBuiltInTemplateTexts(), { workspace: true });
  assert.deepEqual(set.problems, []);
  assert.deepEqual(
    set.templates.map((template) => `${template.name}:${template.source}:${template.file}`),
    [
      'runbook:built-in:templates/runbook.hbs',
      'rca:workspace:.runbook/templates/rca.hbs',
      'postmortem:built-in:templates/postmortem.hbs',
      'handoff:built-in:templates/handoff.hbs',
      'incident-runbook:built-in:templates/incident-runbook.hbs',
      'story:built-in:templates/story.hbs',
      'decision:workspace:.runbook/templates/decision.hbs',
    ],
  );
  const untrusted = await loadTemplates(host, DEFAULT_CONFIG, readBuiltInTemplateTexts(), { workspace: false });
  assert.deepEqual(untrusted.templates.map((template) => template.source), ['built-in', 'built-in', 'built-in', 'built-in', 'built-in', 'built-in']);
});

test('no workspace templates folder means no workspace templates', async () => {
  const set = await loadTemplates(createMemoryHost({}), DEFAULT_CONFIG, readBuiltInTemplateTexts(), { workspace: true });
  assert.deepEqual(set.templates.map((template) => template.name), ['runbook', 'rca', 'postmortem', 'handoff', 'incident-runbook', 'story']);
  assert.deepEqual(set.problems, []);
});

test('two workspace templates with one name: the second is a problem naming both files; the first still works', async () => {
  const host = createMemoryHost({
    '.runbook/templates/a.hbs': fixture('workspace/decision.hbs'),
    '.runbook/templates/b.hbs': fixture('workspace/decision.hbs'),
  });
  const set = await loadTemplates(host, DEFAULT_CONFIG, readBuiltInTemplateTexts(), { workspace: true });
  assert.equal(set.problems.length, 1);
  assert.match(set.problems[0].message, /b\.hbs:1: template name "decision" is already used by \.runbook\/templates\/a\.hbs/);
  assert.equal(templateNamed(set, 'decision').file, '.runbook/templates/a.hbs');
  assert.throws(() => templateNamed(set, 'b'), /already used by/);
});

test('a broken workspace template blocks only itself: asking for it names its file and line, the others still load', async () => {
  const host = createMemoryHost({
    '.runbook/templates/rca.hbs': fixture('invalid/unclosed-block.hbs'),
    '.runbook/templates/decision.hbs': fixture('workspace/decision.hbs'),
  });
  const set = await loadTemplates(host, DEFAULT_CONFIG, readBuiltInTemplateTexts(), { workspace: true });
  assert.deepEqual(set.problems.map((problem) => problem.details.file), ['.runbook/templates/rca.hbs']);
  assert.throws(() => templateNamed(set, 'rca'), /^RunbookError: \.runbook\/templates\/rca\.hbs:\d+: /);
  assert.equal(templateNamed(set, 'decision').source, 'workspace');
  assert.equal(templateNamed(set, 'postmortem').source, 'built-in');
});

test('an unknown template name lists the available ones', () => {
  assert.throws(
    () => templateNamed(builtInTemplateSet(), 'rcaa'),
    (error: unknown) => error instanceof RunbookError && error.code === 'template-not-found' && error.kind === 'usage' && /available: runbook, rca/.test(error.message),
  );
});

test('a workspace template with a BOM and CRLF line endings parses and renders, errors still on the right line', async () => {
  const crlf = `\uFEFF${fixture('workspace/decision.hbs').replace(/\n/g, '\r\n')}`;
  const template = templateFromText(crlf, 'decision.hbs', 'workspace');
  assert.equal(template.name, 'decision');
  assert.deepEqual(template.fields.map((field) => field.name), ['title', 'date']);
  assert.equal(template.bodyLine, 14);
  const rendered = renderTemplateSource(template.body, { title: 'x', date: '2026-01-05' }, template.file, template.bodyLine);
  assert.match(rendered, /^# Decision: x\r?$/m);
  const broken = `\uFEFF${fixture('invalid/unclosed-block.hbs').replace(/\n/g, '\r\n')}`;
  assert.match(templateError(broken, 'u.hbs').message, /^u\.hbs:11: /);
});
