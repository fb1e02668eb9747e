import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, resolveConfig } from './config';
import { classifyEntry, DEFAULT_TIMELINE_KEYWORDS, incidentTimes, resolveEntryTimes, type EntryKind } from './incident-times';
import { parseTimeArgument, parseDateTime, formatDuration } from './local-time';
import { parseDocument } from './parse/document';

const keywords = DEFAULT_CONFIG.timelineKeywords;

function doc(text: string, file = 'docs/post-mortems/2026-11-12-x.md') {
  return parseDocument(text, { file, config: DEFAULT_CONFIG });
}

/** Each default keyword in a sentence, English and French, with the stems (`*`) given an ending. */
const EXAMPLES: Record<EntryKind, Array<[keyword: string, sentence: string]>> = {
  detection: [
    ['detection', 'detection by UptimeRobot'],
    ['detected', 'latency spike detected'],
    ['alert*', 'alerts fire: 6 of 10 agents fail'],
    ['paged', 'on-call paged'],
    ['détection', 'détection (UptimeRobot)'],
    ['détecté*', 'panne détectée par un utilisateur'],
    ['alerte*', 'ALERTE disque plein'],
  ],
  response: [
    ['triage*', 'triaged, SEV1 confirmed'],
    ['acknowledged', 'page acknowledged by Yan'],
    ['acknowledgement', 'acknowledgement sent'],
    ['investigating', 'investigating the gateway'],
    ['investigation', 'investigation des conteneurs'],
    ['responding', 'Corentin responding'],
    ['prise en charge', 'prise en charge par Corentin'],
    ['pris en charge', 'ticket pris en charge'],
    ['acquitté*', 'alarme acquittée'],
    ['enquête', 'enquête sur les logs'],
  ],
  mitigation: [
    ['mitigation', 'mitigation start'],
    ['mitigated', 'impact mitigated by a restart'],
    ['mitigating', 'mitigating with a failover'],
    ['workaround', 'workaround applied'],
    ['rolled back', 'release rolled back'],
    ['rollback', 'rollback to v1.2'],
    ['atténuation', "début de l'atténuation"],
    ['atténué*', 'impact atténué'],
    ['contournement', 'contournement en place'],
    ['contourné*', 'problème contourné'],
  ],
  restoration: [
    ['service restored', 'service restored'],
    ['restored', 'file restored from the previous release'],
    ['back online', 'formation-hub back online'],
    ['recovered', 'agents recovered'],
    ['resolved', 'incident resolved'],
    ['rétabli*', 'service rétabli'],
    ['rétablissement', 'rétablissement complet'],
    ['résolu*', 'incident résolu'],
    ['de retour en ligne', 'site de retour en ligne'],
    ['remis en service', 'cluster remis en service'],
  ],
  reopen: [
    ['reopened', 'reopened: errors are back'],
    ['reopen', 'reopen after regression'],
    ['réouvert*', 'incident réouvert'],
    ['rouvert*', 'ticket rouvert'],
  ],
};

test('every default keyword is classified, in English and in French', () => {
  for (const kind of Object.keys(EXAMPLES) as EntryKind[]) {
    const covered = EXAMPLES[kind].map(([keyword]) => keyword).sort();
    assert.deepEqual(covered, [...DEFAULT_TIMELINE_KEYWORDS[kind]].sort(), `examples cover every ${kind} keyword`);
    for (const [, sentence] of EXAMPLES[kind]) assert.equal(classifyEntry(sentence, keywords), kind, sentence);
  }
});

test('accents and case do not matter; word boundaries do, before and after accented letters', () => {
  for (const text of ['Service Rétabli', 'service retabli', 'SERVICE RÉTABLI', 'service rétablie']) assert.equal(classifyEntry(text, keywords), 'restoration', text);
  for (const text of ['atténué', 'ATTÉNUÉ', 'attenue', 'atténuée']) assert.equal(classifyEntry(text, keywords), 'mitigation', text);
  for (const text of ['Détection', 'DÉTECTION', 'detection']) assert.equal(classifyEntry(text, keywords), 'detection', text);
  // Inside a longer word is no match: "undetected", "prérétabli" … "resolvedness" has no boundary after "resolved".
  for (const text of ['undetected regression', 'réalerter', 'prérétabli', 'unresolvedness', 'root cause confirmed', 'cause racine confirmée']) {
    assert.equal(classifyEntry(text, keywords), null, text);
  }
});

test('an entry matching several kinds is decided reopen > restoration > mitigation > response > detection', () => {
  assert.equal(classifyEntry('alert resolved', keywords), 'restoration');
  assert.equal(classifyEntry('investigating the alert', keywords), 'response');
  assert.equal(classifyEntry('mitigation during triage', keywords), 'mitigation');
});

test('configured keywords replace a kind, keep the others, and take a trailing * as any ending', () => {
  const config = resolveConfig({ timelineKeywords: { detection: ['signalé*', 'page'] } }, 'test');
  assert.equal(classifyEntry('incident signalée par un client', config.timelineKeywords), 'detection');
  assert.equal(classifyEntry('détection', config.timelineKeywords), null, 'the default detection words are replaced');
  assert.equal(classifyEntry('service restored', config.timelineKeywords), 'restoration', 'other kinds keep their defaults');
  assert.throws(() => resolveConfig({ timelineKeywords: { found: ['x'] } }, 'cfg'), /"timelineKeywords" must be an object of reopen, restoration, mitigation, response, detection/);
});

test('entry times: HH:MM on the incident date, a dated entry moves the day, past midnight rolls to the next day', () => {
  assert.deepEqual(resolveEntryTimes(['23:40', '23:55', '00:20', '1h05'], '2026-11-12'), [
    '2026-11-12T23:40',
    '2026-11-12T23:55',
    '2026-11-13T00:20',
    '2026-11-13T01:05',
  ]);
  assert.deepEqual(resolveEntryTimes(['2026-11-13 08:00', '09:30', '2026-11-14T07:00:00', '7:15'], '2026-11-12'), [
    '2026-11-13T08:00',
    '2026-11-13T09:30',
    '2026-11-14T07:00',
    '2026-11-14T07:15',
  ]);
  // Going back less than 12 hours is an out-of-order entry on the same day, not a new day.
  assert.deepEqual(resolveEntryTimes(['11:00', '10:00'], '2026-11-12'), ['2026-11-12T11:00', '2026-11-12T10:00']);
  assert.deepEqual(resolveEntryTimes(['14:02', '25:00', '2026-02-30 10:00'], null), [null, null, null]);
});

test('times from a French post-mortem (seed 002): détection, triage, mitigation, rétabli; downtime 88 minutes', () => {
  const times = incidentTimes(
    doc('# Post-mortem : Panne\n\n## Timeline (heures locales)\n- 14:02 détection\n- 14:10 triage\n- 14:35 début de la mitigation\n- 15:30 service rétabli\n- 16:10 cause racine confirmée\n'),
    DEFAULT_CONFIG,
  );
  assert.deepEqual(times, {
    detectedAt: '2026-11-12T14:02',
    respondedAt: '2026-11-12T14:10',
    mitigatedAt: '2026-11-12T14:35',
    resolvedAt: '2026-11-12T15:30',
    downtimeMinutes: 88,
    lastEntryAt: '2026-11-12T16:10',
  });
});

test('times from an English RCA with bold and dated entries, across midnight', () => {
  const text = '# RCA: Night outage\n\nDate: 2026-11-12\n\n## Timeline\n- **23:50** alert: 5xx above 10%\n- **23:58** acknowledged by on-call\n- **2026-11-13 00:40** service restored\n';
  const times = incidentTimes(doc(text, 'DOCS/incidents/night-rca.md'), DEFAULT_CONFIG);
  assert.equal(times.detectedAt, '2026-11-12T23:50');
  assert.equal(times.respondedAt, '2026-11-12T23:58');
  assert.equal(times.resolvedAt, '2026-11-13T00:40');
  assert.equal(times.downtimeMinutes, 50);
  const undated = incidentTimes(doc(text.replace('2026-11-13 00:40', '00:40'), 'DOCS/incidents/night-rca.md'), DEFAULT_CONFIG);
  assert.equal(undated.resolvedAt, '2026-11-13T00:40', 'an undated entry past midnight is on the next day');
  const table = '# RCA: t\n\nDate: 2026-11-12\n\n## Timeline\n| Time | Event |\n|---|---|\n| 09:12 | alert fired |\n| 09:20 | triage |\n';
  assert.equal(incidentTimes(doc(table, 'DOCS/incidents/t-rca.md'), DEFAULT_CONFIG).respondedAt, '2026-11-12T09:20');
});

test('frontmatter detected / mitigated / resolved stand in for missing entries; nothing known is null', () => {
  const text = '---\nkind: postmortem\ndate: 2026-11-12\ndetected: 2026-11-12 14:02\nmitigated: "2026-11-12 14:30"\nresolved: 2026-11-12T15:00\n---\n# Post-mortem: x\n';
  const times = incidentTimes(doc(text), DEFAULT_CONFIG);
  assert.equal(times.detectedAt, '2026-11-12T14:02');
  assert.equal(times.mitigatedAt, '2026-11-12T14:30');
  assert.equal(times.resolvedAt, '2026-11-12T15:00');
  assert.equal(times.downtimeMinutes, 58);
  assert.equal(times.respondedAt, null);
  const empty = incidentTimes(doc('# Post-mortem: nothing yet\n'), DEFAULT_CONFIG);
  assert.deepEqual(Object.values(empty), [null, null, null, null, null, null]);
});

test('a reopened incident: restoration and mitigation count only after the last reopening', () => {
  const text = '# Post-mortem: x\n\n## Timeline\n- 10:00 detection\n- 10:05 triage\n- 10:30 mitigation\n- 11:00 service restored\n- 12:00 reopened\n';
  const reopened = incidentTimes(doc(text), DEFAULT_CONFIG);
  assert.equal(reopened.resolvedAt, null);
  assert.equal(reopened.mitigatedAt, null);
  assert.equal(reopened.downtimeMinutes, null);
  const again = incidentTimes(doc(`${text}- 12:45 service restored\n`), DEFAULT_CONFIG);
  assert.equal(again.resolvedAt, '2026-11-12T12:45');
  assert.equal(again.downtimeMinutes, 165);
  assert.equal(again.respondedAt, '2026-11-12T10:05');
});

test('the first response is the first triage — or mitigation when that came first — at or after detection', () => {
  const mitigationFirst = incidentTimes(doc('# PM\n\n## Timeline\n- 10:00 detection\n- 10:20 rollback\n- 10:40 investigating\n'), DEFAULT_CONFIG);
  assert.equal(mitigationFirst.respondedAt, '2026-11-12T10:20');
  const beforeDetection = incidentTimes(doc('# PM\n\n## Timeline\n- 09:00 triage of another ticket\n- 10:00 detection\n- 10:05 acknowledged\n'), DEFAULT_CONFIG);
  assert.equal(beforeDetection.respondedAt, '2026-11-12T10:05');
});

test('time arguments: HH:MM today, YYYY-MM-DD HH:MM; anything else is a usage error', () => {
  assert.equal(parseTimeArgument('14:05', '2026-11-23'), '2026-11-23T14:05');
  assert.equal(parseTimeArgument('2026-11-22 23:59', '2026-11-23'), '2026-11-22T23:59');
  assert.equal(parseTimeArgument('2026-11-22T08:00', '2026-11-23'), '2026-11-22T08:00');
  for (const bad of ['24:00', '9', 'noon', '2026-13-01 10:00', '2026-11-22']) {
    assert.throws(() => parseTimeArgument(bad, '2026-11-23'), (error: Error & { kind?: string }) => error.kind === 'usage' && /HH:MM/.test(error.message), bad);
  }
  assert.equal(parseDateTime('2026-02-29 10:00'), null);
  assert.equal(formatDuration(88), '1h28m');
  assert.equal(formatDuration(40), '0h40m');
});

test('incidentTimes is read once per parsed document and keywords: the same frozen result, re-read for other keywords', () => {
  const incident = doc('---\nkind: postmortem\ndate: 2026-11-12\n---\n# Post-mortem: x\n\n## Timeline\n- 14:02 detection\n- 14:30 glitch cleared\n');
  const first = incidentTimes(incident, DEFAULT_CONFIG);
  assert.equal(first.detectedAt, '2026-11-12T14:02');
  assert.equal(first.resolvedAt, null);
  assert.equal(incidentTimes(incident, DEFAULT_CONFIG), first, 'a second read is the remembered one');
  assert.ok(Object.isFrozen(first), 'shared, so it cannot be changed by a caller');
  const restoration = resolveConfig({ timelineKeywords: { ...keywords, restoration: ['glitch cleared'] } }, 'test');
  const reread = incidentTimes(incident, restoration);
  assert.equal(reread.resolvedAt, '2026-11-12T14:30', 'other keywords are not answered from the memo');
  assert.equal(reread.downtimeMinutes, 28);
});
