/**
 * The one frontmatter reader at its edges: where a block is and is not, plain JSON-safe values, bounded alias
 * expansion, and the line each kind of error names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunbookError } from '../errors';
import { readFrontmatter, splitFrontmatter } from './frontmatter';

test('no block: text that does not open with a --- line', () => {
  assert.equal(readFrontmatter('# Title\n---\nkind: x\n---\n', 0), null);
  assert.equal(readFrontmatter('--- not a delimiter\nkind: x\n---\n', 0), null);
  assert.equal(readFrontmatter('----\nkind: x\n---\n', 0), null);
  assert.equal(readFrontmatter('', 0), null);
});

test('a block: values, offsets and lines; closed by --- or ...; trailing blanks on delimiters allowed; BOM skipped', () => {
  const text = '\uFEFF--- \r\nkind: runbook\r\nstatus: PROPOSED\r\n... \r\n# Body\r\n';
  const block = readFrontmatter(text, 1);
  assert.ok(block);
  assert.deepEqual(block.data, { kind: 'runbook', status: 'PROPOSED' });
  assert.equal(block.start, 1);
  assert.equal(text.slice(block.start, block.end), '--- \r\nkind: runbook\r\nstatus: PROPOSED\r\n... ');
  assert.equal(block.endLine, 4);
  assert.deepEqual(block.lines, [
    { text: 'kind: runbook', line: 2, offset: 7 },
    { text: 'status: PROPOSED', line: 3, offset: 22 },
  ]);
  assert.equal(block.error, null);
  const empty = readFrontmatter('---\n---\nbody\n', 0);
  assert.deepEqual([empty?.data, empty?.error, empty?.endLine], [{}, null, 2]);
});

test('values are plain: dates as YYYY-MM-DD, timestamps to the minute (YYYY-MM-DDTHH:MM), nested lists and maps kept, __proto__ dropped', () => {
  const block = readFrontmatter('---\ndate: 2026-02-23\nwhen: 2026-02-23T10:11:12Z\nlist: [1, {a: 2026-01-01}]\n__proto__: {polluted: true}\nmap: {x: {y: z}}\n---\n', 0);
  assert.ok(block);
  assert.deepEqual(block.data, { date: '2026-02-23', when: '2026-02-23T10:11', list: [1, { a: '2026-01-01' }], map: { x: { y: 'z' } } });
  assert.equal(Object.getPrototypeOf(block.data), Object.prototype);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('errors: never closed (line 1), malformed YAML (its line), not a map (line 2), too large once aliases expand', () => {
  const unclosed = readFrontmatter('---\nkind: x\n# body\n', 0);
  assert.deepEqual(unclosed, {
    data: {},
    start: 0,
    end: 0,
    endLine: 1,
    lines: [],
    error: {
      message: 'frontmatter starts with "---" on line 1 but is never closed',
      french: 'le frontmatter commence par « --- » en ligne 1 mais n’est jamais fermé',
      line: 1,
    },
  });
  const malformed = readFrontmatter('---\nkind: x\nbad: [unclosed\nmore: y\n---\n', 0);
  assert.equal(malformed?.error?.line, 4);
  assert.match(malformed!.error!.message, /^malformed frontmatter: /);
  assert.match(malformed!.error!.french, /^frontmatter mal formé \(YAML : .+\)$/);
  const firstLine = readFrontmatter('---\n: : :\n---\n', 0);
  assert.ok(firstLine?.error && firstLine.error.line >= 2 && firstLine.error.line <= 3);
  for (const list of ['- a\n- b', '"just a string"', '42']) {
    assert.deepEqual(readFrontmatter(`---\n${list}\n---\n`, 0)?.error, { message: 'frontmatter is not a set of "key: value" lines', french: 'le frontmatter n’est pas une suite de lignes « clé: valeur »', line: 2 }, list);
  }
  const bomb = ['---', 'a: &a [x, x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]', '---', ''].join('\n');
  assert.deepEqual(readFrontmatter(bomb, 0)?.error, {
    message: 'frontmatter is too large once its aliases are expanded (over 10000 values or 64 levels)',
    french: 'le frontmatter est trop grand une fois ses alias développés (plus de 10000 valeurs ou 64 niveaux)',
    line: 2,
  });
  const deep = `---\nx: ${'['.repeat(70)}${']'.repeat(70)}\n---\n`;
  assert.match(readFrontmatter(deep, 0)?.error?.message ?? '', /too large once its aliases are expanded/);
  const justUnder = `---\nx: ${'['.repeat(60)}${']'.repeat(60)}\n---\n`;
  assert.equal(readFrontmatter(justUnder, 0)?.error, null);
});

test('splitFrontmatter: body after the closing line, its line number; none; a broken block is an error naming file and line', () => {
  assert.deepEqual(splitFrontmatter('\uFEFF---\r\nname: x\r\n---\r\nbody\r\n', 't.hbs'), { data: { name: 'x' }, present: true, body: 'body\r\n', bodyLine: 4 });
  assert.deepEqual(splitFrontmatter('---\nname: x\n---', 't.hbs'), { data: { name: 'x' }, present: true, body: '', bodyLine: 4 });
  assert.deepEqual(splitFrontmatter('\uFEFF# just a body\n', 't.hbs'), { data: {}, present: false, body: '# just a body\n', bodyLine: 1 });
  assert.throws(
    () => splitFrontmatter('---\nname: [x\n---\n', 'stories/S-1.md', 'invalid-field'),
    (error: unknown) => {
      assert.ok(error instanceof RunbookError);
      assert.equal(error.code, 'invalid-field');
      assert.equal(error.kind, 'domain');
      assert.match(error.message, /^stories\/S-1\.md:3: malformed frontmatter: /);
      assert.deepEqual(error.details, { file: 'stories/S-1.md', line: 3 });
      return true;
    },
  );
  assert.throws(() => splitFrontmatter('---\nname: x\n', 't.hbs'), (error: unknown) => error instanceof RunbookError && error.code === 'template-invalid' && error.message === 't.hbs:1: frontmatter starts with "---" on line 1 but is never closed');
});

test('bounds: 64 levels and 10,000 values pass, one more of either is too large', () => {
  const nested = (levels: number): string => `---\nx: ${'['.repeat(levels)}${']'.repeat(levels)}\n---\n`;
  assert.equal(readFrontmatter(nested(64), 0)?.error, null);
  assert.match(readFrontmatter(nested(65), 0)?.error?.message ?? '', /too large once its aliases are expanded/);
  // The map itself is one value, each item another.
  const values = (items: number): string => `---\nx: [${Array(items).fill('1').join(',')}]\n---\n`;
  assert.equal(readFrontmatter(values(9998), 0)?.error, null);
  assert.match(readFrontmatter(values(9999), 0)?.error?.message ?? '', /too large/);
});

test('error lines: counted from the opening line, never before line 2 nor past the closing line', () => {
  const atEnd = readFrontmatter('---\na: 1\nb: "unclosed\n---\n', 0);
  assert.equal(atEnd?.error?.line, 4, 'an error found at the end of the block names the closing line');
  const second = readFrontmatter('---\n- a\nb: 1\n---\n', 0);
  assert.equal(second?.error?.line, 3);
});

test('a YAML timestamp at midnight UTC reads as its date; with seconds, to the minute', () => {
  const block = readFrontmatter('---\nmidnight: 2026-02-23T00:00:00Z\nnoon: 2026-02-23 12:30:59\n---\n', 0);
  assert.deepEqual(block?.data, { midnight: '2026-02-23', noon: '2026-02-23T12:30' });
});
