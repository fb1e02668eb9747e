import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import { parseDocument } from './document';
import { normalizeIncidentStatus } from './incident';

function incident(text: string, file = 'docs/post-mortems/2026-11-12-x.md') {
  const doc = parseDocument(text, { file, config: DEFAULT_CONFIG });
  assert.ok(doc.incident, 'an incident');
  return { doc, incident: doc.incident };
}

test('every status word, in English and in French, with and without accents or capitals', () => {
  const words: Array<[string, string]> = [
    ['resolved', 'resolved'], ['closed', 'resolved'], ['done', 'resolved'], ['fixed', 'resolved'], ['restored', 'resolved'],
    ['résolu', 'resolved'], ['Résolue', 'resolved'], ['RÉSOLU', 'resolved'], ['resolu', 'resolved'], ['fermé', 'resolved'], ['clos', 'resolved'],
    ['terminé', 'resolved'], ['rétabli', 'resolved'],
    ['mitigated', 'mitigated'], ['monitoring', 'mitigated'], ['stabilized', 'mitigated'], ['stabilised', 'mitigated'],
    ['atténué', 'mitigated'], ['ATTÉNUÉE', 'mitigated'], ['attenue', 'mitigated'], ['contourné', 'mitigated'], ['stabilisé', 'mitigated'],
    ['open', 'open'], ['ongoing', 'open'], ['investigating', 'open'], ['active', 'open'], ['identified', 'open'], ['reopened', 'open'],
    ['ouvert', 'open'], ['Ouverte', 'open'], ['en cours', 'open'], ['réouvert', 'open'], ['rouvert', 'open'],
  ];
  for (const [word, status] of words) assert.equal(normalizeIncidentStatus(word), status, word);
  for (const word of ['draft', 'résolution', 'attentive', 'ouverture', '']) assert.equal(normalizeIncidentStatus(word), null, word);
});

test('where the status is written: frontmatter first, else a Status line (Unicode values), else nowhere', () => {
  const front = incident('---\nstatus: mitigated\n---\n# Post-mortem: x\n\nStatus: open\n');
  assert.equal(front.incident.status, 'mitigated');
  assert.deepEqual(front.incident.statusField, { source: 'frontmatter', value: 'mitigated', line: 2, valueRange: { start: 12, end: 21 } });
  const body = incident('# Post-mortem : x\n\n**Statut :** Résolu — le 12\n');
  assert.equal(body.incident.status, 'resolved');
  const field = body.incident.statusField!;
  assert.equal(field.source, 'body');
  assert.equal(body.doc.frontmatter.status, undefined);
  const text = '# Post-mortem : x\n\n**Statut :** Résolu — le 12\n';
  assert.equal(text.slice(field.valueRange.start, field.valueRange.end), 'Résolu');
  const twoWords = '# Post-mortem : x\n\nÉtat : en cours\n';
  const range = incident(twoWords).incident.statusField!.valueRange;
  assert.equal(twoWords.slice(range.start, range.end), 'en cours');
  assert.equal(incident('# Post-mortem: x\n').incident.statusField, null);
});

test('the root cause: first sentence of the first paragraph or item; comments, code and quotes are skipped', () => {
  const rootCause = (section: string): string | null => incident(`# Post-mortem: x\n\n## Root cause(s)\n${section}\n\n## Lessons\nx\n`).incident.rootCause;
  assert.equal(rootCause('A *poison* message blocked the consumer. It retried forever.'), 'A poison message blocked the consumer.');
  assert.equal(rootCause('<!-- what broke,\nand why -->\n\n```\nlog\n```\n\n> quoted\n\n- The **deploy** job dropped a file! Then more.'), 'The deploy job dropped a file!');
  assert.equal(rootCause('    indented code\n\nThe real cause'), 'The real cause');
  assert.equal(rootCause('<!-- only a comment -->'), null);
  assert.equal(incident('# Post-mortem: x\n\n## Cause racine\nLe switch a redémarré. Ensuite…\n').incident.rootCause, 'Le switch a redémarré.');
});

test('symptom, ETA and channel from field lines or frontmatter', () => {
  const { incident: found } = incident('---\neta: about an hour\n---\n# Post-mortem: x\n\nSymptôme : le portail ne répond plus\nCanal : #ops\n');
  assert.equal(found.symptom, 'le portail ne répond plus');
  assert.equal(found.eta, 'about an hour');
  assert.equal(found.channel, '#ops');
});

test('hostile incidents are read in time linear in their size: long status values, root causes of markup, 60,000 entries', { timeout: 60_000 }, async () => {
  const { checkDocument } = await import('../check');
  const { statusUpdate } = await import('../incident-comms');
  const { timelineEntryEdits } = await import('../incident-edits');
  const inputs = [
    `---\nstatus: a${' '.repeat(1_000_000)}b\n---\n# Post-mortem: x\n`,
    `# Post-mortem: x\n\n## Root cause\n${'['.repeat(1_000_000)}\n`,
    `# Post-mortem: x\n\n## Root cause\n${'*_'.repeat(500_000)}\n`,
    `---\nstatus: open\nseverity: SEV1\ndate: 2026-11-12\n---\n# Post-mortem: x\n\n## Timeline\n${'- 23:50 alert détection triage\n- 00:20 mitigation\n'.repeat(30_000)}`,
    `---\nstatus: open\n---\n# Post-mortem: x\n\nDate: 2026-11-12\n\n## Timeline\n- 14:02 ${'détection '.repeat(200_000)}\n`,
  ];
  for (const text of inputs) {
    const { doc } = incident(text);
    checkDocument(doc, new Date(2026, 10, 20, 12), DEFAULT_CONFIG);
    assert.ok(statusUpdate(doc, DEFAULT_CONFIG, { lang: 'en' }).length < 5000, 'a status update stays short');
    assert.ok(timelineEntryEdits(text, doc, 'x', '2026-11-12T23:55', DEFAULT_CONFIG).length === 1);
  }
});
