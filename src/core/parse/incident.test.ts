/**
 * Incident parts at their edges, in English and French: every severity and status spelling, which source wins
 * (frontmatter, title, field line, file name), the timeline and impact forms; where the status is written, the root
 * cause, the status-update fields, and hostile incidents.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import type { Incident } from '../model';
import { parseDocument } from './document';
import { normalizeIncidentStatus, normalizeSeverity } from './incident';

const incidentOf = (text: string, file = 'DOCS/incidents/x-rca.md'): Incident => {
  const incident = parseDocument(text, { file, config: DEFAULT_CONFIG }).incident;
  assert.ok(incident, `${file} is an incident`);
  return incident;
};

test('normalizeSeverity: every spelling to SEV1–4 or P0–3 (0 is P0); numbers; anything else, SEV0 included, is null', () => {
  const cases: Array<[unknown, string | null]> = [
    ['SEV-2', 'SEV2'], ['sev2', 'SEV2'], ['Sev 3', 'SEV3'], ['2', 'SEV2'], [' 4 ', 'SEV4'], ['p1', 'P1'], ['P0', 'P0'],
    ['a SEV-1 outage', 'SEV1'], [1, 'SEV1'], [4, 'SEV4'], [0, 'P0'],
    ['0', 'P0'], ['SEV0', null], ['5', null], ['SEV5', null], ['P4', null], ['PSEV1', null], ['SEV-12', null], [5, null], [-1, null], [null, null], [undefined, null], ['', null], [true, null],
  ];
  for (const [value, expected] of cases) assert.equal(normalizeSeverity(value), expected, JSON.stringify(value));
});

test('normalizeIncidentStatus: English and French words, the first word or the whole phrase; anything else is null', () => {
  const cases: Array<[unknown, string | null]> = [
    ['Resolved', 'resolved'], ['closed', 'resolved'], ['DONE', 'resolved'], ['fixed', 'resolved'], ['Résolu', 'resolved'], ['fermé', 'resolved'], ['clos', 'resolved'], ['Terminé', 'resolved'],
    ['mitigated', 'mitigated'], ['monitoring', 'mitigated'], ['stabilized', 'mitigated'], ['stabilised', 'mitigated'], ['Atténué', 'mitigated'], ['contourné', 'mitigated'],
    ['open', 'open'], ['ongoing', 'open'], ['investigating', 'open'], ['active', 'open'], ['Ouvert', 'open'], ['en cours', 'open'], ['identified', 'open'],
    ['resolved (2026-11-02)', 'resolved'], ['mitigated, watching', 'mitigated'], ['open; paging', 'open'],
    ['unresolved', null], ['reopened', 'open'], ['', null], [3, null], [null, null],
    // Whole words only: a status word inside a longer one names nothing.
    ['unmitigated', null], ['Contournement', null], ['inactive', null], ['Ouverture', null], ['closedown', null], ['preclosed', null],
  ];
  for (const [value, expected] of cases) assert.equal(normalizeIncidentStatus(value), expected, JSON.stringify(value));
});

test('severity: frontmatter, else the title, else a field line (any of its names, in French too)', () => {
  assert.equal(incidentOf('---\nseverity: SEV-3\n---\n# RCA: SEV1 outage\n\nSeverity: SEV2\n').severity, 'SEV3');
  assert.equal(incidentOf('---\nsev: 2\n---\n# RCA: x\n').severity, 'SEV2');
  assert.equal(incidentOf('# RCA: P1 outage\n\nSeverity: SEV2\n').severity, 'P1');
  for (const name of ['Severity', 'Sévérité', 'Sev', 'Niveau', 'Urgency', 'Urgence', 'Priority', 'Priorité']) {
    assert.equal(incidentOf(`# RCA: x\n\n**${name}:** SEV-4\n`).severity, 'SEV4', name);
  }
  assert.equal(incidentOf('# RCA: x\n\nImpact: SEV2\n').severity, null, 'not a severity field');
});

test('status: frontmatter, else a field line; otherwise open while an action item is open, else resolved', () => {
  const withOpen = '## Action items\n- [ ] a\n';
  assert.deepEqual(pick(incidentOf(`---\nstatus: resolved\n---\n# RCA: x\n\nStatus: open\n\n${withOpen}`)), ['resolved', true]);
  assert.deepEqual(pick(incidentOf(`# RCA: x\n\nStatut : atténué\n\n${withOpen}`)), ['mitigated', true]);
  assert.deepEqual(pick(incidentOf(`# RCA: x\n\nÉtat: clos\n`)), ['resolved', true]);
  assert.deepEqual(pick(incidentOf(`# RCA: x\n\nState: open\n`)), ['open', true]);
  assert.deepEqual(pick(incidentOf(`# RCA: x\n\nStatus: weird\n\n${withOpen}`)), ['open', false]);
  assert.deepEqual(pick(incidentOf('# RCA: x\n\n## Action items\n- [x] a\n')), ['resolved', false]);
  assert.deepEqual(pick(incidentOf('# RCA: x\n')), ['resolved', false]);
});

function pick(incident: Incident): [string, boolean] {
  return [incident.status, incident.statusExplicit];
}

test('date: frontmatter (a date or a date-time), else the file name, else a Date line', () => {
  assert.equal(incidentOf('---\ndate: "2026-01-02T10:00:00Z"\n---\n# RCA: x\n', 'DOCS/incidents/2026-03-04-x-rca.md').date, '2026-01-02');
  assert.equal(incidentOf('---\ndate: 02/01/2026\n---\n# RCA: x\n', 'DOCS/incidents/2026-03-04-x-rca.md').date, '2026-03-04');
  assert.equal(incidentOf('# RCA: x\n\nDate: 2026-05-06\n', 'DOCS/incidents/2026-03-04-x-rca.md').date, '2026-03-04');
  assert.equal(incidentOf('# RCA: x\n\nDate: 2026-05-06 (UTC)\n').date, '2026-05-06');
  assert.equal(incidentOf("# RCA: x\n\nDate de l'incident: le 2026-05-07\n").date, '2026-05-07');
  assert.equal(incidentOf('# RCA: x\n\nIncident date: soon\n').date, null);
  assert.equal(incidentOf('# RCA: x\n').date, null);
});

test('title: frontmatter, else the heading, else the file; the line is the heading\'s', () => {
  assert.equal(incidentOf('---\ntitle: From frontmatter\n---\n# RCA: heading\n').title, 'From frontmatter');
  const headed = incidentOf('intro\n\n# RCA: Queue stall\n');
  assert.equal(headed.title, 'Queue stall');
  assert.equal(headed.line, 3);
  assert.equal(incidentOf('no heading\n', 'DOCS/incidents/y-rca.md').title, 'DOCS/incidents/y-rca.md');
});

test('timeline: list items and table rows with a time first; other lines ignored', () => {
  const text = [
    '# Post-mortem: x',
    '',
    '## Timeline',
    '- 09:05 first alert',
    '- **10h15** — failover',
    '- 2026-11-02 11:30:45: all clear',
    '- 2026-11-02T12:00 | later',
    '- no time here',
    '',
    '| 13:00 | paged | on call |',
    '|---|---|---|',
    '| 14:00 | rolled back | ops |',
    '| not a time | x |',
    '| 15:00 extra | y |',
    '',
    '## Impact',
    '- 16:00 not in the timeline',
  ].join('\n');
  const timeline = incidentOf(text, 'docs/post-mortems/x.md').timeline;
  assert.deepEqual(
    timeline.map((entry) => [entry.time, entry.text, entry.line]),
    [
      ['09:05', 'first alert', 4],
      ['10h15', 'failover', 5],
      ['2026-11-02 11:30:45', 'all clear', 6],
      ['2026-11-02T12:00', 'later', 7],
      ['13:00', 'paged — on call', 10],
      ['14:00', 'rolled back — ops', 12],
    ],
  );
});

test('impact: "name: value" bullets under an impact heading (French too); others ignored', () => {
  const text = '# Post-mortem: x\n\n## Impact\n- Users : 1 200\n- Durée downtime: 2h 10m\n- no colon here\n- : empty name\n\n## Other\n- Outside: no\n';
  assert.deepEqual(incidentOf(text, 'docs/post-mortems/x.md').impact, { Users: '1 200', 'Durée downtime': '2h 10m' });
  assert.deepEqual(incidentOf('# Post-mortem: y\n\n## Impact client\n- Clients: 3\n', 'docs/post-mortems/y.md').impact, { Clients: '3' });
});

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

test('the root cause\'s first sentence: cut at 300 characters, ended only by a mark before a blank, links and emphasis flattened', () => {
  const rootCause = (section: string): string | null => incident(`# Post-mortem: x\n\n## Root cause\n${section}\n`).incident.rootCause;
  const sentence = (length: number): string => 'a'.repeat(length - 1) + '.';
  assert.equal(rootCause(sentence(300) + ' Then more.'), sentence(300));
  assert.equal(rootCause(sentence(301)), 'a'.repeat(299) + '…');
  assert.equal(rootCause('The v1.2 rollout failed. Then more.'), 'The v1.2 rollout failed.');
  assert.equal(rootCause('No end mark at all'), 'No end mark at all');
  assert.equal(rootCause('Disk full… then more'), 'Disk full…');
  assert.equal(rootCause('See [the deploy](https://example.invalid/d) and ![graph](g.png) go _dry_ in worker_pool.'), 'See the deploy and graph go dry in worker_pool.');
  assert.equal(rootCause('`cron` ran __twice__ at  \n 02:00.'), 'cron ran twice at 02:00.');
});

test('the root cause skips tables, HTML, rules, tilde fences and tab-indented code before the prose', () => {
  const rootCause = (section: string): string | null => incident(`# Post-mortem: x\n\n## Root cause\n${section}\n`).incident.rootCause;
  assert.equal(rootCause('| a | b |\n|---|---|\n| 1 | 2 |\n\nThe table was context.'), 'The table was context.');
  assert.equal(rootCause('<div>markup</div>\n\nThe div was markup.'), 'The div was markup.');
  assert.equal(rootCause('***\n\nAfter a rule.'), 'After a rule.');
  assert.equal(rootCause('_ _ _\n\nAfter a spaced rule.'), 'After a spaced rule.');
  assert.equal(rootCause('~~~\nlog\n~~~\n\nAfter a fence.'), 'After a fence.');
  assert.equal(rootCause('\tcode\n\nAfter tab code.'), 'After tab code.');
  // A list's first item is read, blanks collapsed; an empty section is no root cause.
  assert.equal(rootCause('1. First  item. Second.\n2. Other.'), 'First item.');
  assert.equal(incident('# Post-mortem: x\n\n## Root cause\n\n## Next\nNot this.\n').incident.rootCause, null);
});

test('impact names: up to 60 characters before the colon, blanks trimmed and collapsed', () => {
  const name60 = 'n'.repeat(60);
  const text = `# Post-mortem: x\n\n## Impact\n- ${name60}: kept\n- ${'n'.repeat(61)}: too long\n- Users   :   1 200   \n- Lost\n  orders: 12\n`;
  assert.deepEqual(incidentOf(text, 'docs/post-mortems/x.md').impact, { [name60]: 'kept', Users: '1 200', 'Lost orders': '12' });
});

test('the frontmatter status: a trailing comment and quotes are not the value; its range is the value as written', () => {
  const text = '---\nstatus: "resolved" # closed on call\n---\n# Post-mortem: x\n';
  const field = incident(text).incident.statusField!;
  assert.deepEqual([field.source, field.value, field.line], ['frontmatter', 'resolved', 2]);
  assert.equal(text.slice(field.valueRange.start, field.valueRange.end), '"resolved"');
  const spaced = "---\nstatus:  \t'mitigated'  \n---\n# Post-mortem: x\n";
  const spacedField = incident(spaced).incident.statusField!;
  assert.deepEqual([spacedField.value, spaced.slice(spacedField.valueRange.start, spacedField.valueRange.end)], ['mitigated', "'mitigated'"]);
  // A key that only starts with "status", and a malformed block, are not where the status is written.
  const longer = incident('---\nstatuses: open\n---\n# Post-mortem: x\n\nStatus: resolved\n').incident.statusField!;
  assert.deepEqual([longer.source, longer.value], ['body', 'resolved']);
  const broken = incident('---\nstatus: [open\n---\n# Post-mortem: x\n\nStatus: resolved\n').incident.statusField!;
  assert.deepEqual([broken.source, broken.value], ['body', 'resolved']);
});

test('symptom, ETA, channel: a blank frontmatter value falls back to the field line; values trimmed', () => {
  const { incident: found } = incident("---\nsymptom: '   '\nchannel: '  #ops  '\n---\n# Post-mortem: x\n\nSymptom: **slow** pages\nETA: ` 14:00 `\n");
  assert.deepEqual([found.symptom, found.eta, found.channel], ['slow pages', '14:00', '#ops']);
  const none = incident('# Post-mortem: x\n').incident;
  assert.deepEqual([none.symptom, none.eta, none.channel], [null, null, null]);
});

test('date and title: a frontmatter value of another type is ignored', () => {
  const found = incidentOf('---\ndate: 20261102\ntitle: 42\n---\n# RCA: From the heading\n', 'DOCS/incidents/2026-03-04-x-rca.md');
  assert.deepEqual([found.date, found.title], ['2026-03-04', 'From the heading']);
  assert.equal(incidentOf('---\ndate: 2026-01-02\n---\n# RCA: x\n').date, '2026-01-02');
});
