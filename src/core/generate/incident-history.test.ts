import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits } from '../edits';
import { RunbookError } from '../errors';
import { incidentHistoryEdits, relativeLink } from './incident-history';
import type { Incident } from '../model';

const incident: Incident = {
  kind: 'postmortem',
  title: 'Panne réseau',
  date: '2026-11-12',
  severity: 'SEV1',
  status: 'open',
  statusExplicit: false,
  statusField: null,
  timeline: [],
  timelineSection: null,
  sectionInsertOffset: 0,
  unfilledSections: [],
  impact: {},
  rootCause: null,
  symptom: null,
  eta: null,
  channel: null,
  line: 1,
};

test('relative links between workspace folders', () => {
  assert.equal(relativeLink('docs/runbooks', 'DOCS/incidents/x.md'), '../../DOCS/incidents/x.md');
  assert.equal(relativeLink('docs', 'docs/post-mortems/y.md'), 'post-mortems/y.md');
  assert.equal(relativeLink('', 'a/b.md'), 'a/b.md');
});

test('the row goes after the last row, in the file\'s CRLF, with columns matched by name in French too', () => {
  const text = '\uFEFF# Procédure\r\n\r\n## Historique des incidents\r\n\r\n| Date | Niveau | Résumé | Lien | Autre |\r\n|---|---|---|---|---|\r\n| 2026-01-01 | SEV2 | x | y | z |\r\n\r\nFin\r\n';
  const result = applyEdits(text, incidentHistoryEdits(text, 'docs/process.md', incident, 'docs/post-mortems/2026-11-12-panne.md'));
  assert.equal(
    result,
    text.replace('| z |\r\n', '| z |\r\n| 2026-11-12 | SEV1 | Panne réseau | [Post-mortem](post-mortems/2026-11-12-panne.md) |  |\r\n'),
  );
});

test('no history table: a clear error naming the file, in English and French', () => {
  assert.throws(() => incidentHistoryEdits('# x\n\n| a | b |\n|---|---|\n', 'x.md', incident, 'y.md'), (error: unknown) => {
    assert.ok(error instanceof RunbookError);
    assert.equal(error.code, 'no-history-table');
    assert.match(error.message, /^x\.md has no table under an "Incident History" heading/);
    assert.match(error.messageIn('fr'), /^x\.md n'a pas de tableau sous un titre « Incident History »/);
    return true;
  });
});
