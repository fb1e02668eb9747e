/**
 * Action items and runbook parts at their edges, in English and French: every owner, due-date and done spelling, table
 * column names, which items count, the status line's forms, approval and acceptance records, unknown roles, and the
 * missing-approvals rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import type { ParsedDocument } from '../model';
import { dueFromText, ownerFromText } from './actions';
import { parseDocument } from './document';
import { missingApprovals } from './runbook';

const parse = (text: string, file = 'notes/x.md'): ParsedDocument => parseDocument(text, { file, config: DEFAULT_CONFIG });
const RUNBOOK = '.agent/cache/runbooks/x/OPS-1-runbook.md';

test('owner from text: a keyword (English or French) first, else the first @mention; not an e-mail address', () => {
  const cases: Array<[string, string | null]> = [
    ['fix it (owner @ana)', 'ana'],
    ['fix it owner: bob', 'bob'],
    ['fix it, responsable @Léa', 'Léa'],
    ['assignee=carl', 'carl'],
    ['assigné @dédé', 'dédé'],
    ['assignée @zoé', 'zoé'],
    ['porteur @marc', 'marc'],
    ['who @who', 'who'],
    ['ping @first then @second', 'first'],
    ['(@paren) first', 'paren'],
    ['a,@comma', 'comma'],
    ['mail me@example.com', null],
    ['trailing dot @ana.', 'ana'],
    ['no owner at all', null],
    ['Decide the owner of the DB', null],
    ['Find out who broke it', null],
    ['owner:@dee', 'dee'],
    ['@start of line', 'start'],
  ];
  for (const [text, owner] of cases) assert.equal(ownerFromText(text), owner, text);
});

test('due date from text: due, échéance, deadline, avant le, by — with or without a colon', () => {
  const cases: Array<[string, string | null]> = [
    ['x due 2026-01-02', '2026-01-02'],
    ['x (due: 2026-01-03)', '2026-01-03'],
    ['x échéance 2026-01-04', '2026-01-04'],
    ['x echeance=2026-01-05', '2026-01-05'],
    ['x Deadline 2026-01-06', '2026-01-06'],
    ['x avant le 2026-01-07', '2026-01-07'],
    ['x by 2026-01-08', '2026-01-08'],
    ['x 2026-01-09', null],
    ['x due soon', null],
    ['overdue 2026-01-10', null],
    ['(échéance 2026-01-11)', '2026-01-11'],
  ];
  for (const [text, due] of cases) assert.equal(dueFromText(text), due, text);
});

test('task items: only checkboxes under an action heading; the metadata group is not part of the text', () => {
  const text = [
    '# Post-mortem: x',
    '',
    '- [ ] before any heading',
    '',
    '## Action items',
    '- [ ] AI 1 : Add an alert (owner @ana, due 2026-01-02)',
    '- plain bullet',
    '* [X] upper-case X done',
    '3) [ ] ordered with paren (responsable @léa)',
    '- [ ] keeps (a note) in the text',
    '',
    '### Sub-section',
    '- [ ] under a sub-heading still counts',
    '',
    '## Notes',
    '- [ ] not an action',
  ].join('\n');
  const actions = parse(text, 'docs/post-mortems/x.md').actions;
  assert.deepEqual(
    actions.map((action) => [action.index, action.text, action.owner, action.due, action.done, action.line]),
    [
      [1, 'AI 1 : Add an alert', 'ana', '2026-01-02', false, 6],
      [2, 'upper-case X done', null, null, true, 8],
      [3, 'ordered with paren', 'léa', null, false, 9],
      [4, 'keeps (a note) in the text', null, null, false, 10],
      [5, 'under a sub-heading still counts', null, null, false, 13],
    ],
  );
  for (const action of actions) assert.equal(text[action.checkboxOffset!], action.done ? 'X' : ' ');
  assert.ok(text.slice(0, actions[0].appendOffset).endsWith('(owner @ana, due 2026-01-02)'), 'appends after the item text');
});

test('a French metadata group is not part of the text either', () => {
  const [first, second] = parse("## Plan d'action\n- [ ] Réparer (responsable @léa, échéance 2026-01-02)\n- [ ] Vérifier (échéance 2026-01-03)\n").actions;
  assert.deepEqual([first.text, first.owner, first.due], ['Réparer', 'léa', '2026-01-02']);
  assert.deepEqual([second.text, second.owner, second.due], ['Vérifier', null, '2026-01-03']);
});

test('action headings in French and as configured', () => {
  for (const heading of ['Follow-ups', 'Actions', 'Actions correctives', "Plan d'action", 'ACTION ITEMS']) {
    assert.equal(parse(`## ${heading}\n- [ ] x\n`).actions.length, 1, heading);
  }
  assert.equal(parse('## To do\n- [ ] x\n').actions.length, 0);
});

test('table items: column names in English and French, owner cells, done statuses, due column or text', () => {
  const text = [
    '## Plan d\'action',
    '',
    '| Tâche | Porteur | État | Échéance |',
    '|---|---|---|---|',
    '| Réparer | @léa | Fait | 2026-01-02 |',
    '| Vérifier | n/a | en cours | bientôt |',
    '| Tester | TBD | ✅ | |',
    '| Clore | — | terminée | 2026-01-03 |',
    '| | @x | | |',
  ].join('\n');
  const actions = parse(text).actions;
  assert.deepEqual(
    actions.map((action) => [action.text, action.owner, action.due, action.done, action.form, action.hasStatusColumn]),
    [
      ['Réparer', 'léa', '2026-01-02', true, 'table', true],
      ['Vérifier', null, null, false, 'table', true],
      ['Tester', null, null, true, 'table', true],
      ['Clore', null, '2026-01-03', true, 'table', true],
    ],
  );
  const english = parse('## Actions\n\n| Action items | Who |\n|---|---|\n| Fix (due 2026-02-03) | @bob |\n| Ship | closed |\n').actions;
  assert.deepEqual(english.map((action) => [action.text, action.owner, action.due, action.hasStatusColumn]), [
    ['Fix (due 2026-02-03)', 'bob', '2026-02-03', false],
    ['Ship', 'closed', null, false],
  ]);
  assert.deepEqual(parse('## Actions\n\n| Action | Notes |\n|---|---|\n| a | b |\n').actions, [], 'no owner and no status column: not an action table');
  assert.deepEqual(parse('## Actions\n\n| Thing | Owner |\n|---|---|\n| a | b |\n').actions, [], 'no action column');
  const done = ['done', 'Fait', 'terminé', 'Terminée', 'closed', 'fermé', 'fermée', '✅ DONE', 'DONE (2026-01-02)'];
  for (const status of done) assert.equal(parse(`## Actions\n\n| Action | Status |\n|---|---|\n| a | ${status} |\n`).actions[0].done, true, status);
  for (const status of ['open', 'undone', 'not started', '']) assert.equal(parse(`## Actions\n\n| Action | Statut |\n|---|---|\n| a | ${status} |\n`).actions[0].done, false, status);
});

test('status line: the forms it is written in, the value upper-cased, an acceptance record in English or French', () => {
  const cases: Array<[string, string, { by: string; at: string } | null]> = [
    ['Status: PROPOSED', 'PROPOSED', null],
    ['**Status:** accepted — accepted by Bo on 2026-11-02', 'ACCEPTED', { by: 'Bo', at: '2026-11-02' }],
    ['__Status__: `Draft`', 'DRAFT', null],
    ['Statut : ACCEPTED – accepté par Zoé Dupont le 2026-11-03', 'ACCEPTED', { by: 'Zoé Dupont', at: '2026-11-03' }],
    ['status:ACCEPTED - accepte par X on 2026-11-04', 'ACCEPTED', { by: 'X', at: '2026-11-04' }],
    ['  Status: in_review', 'IN_REVIEW', null],
  ];
  for (const [line, value, acceptance] of cases) {
    const text = `# OPS-1: t\n\n${line}\n`;
    const status = parse(text, RUNBOOK).runbook?.status;
    assert.ok(status, line);
    assert.equal(status.value, value, line);
    assert.equal(status.source, 'body');
    assert.equal(status.line, 3);
    assert.equal(text.slice(status.valueRange.start, status.valueRange.end).toUpperCase(), value, line);
    assert.deepEqual(status.acceptance, acceptance, line);
    if (status.recordRange) assert.match(text.slice(status.recordRange.start, status.recordRange.end), /^ [—–-] /);
  }
  assert.equal(parse('# OPS-1: t\n\nThe status: fine\n', RUNBOOK).runbook?.status ?? null, null, 'not at the start of a line');
  const front = parse('---\nkind: runbook\nstatus: "PROPOSED"\n---\n# OPS-1: t\n', RUNBOOK).runbook?.status;
  assert.deepEqual([front?.source, front?.value, front?.line], ['frontmatter', 'PROPOSED', 3]);
});

test('compliance items: roles matched to the configuration case-insensitively, records read, unknown roles reported', () => {
  const text = [
    '# OPS-1: t',
    '',
    '## Compliance Checklist',
    '- [x] @security approved? — approved by Ana on 2026-11-01',
    '- [ ] @QA approved? - approuvé par Léa le 2026-11-02',
    '- [x] @Legal approved?',
    '- [ ] no role here',
    '- @Docs without a box',
    '',
    '## Other',
    '- [x] @Docs approved?',
  ].join('\n');
  const doc = parse(text, RUNBOOK);
  const items = doc.runbook!.compliance;
  assert.deepEqual(
    items.map((item) => [item.role, item.checked, item.known, item.approval, item.line]),
    [
      ['Security', true, true, { by: 'Ana', at: '2026-11-01' }, 4],
      ['QA', false, true, { by: 'Léa', at: '2026-11-02' }, 5],
      ['Legal', true, false, null, 6],
    ],
  );
  assert.equal(doc.runbook!.complianceHeadingLine, 3);
  assert.deepEqual(doc.findings, [
    {
      rule: 'compliance-unknown-role',
      severity: 'warning',
      message: 'unknown role @Legal in the compliance checklist (known roles: @Security, @Architect, @QA, @Docs, @Compliance, @Observability)',
      french: 'rôle inconnu @Legal dans la liste de conformité (rôles connus : @Security, @Architect, @QA, @Docs, @Compliance, @Observability)',
      file: RUNBOOK,
      line: 6,
      data: { role: 'Legal' },
    },
  ]);
  assert.equal(text.slice(items[0].approvalRange!.start, items[0].approvalRange!.end), ' — approved by Ana on 2026-11-01');
  assert.equal(items[0].lineEndOffset, text.indexOf('\n', text.indexOf('@security')));
});

test('missing approvals: configured roles not ticked or absent, then listed roles not ticked', () => {
  const doc = parse('# OPS-1: t\n\n## Compliance Checklist\n- [x] @Security approved?\n- [ ] @qa approved?\n- [ ] @Legal approved?\n- [x] @Extra approved?\n', RUNBOOK);
  const runbook = doc.runbook!;
  assert.deepEqual(missingApprovals(runbook, ['Security', 'QA', 'Docs']), ['QA', 'Docs', 'Legal']);
  assert.deepEqual(missingApprovals(runbook, ['security']), ['QA', 'Legal']);
});

test('kind: declared in frontmatter, else by folder (case-insensitive, configured), else by title or file name', () => {
  const kind = (text: string, file: string, config = DEFAULT_CONFIG): string => parseDocument(text, { file, config }).kind;
  assert.equal(kind('---\nkind: handoff\n---\n# RCA: x\n', 'DOCS/incidents/x-rca.md'), 'handoff');
  assert.equal(kind('---\nkind: nonsense\n---\n# x\n', 'DOCS/incidents/x.md'), 'rca', 'an unknown declared kind is ignored');
  assert.equal(kind('# x\n', 'docs/INCIDENTS/x.md'), 'rca');
  assert.equal(kind('# x\n', 'DOCS/incidents-old/x.md'), 'other', 'a folder is a whole path segment');
  for (const [file, expected] of [
    ['.agent/cache/stories/S-1.md', 'story'],
    ['.agent/cache/runbooks/a/x.md', 'runbook'],
    ['docs/post-mortems/x.md', 'postmortem'],
    ['docs/handoffs/x.md', 'handoff'],
    ['docs/runbooks/x.md', 'incident-runbook'],
  ]) {
    assert.equal(kind('# x\n', file), expected, file);
  }
  assert.equal(kind('# x\n', 'ops/x.md', { ...DEFAULT_CONFIG, handoffsFolder: './ops/' }), 'handoff');
  assert.equal(kind('# x\n', 'x.md', { ...DEFAULT_CONFIG, handoffsFolder: '.' }), 'other', 'the workspace root is no kind\'s folder');
  const byContent: Array<[string, string, string]> = [
    ['# Post-mortem : panne', 'notes/a.md', 'postmortem'],
    ['# Postmortem: x', 'notes/a.md', 'postmortem'],
    ['# RCA: x', 'notes/a.md', 'rca'],
    ['# Root cause analysis of x', 'notes/a.md', 'rca'],
    ['# Tracas', 'notes/a-rca.md', 'rca'],
    ['# Tracas', 'notes/arca.md', 'other'],
    ['# Runbook: deploys', 'notes/a.md', 'incident-runbook'],
    ['# Hand-off: on call', 'notes/a.md', 'handoff'],
    ['# Handoff notes', 'notes/a.md', 'handoff'],
    ['# Notes', 'notes/a.md', 'other'],
  ];
  for (const [title, file, expected] of byContent) assert.equal(kind(`${title}\n`, file), expected, title);
  assert.equal(kind('# Notes\n\n## Compliance Checklist\n- [ ] @QA approved?\n', 'notes/a.md'), 'runbook', 'a checklist makes a runbook');
});

test('title: the first level-1 heading, else the first heading, else the frontmatter title; incident titles lose their prefix', () => {
  const doc = (text: string, file = 'notes/a.md'): ParsedDocument => parse(text, file);
  assert.deepEqual([doc('## Sub\n\n# Main\n').title, doc('## Sub\n\n# Main\n').titleLine], ['Main', 3]);
  assert.equal(doc('## Only sub\n').title, 'Only sub');
  assert.equal(doc('---\ntitle: From frontmatter\n---\ntext\n').title, 'From frontmatter');
  assert.deepEqual([doc('text\n').title, doc('text\n').titleLine], [null, 1]);
  for (const [heading, title] of [
    ['Post-mortem : Panne réseau', 'Panne réseau'],
    ['RCA — Queue stall', 'Queue stall'],
    ['Incident: DNS', 'DNS'],
    ['postmortem - x', 'x'],
    ['RCA:', 'RCA:'],
    ['Queue stall', 'Queue stall'],
  ]) {
    assert.equal(doc(`# ${heading}\n`, 'DOCS/incidents/y-rca.md').incident?.title, title, heading);
  }
});

test('stories list no actions; compliance findings only in runbooks', () => {
  assert.deepEqual(parse('# S-1: x\n\n## Action items\n- [ ] a\n', '.agent/cache/stories/S-1.md').actions, []);
  const notRunbook = parse('# RCA: x\n\n## Compliance Checklist\n- [ ] @Legal approved?\n', 'DOCS/incidents/x-rca.md');
  assert.deepEqual([notRunbook.runbook, notRunbook.findings], [null, []]);
});
