import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMPTY_SLUG, MAX_SLUG_LENGTH, slugify } from './slug';

test('slug folds accents to lowercase ASCII', () => {
  assert.equal(slugify('Panne réseau'), 'panne-reseau');
  assert.equal(slugify('Critères d’acceptation — Été'), 'criteres-d-acceptation-ete');
  assert.equal(slugify('GatewayAuth Outage'), 'gatewayauth-outage');
});

test('slug never contains a path separator or a dot-dot', () => {
  for (const title of ['../../etc/passwd', '..\\..\\windows', '/abs/path', 'a/../b', '.hidden']) {
    const slug = slugify(title);
    assert.match(slug, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, `${title} → ${slug}`);
  }
});

test('slug is never empty', () => {
  assert.equal(slugify(''), EMPTY_SLUG);
  assert.equal(slugify('!!! ???'), EMPTY_SLUG);
  assert.equal(slugify('日本語'), EMPTY_SLUG);
});

test('slug is capped, cut at a word boundary', () => {
  const slug = slugify('word '.repeat(40));
  assert.ok(slug.length <= MAX_SLUG_LENGTH);
  assert.doesNotMatch(slug, /-$/);
  assert.match(slug, /^(?:word-)*word$/);
});
