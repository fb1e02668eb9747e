/**
 * remarkRisk at each bound: the limit itself is allowed, one more is named with its count and limit (in English and in
 * French). How a line's
 * nesting is counted (quote, bullet and ordered markers, blanks and tabs to the next multiple of 4), line by line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PARSE_LIMITS, remarkRisk } from './limits';

/** The English reason, or null when remark can parse the text. */
const risk = (markdown: string): string | null => remarkRisk(markdown)?.en ?? null;

test('character bounds: the limit passes, one more is named with its count and its limit', () => {
  const cases: Array<[string, number, string]> = [
    ['*', PARSE_LIMITS.delimiters, 'it has 5001 "*", "_" or "~" characters (limit 5000)'],
    ['_', PARSE_LIMITS.delimiters, 'it has 5001 "*", "_" or "~" characters (limit 5000)'],
    ['~', PARSE_LIMITS.delimiters, 'it has 5001 "*", "_" or "~" characters (limit 5000)'],
    ['`', PARSE_LIMITS.backticks, 'it has 5001 backticks (limit 5000)'],
    ['[', PARSE_LIMITS.brackets, 'it has 10001 "[" characters (limit 10000)'],
    ['<', PARSE_LIMITS.angles, 'it has 5001 "<" characters (limit 5000)'],
  ];
  for (const [char, limit, message] of cases) {
    // Spread over lines of 50, so no other bound is near.
    const text = (count: number): string => (char.repeat(50) + '\n').repeat(Math.floor(count / 50)) + char.repeat(count % 50);
    assert.equal(risk(text(limit)), null, `${limit} × ${char}`);
    assert.equal(risk(text(limit + 1)), message, `${limit + 1} × ${char}`);
  }
  // The three delimiters share one count.
  const mixed = '*'.repeat(1700) + '\n' + '_'.repeat(1700) + '\n' + '~'.repeat(1600);
  assert.equal(risk(mixed), null);
  assert.equal(risk(mixed + '~'), 'it has 5001 "*", "_" or "~" characters (limit 5000)');
});

test('size bound: 512 KB passes, one character more is named in KB', () => {
  const limit = PARSE_LIMITS.remarkChars;
  const text = (size: number): string => ('x'.repeat(99) + '\n').repeat(Math.floor(size / 100)) + 'x'.repeat(size % 100);
  assert.equal(risk(text(limit)), null);
  assert.equal(risk(text(limit + 1)), 'it is 512 KB and uses markdown only the full parser reads (limit 512 KB for those)');
});

test('setext bound: 1000 underlines pass, 1001 are named; "=" and "-" alike, blanks around allowed; long lines are not tested', () => {
  const doc = (underline: string, count: number): string => ('a\n' + underline + '\n').repeat(count);
  assert.equal(risk(doc('=', 1000)), null);
  assert.equal(risk(doc('=', 1001)), 'it has 1001 "===" or "---" underlines (limit 1000)');
  assert.equal(risk(doc(' \t--- ', 1001)), 'it has 1001 "===" or "---" underlines (limit 1000)');
  assert.equal(risk(doc('='.repeat(199), 1001)), 'it has 1001 "===" or "---" underlines (limit 1000)');
  // A line of 200 characters or more is not matched (the count stays linear); a CR ends a line too.
  assert.equal(risk(doc('='.repeat(200), 1001)), null);
  assert.equal(risk(('a\r=\r').repeat(1001)), 'it has 1001 "===" or "---" underlines (limit 1000)');
  // Not an underline: other characters on the line.
  assert.equal(risk(doc('=a=', 1001)), null);
});

test('nesting: each kind of marker counts, with or without a blank at the end of the line; 64 pass, 65 are named', () => {
  const named = (nesting: number): string => `a line nests ${nesting} levels deep (limit 64)`;
  for (const marker of ['> ', '>', '- ', '* ', '+ ', '1. ', '2) ', '123456789. ']) {
    assert.equal(risk(marker.repeat(64) + 'x'), null, JSON.stringify(marker));
    assert.equal(risk(marker.repeat(65) + 'x'), named(65), JSON.stringify(marker));
  }
  // A marker closing the line counts; one followed by anything but a blank does not.
  assert.equal(risk('- '.repeat(64) + '-'), named(65));
  assert.equal(risk('1. '.repeat(64) + '1.'), named(65));
  assert.equal(risk('- '.repeat(64) + '-x'), null);
  assert.equal(risk('1. '.repeat(64) + '1.x'), null);
  assert.equal(risk('1. '.repeat(64) + '1x'), null);
  // Ten digits are no list marker, and nothing after them is counted.
  assert.equal(risk('1234567890. ' + '- '.repeat(65)), null);
  // Tab-separated markers count the same.
  assert.equal(risk('-\t'.repeat(65) + 'x'), named(65));
  // Each line is counted on its own, whatever ends it.
  for (const end of ['\n', '\r\n', '\r']) assert.equal(risk(('> '.repeat(40) + 'x' + end).repeat(3)), null, JSON.stringify(end));
  assert.equal(risk('x\n' + '> '.repeat(65) + 'x\nx'), named(65));
});

test('nesting by indentation: columns / 2, a tab going to the next multiple of 4', () => {
  const named = (nesting: number): string => `a line nests ${nesting} levels deep (limit 64)`;
  assert.equal(risk(' '.repeat(129) + 'x'), null);
  assert.equal(risk(' '.repeat(130) + 'x'), named(65));
  assert.equal(risk('\t'.repeat(32) + 'x'), null);
  assert.equal(risk('\t'.repeat(32) + '  x'), named(65));
  // " \t" is 4 columns, not 5: 32 of them are 128 columns.
  assert.equal(risk(' \t'.repeat(32) + 'x'), null);
  assert.equal(risk(' \t'.repeat(32) + '  x'), named(65));
  // "  \t" is also 4 columns.
  assert.equal(risk('  \t'.repeat(32) + 'x'), null);
  // The larger of markers and indentation: 60 markers after 130 columns are 65 levels.
  assert.equal(risk(' '.repeat(130) + '> '.repeat(60) + 'x'), named(65));
  assert.equal(risk(' '.repeat(20) + '> '.repeat(65) + 'x'), named(65));
});

test('each reason in French too, with the same count and limit', () => {
  const cases: Array<[string, string]> = [
    ['x'.repeat(PARSE_LIMITS.remarkChars + 1), 'il fait 512 Ko et utilise du markdown que seul l’analyseur complet lit (limite 512 Ko pour ceux-là)'],
    ['> '.repeat(65) + 'x', 'une ligne imbrique 65 niveaux (limite 64)'],
    ['a\n=\n'.repeat(1001), 'il contient 1001 soulignements « === » ou « --- » (limite 1000)'],
    [('*'.repeat(50) + '\n').repeat(101), 'il contient 5050 caractères « * », « _ » ou « ~ » (limite 5000)'],
    [('`'.repeat(50) + '\n').repeat(101), 'il contient 5050 accents graves « ` » (limite 5000)'],
    [('['.repeat(50) + '\n').repeat(201), 'il contient 10050 caractères « [ » (limite 10000)'],
    [('<'.repeat(50) + '\n').repeat(101), 'il contient 5050 caractères « < » (limite 5000)'],
  ];
  for (const [text, french] of cases) assert.equal(remarkRisk(text)?.fr, french);
});
