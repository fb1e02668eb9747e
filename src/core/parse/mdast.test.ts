/** The shared helpers every parser reads through: label normalisation, sections, field lines, the prepared source. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blocksWithHeadings, markdownToTree, nodeText, normalizeLabel, paragraphLines, visitNodes } from './mdast';
import { prepareSource } from './source';
import { COMPLIANCE_HEADING, FIELD_KEY_PREFIX, FIELD_LINE, HISTORY_HEADING, IMPACT_HEADING, ROOT_CAUSE_HEADING, TIMELINE_HEADING } from './vocabulary';

test('normalizeLabel: case and accents folded, numbering, trailing (notes), markup and punctuation dropped', () => {
  const cases: Array<[string, string]> = [
    ['## 4) Plan d’action :', "plan d'action"],
    ['1.2. Actions correctives', 'actions correctives'],
    ['3 Timeline', 'timeline'],
    ['Critères d‘acceptation', "criteres d'acceptation"],
    ['**Action items** (owner + due)', 'action items'],
    ['Follow-ups?!', 'follow-ups'],
    ['`Status`', 'status'],
    ['  Incident   History  ', 'incident history'],
    ['Plan 2026', 'plan 2026'],
    ['Impact (users) details', 'impact (users) details'],
    ['ÉTAT', 'etat'],
    ['ʼquoteʼ', "'quote'"],
  ];
  for (const [text, label] of cases) assert.equal(normalizeLabel(text), label, text);
});

test('normalizeLabel: the same label however many others were normalised in between (its memo is bounded)', () => {
  const first = normalizeLabel('## 4) Plan d’Action :');
  for (let index = 0; index < 10_000; index += 1) normalizeLabel(`Heading ${index}`);
  assert.equal(normalizeLabel('## 4) Plan d’Action :'), first);
  assert.equal(first, "plan d'action");
});

test('visitNodes: list items and tables at any depth, in document order, as a full walk finds them', () => {
  const tree = markdownToTree(
    ['- [ ] one', '  > - [ ] quoted', '  >', '  > | a |', '  > |---|', '  > | in quote |', '', '  1. two', '', 'para *x*', '', '| b |', '|---|', '| top |', ''].join('\n'),
  );
  const full = (type: string): string[] => {
    const found: string[] = [];
    visitNodes(tree, null, (node) => {
      if (node.type === type) found.push(nodeText(node).trim());
    });
    return found;
  };
  const items: string[] = [];
  visitNodes(tree, 'listItem', (item) => items.push(nodeText(item).trim()));
  const tables: string[] = [];
  visitNodes(tree, 'table', (table) => tables.push(nodeText(table).trim()));
  assert.deepEqual(items, full('listItem'));
  assert.deepEqual(items.length, 3);
  assert.deepEqual(tables, ['ain quote', 'btop']);
  assert.deepEqual(tables, full('table'));
});

test('section headings: compliance anywhere in the label, timeline and impact at its start', () => {
  for (const label of ['compliance checklist', 'checklist de conformite', 'compliance']) assert.match(label, COMPLIANCE_HEADING);
  for (const label of ['noncompliance', 'compliances']) assert.doesNotMatch(label, COMPLIANCE_HEADING);
  for (const label of ['timeline', 'chronologie des faits', 'deroule']) assert.match(label, TIMELINE_HEADING);
  for (const label of ['full timeline', 'timelines']) assert.doesNotMatch(label, TIMELINE_HEADING);
  assert.match('impact client', IMPACT_HEADING);
  assert.doesNotMatch('business impact', IMPACT_HEADING);
  assert.doesNotMatch('impacts', IMPACT_HEADING);
  for (const label of ['nonconformite', 'conformites']) assert.doesNotMatch(label, COMPLIANCE_HEADING);
  for (const label of ['root cause', 'root causes', 'cause racine', 'causes racines', 'cause profonde', 'causes profondes']) assert.match(label, ROOT_CAUSE_HEADING);
  for (const label of ['root cause analysis', 'the root cause', 'cause', 'root']) assert.doesNotMatch(label, ROOT_CAUSE_HEADING);
  for (const label of ['history', 'historique']) assert.match(label, HISTORY_HEADING);
  for (const label of ['incident history', 'history notes', 'histories']) assert.doesNotMatch(label, HISTORY_HEADING);
});

test('field key prefix: an optional bold key of 1 to 30 characters then a colon, blanks allowed around', () => {
  for (const line of ['Status:', '  **Severity** :', '__Date__: x', `${'k'.repeat(30)}:`, '\tKey\t:']) assert.match(line, FIELD_KEY_PREFIX, line);
  for (const line of [`${'k'.repeat(31)}:`, ': no key', 'no colon', '*Key*: x', 'Key_name: x']) assert.doesNotMatch(line, FIELD_KEY_PREFIX, line);
});

test('field lines: key and value, with bold markers around either; keys up to 30 characters', () => {
  const field = (line: string): [string, string] | null => {
    const match = FIELD_LINE.exec(line);
    return match ? [match[1], match[2]] : null;
  };
  assert.deepEqual(field('Status: PROPOSED'), ['Status', 'PROPOSED']);
  assert.deepEqual(field('**Severity:** SEV2  '), ['Severity', 'SEV2']);
  assert.deepEqual(field('__Date__ : **2026-01-02**'), ['Date', '2026-01-02**']);
  assert.deepEqual(field('\tDate : le 2026-01-02'), ['Date', 'le 2026-01-02']);
  assert.equal(field(`${'k'.repeat(31)}: v`), null);
  assert.deepEqual(field(`${'k'.repeat(30)}: v`), ['k'.repeat(30), 'v']);
  assert.equal(field('no colon here'), null);
  assert.equal(field('Empty:'), null);
});

test('sections: each top-level block with the chain of headings above it', () => {
  const tree = markdownToTree('# A\n\npara\n\n## B\n\n- x\n\n### C\n\ny\n\n## D\n\nz\n\n# E\n\nw\n');
  const sections = blocksWithHeadings(tree).map((block) => [block.node.type, block.labels.join(' > ')]);
  assert.deepEqual(sections, [
    ['paragraph', 'a'],
    ['list', 'a > b'],
    ['paragraph', 'a > b > c'],
    ['paragraph', 'a > d'],
    ['paragraph', 'e'],
  ]);
  assert.deepEqual(blocksWithHeadings(markdownToTree('before any heading\n')).map((block) => block.labels), [[]]);
});

test('paragraph lines: each line of each top-level paragraph, with offsets in the text as read (BOM included)', () => {
  const text = '\uFEFF# T\r\n\r\nDate: x\r\nStatus: y\r\n\r\n- not a paragraph line\r\n\r\nLast: z';
  const source = prepareSource(text);
  const lines = paragraphLines(text, source.bomLength, markdownToTree(source.markdown));
  assert.deepEqual(lines.map((line) => [line.text, line.line, text.slice(line.offset, line.offset + line.text.length)]), [
    ['Date: x', 3, 'Date: x'],
    ['Status: y', 4, 'Status: y'],
    ['Last: z', 8, 'Last: z'],
  ]);
});

test('prepared source: BOM counted, frontmatter masked with spaces line for line, nothing else touched', () => {
  const text = '\uFEFF---\r\nkind: rca\r\n---\r\n# T\r\n';
  const source = prepareSource(text);
  assert.equal(source.bomLength, 1);
  assert.equal(source.markdown, '   \r\n         \r\n   \r\n# T\r\n');
  assert.equal(source.markdown.length, text.length - 1);
  assert.equal(source.frontmatter?.data.kind, 'rca');
  const plain = prepareSource('# T\n---\nx\n');
  assert.deepEqual([plain.bomLength, plain.markdown, plain.frontmatter], [0, '# T\n---\nx\n', null]);
  const unclosed = prepareSource('---\n# T\n');
  assert.equal(unclosed.markdown, '---\n# T\n', 'an unclosed block is a thematic break, left as written');
});
