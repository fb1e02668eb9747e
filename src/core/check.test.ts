/**
 * The rule table and each rule at its boundary: ids and severities pinned here (CI filters depend on them), the
 * overdue rule at yesterday / today / tomorrow, and acceptance with exactly one approval missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approveEdits } from './approvals';
import { checkDocument, checkWorkspace, RULES } from './check';
import { DEFAULT_CONFIG, resolveConfig } from './config';
import { applyEdits } from './edits';
import { isOverdue } from './dates';
import type { Finding, ParsedDocument, RuleId } from './model';
import { parseDocument } from './parse/document';
import type { WorkspaceFiles } from './host';
import { decodeDocument, tooLargeFinding, walkMarkdownFiles } from './workspace';

const TODAY = '2026-11-23';
const ROLES = DEFAULT_CONFIG.roles;

const parse = (text: string, file = 'doc.md'): ParsedDocument => parseDocument(text, { file, config: DEFAULT_CONFIG });
const rulesOf = (findings: Finding[]): string[] => findings.map((finding) => finding.rule);

/** A runbook with `Status: <status>` and a checklist where `approved` roles are ticked. */
function runbook(status: string, approved: readonly string[], roles: readonly string[] = ROLES): string {
  const lines = roles.map((role) => `- [${approved.includes(role) ? 'x' : ' '}] @${role} approved?`);
  return `# OPS-1: t\n\nStatus: ${status}\n\n## Compliance Checklist\n${lines.join('\n')}\n`;
}

test('the rule table: every rule id, its severity, and a description (ids are public: never renamed)', () => {
  const expected: Record<RuleId, 'error' | 'warning'> = {
    'action-overdue': 'warning',
    'action-no-owner': 'warning',
    'postmortem-action-no-due': 'warning',
    'accepted-missing-approvals': 'error',
    'frontmatter-malformed': 'error',
    'compliance-unknown-role': 'warning',
    'table-malformed': 'warning',
    'file-unreadable': 'error',
    'file-too-large': 'warning',
    'approval-stale': 'warning',
    'approval-unauthorized': 'error',
    'document-too-complex': 'warning',
    'path-skipped': 'warning',
    'incident-response-overdue': 'warning',
    'incident-update-overdue': 'warning',
    'incident-recurrence': 'warning',
    'postmortem-overdue': 'warning',
  };
  assert.deepEqual(
    Object.fromEntries(Object.entries(RULES).map(([id, rule]) => [id, rule.severity])),
    expected,
  );
  for (const [id, rule] of Object.entries(RULES)) assert.ok(rule.description.length > 10, `${id} has a description`);
});

test('every finding carries the severity of its rule in the table, wherever it is produced', async () => {
  const findings: Finding[] = [
    ...checkDocument(parse('# Post-mortem: x\n\n## Action items\n- [ ] no owner no due\n- [ ] late @a due 2026-01-01\n', 'docs/post-mortems/x.md'), TODAY, DEFAULT_CONFIG),
    ...checkDocument(parse(runbook('ACCEPTED', ['Security'], [...ROLES, 'Legal'])), TODAY, DEFAULT_CONFIG),
    ...checkDocument(parse('---\nbad: [unclosed\n---\n# X\n'), TODAY, DEFAULT_CONFIG),
    ...checkDocument(parse('# RCA: t\n\n## Action items\n| # | Action | Owner | Status |\n|---|---|---|---|\n| 1 | short |\n'), TODAY, DEFAULT_CONFIG),
  ];
  // An approval by someone not among the role's approvers, and one given before the content changed.
  const approvers = resolveConfig({ approvers: { QA: ['Bob'] } }, 'test');
  const byAlice = '# OPS-1: t\n\nStatus: PROPOSED\n\n## Compliance Checklist\n- [ ] @QA approved?\n\n## Steps\n- one\n';
  const approved = applyEdits(byAlice, approveEdits(byAlice, parse(byAlice), 'QA', { by: 'Alice', date: TODAY, time: '10:00' }, DEFAULT_CONFIG));
  findings.push(...checkDocument(parse(approved.replace('- one', '- two')), TODAY, DEFAULT_CONFIG));
  findings.push(...checkDocument(parseDocument(approved, { file: 'doc.md', config: approvers }), TODAY, approvers).filter((finding) => finding.rule === 'approval-unauthorized'));
  const unreadable = decodeDocument(new Uint8Array([0x23, 0x0a, 0xe9, 0x0a]), 'latin1.md');
  assert.ok('finding' in unreadable);
  findings.push(unreadable.finding, tooLargeFinding('huge.md', 3 * 1024 * 1024, DEFAULT_CONFIG));
  // A document nested past the parser's bound, and a special file the walk does not open.
  findings.push(...checkDocument(parse(`## Action items\n${'- '.repeat(200)}x\n`), TODAY, DEFAULT_CONFIG));
  // An open SEV1 detected at 09:00 with no response and no entry since, checked at noon: both incident rules.
  findings.push(...checkDocument(parse('# Post-mortem: db\n\nSeverity: SEV1\nStatus: open\n\n## Timeline\n- 09:00 detection\n', `docs/post-mortems/${TODAY}-db.md`), TODAY, DEFAULT_CONFIG));
  const fifo: WorkspaceFiles = {
    readFile: () => Promise.reject(new Error('never read')),
    stat: async () => null,
    readDirectory: async (path) => (path === '' ? [['pipe.md', 'other', { reason: { en: 'a FIFO', fr: 'une FIFO' } }]] : []),
    createFile: async () => false,
  };
  findings.push(...(await walkMarkdownFiles(fifo, DEFAULT_CONFIG)).findings);
  // Three resolved SEV2s of one service in a week with no post-mortem, weeks ago: the two workspace rules.
  const similar = (day: string): ParsedDocument =>
    parse(`---\nkind: rca\ntitle: R${day}\ndate: 2026-11-${day}\nseverity: SEV-2\nstatus: resolved\nservice: db\n---\n# RCA: R${day}\n`, `DOCS/incidents/2026-11-${day}-r-rca.md`);
  findings.push(...checkWorkspace([similar('01'), similar('02'), similar('03')], TODAY, DEFAULT_CONFIG));
  assert.deepEqual(new Set(rulesOf(findings)), new Set(Object.keys(RULES)), 'each rule is produced once here');
  for (const finding of findings) assert.equal(finding.severity, RULES[finding.rule].severity, finding.rule);
});

test('overdue: due yesterday is overdue, due today and tomorrow are not; a done or cancelled item never is', () => {
  assert.equal(isOverdue({ done: false, cancelled: false, due: '2026-11-22' }, TODAY), true);
  assert.equal(isOverdue({ done: false, cancelled: false, due: TODAY }, TODAY), false);
  assert.equal(isOverdue({ done: false, cancelled: false, due: '2026-11-24' }, TODAY), false);
  assert.equal(isOverdue({ done: true, cancelled: false, due: '2026-11-22' }, TODAY), false);
  assert.equal(isOverdue({ done: false, cancelled: false, due: null }, TODAY), false);
  assert.equal(isOverdue({ done: false, cancelled: true, due: '2026-11-22' }, TODAY), false);
  // Across a month and a year boundary, still by calendar date.
  assert.equal(isOverdue({ done: false, cancelled: false, due: '2026-10-31' }, '2026-11-01'), true);
  assert.equal(isOverdue({ done: false, cancelled: false, due: '2026-12-31' }, '2027-01-01'), true);
});

test('check: action-overdue for the item due yesterday only, naming its date and owner', () => {
  const text = '# Post-mortem: x\n\n## Action items\n- [ ] yesterday (owner @a, due 2026-11-22)\n- [ ] today (owner @b, due 2026-11-23)\n- [ ] tomorrow (owner @c, due 2026-11-24)\n- [x] done late (owner @d, due 2026-11-01)\n';
  const findings = checkDocument(parse(text, 'docs/post-mortems/x.md'), TODAY, DEFAULT_CONFIG);
  assert.deepEqual(findings, [
    {
      rule: 'action-overdue',
      severity: 'warning',
      message: 'action item overdue since 2026-11-22 (owner @a): yesterday',
      file: 'docs/post-mortems/x.md',
      line: 4,
      data: { index: 1 },
    },
  ]);
  const ownerless = checkDocument(parse('## Action items\n- [ ] nobody (due 2026-11-22)\n'), TODAY, DEFAULT_CONFIG);
  assert.deepEqual(
    ownerless.map((finding) => [finding.rule, finding.message]),
    [
      ['action-overdue', 'action item overdue since 2026-11-22: nobody'],
      ['action-no-owner', 'action item has no owner: nobody'],
    ],
  );
});

test('check: action-no-owner and postmortem-action-no-due only for open items, no-due only in post-mortems', () => {
  const items = '## Action items\n- [ ] open nothing\n- [x] done nothing\n- [ ] owned @a\n';
  const postmortem = checkDocument(parse(`# Post-mortem: x\n\n${items}`, 'docs/post-mortems/x.md'), TODAY, DEFAULT_CONFIG);
  assert.deepEqual(
    postmortem.map((finding) => [finding.rule, finding.line, finding.data]),
    [
      ['action-no-owner', 4, { index: 1 }],
      ['postmortem-action-no-due', 4, { index: 1 }],
      ['postmortem-action-no-due', 6, { index: 3 }],
    ],
  );
  assert.equal(postmortem[1].message, 'post-mortem action item has no due date: open nothing');
  const rca = checkDocument(parse(`# RCA: x\n\n${items}`, 'DOCS/incidents/x-rca.md'), TODAY, DEFAULT_CONFIG);
  assert.deepEqual(rulesOf(rca), ['action-no-owner']);
});

test('check: ACCEPTED with exactly one approval missing is an error naming that role, at the status line', () => {
  for (const missing of ROLES) {
    const doc = parse(runbook('ACCEPTED', ROLES.filter((role) => role !== missing)));
    assert.deepEqual(checkDocument(doc, TODAY, DEFAULT_CONFIG), [
      {
        rule: 'accepted-missing-approvals',
        severity: 'error',
        message: `runbook is ACCEPTED but approvals are missing from @${missing}`,
        file: 'doc.md',
        line: 3,
        data: { missing: [missing] },
      },
    ]);
  }
  assert.deepEqual(checkDocument(parse(runbook('ACCEPTED', ROLES)), TODAY, DEFAULT_CONFIG), [], 'six of six: clean');
  assert.deepEqual(checkDocument(parse(runbook('PROPOSED', [])), TODAY, DEFAULT_CONFIG), [], 'PROPOSED may be incomplete');
  const two = checkDocument(parse(runbook('ACCEPTED', ['Security', 'Architect', 'QA', 'Docs'])), TODAY, DEFAULT_CONFIG);
  assert.equal(two[0].message, 'runbook is ACCEPTED but approvals are missing from @Compliance, @Observability');
});

test('check: findings are sorted by line, parse findings (found first) included', () => {
  const text = '---\nbad: [unclosed\n---\n# RCA: x\n\n## Action items\n- [ ] b (owner @x, due 2026-01-02)\n- [ ] a\n';
  const findings = checkDocument(parse(text, 'DOCS/incidents/x-rca.md'), TODAY, DEFAULT_CONFIG);
  assert.deepEqual(findings.map((finding) => [finding.line, finding.rule]), [[3, 'frontmatter-malformed'], [7, 'action-overdue'], [8, 'action-no-owner']]);
  // A parse finding below the action items still comes after them.
  const below = '# RCA: y\n\n## Action items\n- [ ] a\n- [ ] b\n\n| Action | Owner | Status |\n|---|---|---|\n| c | @z |\n';
  assert.deepEqual(
    checkDocument(parse(below, 'DOCS/incidents/y-rca.md'), TODAY, DEFAULT_CONFIG).map((finding) => [finding.line, finding.rule]),
    [[4, 'action-no-owner'], [5, 'action-no-owner'], [9, 'table-malformed']],
  );
});
