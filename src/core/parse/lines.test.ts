/**
 * Lines as micromark and VS Code count them: `\r\n`, `\n` and a lone `\r` end a line (a lone `\r` not for YAML
 * readers); U+2028, U+2029 and NEL do not. Offsets are into the text given, from any start.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lineEndOffset, splitLines } from './lines';

test('splitLines: every line ending, an empty last line, offsets into the text', () => {
  assert.deepEqual(splitLines('a\r\nb\nc\rd'), [
    { text: 'a', offset: 0 },
    { text: 'b', offset: 3 },
    { text: 'c', offset: 5 },
    { text: 'd', offset: 7 },
  ]);
  assert.deepEqual(splitLines('a\n'), [
    { text: 'a', offset: 0 },
    { text: '', offset: 2 },
  ]);
  assert.deepEqual(splitLines(''), [{ text: '', offset: 0 }]);
  assert.deepEqual(splitLines('\r\r\n'), [
    { text: '', offset: 0 },
    { text: '', offset: 1 },
    { text: '', offset: 3 },
  ]);
  assert.deepEqual(splitLines('a\u2028b\u2029c\u0085d'), [{ text: 'a\u2028b\u2029c\u0085d', offset: 0 }]);
});

test('splitLines from an offset, and without lone CRs (what YAML readers see)', () => {
  assert.deepEqual(splitLines('xx\nab\ncd', 3), [
    { text: 'ab', offset: 3 },
    { text: 'cd', offset: 6 },
  ]);
  assert.deepEqual(splitLines('a\rb\r\nc', 0, false), [
    { text: 'a\rb', offset: 0 },
    { text: 'c', offset: 5 },
  ]);
});

test('lineEndOffset: before the line ending of the line holding the offset, or the end of the text', () => {
  const text = 'ab\r\ncd\ref\ngh';
  assert.equal(lineEndOffset(text, 0), 2);
  assert.equal(lineEndOffset(text, 2), 2);
  assert.equal(lineEndOffset(text, 4), 6);
  assert.equal(lineEndOffset(text, 7), 9);
  assert.equal(lineEndOffset(text, 10), 12);
  assert.equal(lineEndOffset(text, 12), 12);
});
