import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RunbookError } from '../errors';
import { parseStory } from './story';

const fixture = (name: string): string =>
  readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'stories', name), 'utf8');

test('story: id from the file name, title without its ID prefix, criteria from the list items only', () => {
  const story = parseStory(fixture('INFRA/INFRA-001.md'), 'stories/INFRA/INFRA-001.md');
  assert.equal(story.id, 'INFRA-001');
  assert.equal(story.title, 'Gateway auth profiles');
  assert.equal(story.scope, null);
  assert.deepEqual(story.acceptanceCriteria, [
    'All ten agents start after a fresh deploy',
    'A missing `auth-profiles.json` fails the health check with a clear message',
    'The watchdog alerts within 5 minutes',
  ]);
  assert.equal(
    story.summary,
    'Every agent gateway must load its `auth-profiles.json` at start, so that a fresh deploy cannot come up without credentials.',
  );
  assert.equal(story.file, 'stories/INFRA/INFRA-001.md');
});

test('story: frontmatter id, title and scope win; French criteria heading; ordered list', () => {
  const story = parseStory(fixture('frontmatter-scope.md'), 'stories/frontmatter-scope.md');
  assert.equal(story.id, 'WEB-042');
  assert.equal(story.title, 'Checkout & payment <retry>');
  assert.equal(story.scope, 'web');
  assert.deepEqual(story.acceptanceCriteria, ['Un paiement échoué est relancé une fois', 'Aucun double débit']);
});

test('story: CRLF and a BOM give the same story', () => {
  const lf = fixture('INFRA/INFRA-001.md');
  const crlf = `\uFEFF${lf.replace(/\n/g, '\r\n')}`;
  const a = parseStory(lf, 'INFRA-001.md');
  const b = parseStory(crlf, 'INFRA-001.md');
  assert.deepEqual({ ...b, body: '' }, { ...a, body: '' });
  const withFrontmatter = `\uFEFF${fixture('frontmatter-scope.md').replace(/\n/g, '\r\n')}`;
  const c = parseStory(withFrontmatter, 'x.md');
  assert.equal(c.id, 'WEB-042');
  assert.equal(c.scope, 'web');
  assert.equal(c.acceptanceCriteria.length, 2);
});

test('story: no heading and no criteria falls back to the id', () => {
  const story = parseStory(fixture('no-heading.md'), 'stories/OPS-7.md');
  assert.equal(story.id, 'OPS-7');
  assert.equal(story.title, 'OPS-7');
  assert.deepEqual(story.acceptanceCriteria, []);
});

test('story: malformed frontmatter is a RunbookError naming the file and line', () => {
  assert.throws(
    () => parseStory(fixture('malformed-frontmatter.md'), 'stories/BAD-001.md'),
    (error: unknown) =>
      error instanceof RunbookError && /^stories\/BAD-001\.md:[34]: malformed frontmatter/.test(error.message),
  );
});

test('story: a criteria heading in a code block or a lookalike line does not count', () => {
  const text = '# X-1: T\n\n```\n## Acceptance Criteria\n- fake\n```\n\n## Acceptance criteria:\n\n* real one\n\n## Other\n\n- not\n';
  assert.deepEqual(parseStory(text, 'X-1.md').acceptanceCriteria, ['real one']);
});
