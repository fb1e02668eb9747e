/**
 * What is read line by line from the text: the workspace documents a document links to (relative, absolute, with a
 * title, in angle brackets, encoded; never URLs, anchors, other files, or paths above the workspace), and which
 * post-mortem sections are unfilled (comments and blank lines are not content; fenced code is).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LESSONS_HEADING, readTextSections } from './text-sections';

const HEADINGS: ReadonlySet<string> = new Set(['action items', "plan d'action"]);
const read = (markdown: string, file = 'docs/post-mortems/2026-11-12-x.md') => readTextSections(markdown, file, HEADINGS);

test('links: relative to the document, absolute from the root, in angle brackets, with a title, encoded; each once', () => {
  const markdown = [
    'See [the runbook](../../runbooks/db.md), [again](../../runbooks/db.md) and [root](/runbooks/net.md).',
    '[angle](<../other file.md>) [titled](./same.md "Title") [encoded](sub/caf%C3%A9.md) [query](./q.md?x=1#top)',
    '[upper](./UP.MD) [dot](./a/./b/../c.md)',
  ].join('\n');
  assert.deepEqual(read(markdown).links, [
    'runbooks/db.md',
    'runbooks/net.md',
    'docs/other file.md',
    'docs/post-mortems/same.md',
    'docs/post-mortems/sub/café.md',
    'docs/post-mortems/q.md',
    'docs/post-mortems/UP.MD',
    'docs/post-mortems/a/c.md',
  ]);
});

test('links that are not workspace documents: URLs, anchors, other files, bad encodings, paths above the root', () => {
  const markdown = '[u](https://x.invalid/a.md) [m](mailto:a@b.md) [a](#top) [p](./a.png) [bad](./%E0%A4%A.md) [up](../../../a.md) [no](./a.md.txt)';
  assert.deepEqual(read(markdown).links, []);
});

test('links: none inside fenced code or comments, at most 50 kept', () => {
  const fenced = '```\n[x](./in-code.md)\n```\n<!-- [y](./in-comment.md) -->\n~~~~\n[z](./tilde.md)\n~~~~\n[w](./after.md)';
  assert.deepEqual(read(fenced, 'x.md').links, ['after.md']);
  const many = Array.from({ length: 60 }, (_, index) => `[l](./d${index}.md)`).join(' ');
  const links = read(many, 'x.md').links;
  assert.equal(links.length, 50);
  assert.deepEqual([links[0], links[49]], ['d0.md', 'd49.md']);
});

test('unfilled post-mortem sections: missing (line null), or holding only comments and blank lines', () => {
  const markdown = ['# Post-mortem: x', '', '## Root cause', '<!-- what broke', 'and why -->', '', '## Action items', '- [ ] a', '', '## Notes'].join('\n');
  assert.deepEqual(read(markdown).unfilled, [
    { section: 'root-cause', line: 3 },
    { section: 'lessons-learned', line: null },
  ]);
  const filled = ['## Cause racine', '```', 'log', '```', "## Plan d'action", 'text <!-- note -->', '## Leçons apprises', '<!-- c --> visible'].join('\n');
  assert.deepEqual(read(filled).unfilled, []);
});

test('a section ends at a heading of the same or a higher level; a sub-heading and its text still fill it', () => {
  const markdown = ['## Root cause', '### Details', 'the cause', '## Action items', '# Lessons learned', 'x'].join('\n');
  assert.deepEqual(read(markdown).unfilled, [{ section: 'action-items', line: 4 }]);
  // Only the first section of a kind counts.
  const twice = ['## Lessons learned', '', '## Lessons learned', 'filled', '## Root cause', 'x', '## Action items', 'x'].join('\n');
  assert.deepEqual(read(twice).unfilled, [{ section: 'lessons-learned', line: 1 }]);
});

test('lessons headings in English and French; near misses do not count', () => {
  for (const label of ['lessons learned', 'lesson learned', 'lecons apprises', 'lecon tiree', 'enseignements', "retours d'experience"]) {
    assert.ok(LESSONS_HEADING.test(label), label);
  }
  for (const label of ['lessons learned so far', 'key lessons learned', 'lessons']) assert.ok(!LESSONS_HEADING.test(label), label);
});

test('the Decision section: its lines without comments or sub-headings, its bounds, filled or not', () => {
  const markdown = ['# Hand-off: x', '## Decision', '<!-- fill -->', '', 'Go ahead. <!-- why -->', '### Detail', 'more', '## Notes', 'x'].join('\n');
  const decision = read(markdown, 'docs/handoffs/x.md').decision!;
  assert.deepEqual([decision.line, decision.filled, decision.lines], [2, true, ['Go ahead.', 'more']]);
  assert.equal(markdown.slice(decision.contentStart, decision.contentEnd), '<!-- fill -->\n\nGo ahead. <!-- why -->\n### Detail\nmore\n');
  const empty = read('## Décision\n<!-- fill -->', 'docs/handoffs/x.md').decision!;
  assert.deepEqual([empty.filled, empty.lines, empty.contentStart, empty.contentEnd], [false, [], 12, 25]);
  const last = read('## Decision', 'docs/handoffs/x.md').decision!;
  assert.deepEqual([last.contentStart, last.contentEnd], [11, 11]);
  const lines = Array.from({ length: 25 }, (_, index) => `line ${index}`);
  assert.equal(read(['## Decision', ...lines].join('\n')).decision!.lines.length, 20, 'at most 20 lines kept');
});

test('comments and fences: a fence inside a comment opens nothing, a fence closes only on its own marker, text between comments shows', () => {
  const markdown = ['## Root cause', '<!--', '```', '-->', '[a](./after-comment.md)', '## Action items', '````', '```', '[b](./in-fence.md)', '````', '<!-- x --> [c](./between.md) <!-- y -->'].join('\n');
  const sections = read(markdown, 'x.md');
  assert.deepEqual(sections.links, ['after-comment.md', 'between.md']);
  assert.deepEqual(sections.unfilled, [{ section: 'lessons-learned', line: null }]);
  const onlyComment = read('## Root cause\n<!-- a --><!-- b -->\n   \n', 'x.md');
  assert.deepEqual(onlyComment.unfilled.map((entry) => entry.section), ['root-cause', 'action-items', 'lessons-learned']);
});

test('heading shapes: up to three leading blanks and six #, a blank after them, a closing sequence dropped; others are text that fills a section', () => {
  const unfilled = (lines: string[]): string[] => read(['## Root cause', ...lines].join('\n'), 'x.md').unfilled.map((entry) => entry.section);
  assert.deepEqual(unfilled(['   ## Action items']), ['root-cause', 'action-items', 'lessons-learned'], 'an indented heading ends the root cause');
  assert.deepEqual(unfilled(['    ## Action items']), ['action-items', 'lessons-learned'], 'four blanks: text');
  assert.deepEqual(unfilled(['####### Action items']), ['action-items', 'lessons-learned'], 'seven #: text');
  assert.deepEqual(unfilled(['##Action items']), ['action-items', 'lessons-learned'], 'no blank: text');
  assert.deepEqual(unfilled(['##', 'x']), ['root-cause', 'action-items', 'lessons-learned'], 'an empty heading still ends the section');
  // A closing sequence of # is not part of the label (as remark reads the heading); without a blank before it, it is.
  const closed = read('## Root cause ##\nx\n## Action items ##  \n- [ ] a\n# Lessons learned #\ny', 'x.md');
  assert.deepEqual(closed.unfilled, []);
  assert.deepEqual(read('## Action items#\nx', 'x.md').unfilled.map((entry) => [entry.section, entry.line]), [['root-cause', null], ['action-items', null], ['lessons-learned', null]]);
  assert.deepEqual(read('## Decision ###\n### ###\nGo.', 'x.md').decision?.lines, ['Go.'], 'an empty heading with a closing sequence');
});
