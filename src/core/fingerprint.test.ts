import { test } from 'node:test';
import assert from 'node:assert/strict';
import { contentFingerprint, fingerprintedText, isStale } from './fingerprint';

test('what is hashed: the lines left, BOM dropped, CRLF as LF, NFC, trailing spaces dropped, blank runs as one, no blank ends', () => {
  const text = '\uFEFF\r\n# Title  \r\nStatus: PROPOSED\r\n\r\n\r\n\r\nCafe\u0301 body\t\r\n- [x] @QA approved?\r\n\r\n';
  assert.equal(fingerprintedText(text, new Set([3, 8])), '# Title\n\nCafé body');
});

test('a fingerprint is 7 hex digits, the same for the same text and different for a one-character change', () => {
  const base = contentFingerprint('# A\n\nbody\n', new Set());
  assert.match(base, /^[0-9a-f]{7}$/);
  assert.equal(contentFingerprint('# A\r\n\r\nbody\r\n', new Set()), base);
  assert.notEqual(contentFingerprint('# A\n\nbodY\n', new Set()), base);
  assert.notEqual(contentFingerprint('# A\n\nbody\nmore\n', new Set()), base);
});

test('a record is stale only when it has a fingerprint and it differs (case aside)', () => {
  assert.equal(isStale(undefined, 'a1b2c3d'), false);
  assert.equal(isStale('A1B2C3D', 'a1b2c3d'), false);
  assert.equal(isStale('a1b2c3e', 'a1b2c3d'), true);
});
