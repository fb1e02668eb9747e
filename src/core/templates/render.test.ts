/** The template helpers and the renderer's checks, at their edges: what each helper makes of odd values, and the line each error names. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunbookError } from '../errors';
import { checkTemplateSource, mention, renderTemplateSource, singleLine, tableCell, TEMPLATE_HELPERS, yamlScalar } from './render';

test('singleLine and tableCell: line breaks folded or turned into <br>, pipes escaped once, non-strings as text', () => {
  assert.equal(singleLine('  a \r\n\r\n  b\rc  '), 'a b c');
  assert.equal(singleLine(undefined), '');
  assert.equal(singleLine(null), '');
  assert.equal(singleLine(42), '42');
  assert.equal(tableCell(' a | b \\| c\r\nd\ne '), 'a \\| b \\| c<br>d<br>e');
  assert.equal(tableCell(false), 'false');
});

test('yamlScalar: plain only when unambiguous, otherwise a JSON string', () => {
  const plain = ['Gateway auth outage', 'INFRA-001', 'Été_2', 'v1.2'];
  assert.equal(yamlScalar('a\nb'), 'a b', 'folded onto one line first');
  for (const text of plain) assert.equal(yamlScalar(text), text, text);
  const quoted = ['yes', 'No', 'null', '~', 'y', 'on', 'OFF', 'true', '1.0', 'a: b', '#x', 'dot.', '-x', '"q"', ''];
  for (const text of quoted) assert.equal(yamlScalar(text), JSON.stringify(singleLine(text)), JSON.stringify(text));
});

test('mention: one @name without spaces or pipes; empty stays empty', () => {
  assert.equal(mention('bob'), '@bob');
  assert.equal(mention(' @@bob '), '@bob');
  assert.equal(mention('jean pierre|x'), '@jeanpierrex');
  assert.equal(mention(''), '');
  assert.equal(mention('@'), '');
  assert.equal(mention(undefined), '');
});

test('helpers in templates: slug, cell, line, yaml, mention; no HTML escaping; a missing value renders empty', () => {
  assert.deepEqual(Object.keys(TEMPLATE_HELPERS), ['slug', 'cell', 'line', 'yaml', 'mention']);
  const out = renderTemplateSource('{{slug t}}|{{cell t}}|{{line t}}|{{yaml t}}|{{mention o}}|{{missing}}|{{t}}', { t: 'R&D <b>|x', o: 'ana' }, 'x.hbs', 1);
  assert.equal(out, 'r-and-d-b-x|R&D <b>\\|x|R&D <b>|x|"R&D <b>|x"|@ana||R&D <b>|x');
});

function refused(run: () => unknown, message: string | RegExp, line: number): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof RunbookError, String(error));
    assert.equal(error.code, 'template-invalid');
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    assert.deepEqual(error.details, { file: 't.hbs', line });
    return true;
  });
}

test('checkTemplateSource: unknown helpers, partials and syntax errors name the line in the file', () => {
  checkTemplateSource('{{#if a}}{{slug b}}{{/if}} {{#each xs}}{{this}}{{/each}} {{lookup a "b"}} {{plain}}', 't.hbs', 1);
  refused(
    () => checkTemplateSource('line 1\n\n{{shout title}}', 't.hbs', 10),
    't.hbs:12: unknown helper "shout" (available: slug, cell, line, yaml, mention and Handlebars\' if, unless, each, with, lookup)',
    12,
  );
  refused(() => checkTemplateSource('{{#if a}}\n{{upper (lower x)}}\n{{/if}}', 't.hbs', 1), /^t\.hbs:2: unknown helper "upper"/, 2);
  refused(() => checkTemplateSource('{{x key=1}}', 't.hbs', 5), /^t\.hbs:5: unknown helper "x"/, 5);
  refused(() => checkTemplateSource('a\n{{> header}}', 't.hbs', 1), /^t\.hbs:2: unknown helper "partial or decorator \(PartialStatement\)"/, 2);
  refused(() => checkTemplateSource('a\nb\n{{#if x}}\n', 't.hbs', 3), /^t\.hbs:6: Handlebars: /, 6);
  refused(() => checkTemplateSource('{{title}', 't.hbs', 7), /^t\.hbs:7: Handlebars: Parse error on line 1: /, 7);
});

test('renderTemplateSource: a runtime error names the file and line', () => {
  refused(() => renderTemplateSource('{{#each}}x{{/each}}', {}, 't.hbs', 4), /^t\.hbs:\d+: Handlebars: /, 4);
});
