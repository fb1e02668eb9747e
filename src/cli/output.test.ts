import { test } from 'node:test';
import assert from 'node:assert/strict';
import { colorEnabled, colorOptionFromArgv, displayWidth, formatTable, paint } from './output';

const ESC = '\u001b[';

test('columns line up: each as wide as its widest cell, two spaces apart, no trailing blanks', () => {
  const lines = formatTable(
    [
      ['SEV1', 'open', 'Panne réseau', '3 open actions'],
      ['SEV2', 'mitigated', 'Gateway auth outage', '1 open action'],
    ],
    false,
  );
  assert.deepEqual(lines, ['SEV1  open       Panne réseau         3 open actions', 'SEV2  mitigated  Gateway auth outage  1 open action']);
});

test('accents, combining marks, ✅ and CJK count as a terminal shows them', () => {
  assert.equal(displayWidth('réseau'), 6);
  assert.equal(displayWidth('re\u0301seau'), 6, 'e + combining acute is one column');
  assert.equal(displayWidth('✅ DONE'), 7);
  assert.equal(displayWidth('障害'), 4);
  const lines = formatTable([['✅', 'a'], ['ok', 'b']], false);
  assert.deepEqual(lines, ['✅  a', 'ok  b']);
});

test('colour codes never count as width; a column empty in every row is left out; empty last cells add no blanks', () => {
  const lines = formatTable(
    [
      [{ text: 'x', style: 'error' }, '', 'one', ''],
      ['long', '', 'two', { text: 'missing @QA', style: 'warning' }],
    ],
    true,
  );
  assert.equal(lines[0], `${ESC}31mx${ESC}39m     one`);
  assert.equal(lines[1], `long  two  ${ESC}33mmissing @QA${ESC}39m`);
  assert.deepEqual(formatTable([['a', '', 'b']], false), ['a  b']);
});

test('paint adds colour only when asked, and nothing around empty text', () => {
  assert.equal(paint('ok', 'done', false), 'done');
  assert.equal(paint('ok', 'done', true), `${ESC}32mdone${ESC}39m`);
  assert.equal(paint('ok', '', true), '');
  assert.equal(paint(undefined, 'plain', true), 'plain');
});

test('colour: on for a terminal, off when piped, NO_COLOR or TERM=dumb; --color / --no-color win', () => {
  assert.equal(colorEnabled({ option: undefined, env: {}, isTTY: true }), true);
  assert.equal(colorEnabled({ option: undefined, env: {}, isTTY: false }), false);
  assert.equal(colorEnabled({ option: undefined, env: {}, isTTY: undefined }), false);
  assert.equal(colorEnabled({ option: undefined, env: { NO_COLOR: '1' }, isTTY: true }), false);
  assert.equal(colorEnabled({ option: undefined, env: { NO_COLOR: '' }, isTTY: true }), true, 'an empty NO_COLOR is unset (no-color.org)');
  assert.equal(colorEnabled({ option: undefined, env: { TERM: 'dumb' }, isTTY: true }), false);
  assert.equal(colorEnabled({ option: true, env: { NO_COLOR: '1' }, isTTY: false }), true);
  assert.equal(colorEnabled({ option: false, env: {}, isTTY: true }), false);
  assert.equal(colorOptionFromArgv(['actions', '--color', '--no-color']), false);
  assert.equal(colorOptionFromArgv(['--no-color', 'actions', '--color']), true);
  assert.equal(colorOptionFromArgv(['new', 'rca', '--', '--color']), undefined);
});
