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

test('story title: the ID prefix goes when it is the story\'s id (any case) or a KEY-123, before ":", "—", "–" or "-" and a blank', () => {
  const title = (heading: string, file = 'stories/ops-7.md'): string => parseStory(`# ${heading}\n`, file).title;
  assert.equal(title('OPS-7: Rotate keys'), 'Rotate keys');
  assert.equal(title('ops-7 — Rotate keys'), 'Rotate keys');
  assert.equal(title('JIRA-12 – Rotate keys'), 'Rotate keys');
  assert.equal(title('JIRA-12 - Rotate keys'), 'Rotate keys');
  assert.equal(title('Note: Rotate keys'), 'Note: Rotate keys', 'a word that is neither the id nor a KEY-123');
  assert.equal(title('OPS-7:Rotate keys'), 'OPS-7:Rotate keys', 'no blank after the colon');
  assert.equal(title('  Rotate keys  '), 'Rotate keys');
  // Only the first level-1 heading is the title; a level-2 heading before it is not.
  assert.equal(parseStory('## Context\n\n# OPS-7: Real title\n\n# Second\n', 'stories/OPS-7.md').title, 'Real title');
});

test('story frontmatter: numbers are kept as text, blank strings ignored, values trimmed; the id from a Windows path', () => {
  const story = parseStory("---\nid: 42\ntitle: '  Spaced  '\nscope: '   '\n---\n# Heading\n", 'stories\\sub\\X-1.MD');
  assert.deepEqual([story.id, story.title, story.scope], ['42', 'Spaced', null]);
  assert.equal(parseStory('# T\n', 'stories\\sub\\X-1.MD').id, 'X-1');
  assert.equal(parseStory("---\nid: '  '\n---\n# T\n", 'stories/X-2.md').id, 'X-2');
});

test('story criteria: every heading spelling, nested lists left out, items on one line; the section ends at a heading of its level', () => {
  for (const heading of ['Acceptance', 'Acceptance criteria', "Critères d'acceptation", "Critères d'acceptance", "Conditions d'acceptation", 'AC', 'Definition of Done', 'DoD']) {
    assert.deepEqual(parseStory(`# X-1: T\n\n## ${heading}\n\n- one\n`, 'X-1.md').acceptanceCriteria, ['one'], heading);
  }
  const text = '# X-1: T\n\n## Acceptance criteria\n\n- first\n  continued\n  - nested\n- `second` **bold**\n\n### Detail\n\n- still in\n\n## Next\n\n- out\n';
  assert.deepEqual(parseStory(text, 'X-1.md').acceptanceCriteria, ['first continued', '`second` **bold**', 'still in']);
  assert.deepEqual(parseStory('# X-1: T\n\n## Accessibility\n\n- no\n', 'X-1.md').acceptanceCriteria, []);
});

test('story summary: the first paragraph outside the criteria, on one line, markdown kept; else the title', () => {
  const text = '# X-1: T\n\n## Acceptance criteria\n\nNot this.\n\n- a\n\n## Goal\n\nThe **real**\nsummary.\n\nNot the second.\n';
  assert.equal(parseStory(text, 'X-1.md').summary, 'The **real** summary.');
  assert.equal(parseStory('# X-1: Title only\n', 'X-1.md').summary, 'Title only');
});
