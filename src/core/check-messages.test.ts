/**
 * Each rule's whole finding (message in English and French, line, severity, data) where a partial match would let a
 * wrong word, a lost separator or empty data through: late first response, update interval, stale and unauthorized
 * approvals (PROPOSED and ACCEPTED), two shared traits of a recurrence, an unfilled post-mortem, and the workspace
 * rules switched off by a disable comment.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument, checkWorkspace } from './check';
import { DEFAULT_CONFIG, resolveConfig } from './config';
import type { RunbookConfig } from './config';
import { parseDocument } from './parse/document';

const parse = (file: string, text: string, config: RunbookConfig = DEFAULT_CONFIG) => parseDocument(text, { file, config });
const LANGUAGES = ['en', 'fr'] as const;

test('incident-response-overdue: a response that came late, in both languages, with its due and response times as data', () => {
  const doc = parse('docs/post-mortems/2026-11-20-x.md', '---\nseverity: SEV1\nstatus: open\n---\n# Post-mortem: x\n\n## Timeline\n- 14:02 détection\n- 14:18 triage\n');
  const expected = {
    en: 'SEV1 first response came at 2026-11-20 14:18, after its target of 2026-11-20 14:17 (15m after detection at 2026-11-20 14:02)',
    fr: 'SEV1 première prise en charge à 2026-11-20 14:18, après son objectif de 2026-11-20 14:17 (15m après la détection à 2026-11-20 14:02)',
  };
  for (const language of LANGUAGES) {
    assert.deepEqual(checkDocument(doc, new Date(2026, 10, 20, 14, 40), DEFAULT_CONFIG, language), [
      {
        rule: 'incident-response-overdue',
        severity: 'warning',
        message: expected[language],
        file: 'docs/post-mortems/2026-11-20-x.md',
        line: 3,
        data: { dueAt: '2026-11-20T14:17', respondedAt: '2026-11-20T14:18', severity: 'SEV1' },
      },
    ]);
  }
});

test('incident-update-overdue: the last entry, the time an update was due, and the severity as data', () => {
  const doc = parse('docs/post-mortems/2026-11-20-x.md', '---\nseverity: SEV2\nstatus: mitigated\n---\n# Post-mortem: x\n\n## Timeline\n- 14:02 détection\n- 14:05 triage\n- 14:29 mitigation\n');
  assert.deepEqual(checkDocument(doc, new Date(2026, 10, 20, 15, 0), DEFAULT_CONFIG), [
    {
      rule: 'incident-update-overdue',
      severity: 'warning',
      message: 'SEV2 incident not updated since 2026-11-20 14:29: an update was due by 2026-11-20 14:59 (every 30m)',
      file: 'docs/post-mortems/2026-11-20-x.md',
      line: 3,
      data: { dueAt: '2026-11-20T14:59', lastEntryAt: '2026-11-20T14:29', severity: 'SEV2' },
    },
  ]);
});

const APPROVERS = resolveConfig({ approvers: { QA: ['Bob', 'Carol'] } }, 'test');
const approvals = (status: string) =>
  parse(
    'rb.md',
    `# X-1: Test\n\nStatus: ${status}\n\n## Compliance Checklist\n- [x] @Security approved? — approved by Ann on 2026-11-01 (0000000)\n- [x] @QA approved?\n- [x] @QA approved? — approved by Dan on 2026-11-01\n`,
    APPROVERS,
  );

test('approval rules: stale (a warning while PROPOSED, an error naming reopening once ACCEPTED) and unauthorized, with two approvers listed', () => {
  const messages = {
    en: {
      stale: '@Security was approved by Ann on 2026-11-01 (0000000); the runbook has changed since (now 0bac8ae): re-approve it',
      reopen: ', or reopen the runbook',
      unrecorded: '@QA is checked with no approver recorded; its approvers are Bob, Carol',
      stranger: '@QA was approved by Dan, who is not among its approvers (Bob, Carol)',
      missing: 'runbook is ACCEPTED but approvals are missing from @Architect, @Docs, @Compliance, @Observability',
    },
    fr: {
      stale: "@Security a été approuvé par Ann le 2026-11-01 (0000000) ; le runbook a changé depuis (maintenant 0bac8ae) : approuvez-le de nouveau",
      reopen: ', ou rouvrez le runbook',
      unrecorded: '@QA est coché sans approbateur enregistré ; ses approbateurs sont Bob, Carol',
      stranger: "@QA a été approuvé par Dan, qui n'est pas parmi ses approbateurs (Bob, Carol)",
      missing: 'runbook ACCEPTÉ mais il manque les approbations de @Architect, @Docs, @Compliance, @Observability',
    },
  };
  const stale = { role: 'Security', by: 'Ann', recorded: '0000000', current: '0bac8ae' };
  const approvers = ['Bob', 'Carol'];
  for (const language of LANGUAGES) {
    const text = messages[language];
    const unauthorized = [
      { rule: 'approval-unauthorized', severity: 'error', message: text.unrecorded, file: 'rb.md', line: 7, data: { role: 'QA', by: null, approvers } },
      { rule: 'approval-unauthorized', severity: 'error', message: text.stranger, file: 'rb.md', line: 8, data: { role: 'QA', by: 'Dan', approvers } },
    ];
    assert.deepEqual(checkDocument(approvals('PROPOSED'), '2026-11-12', APPROVERS, language), [
      { rule: 'approval-stale', severity: 'warning', message: text.stale, file: 'rb.md', line: 6, data: stale },
      ...unauthorized,
    ]);
    assert.deepEqual(checkDocument(approvals('ACCEPTED'), '2026-11-12', APPROVERS, language), [
      {
        rule: 'accepted-missing-approvals',
        severity: 'error',
        message: text.missing,
        file: 'rb.md',
        line: 3,
        data: { missing: ['Architect', 'Docs', 'Compliance', 'Observability'] },
      },
      { rule: 'approval-stale', severity: 'error', message: text.stale + text.reopen, file: 'rb.md', line: 6, data: stale },
      ...unauthorized,
    ]);
  }
});

test('incident-recurrence: two shared traits listed with a separator, the other incidents\' files as data', () => {
  const rca = (day: string) =>
    parse(`DOCS/incidents/2026-11-${day}-x${day}-rca.md`, `---\nkind: rca\ntitle: X${day}\ndate: 2026-11-${day}\nseverity: SEV-2\nstatus: open\nservice: db\ntags: [dns]\n---\n# RCA: X${day}\n`);
  const others = 'DOCS/incidents/2026-11-01-x01-rca.md (2026-11-01), DOCS/incidents/2026-11-02-x02-rca.md (2026-11-02)';
  const expected = {
    en: `3 similar incidents within 30 days (service db, tag dns): ${others}; escalate beyond the on-call`,
    fr: `3 incidents similaires en 30 jours (service db, tag dns) : ${others} ; escaladez au-delà de l'astreinte`,
  };
  for (const language of LANGUAGES) {
    assert.deepEqual(checkWorkspace([rca('01'), rca('02'), rca('03')], '2026-11-20', DEFAULT_CONFIG, language), [
      {
        rule: 'incident-recurrence',
        severity: 'warning',
        message: expected[language],
        file: 'DOCS/incidents/2026-11-03-x03-rca.md',
        line: 10,
        data: { others: ['DOCS/incidents/2026-11-01-x01-rca.md', 'DOCS/incidents/2026-11-02-x02-rca.md'], shared: ['service db', 'tag dns'] },
      },
    ]);
  }
});

const PM_TEMPLATE = '## Root cause\n<!-- One paragraph: what broke, and why. -->\n\n## Action items\n<!-- One task per action item:\n- [ ] AI 1 : <description> (owner @who, due YYYY-MM-DD)\n-->\n\n## Lessons learned\n<!-- What to keep in mind. -->\n';
const unfilled = (body: string) =>
  parse(
    'docs/post-mortems/2026-11-10-db-failover.md',
    `---\nkind: postmortem\ntitle: DB failover\ndate: 2026-11-10\nseverity: SEV1\nstatus: resolved\n---\n# Post-mortem: DB failover\n\n## Timeline\n- 10:00 detection\n- 11:00 service restored\n\n${body}`,
  );

test('postmortem-overdue in French: the unfilled sections named in French, reason, sections and due day as data', () => {
  assert.deepEqual(checkWorkspace([unfilled(PM_TEMPLATE)], '2026-11-18', DEFAULT_CONFIG, 'fr'), [
    {
      rule: 'postmortem-overdue',
      severity: 'warning',
      message: "incident SEV1 résolu le 2026-11-10 : le post-mortem n'a toujours pas de cause racine, actions, leçons apprises ; il était attendu avant le 2026-11-17 (7 jours)",
      file: 'docs/post-mortems/2026-11-10-db-failover.md',
      line: 14,
      data: { reason: 'unfilled', sections: ['root-cause', 'action-items', 'lessons-learned'], dueOn: '2026-11-17' },
    },
  ]);
});

test('a workspace rule is switched off by a disable comment naming it in its document, not by one naming another rule', () => {
  const off = unfilled(`<!-- runbook-disable-file postmortem-overdue -->\n${PM_TEMPLATE}`);
  assert.deepEqual(checkWorkspace([off], '2026-11-18', DEFAULT_CONFIG), []);
  const other = unfilled(`<!-- runbook-disable-file incident-recurrence -->\n${PM_TEMPLATE}`);
  assert.deepEqual(
    checkWorkspace([other], '2026-11-18', DEFAULT_CONFIG).map((finding) => [finding.rule, finding.line]),
    [['postmortem-overdue', 15]],
  );
});
