/**
 * The report's comparisons at their edges: how two owner names are found to be one person, the order of incidents
 * whose date is unknown, an RCA without a severity taking its post-mortem's, and a runbook role both stale and
 * unauthorized counted once (as stale: re-approving fixes both).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, resolveConfig } from './config';
import type { ParsedDocument } from './model';
import { parseDocument } from './parse/document';
import { compareIncidentRows, incidentRows, ownerKey, runbookRows, sameOwner, type IncidentRow } from './report';

const parse = (file: string, text: string, config = DEFAULT_CONFIG): ParsedDocument => parseDocument(text, { file, config });

test('ownerKey: blanks and a leading @ dropped, accents folded, lower case', () => {
  assert.equal(ownerKey(' @Émilie '), 'emilie');
  assert.equal(ownerKey('ZOË'), 'zoe');
  assert.equal(ownerKey('@léa.martin'), 'lea.martin');
});

test('sameOwner: @émilie, Emilie and EMILIE are one person; Ann and Anna are two', () => {
  assert.equal(sameOwner('@émilie', 'EMILIE'), true);
  assert.equal(sameOwner('Emilie', ' @Émilie'), true);
  assert.equal(sameOwner('Ann', 'Anna'), false);
  assert.equal(sameOwner('@ann', 'bob'), false);
});

/** An incident row with only what the order reads set. */
function row(file: string, severity: IncidentRow['severity'], date: string | null): IncidentRow {
  return {
    file,
    line: 1,
    kind: 'rca',
    title: file,
    date,
    severity,
    status: 'resolved',
    openActions: 0,
    detectedAt: null,
    respondedAt: null,
    mitigatedAt: null,
    resolvedAt: null,
    downtimeMinutes: null,
    responseDueAt: null,
    responseOverdue: false,
    related: [],
  };
}

test('incident order: most severe first, then newest, an incident with no date after the dated ones of its severity', () => {
  const rows = [row('a.md', 'SEV2', null), row('b.md', 'SEV2', '2026-11-01'), row('c.md', 'SEV2', '2026-11-20'), row('d.md', 'P0', null), row('e.md', null, '2026-11-25')];
  assert.deepEqual(
    [...rows].sort(compareIncidentRows).map((item) => item.file),
    ['d.md', 'c.md', 'b.md', 'a.md', 'e.md'],
  );
});

test('an RCA with no severity takes its post-mortem\'s for the incident row', () => {
  const rca = parse('DOCS/incidents/2026-11-01-queue-stall-rca.md', '---\nkind: rca\ntitle: Queue stall\ndate: 2026-11-01\nstatus: resolved\n---\n# RCA: Queue stall\n');
  const postmortem = parse('docs/post-mortems/2026-11-01-queue-stall.md', '---\nkind: postmortem\ntitle: Queue stall\ndate: 2026-11-01\nseverity: SEV2\n---\n# Post-mortem: Queue stall\n');
  const rows = incidentRows([rca, postmortem], DEFAULT_CONFIG, new Date(2026, 10, 25, 12));
  assert.deepEqual(
    rows.map((item) => [item.file, item.severity, item.related]),
    [['DOCS/incidents/2026-11-01-queue-stall-rca.md', 'SEV2', ['docs/post-mortems/2026-11-01-queue-stall.md']]],
  );
  const alone = incidentRows([rca], DEFAULT_CONFIG, new Date(2026, 10, 25, 12));
  assert.equal(alone[0].severity, null, 'no severity anywhere: none');
});

test('runbook rows: a role both stale and unauthorized is listed as stale only; one only unauthorized stays unauthorized', () => {
  const config = resolveConfig({ approvers: { QA: ['Bob'], Security: ['Bob'] } }, 'test');
  const runbook = parse(
    'rb.md',
    '# X-1: Test\n\nStatus: PROPOSED\n\n## Compliance Checklist\n- [x] @Security approved? — approved by Dan on 2026-11-01\n- [x] @QA approved? — approved by Dan on 2026-11-01 (0000000)\n- [x] @Docs approved? — approved by Ann on 2026-11-01 (0000000)\n',
    config,
  );
  assert.deepEqual(runbookRows([runbook], config), [
    {
      file: 'rb.md',
      line: 3,
      title: 'X-1: Test',
      status: 'PROPOSED',
      approved: [],
      missing: ['Architect', 'Compliance', 'Observability'],
      stale: ['QA', 'Docs'],
      unauthorized: ['Security'],
    },
  ]);
});
