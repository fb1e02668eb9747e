import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from './config';
import { applyEdits } from './edits';
import { lifecycleEdits, statusEdits, timelineEntryEdits } from './incident-edits';
import { parseDocument } from './parse/document';

const PM = 'docs/post-mortems/2026-11-12-panne.md';

function parse(text: string, file = PM) {
  return parseDocument(text, { file, config: DEFAULT_CONFIG });
}

function entry(text: string, body: string, at: string, file = PM): string {
  return applyEdits(text, timelineEntryEdits(text, parse(text, file), body, at, DEFAULT_CONFIG));
}

function transition(text: string, kind: 'mitigate' | 'resolve' | 'reopen', at: string, note?: string, file = PM): string {
  return applyEdits(text, lifecycleEdits(text, parse(text, file), kind, { at, config: DEFAULT_CONFIG, ...(note ? { note } : {}) }));
}

const SEED = '---\nkind: postmortem\nseverity: SEV1\ndate: 2026-11-12\nstatus: open\n---\n# Post-mortem : Panne réseau\n\n## Timeline (heures locales)\n- 14:02 détection (UptimeRobot)\n- 14:10 triage, SEV1 confirmée\n- 15:30 service rétabli\n\n## Impact\n- Users : 240\n';

test('timeline entries go in time order, written like their neighbours', () => {
  assert.equal(entry(SEED, 'début de la mitigation', '2026-11-12T14:35'), SEED.replace('- 15:30', '- 14:35 début de la mitigation\n- 15:30'));
  assert.equal(entry(SEED, 'cause racine confirmée', '2026-11-12T16:10'), SEED.replace('rétabli\n', 'rétabli\n- 16:10 cause racine confirmée\n'));
  assert.equal(entry(SEED, 'même minute', '2026-11-12T14:10'), SEED.replace('confirmée\n', 'confirmée\n- 14:10 même minute\n'), 'after entries at the same time');
  const bold = '# RCA: x\n\nDate: 2026-11-02\n\n## Timeline\n* **09:12** alerts fire\n* **10:05** restored\n';
  assert.equal(entry(bold, 'triage', '2026-11-02T09:20', 'DOCS/incidents/x-rca.md'), bold.replace('* **10:05**', '* **09:20** triage\n* **10:05**'));
});

test('an entry on another day than the incident carries its date, past midnight included', () => {
  const night = '# Post-mortem: x\n\nDate: 2026-11-12\n\n## Timeline\n- 23:50 detection\n- 00:20 mitigation\n';
  // 00:20 is read on the 13th; 00:10 on the 13th goes between, with its date.
  assert.equal(entry(night, 'triage', '2026-11-13T00:10'), night.replace('- 00:20', '- 2026-11-13 00:10 triage\n- 00:20'));
  assert.equal(entry(night, 'restored', '2026-11-13T01:00'), `${night}- 2026-11-13 01:00 restored\n`);
  const reread = parse(entry(night, 'triage', '2026-11-13T00:10'));
  assert.deepEqual(reread.incident?.timeline.map((e) => e.at), ['2026-11-12T23:50', '2026-11-13T00:10', '2026-11-13T00:20']);
});

test('a table timeline gets a row; an empty section gets a list after what it holds; CRLF and BOM are kept', () => {
  const table = '# RCA: t\n\nDate: 2026-11-02\n\n## Timeline\n| Time | Event | Who |\n|---|---|---|\n| 09:12 | alert | bot |\n\n## Root cause\nx\n';
  assert.equal(entry(table, 'a | b', '2026-11-02T09:30', 'DOCS/incidents/t-rca.md'), table.replace('| bot |\n', '| bot |\n| 09:30 | a \\| b | |\n'));
  const template = '\uFEFF---\r\nstatus: open\r\ndate: 2026-11-12\r\n---\r\n# Post-mortem: x\r\n\r\n## Timeline (local time)\r\n<!-- One line per step -->\r\n\r\n## Impact\r\n';
  assert.equal(entry(template, 'detection', '2026-11-12T09:00'), template.replace('-->\r\n', '-->\r\n\r\n- 09:00 detection\r\n'));
  const atEnd = '# Post-mortem: x\n\nDate: 2026-11-12\n\n## Timeline';
  assert.equal(entry(atEnd, 'detection', '2026-11-12T09:00'), `${atEnd}\n\n- 09:00 detection\n`);
});

test('a missing Timeline section is created after the title block, at the level of the next heading', () => {
  const text = '# RCA: Queue stall\n\nDate: 2026-11-02\nSeverity: SEV2\n\n## Root cause\nA poison message.\n';
  assert.equal(
    entry(text, 'alert fired', '2026-11-02T09:12', 'DOCS/incidents/q-rca.md'),
    text.replace('## Root cause', '## Timeline\n\n- 09:12 alert fired\n\n## Root cause'),
  );
  const bare = '# Post-mortem: x\n\nDate: 2026-11-12\n';
  assert.equal(entry(bare, 'detection', '2026-11-12T09:00'), `${bare}\n## Timeline\n\n- 09:00 detection\n`);
  const undated = '# Post-mortem: no date\n';
  assert.equal(entry(undated, 'detection', '2026-11-12T09:00', 'docs/post-mortems/nodate.md'), `${undated}\n## Timeline\n\n- 2026-11-12 09:00 detection\n`);
});

test('refused: a time before detection, an empty text, a file that is not an incident', () => {
  assert.throws(() => entry(SEED, 'triage', '2026-11-12T14:01'), /2026-11-12 14:01 is before the detection of the incident in docs\/post-mortems\/2026-11-12-panne\.md \(2026-11-12 14:02\)/);
  assert.equal(entry(SEED, 'première alerte', '2026-11-12T13:58'), SEED.replace('- 14:02', '- 13:58 première alerte\n- 14:02'), 'an earlier detection moves it');
  assert.throws(() => entry(SEED, ' \n ', '2026-11-12T15:00'), /no text/);
  assert.throws(() => entry('# Notes\n', 'x', '2026-11-12T15:00', 'notes/a.md'), /notes\/a\.md is not an incident/);
});

test('mitigate, resolve, reopen: the status where the document keeps it, plus the timeline entry', () => {
  const mitigated = transition(SEED, 'mitigate', '2026-11-12T14:35', 'redémarrage du switch');
  assert.equal(mitigated, SEED.replace('status: open', 'status: mitigated').replace('- 15:30', '- 14:35 mitigation — redémarrage du switch\n- 15:30'));
  const resolved = transition(mitigated, 'resolve', '2026-11-12T16:00');
  assert.match(resolved, /^status: resolved$/m);
  assert.match(resolved, /^- 16:00 service rétabli$/m, 'a French document gets French words');
  const reopened = transition(resolved, 'reopen', '2026-11-12T17:00');
  assert.match(reopened, /^status: open$/m);
  assert.match(reopened, /^- 17:00 réouvert$/m);
  const english = '# RCA: x\n\n**Status:** OPEN — since the alert\nDate: 2026-11-02\n\n## Timeline\n- 09:12 alert\n';
  const done = transition(english, 'resolve', '2026-11-02T10:00', undefined, 'DOCS/incidents/x-rca.md');
  assert.equal(done, english.replace('OPEN', 'RESOLVED').replace('- 09:12 alert\n', '- 09:12 alert\n- 10:00 service restored\n'), 'case kept, the rest of the line kept');
});

test('the status word follows the language and case of the one it replaces; a key is added when there is none', () => {
  const french = '# Post-mortem : x\n\nStatut : Atténué\n\n## Timeline\n- 10:00 détection\n';
  assert.match(transition(french, 'resolve', '2026-11-12T11:00'), /^Statut : Résolu$/m);
  assert.match(transition('# Post-mortem : x\n\nÉtat : en cours\n', 'mitigate', '2026-11-12T11:00'), /^État : atténué$/m);
  const none = '# Post-mortem: x\n\nSeverity: SEV2\n';
  assert.equal(applyEdits(none, statusEdits(none, parse(none), 'resolved')), `---\nstatus: resolved\n---\n${none}`);
  const front = '---\nseverity: SEV2\n---\n# Post-mortem: x\n';
  assert.equal(applyEdits(front, statusEdits(front, parse(front), 'mitigated')), '---\nseverity: SEV2\nstatus: mitigated\n---\n# Post-mortem: x\n');
  const empty = '---\nstatus:\n---\n# Post-mortem: x\n';
  assert.equal(applyEdits(empty, statusEdits(empty, parse(empty), 'open')), '---\nstatus: open\n---\n# Post-mortem: x\n');
  const quoted = '---\nstatus: "open" # set by the template\n---\n# Post-mortem: x\n';
  assert.equal(applyEdits(quoted, statusEdits(quoted, parse(quoted), 'resolved')), '---\nstatus: resolved # set by the template\n---\n# Post-mortem: x\n');
});

test('refused transitions: resolving a resolved incident, mitigating a mitigated or resolved one, reopening an open one', () => {
  const resolved = SEED.replace('status: open', 'status: resolved');
  assert.throws(() => transition(resolved, 'resolve', '2026-11-12T16:00'), /the incident in docs\/post-mortems\/2026-11-12-panne\.md is already resolved/);
  assert.throws(() => transition(resolved, 'mitigate', '2026-11-12T16:00'), /is resolved; reopen it first/);
  assert.throws(() => transition(SEED.replace('status: open', 'status: mitigated'), 'mitigate', '2026-11-12T16:00'), /already mitigated/);
  assert.throws(() => transition(SEED, 'reopen', '2026-11-12T16:00'), /already open/);
  assert.throws(() => transition(SEED, 'resolve', '2026-11-12T13:00'), /before the detection/);
  // No status written anywhere (read as resolved: no open action item): the commands write one, they do not refuse.
  const unwritten = '# Post-mortem: API down\n\nSeverity: 1\nDate: 2026-11-12\n\n## Timeline\n- 14:02 detection\n';
  assert.equal(parse(unwritten).incident?.status, 'resolved');
  const mitigatedNow = transition(unwritten, 'mitigate', '2026-11-12T14:30');
  assert.equal(mitigatedNow, `---\nstatus: mitigated\n---\n${unwritten}- 14:30 mitigation\n`);
  assert.match(transition(unwritten, 'resolve', '2026-11-12T15:00'), /^---\nstatus: resolved\n---\n[^]*- 15:00 service restored\n$/);
  assert.throws(() => transition(mitigatedNow, 'mitigate', '2026-11-12T14:40'), /already mitigated/, 'once written, it counts');
  const broken = '---\nseverity: [SEV1\n---\n# Post-mortem: x\n';
  assert.throws(() => applyEdits(broken, statusEdits(broken, parse(broken), 'resolved')), /docs\/post-mortems\/2026-11-12-panne\.md:\d+: malformed frontmatter.*fix the frontmatter/);
});

test('the language of the words added: French for each French timeline word (accented or not) or lang: fr; else English', async () => {
  const { documentLanguage } = await import('./incident-edits');
  const language = (entry: string, front = ''): string => documentLanguage(parse(`${front}# Post-mortem: x\n\n## Timeline\n- 10:00 ${entry}\n`));
  for (const word of ['détection', 'Détection (UptimeRobot)', 'service rétabli', 'service retabli', 'impact atténué', 'incident résolu', 'incident réouvert', 'ticket rouvert', 'début de la mitigation', 'prise en charge', 'pris en charge', 'panne détectée', 'cause racine', 'SEV1 confirmée']) {
    assert.equal(language(word), 'fr', word);
  }
  for (const word of ['detection', 'service restored', 'resolution of the ticket', 'debutante', 'confirmed', 'mitigation start']) assert.equal(language(word), 'en', word);
  assert.equal(language('detection', '---\nlang: fr-FR\n---\n'), 'fr');
  assert.equal(language('service rétabli', '---\nlang: en\n---\n'), 'en');
});
