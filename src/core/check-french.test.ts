/** Each check rule's message in French (`language: 'fr'`), and the same finding in English otherwise. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument, checkWorkspace } from './check';
import { DEFAULT_CONFIG, resolveConfig } from './config';
import { parseDocument } from './parse/document';

const parse = (file: string, text: string, config = DEFAULT_CONFIG) => parseDocument(text, { file, config });

const INCIDENT = parse(
  'docs/post-mortems/2026-11-12-panne.md',
  '---\nkind: postmortem\nseverity: SEV1\ndate: 2026-11-12\nstatus: open\n---\n# Post-mortem : Panne\n\n## Timeline\n- 14:02 détection\n\n## Action items\n- [ ] AI 1 : Sonde (owner @yan, due 2026-11-01)\n- [ ] AI 2 : Alerte\n',
);
const config = resolveConfig({ approvers: { QA: ['Someone Else'] } }, 'test');
const RUNBOOK = parse(
  '.agent/cache/runbooks/x/X-1-runbook.md',
  '# X-1: Test\n\nStatus: ACCEPTED\n\n## Compliance Checklist\n- [x] @Security approved? — approved by Ann on 2026-11-01 (0000000)\n- [x] @QA approved? — approved by Bob on 2026-11-01\n',
  config,
);

const EXPECTED_FR: Record<string, RegExp> = {
  'incident-response-overdue': /^SEV1 prise en charge en retard depuis 2026-11-12 14:17 \(15m après la détection à 2026-11-12 14:02\) ; ajoutez une entrée de triage/,
  'incident-update-overdue': /^SEV1 incident sans mise à jour depuis 2026-11-12 14:02 : une mise à jour était attendue avant/,
  'action-overdue': /^action en retard depuis le 2026-11-01 \(responsable @yan\) : AI 1 : Sonde$/,
  'action-no-owner': /^action sans responsable : AI 2 : Alerte$/,
  'postmortem-action-no-due': /^action de post-mortem sans échéance : AI 2 : Alerte$/,
  'accepted-missing-approvals': /^runbook ACCEPTÉ mais il manque les approbations de @Architect/,
  'approval-stale': /^@Security a été approuvé par Ann le 2026-11-01 \(0000000\) ; le runbook a changé depuis .* ou rouvrez le runbook$/,
  'approval-unauthorized': /^@QA a été approuvé par Bob, qui n'est pas parmi ses approbateurs \(Someone Else\)$/,
};

test('every per-document rule speaks French when asked, and English by default', () => {
  const findings = [...checkDocument(INCIDENT, new Date(2026, 10, 12, 16, 30), DEFAULT_CONFIG, 'fr'), ...checkDocument(RUNBOOK, '2026-11-12', config, 'fr')];
  for (const [rule, pattern] of Object.entries(EXPECTED_FR)) {
    const finding = findings.find((item) => item.rule === rule);
    assert.ok(finding, `no ${rule}`);
    assert.match(finding.message, pattern, rule);
  }
  const english = checkDocument(INCIDENT, new Date(2026, 10, 12, 16, 30), DEFAULT_CONFIG);
  assert.match(english.find((item) => item.rule === 'action-no-owner')!.message, /^action item has no owner: AI 2 : Alerte$/);
});

test('the workspace rules speak French when asked', () => {
  const rca = (day: string) =>
    parse(`DOCS/incidents/2026-11-${day}-x-rca.md`, `---\nkind: rca\ntitle: X${day}\ndate: 2026-11-${day}\nseverity: SEV-2\nstatus: resolved\nservice: db\n---\n# RCA : X${day}\n`);
  const findings = checkWorkspace([rca('01'), rca('02'), rca('03')], '2026-11-20', DEFAULT_CONFIG, 'fr');
  assert.match(findings.find((item) => item.rule === 'incident-recurrence')!.message, /^3 incidents similaires en 30 jours \(service db\) : .* ; escaladez au-delà de l'astreinte$/);
  assert.match(findings.find((item) => item.rule === 'postmortem-overdue')!.message, /^incident SEV2 résolu le 2026-11-0\d n'a pas de post-mortem ; il était attendu avant le 2026-11-\d\d \(7 jours\)$/);
});
