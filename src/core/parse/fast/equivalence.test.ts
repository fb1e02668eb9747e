/**
 * The parser against its oracle: `parseDocument` (the fast tree when it can decide) must return exactly what
 * `parseDocumentWithRemark` returns, on the generated corpus, every fixture, the seeds, and hand-written edge cases of the fast tree builder.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateCorpus } from '../../../../bench/corpus';
import { DEFAULT_CONFIG } from '../../config';
import { parseDocument, parseDocumentWithRemark, type ParseStats } from '../document';
import { actionRows, incidentRows, runbookRows } from '../../report';
import { checkDocument } from '../../check';
import type { ParsedDocument } from '../../model';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import { prng } from '../../../../bench/corpus';
import { inlineText } from './inline';

const FIXTURES = join(__dirname, '../../../../test/fixtures/documents');
/** The five seed documents, copied into the repository so this test never depends on a folder beside it. */
const SEEDS = join(__dirname, '../../../../test/fixtures/seeds');
const TODAY = '2026-06-01';
const NOW = new Date(2026, 5, 1, 12);

function plain(doc: ParsedDocument): unknown {
  return JSON.parse(JSON.stringify(doc));
}

function assertSame(text: string, file: string, stats?: ParseStats): void {
  const oracle = parseDocumentWithRemark(text, { file, config: DEFAULT_CONFIG });
  const fast = parseDocument(text, { file, config: DEFAULT_CONFIG }, stats);
  assert.deepEqual(plain(fast), plain(oracle), `${file} differs from the remark parse`);
}

test('equivalence: every fixture and seed', () => {
  const files: Array<[string, string]> = [];
  const fixtures = readdirSync(FIXTURES).filter((name) => name.endsWith('.md'));
  const seeds = readdirSync(SEEDS).filter((name) => name.endsWith('.md') && name !== 'README.md');
  assert.ok(fixtures.length >= 8, `expected the document fixtures in ${FIXTURES}`);
  assert.equal(seeds.length, 5, `expected the five seed documents in ${SEEDS}`);
  for (const name of fixtures) files.push([join(FIXTURES, name), name]);
  for (const name of seeds) {
    // Each seed under every folder kind, so the kind-specific parts (incident, runbook) are compared too.
    for (const folder of ['docs/post-mortems', 'DOCS/incidents', '.agent/cache/runbooks/x', 'notes']) files.push([join(SEEDS, name), `${folder}/${name}`]);
  }
  const stats: ParseStats = { fast: 0, remark: 0 };
  for (const [path, file] of files) {
    const text = readFileSync(path, 'utf8');
    assertSame(text, file, stats);
    assertSame(text.replace(/\r?\n/g, '\r\n'), file, stats);
  }
  // Real documents are the fast tree's job: none of them may fall back to remark.
  assert.deepEqual(stats, { fast: files.length * 2, remark: 0 });
});

const EDGE_CASES: string[] = [
  '# T\n\n## Action items\n- [ ] a *b* **c** _d_ `e` [f](g) ![h](i) (owner @x, due 2026-01-01)\n- [x] done\n',
  '## Actions\n- [ ] foo  \n  bar\\\n  baz\n\n1. [ ] one\n2. [x] two\n',
  '## Actions\n- [ ] ***strong em*** and __under__ and *a **b** c* and a_b_c and *unclosed\n- [ ] `code with | pipe` <span>x</span> &amp; done\n',
  '## Actions\n- [ ] [link *em*](http://x.y/(a)) and [not a link] and [a][b] and ![alt *x*](y)\n',
  '## Action items\n\n| # | Action | Owner | Status |\n|---|---|---|---|\n| 1 | do `a\\|b` | @x | ✅ DONE |\n| 2 | | | |\n|3|short|\n| 4 | wide | @y | open | extra |\nplain row line\n\n- [ ] after\n',
  '# Title #\n\nStatus: **ACCEPTED** — accepted by Bob on 2026-11-24\n\n## Compliance\n- [x] @Security approved? — approved by Alice on 2026-01-02\n- [ ] @qa approved?\n- [ ] @Legal approved?\n',
  '---\nstatus: PROPOSED\nkind: runbook\n---\n# X\n## Compliance Checklist\n* [X] @Docs approved?\n',
  '---\nbad: [unclosed\n---\n# X\n',
  '# Post-mortem : y\n\nSeverity: SEV2\nStatus: mitigated\nDate: 2026-02-03\n\n## Timeline\n- 09:00 start\n- **10:15** — end\n\n| 11:00 | later |\n|---|---|\n\n## Impact\n- Users : 12\n\n## Action items\n- [ ] x\n',
  '## Actions\n```\n- [ ] in code\n```\n<!--\n- [ ] in comment\n-->\n    - [ ] indented code\n\n- [ ] real\n  ```\n  - [ ] code in item\n  ```\n',
  '## Actions\n> - [ ] quoted\n\n- [ ] a\nlazy line\n- [ ] b\n\n  second paragraph\n  - [x] nested\n',
  'Para\n===\n\n## Actions\n- [ ] x\n',
  '## Actions\n- [ ] x\n---\n- [ ] y\n***\n',
  '\uFEFF# BOM\n## Action items\n- [ ] x (owner @a)\n',
  '## Actions\n- [ ] www.example.com/a_b_c and mail me@x.io *now*\n- [ ] <https://x.y> and <b>bold</b> *x*\n- [ ] ~~struck~~ and &#35; and &copy;\n',
  '## Actions\n\n[ref]: http://x\n\n- [ ] [ref] link\n',
  '## Actions\n-\tTab\n- [ ]\ttab task\n',
  '## Actions\n<div>\n- [ ] in html\n</div>\n\n<custom-tag>\n- [ ] after tag\n',
  '---\nstatus: "open" # x\ndate: 2026-11-12\n---\n# Post-mortem: t\n\n**Statut :** Résolu — le 12\n\n## Timeline\n- 23:50 détection\n  continued line\n  - 23:55 nested triage\n- 2026-11-13 00:20 mitigation\n- 00:40 **service** rétabli  \n\n## Root cause(s)\n<!-- what broke,\nand why -->\n\n    indented\n\n> quoted\n\nThe *deploy* job dropped `a` file. More.\n',
  '# RCA: t\n\n## Cause racine\n- Le **switch** a redémarré! Ensuite.\n- second\n\n## Timeline\n<!-- one line per step -->\n\n| 09:12 | alert | x |\n|---|---|---|\n| 09:20 | triage | y |\n\n## Root cause\n```\nlog\n```\nText after code. And more\n',
  '# Post-mortem: t\n\nSymptom: slow\nETA: 16h\nChannel: #ops\nState: en cours\n\n## Root cause\n***\n\n## Timeline\n',
];

/**
 * Which parser decides each of the first edge cases above: the fast tree (`fast`) or remark. Pinned, so a change that
 * hands a form to remark (slower, and hiding a fast-tree bug behind the oracle) is seen; a change that decides more
 * updates this list on purpose.
 */
// Since the hostile-input work: tables with a pipe in a code span (4) and setext headings (11) are decided by the fast
// tree; a tab after a list marker (16) goes to remark, which reads it as CommonMark's tab stops say.
// The incident forms (18–20: nested and dated timeline entries, root causes behind comments, code and quotes) are fast.
const EDGE_DECISIONS = ['fast', 'fast', 'remark', 'remark', 'fast', 'fast', 'fast', 'fast', 'fast', 'fast', 'remark', 'fast', 'fast', 'fast', 'remark', 'remark', 'remark', 'remark', 'fast', 'fast', 'fast'];

test('equivalence: edge cases of the fast tree builder (decided or handed to remark as pinned, never different)', () => {
  assert.ok(EDGE_CASES.length >= EDGE_DECISIONS.length);
  EDGE_CASES.forEach((text, index) => {
    for (const file of [`docs/post-mortems/edge-${index}.md`, `.agent/cache/runbooks/x/edge-${index}.md`, `DOCS/incidents/edge-${index}-rca.md`]) {
      const stats: ParseStats = { fast: 0, remark: 0 };
      assertSame(text, file, stats);
      assertSame(text.replace(/\n/g, '\r\n'), file, stats);
      if (index < EDGE_DECISIONS.length) {
        assert.deepEqual(stats, EDGE_DECISIONS[index] === 'fast' ? { fast: 2, remark: 0 } : { fast: 0, remark: 2 }, `edge case ${index} (${file})`);
      }
    }
  });
});

test('inline text: emphasis, code, escapes, links; null when unsure', () => {
  assert.equal(inlineText('a *b* **c** `d` \\* [e](f)'), 'a b c d * e');
  assert.equal(inlineText('snake_case_name and 2*3*4'), 'snake_case_name and 234');
  assert.equal(inlineText('&amp;'), null);
  assert.equal(inlineText('~~x~~'), null);
});

/** Lines that exercise block structure: containers, interruptions, lazy lines, fences, tables, traps. */
const FUZZ_LINES = [
  '## Action items', '## Timeline', '## Impact', '## Compliance', '## Root cause', 'The cause. More.', '- 23:50 **alert**', '- 2026-11-13 00:20 restored', '# T', 'Status: PROPOSED', 'Severity: SEV2', '', '', '',
  '- [ ] a (owner @x, due 2026-01-01)', '- [x] *b*', '  - [ ] nested', '1. [ ] one', '2) [x] two', '* [ ] star', '   - [ ] three',
  '    - [ ] four', 'text line', '  indented text', '```', '~~~', '    code', '<!--', '-->', '<div>', '> quote', '> - [ ] q',
  '| # | Action | Owner | Status |', '|---|---|---|---|', '| 1 | do | @a | Done |', '| 2 | x |', 'a | b', '---', '***', '===',
  '- 09:10 event', '- Users : 3', '  - [ ] @QA approved?', '- [ ] @Security approved? — approved by A on 2026-01-01', '-', '- ',
  '+ [ ]', '\tTab', '[x]: http://a', '#no', '#', '  ## h2 ##', 'lazy continuation', '1. ', '10. [ ] ten',
];

test('equivalence: random documents built from block-structure lines (decided or handed to remark, never different)', () => {
  const random = prng(20261123);
  const stats: ParseStats = { fast: 0, remark: 0 };
  for (let sample = 0; sample < 400; sample += 1) {
    const count = 3 + Math.floor(random() * 14);
    const lines = Array.from({ length: count }, () => FUZZ_LINES[Math.floor(random() * FUZZ_LINES.length)]);
    const text = lines.join(random() < 0.2 ? '\r\n' : '\n');
    assertSame(text, 'docs/post-mortems/fuzz.md', stats);
    assertSame(text, '.agent/cache/runbooks/x/fuzz.md', stats);
  }
  // Fixed seed: 226 of the 800 parses were decided by the fast tree when this was written; fewer means forms it
  // decided are now handed to remark.
  assert.ok(stats.fast >= 200, `only ${stats.fast} of 800 random documents decided by the fast tree`);
});

test('inline text equals toString of the remark paragraph whenever it decides (random markup)', () => {
  const processor = unified().use(remarkParse).use(remarkGfm);
  const atoms = ['a', ' ', '*', '**', '_', '__', '`', '``', '[', ']', '(', ')', '![', '\\', '\\*', '<b>', '</b>', '<x y="1">', 'foo', ' @bob',
    ',', '.', '!', 'é', '-', ':', '<', '>', '&', '1', '](u)', '](<u>)', 'http://x.y', 'a@b.co', '~~', '&amp;', '[a]', '***', 'w_w'];
  const random = prng(7);
  let decided = 0;
  for (let sample = 0; sample < 3000; sample += 1) {
    let source = 'x ';
    const count = 1 + Math.floor(random() * 10);
    for (let index = 0; index < count; index += 1) source += atoms[Math.floor(random() * atoms.length)];
    source = source.trimEnd();
    const tree = processor.parse(source);
    if (tree.children.length !== 1 || tree.children[0].type !== 'paragraph') continue;
    const text = inlineText(source);
    if (text === null) continue;
    decided += 1;
    assert.equal(text, toString(tree.children[0]), JSON.stringify(source));
  }
  assert.ok(decided > 1000, `only ${decided} strings decided`);
});

// Last: the slowest test (a second or more), so a mutation run's first failure comes from the quick ones above.
test('equivalence: generated corpus (1,000 documents) — same documents, rows and findings as remark', () => {
  const { files, expected } = generateCorpus(1000, 7);
  const stats: ParseStats = { fast: 0, remark: 0 };
  const oracleDocs: ParsedDocument[] = [];
  const fastDocs: ParsedDocument[] = [];
  for (const { path, text } of files) {
    const oracle = parseDocumentWithRemark(text, { file: path, config: DEFAULT_CONFIG });
    const fast = parseDocument(text, { file: path, config: DEFAULT_CONFIG }, stats);
    assert.deepEqual(plain(fast), plain(oracle), `${path} differs from the remark parse`);
    oracleDocs.push(oracle);
    fastDocs.push(fast);
  }
  assert.deepEqual(actionRows(fastDocs, TODAY), actionRows(oracleDocs, TODAY));
  assert.deepEqual(incidentRows(fastDocs, DEFAULT_CONFIG, NOW), incidentRows(oracleDocs, DEFAULT_CONFIG, NOW));
  assert.deepEqual(runbookRows(fastDocs, DEFAULT_CONFIG), runbookRows(oracleDocs, DEFAULT_CONFIG));
  assert.deepEqual(
    fastDocs.flatMap((doc) => checkDocument(doc, NOW, DEFAULT_CONFIG)),
    oracleDocs.flatMap((doc) => checkDocument(doc, NOW, DEFAULT_CONFIG)),
  );
  // The generator's own counts agree with the oracle, so the corpus is what it claims to be.
  assert.equal(oracleDocs.reduce((sum, doc) => sum + doc.actions.length, 0), expected.actions);
  assert.equal(oracleDocs.reduce((sum, doc) => sum + doc.actions.filter((a) => !a.done).length, 0), expected.openActions);
  assert.equal(oracleDocs.reduce((sum, doc) => sum + (doc.runbook?.compliance.length ?? 0), 0), expected.complianceItems);
  // The point of the fast path: the corpus's forms are decided without remark.
  assert.ok(stats.remark <= files.length * 0.02, `${stats.remark} of ${files.length} documents fell back to remark`);
});
