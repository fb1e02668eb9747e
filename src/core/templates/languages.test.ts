/**
 * Every built-in template exists in English and French, and what each writes reads back the same through the one
 * parser: kind, language, status, roles, severity, timeline times, action items, the post-mortem sections the
 * deadline rule looks for, a hand-off's Decision section and an incident runbook's kind.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkWorkspace } from '../check';
import { DEFAULT_CONFIG } from '../config';
import { applyEdits } from '../edits';
import { planDocument } from '../generate';
import { decisionEdits } from '../handoffs';
import { incidentTimes } from '../incident-times';
import { parseDocument } from '../parse/document';
import { createMemoryHost } from '../testing/memory-host';
import { builtInTemplateSet, readBuiltInTemplateTexts } from '../../node/builtin-templates';
import { BUILT_IN_ORDER } from './discover';

const NOW = new Date(2026, 1, 23, 9, 30, 0);
const story = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'stories', 'INFRA', 'INFRA-001.md'), 'utf8');

async function generated(language: 'en' | 'fr', template: string, fields: Record<string, string>, storyId?: string) {
  const host = createMemoryHost({ '.agent/cache/stories/INFRA/INFRA-001.md': story }, NOW);
  const planned = await planDocument(host, DEFAULT_CONFIG, builtInTemplateSet(undefined, language), { template, fields, ...(storyId ? { storyId } : {}) });
  return { planned, doc: parseDocument(planned.text, { file: `elsewhere/${planned.path.split('/').pop() ?? ''}`, config: DEFAULT_CONFIG }) };
}

test('every built-in template has a French version with the same name, kind, path and fields', () => {
  const english = builtInTemplateSet(undefined, 'en').templates;
  const french = builtInTemplateSet(undefined, 'fr').templates;
  assert.deepEqual(english.map((template) => template.name), [...BUILT_IN_ORDER]);
  for (const template of english) {
    const other = french.find((candidate) => candidate.name === template.name)!;
    assert.match(other.file, /^templates\/fr\//, template.name);
    assert.equal(other.kind, template.kind);
    assert.equal(other.pathPattern, template.pathPattern);
    assert.deepEqual(other.fields.map((field) => [field.name, field.type, field.required ?? false]), template.fields.map((field) => [field.name, field.type, field.required ?? false]));
  }
  assert.ok(readBuiltInTemplateTexts(undefined, 'fr').every((text) => text.file.startsWith('templates/fr/')));
});

for (const language of ['en', 'fr'] as const) {
  test(`${language}: a runbook reads back PROPOSED with every role, in its language`, async () => {
    const { doc } = await generated(language, 'runbook', {}, 'INFRA-001');
    assert.equal(doc.kind, 'runbook');
    assert.equal(doc.language, language);
    assert.equal(doc.runbook?.status?.value, 'PROPOSED');
    assert.equal(doc.runbook?.status?.written, language === 'fr' ? 'PROPOSÉ' : 'PROPOSED');
    assert.deepEqual(doc.runbook?.compliance.map((item) => [item.role, item.checked, item.known]), DEFAULT_CONFIG.roles.map((role) => [role, false, true]));
    assert.deepEqual([doc.actions, doc.findings], [[], []]);
  });

  for (const kind of ['rca', 'postmortem'] as const) {
    test(`${language}: a ${kind} reads back with severity, date, status, its first action, times once filled, and its unfilled sections`, async () => {
      const fields = { title: 'Panne réseau', severity: '2', service: 'réseau', action: 'Ajouter une sonde', owner: 'yan', ...(kind === 'postmortem' ? { due: '2026-03-01' } : {}) };
      const { planned, doc } = await generated(language, kind, fields);
      assert.equal(doc.kind, kind);
      assert.equal(doc.language, language);
      assert.deepEqual([doc.incident?.severity, doc.incident?.date, doc.incident?.status, doc.incident?.title], ['SEV2', '2026-02-23', 'open', 'Panne réseau']);
      assert.equal(doc.frontmatter.service, 'réseau');
      assert.deepEqual(doc.actions.map((action) => [action.owner, action.done]), [['yan', false]]);
      assert.deepEqual(doc.findings, []);
      assert.deepEqual(doc.incident?.unfilledSections.map((item) => item.section), ['root-cause', 'lessons-learned']);
      // A timeline entry under the template's own Timeline heading is read.
      const heading = language === 'fr' ? (kind === 'rca' ? '## Chronologie\n' : '## Timeline (heures locales)\n') : kind === 'rca' ? '## Timeline\n' : '## Timeline (local time)\n';
      assert.ok(planned.text.includes(heading), heading);
      const withTimeline = planned.text.replace(heading, `${heading}- 14:02 détection\n- 14:10 triage\n`);
      const times = incidentTimes(parseDocument(withTimeline, { file: planned.path, config: DEFAULT_CONFIG }), DEFAULT_CONFIG);
      assert.deepEqual([times.detectedAt, times.respondedAt], ['2026-02-23T14:02', '2026-02-23T14:10']);
    });
  }

  test(`${language}: a hand-off is open with its urgency until decided`, async () => {
    const { planned, doc } = await generated(language, 'handoff', { title: 'Plafond budgétaire', urgency: 'P1', to: 'cfo' });
    assert.equal(doc.kind, 'handoff');
    assert.deepEqual([doc.handoff?.urgency, doc.handoff?.to, doc.handoff?.decided, doc.handoff?.title], ['P1', 'cfo', false, 'Plafond budgétaire']);
    const text = applyEdits(planned.text, decisionEdits(planned.text, doc, { decision: 'Oui.', by: 'Léa', date: '2026-02-24' }));
    const decided = parseDocument(text, { file: planned.path, config: DEFAULT_CONFIG }).handoff!;
    assert.deepEqual([decided.decided, decided.decidedBy, decided.decidedOn], [true, 'Léa', '2026-02-24']);
    assert.match(text, language === 'fr' ? /Décidé par Léa le 2026-02-24/ : /Decided by Léa on 2026-02-24/);
  });

  test(`${language}: an incident runbook is one, and incidents linking it are similar`, async () => {
    const { planned, doc } = await generated(language, 'incident-runbook', { title: 'Disque plein' });
    assert.equal(doc.kind, 'incident-runbook');
    const runbook = parseDocument(planned.text, { file: planned.path, config: DEFAULT_CONFIG });
    const incidents = ['01', '02', '03'].map((day) =>
      parseDocument(`---\nkind: rca\ndate: 2026-02-${day}\nseverity: SEV-2\nstatus: resolved\nrunbook: ${planned.path}\n---\n# RCA : Disque ${day}\n`, { file: `DOCS/incidents/2026-02-${day}-rca.md`, config: DEFAULT_CONFIG }),
    );
    const recurrence = checkWorkspace([runbook, ...incidents], '2026-02-04', { ...DEFAULT_CONFIG, postmortemSeverities: [] });
    assert.equal(recurrence.length, 1);
  });
}
