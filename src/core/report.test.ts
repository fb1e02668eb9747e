/**
 * The listing rows (CLI listings, sidebar, report): filters, order, and the overdue flag at its boundary — the same
 * rule as `check` (isOverdue), so a list and a check never disagree on "due today".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from './check';
import { DEFAULT_CONFIG } from './config';
import type { ParsedDocument } from './model';
import { parseDocument } from './parse/document';
import { actionRows, incidentRows, runbookRows } from './report';

const TODAY = '2026-11-23';
const NOW = new Date(2026, 10, 23, 12);
const parse = (file: string, text: string): ParsedDocument => parseDocument(text, { file, config: DEFAULT_CONFIG });

const POSTMORTEM = parse(
  'docs/post-mortems/2026-11-20-b.md',
  [
    '# Post-mortem: disk',
    '',
    'Severity: SEV2',
    '',
    '## Action items',
    '- [ ] tomorrow (owner @Ana, due 2026-11-24)',
    '- [ ] today (owner @bob, due 2026-11-23)',
    '- [ ] yesterday (owner @ana, due 2026-11-22)',
    '- [x] done long ago (owner @ana, due 2026-01-01)',
    '- [ ] whenever',
    '',
  ].join('\n'),
);
const RCA = parse(
  'DOCS/incidents/2026-11-21-a-rca.md',
  '# RCA: network\n\nSeverity: SEV1\nStatus: resolved\n\n## Action items\n- [ ] last week (owner @bob, due 2026-11-16)\n',
);

test('actions: due yesterday is overdue, due today and tomorrow are not, done never; the same items check reports', () => {
  const rows = actionRows([POSTMORTEM], TODAY);
  const overdue = Object.fromEntries(rows.map((row) => [row.text, row.overdue]));
  assert.deepEqual(overdue, { yesterday: true, today: false, tomorrow: false, 'done long ago': false, whenever: false });
  const checked = checkDocument(POSTMORTEM, TODAY, DEFAULT_CONFIG).filter((finding) => finding.rule === 'action-overdue');
  assert.deepEqual(
    checked.map((finding) => finding.line),
    rows.filter((row) => row.overdue).map((row) => row.line),
  );
});

test('actions: overdue first, then by due date (none last), then file and line; every field of a row', () => {
  const rows = actionRows([POSTMORTEM, RCA], TODAY);
  assert.deepEqual(
    rows.map((row) => row.text),
    ['last week', 'yesterday', 'done long ago', 'today', 'tomorrow', 'whenever'],
  );
  assert.deepEqual(rows[0], {
    file: 'DOCS/incidents/2026-11-21-a-rca.md',
    line: 7,
    index: 1,
    text: 'last week',
    owner: 'bob',
    due: '2026-11-16',
    done: false,
    cancelled: false,
    completed: null,
    priority: null,
    overdue: true,
  });
  // Same due date: by file, then by line.
  const twin = parse('a/twin.md', '## Action items\n- [ ] second (due 2026-11-24)\n- [ ] third (due 2026-11-24)\n');
  assert.deepEqual(
    actionRows([POSTMORTEM, twin], TODAY).filter((row) => row.due === '2026-11-24').map((row) => `${row.file}:${row.line}`),
    ['a/twin.md:2', 'a/twin.md:3', 'docs/post-mortems/2026-11-20-b.md:6'],
  );
  // Same file and due date given out of order (two parses of one file): by line.
  const later = parse('a/same.md', '\n\n\n\n## Action items\n- [ ] later (due 2026-12-01)\n');
  const earlier = parse('a/same.md', '## Action items\n- [ ] earlier (due 2026-12-01)\n');
  assert.deepEqual(actionRows([later, earlier], TODAY).map((row) => row.line), [2, 6]);
});

test('actions: filters by open, overdue and owner (with or without @, any case), combined', () => {
  const texts = (filter: Parameters<typeof actionRows>[2]): string[] => actionRows([POSTMORTEM, RCA], TODAY, filter).map((row) => row.text);
  assert.deepEqual(texts({ open: true }), ['last week', 'yesterday', 'today', 'tomorrow', 'whenever']);
  assert.deepEqual(texts({ overdue: true }), ['last week', 'yesterday']);
  assert.deepEqual(texts({ owner: '@ANA' }), ['yesterday', 'done long ago', 'tomorrow']);
  assert.deepEqual(texts({ owner: 'ana', open: true }), ['yesterday', 'tomorrow']);
  assert.deepEqual(texts({ owner: 'bob', overdue: true }), ['last week']);
  assert.deepEqual(texts({ owner: 'nobody' }), []);
  assert.deepEqual(texts({ owner: 'an@a' }), [], 'only a leading @ is dropped');
  assert.deepEqual(texts({ open: false, overdue: false }), texts({}));
});

test('incidents: most severe first, then newest, then file; open filter drops resolved; counts open actions', () => {
  const older = parse('docs/post-mortems/2026-10-01-c.md', '# Post-mortem: old\n\nSeverity: SEV2\n');
  const unrated = parse('docs/post-mortems/2026-12-01-d.md', '# Post-mortem: unrated\n');
  const sameDay = parse('docs/post-mortems/2026-11-20-a.md', '# Post-mortem: same day\n\nSeverity: SEV2\n');
  const rows = incidentRows([unrated, older, POSTMORTEM, RCA, sameDay], DEFAULT_CONFIG, NOW);
  assert.deepEqual(
    rows.map((row) => [row.title, row.severity, row.date]),
    [
      ['network', 'SEV1', '2026-11-21'],
      ['same day', 'SEV2', '2026-11-20'],
      ['disk', 'SEV2', '2026-11-20'],
      ['old', 'SEV2', '2026-10-01'],
      ['unrated', null, '2026-12-01'],
    ],
  );
  assert.deepEqual(rows[2], {
    file: 'docs/post-mortems/2026-11-20-b.md',
    line: 1,
    kind: 'postmortem',
    title: 'disk',
    date: '2026-11-20',
    severity: 'SEV2',
    status: 'open',
    openActions: 4,
    detectedAt: null,
    respondedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    downtimeMinutes: null,
    responseDueAt: null,
    responseOverdue: false,
    related: [],
  });
  assert.deepEqual(
    incidentRows([RCA, POSTMORTEM], DEFAULT_CONFIG, NOW, { open: true }).map((row) => row.title),
    ['disk'],
  );
  const pOrder = ['P3', 'SEV4', 'P0', 'SEV3', 'P1', 'SEV1', 'P2', 'SEV2'].map((severity, index) =>
    parse(`docs/post-mortems/2026-01-0${index + 1}-x.md`, `# Post-mortem: ${severity}\n\nSeverity: ${severity}\n`),
  );
  assert.deepEqual(
    incidentRows(pOrder, DEFAULT_CONFIG, NOW).map((row) => row.severity),
    ['P0', 'SEV1', 'P1', 'SEV2', 'P2', 'SEV3', 'P3', 'SEV4'],
  );
  assert.deepEqual(incidentRows([parse('notes/x.md', '# Notes\n')], DEFAULT_CONFIG, NOW), [], 'not an incident');
  // Undated incidents come after dated ones of the same severity, then by file.
  const undatedB = parse('docs/post-mortems/b-undated.md', '# Post-mortem: b\n\nSeverity: SEV2\n');
  const undatedA = parse('docs/post-mortems/a-undated.md', '# Post-mortem: a\n\nSeverity: SEV2\n');
  assert.deepEqual(
    incidentRows([undatedB, older, undatedA], DEFAULT_CONFIG, NOW).map((row) => row.file),
    ['docs/post-mortems/2026-10-01-c.md', 'docs/post-mortems/a-undated.md', 'docs/post-mortems/b-undated.md'],
  );
});

test('runbooks: approvals and missing roles, status filter case-insensitive, sorted by file; title line without status', () => {
  const full = parse('rb/b.md', `# B\n\nStatus: ACCEPTED\n\n## Compliance Checklist\n${DEFAULT_CONFIG.roles.map((role) => `- [x] @${role} approved?`).join('\n')}\n`);
  const partial = parse('rb/a.md', '# A\n\nStatus: PROPOSED\n\n## Compliance Checklist\n- [x] @QA approved?\n- [ ] @Docs approved?\n');
  const noStatus = parse('rb/c.md', 'intro\n\n# C\n\n## Compliance Checklist\n- [ ] @QA approved?\n');
  const rows = runbookRows([full, noStatus, partial, RCA], DEFAULT_CONFIG);
  assert.deepEqual(rows, [
    { file: 'rb/a.md', line: 3, title: 'A', status: 'PROPOSED', approved: ['QA'], missing: ['Security', 'Architect', 'Docs', 'Compliance', 'Observability'], stale: [], unauthorized: [] },
    { file: 'rb/b.md', line: 3, title: 'B', status: 'ACCEPTED', approved: [...DEFAULT_CONFIG.roles], missing: [], stale: [], unauthorized: [] },
    { file: 'rb/c.md', line: 3, title: 'C', status: null, approved: [], missing: [...DEFAULT_CONFIG.roles], stale: [], unauthorized: [] },
  ]);
  assert.deepEqual(runbookRows([full, partial], DEFAULT_CONFIG, { status: 'accepted' }).map((row) => row.file), ['rb/b.md']);
  assert.deepEqual(runbookRows([full, partial], DEFAULT_CONFIG, { status: 'draft' }), []);
});
