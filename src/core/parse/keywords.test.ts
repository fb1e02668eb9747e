/**
 * Every keyword read from user text, in English and French, with its accents and without, in any case: a `\b` before
 * `é` never matches and `[A-Za-z]` cuts `PROPOSÉ`, so each one is pinned here on its own.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from '../check';
import { DEFAULT_CONFIG } from '../config';
import { canonicalStatus, documentLanguage, statusLanguage } from '../language';
import { parseDocument } from './document';
import { dueFromText, isDoneStatus, ownerFromText } from './actions';

const parse = (text: string, file = 'doc.md') => parseDocument(text, { file, config: DEFAULT_CONFIG });

test('due-date keywords, each language, accents or not, any case', () => {
  const cases: Array<[string, string | null]> = [
    ['Rotate keys due 2026-12-01', '2026-12-01'],
    ['Rotate keys (DUE: 2026-12-01)', '2026-12-01'],
    ['Rotate keys, deadline 2026-12-01', '2026-12-01'],
    ['Rotate keys by 2026-12-01', '2026-12-01'],
    ['Changer les clés échéance 2026-12-01', '2026-12-01'],
    ['Changer les clés (Échéance : 2026-12-01)', '2026-12-01'],
    ['Changer les clés, ÉCHÉANCE 2026-12-01', '2026-12-01'],
    ['Changer les clés echeance 2026-12-01', '2026-12-01'],
    ['Changer les clés avant le 2026-12-01', '2026-12-01'],
    // Not keywords: inside another word.
    ['overdue 2026-12-01', null],
    ['nearby 2026-12-01', null],
    ['préchéance 2026-12-01', null],
  ];
  for (const [text, due] of cases) assert.equal(dueFromText(text), due, text);
});

test('échéance in a post-mortem task item: read as the due date, overdue once past, no "no due date" warning', () => {
  const text = '---\nkind: postmortem\n---\n# Post-mortem : Panne\n\n## Plan d\'action\n- [ ] AI 1 : Ajouter une alerte (responsable @léa, échéance 2026-11-20)\n';
  const doc = parse(text);
  assert.deepEqual([doc.actions[0].due, doc.actions[0].owner, doc.actions[0].text], ['2026-11-20', 'léa', 'AI 1 : Ajouter une alerte']);
  const rules = (today: string): string[] => checkDocument(doc, today, DEFAULT_CONFIG).map((finding) => finding.rule);
  assert.deepEqual(rules('2026-11-20'), [], 'due today is not overdue');
  assert.deepEqual(rules('2026-11-21'), ['action-overdue']);
});

test('owner keywords, each language, accents or not', () => {
  const cases: Array<[string, string | null]> = [
    ['Fix it (owner @alice)', 'alice'],
    ['Fix it, Owner: bob', 'bob'],
    ['Fix it, assignee carl', 'carl'],
    ['Fix it, who: dana', 'dana'],
    ['Corriger (responsable @léa)', 'léa'],
    ['Corriger, assignée : zoé', 'zoé'],
    ['Corriger, assignee zoe', 'zoe'],
    ['Corriger, porteur : yann', 'yann'],
    ['Corriger, cc @noé', 'noé'],
    ['whoever is on call', null],
  ];
  for (const [text, owner] of cases) assert.equal(ownerFromText(text), owner, text);
});

test('a table Status cell is done only for a done word or ✅ with no negation before it', () => {
  const done = ['DONE', 'Done', 'done', '✅', '✅ DONE', 'Done ✅', 'Fait', 'FAIT', 'faite', 'Terminé', 'TERMINÉ', 'terminée', 'termine', 'Closed', 'Fermé', 'fermée', 'Done (not verified)', '✔ ok'];
  const open = ['Not done', 'not done yet', 'pas fait', 'Pas encore fait', 'not closed yet', 'non terminé', 'never closed', 'jamais fait', "isn't done", 'partially done', 'Done ❌', 'undone', 'Donezo', 'à faire', 'OPEN', 'In progress', 'Fermeture prévue', ''];
  for (const cell of done) assert.equal(isDoneStatus(cell), true, cell);
  for (const cell of open) assert.equal(isDoneStatus(cell), false, cell);
});

test('status words: either language, any case, accents or not; others are kept as written', () => {
  for (const word of ['PROPOSED', 'Proposed', 'proposed', 'PROPOSÉ', 'Proposé', 'proposé', 'PROPOSE', 'Proposée']) assert.equal(canonicalStatus(word), 'PROPOSED', word);
  for (const word of ['ACCEPTED', 'Accepted', 'ACCEPTÉ', 'Accepté', 'acceptée', 'ACCEPTE']) assert.equal(canonicalStatus(word), 'ACCEPTED', word);
  assert.equal(canonicalStatus('Brouillon'), 'BROUILLON');
  assert.equal(canonicalStatus('rejeté'), 'REJETÉ');
  assert.deepEqual(['PROPOSÉ', 'ACCEPTED', 'DRAFT'].map(statusLanguage), ['fr', 'en', null]);
});

test('the status line: whole Unicode words, bold and backtick forms, Status or Statut, body or frontmatter', () => {
  const cases: Array<[string, string, string]> = [
    ['Statut : PROPOSÉ\n', 'PROPOSED', 'PROPOSÉ'],
    ['**Statut :** Accepté\n', 'ACCEPTED', 'Accepté'],
    ['Status: `PROPOSED`\n', 'PROPOSED', 'PROPOSED'],
    ['STATUS: rejeté — see below\n', 'REJETÉ', 'rejeté'],
    ['---\nstatut: PROPOSÉ\n---\n', 'PROPOSED', 'PROPOSÉ'],
    ["---\nstatus: 'Accepté'\n---\n", 'ACCEPTED', 'Accepté'],
  ];
  for (const [head, value, written] of cases) {
    const status = parse(`${head}\n## Compliance Checklist\n- [ ] @QA approved?\n`).runbook?.status;
    assert.deepEqual([status?.value, status?.written], [value, written], head);
  }
});

test('a document\'s language: declared, else the status word, else the Statut key, else a French-only heading', () => {
  const signals = { declared: null, statusWord: null, statusKey: null, headingLabels: [] as string[] };
  assert.equal(documentLanguage(signals), 'en');
  assert.equal(documentLanguage({ ...signals, declared: 'fr-FR', statusWord: 'PROPOSED' }), 'fr');
  assert.equal(documentLanguage({ ...signals, declared: 'en', statusWord: 'PROPOSÉ' }), 'en');
  assert.equal(documentLanguage({ ...signals, statusWord: 'PROPOSÉ' }), 'fr');
  assert.equal(documentLanguage({ ...signals, statusWord: 'PROPOSED', statusKey: 'Statut' }), 'en');
  assert.equal(documentLanguage({ ...signals, statusWord: 'DRAFT', statusKey: 'Statut' }), 'fr');
  assert.equal(documentLanguage({ ...signals, headingLabels: ['conformite'] }), 'fr');
  assert.equal(documentLanguage({ ...signals, headingLabels: ["plan d'action"] }), 'fr');
  assert.equal(documentLanguage({ ...signals, headingLabels: ['compliance checklist', 'impact'] }), 'en');
  assert.equal(parse('# Post-mortem : Panne\n\n## Chronologie\n- 10:00 début\n').language, 'fr');
});
