/**
 * Action items at the edges the listing and the edits rely on: where the checkbox of a task or a cancelled item is
 * read (the item's own start, any list marker, any blank run, a BOM before it), which headers name a table's columns
 * (whole names only, any column position), what a cell's owner and text are, and the ranges `done` writes into.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ListItem } from 'mdast';
import { DEFAULT_CONFIG } from '../config';
import type { ActionItem, ParsedDocument } from '../model';
import { cancelledBoxOffsetOf, checkboxOffsetOf } from './actions';
import { createParseContext } from './context';
import { parseDocument, parseDocumentWithRemark } from './document';
import { markdownToTree } from './mdast';
import { prepareSource } from './source';

const FILE = 'docs/post-mortems/2026-11-02-x.md';

/** Both tree builders, held to the same result. */
function parse(text: string): ParsedDocument {
  const doc = parseDocument(text, { file: FILE, config: DEFAULT_CONFIG });
  const oracle = parseDocumentWithRemark(text, { file: FILE, config: DEFAULT_CONFIG });
  assert.deepEqual(JSON.parse(JSON.stringify(doc)), JSON.parse(JSON.stringify(oracle)), 'the fast path and remark agree');
  return doc;
}

const documentOf = (lines: string[], heading = '## Action items'): string => ['# Post-mortem: x', '', heading, ...lines, ''].join('\n');
const items = (lines: string[], heading?: string): ActionItem[] => parse(documentOf(lines, heading)).actions;

/** The three characters of a task's box (`[ ]`, `[x]`, `[-]`) around its `checkboxOffset`. */
function boxOf(text: string, item: ActionItem): string {
  assert.ok(item.checkboxOffset !== undefined, `a checkbox offset for ${item.text}`);
  return text.slice(item.checkboxOffset - 1, item.checkboxOffset + 2);
}

/** A list item the parser would have made at offset 0 of `text`, for the offset readers alone. */
function itemAtStart(text: string, checked: boolean | null): { item: ListItem; context: ReturnType<typeof createParseContext> } {
  const source = prepareSource(text);
  const context = createParseContext(source, markdownToTree(source.markdown), DEFAULT_CONFIG);
  const point = { line: 1, column: 1, offset: 0 };
  return { item: { type: 'listItem', checked, children: [], position: { start: point, end: { ...point, column: text.length + 1, offset: text.length } } }, context };
}

test('the checkbox is read at the item\'s own start, after any list marker and any blank run; never further on', () => {
  const text = documentOf(['10. [ ] ten', '-  [x] two blanks', '1)\t[X] tab', '+ [ ] plus']);
  const actions = parse(text).actions;
  assert.deepEqual(
    actions.map((item) => [item.text, item.done, boxOf(text, item)]),
    [
      ['ten', false, '[ ]'],
      ['two blanks', true, '[x]'],
      ['tab', true, '[X]'],
      ['plus', false, '[ ]'],
    ],
  );
  // A box later in the first 24 characters is not the item's box.
  const later = itemAtStart('see - [ ] there', false);
  assert.equal(checkboxOffsetOf(later.item, later.context), null);
  const cancelledLater = itemAtStart('see - [-] there', null);
  assert.equal(cancelledBoxOffsetOf(cancelledLater.item, cancelledLater.context), null);
});

test('cancelled [-]: any list marker and blank runs; the offset is the "-" in the box, a BOM counted; a box later in the text is not one', () => {
  const lines = ['10. [-] ten', '-  [-] two blanks before', '- [-]  two blanks after', '- mentions - [-] later'];
  const text = documentOf(lines);
  const actions = parse(text).actions;
  assert.deepEqual(
    actions.map((item) => [item.text, item.cancelled, boxOf(text, item)]),
    [
      ['ten', true, '[-]'],
      ['two blanks before', true, '[-]'],
      ['two blanks after', true, '[-]'],
    ],
  );
  const withBom = '\uFEFF' + text;
  const bomActions = parse(withBom).actions;
  assert.deepEqual(
    bomActions.map((item) => boxOf(withBom, item)),
    ['[-]', '[-]', '[-]'],
  );
  // A task whose own text starts with "[-]" is a task with that text, not a cancelled item.
  const [task] = items(['- [ ] [-] keep the box in the text']);
  assert.deepEqual([task.text, task.cancelled], ['[-] keep the box in the text', false]);
});

test('task text: runs of blanks collapse to one space; a metadata group is dropped whatever the case of its keyword', () => {
  const [spaced, upper, french] = items(['- [ ] Fix  the   alert', '- [ ] Add a probe (Owner @ana, Due 2026-01-02)', '- [ ] Ajouter une sonde (RESPONSABLE @léa, ÉCHÉANCE 2026-01-03)']);
  assert.equal(spaced.text, 'Fix the alert');
  assert.deepEqual([upper.text, upper.owner, upper.due], ['Add a probe', 'ana', '2026-01-02']);
  assert.deepEqual([french.text, french.owner, french.due], ['Ajouter une sonde', 'léa', '2026-01-03']);
});

test('appendOffset of a task is the end of its first paragraph, in the text as read (BOM included)', () => {
  const text = '\uFEFF' + documentOf(['- [ ] Add an alert', '- [-] Dropped it']);
  const actions = parse(text).actions;
  assert.deepEqual(
    actions.map((item) => text.slice(item.appendOffset - 5, item.appendOffset + 1)),
    ['alert\n', 'ed it\n'],
  );
});

test('table columns: whole header names only, so a longer name containing one is not that column', () => {
  const table = (header: string, row: string): ActionItem[] => {
    const width = header.split('|').length - 2;
    return items([header, '|' + '---|'.repeat(width), row]);
  };
  // Action: "Reaction" and "Action plan" are not the Action column.
  const [action] = table('| Reaction | Action plan | Action | Owner |', '| calm | later | Fix the alert | ana |');
  assert.equal(action.text, 'Fix the alert');
  // Owner: "Product owner" and "Owner team" are not the Owner column.
  const [owner] = table('| Action | Product owner | Owner team | Assignee |', '| Fix | pat | sre | ana |');
  assert.equal(owner.owner, 'ana');
  // Status: "Prior status" and "Status notes" are not the Status column.
  const [status] = table('| Action | Owner | Prior status | Status notes | Status |', '| Fix | ana | done | done | open |');
  assert.equal(status.done, false);
  // Due: "Start date" is not the Due column.
  const [due] = table('| Action | Owner | Start date | Due |', '| Fix | ana | 2026-01-01 | 2026-02-01 |');
  assert.equal(due.due, '2026-02-01');
  // Bug: "Related issue" and "Bug severity" are not the Bug column.
  const [bug] = table('| Action | Owner | Related issue | Bug severity | Bug |', '| Fix | ana | DONE x | DONE y | TODO b/1 |');
  assert.equal(bug.done, false);
});

test('table columns in the first position: Status, Due, Bug and Owner are read there too', () => {
  const [status] = items(['| Status | Action | Owner |', '|---|---|---|', '| Done | Fix | ana |']);
  assert.deepEqual([status.done, status.hasStatusColumn], [true, true]);
  const [due] = items(['| Due | Action | Owner |', '|---|---|---|', '| 2026-03-04 | Fix by 2026-09-09 | ana |']);
  assert.equal(due.due, '2026-03-04');
  const [bug] = items(['| Bug | Action | Owner |', '|---|---|---|', '| DONE b/1 | Fix | ana |']);
  assert.equal(bug.done, true);
  const [owner] = items(['| Owner | Action | Status |', '|---|---|---|', '| ana | Fix (owner @bob) | open |']);
  assert.equal(owner.owner, 'ana');
});

test('a table without an Owner column takes the owner from the action text; one without an Action column is no action table', () => {
  const [item] = items(['| Action | Status |', '|---|---|', '| Fix it (owner @ana) | open |']);
  assert.equal(item.owner, 'ana');
  // Without an Action column the table is not read at all: a short row in it is nobody's business.
  const doc = parse(documentOf(['| Owner | Status |', '|---|---|', '| ana |']));
  assert.deepEqual([doc.actions, doc.findings], [[], []]);
});

test('owner and action cells: a no-break space is trimmed, a leading @ dropped, an @ inside a name kept; blanks collapse', () => {
  const actions = items([
    '| Action | Owner | Status |',
    '|---|---|---|',
    '| &nbsp;Fix  the   alert | &nbsp;tbd | open |',
    '| Rotate | ana@corp | open |',
    '| Page | @&nbsp;bob | open |',
  ]);
  assert.deepEqual(
    actions.map((item) => [item.text, item.owner]),
    [
      ['Fix the alert', null],
      ['Rotate', 'ana@corp'],
      ['Page', 'bob'],
    ],
  );
});

test('a row shorter than the header: a warning with both counts and no hint about pipes; a wider one gets the hint, in both languages', () => {
  const doc = parse(documentOf(['| Action | Owner | Status |', '|---|---|---|', '| Fix | ana |']));
  assert.deepEqual(
    doc.findings.map((finding) => [finding.rule, finding.message, finding.french, finding.line]),
    [['table-malformed', 'table row has 2 cells where the header has 3', 'la ligne du tableau a 2 cellules et l’en-tête 3', 6]],
  );
  const wider = parse(documentOf(['| Action | Owner |', '|---|---|', '| do `a|b` | ana |']));
  assert.deepEqual(
    wider.findings.map((finding) => [finding.message, finding.french]),
    [['table row has 3 cells where the header has 2 (write a "|" inside code as "\\|")', 'la ligne du tableau a 3 cellules et l’en-tête 2 (écrivez un « | » dans du code sous la forme « \\| »)']],
  );
  assert.equal(doc.actions[0].text, 'Fix');
});

test('status ranges: an empty Status cell is its blank run, tabs included; a Bug cell\'s word, bold or not; an empty Bug cell\'s blanks', () => {
  const text = documentOf(['| Action | Owner | Status |', '|---|---|---|', '| Fix | ana | \t |']);
  const [empty] = parse(text).actions;
  assert.equal(JSON.stringify(text.slice(empty.statusCellRange!.start, empty.statusCellRange!.end)), JSON.stringify(' \t '));

  const bugText = documentOf(['| Action | Owner | Bug |', '|---|---|---|', '| Fix | ana | TODO b/1 |', '| Page | bob | **TODO** b/2 |', '| Rotate | cy |  |']);
  const slices = parse(bugText).actions.map((item) => bugText.slice(item.statusWordRange!.start, item.statusWordRange!.end));
  assert.deepEqual(slices, ['TODO', 'TODO', '  ']);
  // With a Status column, the Status cell is the state: no Bug word range.
  const [withStatus] = items(['| Action | Owner | Status | Bug |', '|---|---|---|---|', '| Fix | ana | open | TODO 1 |']);
  assert.deepEqual([withStatus.statusWordRange, withStatus.statusCellRange !== undefined], [undefined, true]);
});

test('items are numbered in reading order, tables and task lists interleaved', () => {
  const actions = items([
    '| Action | Owner |',
    '|---|---|',
    '| first, a row | ana |',
    '',
    '- [ ] second, a task',
    '',
    '| Action | Owner |',
    '|---|---|',
    '| third, a row | bob |',
    '',
    '- [ ] fourth, a task',
  ]);
  assert.deepEqual(
    actions.map((item) => [item.index, item.text]),
    [
      [1, 'first, a row'],
      [2, 'second, a task'],
      [3, 'third, a row'],
      [4, 'fourth, a task'],
    ],
  );
});
