import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from './check';
import { DEFAULT_CONFIG, resolveConfig } from './config';
import { incidentClock, parseTarget, targetFor } from './incident-policy';
import type { Finding } from './model';
import { parseDocument } from './parse/document';
import { normalizeSeverity, severityLevel } from './severity';

function doc(text: string, file = 'docs/post-mortems/2026-11-20-x.md') {
  return parseDocument(text, { file, config: DEFAULT_CONFIG });
}

/** A local `Date` for `YYYY-MM-DDTHH:MM` (the clock both front ends hand to the engine). */
function at(local: string): Date {
  return new Date(`${local}:00`);
}

function rules(findings: Finding[]): string[] {
  return findings.map((finding) => finding.rule).filter((rule) => rule.startsWith('incident-'));
}

test('severities: every spelling reads the same, P0–P3 map onto SEV1–SEV4', () => {
  for (const spelling of ['1', 'SEV1', 'SEV-1', 'sev1', 'Sev 1', 'sev-1', 1]) assert.equal(normalizeSeverity(spelling), 'SEV1', String(spelling));
  for (const spelling of ['P0', 'p0', 0, '0']) assert.equal(normalizeSeverity(spelling), 'P0', String(spelling));
  assert.equal(normalizeSeverity('SEV0'), null);
  assert.equal(normalizeSeverity('HTTP2'), null);
  assert.deepEqual((['P0', 'P1', 'P2', 'P3', 'SEV1', 'SEV4'] as const).map(severityLevel), [1, 2, 3, 4, 1, 4]);
});

test('targets: wall clock, business hours, none; malformed is undefined', () => {
  assert.deepEqual(parseTarget('15m'), { minutes: 15, business: false, text: '15m' });
  assert.deepEqual(parseTarget('4h business'), { minutes: 240, business: true, text: '4h business' });
  assert.deepEqual(parseTarget('24 business hours'), { minutes: 1440, business: true, text: '24 business hours' });
  assert.deepEqual(parseTarget('4h ouvrées'), { minutes: 240, business: true, text: '4h ouvrées' });
  assert.equal(parseTarget('none'), null);
  assert.equal(parseTarget(''), null);
  for (const bad of ['15', 'soon', '0m', '-5m', '4 days']) assert.equal(parseTarget(bad), undefined, bad);
  // The seed 002 defaults, P0–P3 through SEV1–SEV4.
  assert.equal(targetFor('SEV1', DEFAULT_CONFIG.responseTargets)?.minutes, 15);
  assert.equal(targetFor('P0', DEFAULT_CONFIG.responseTargets)?.minutes, 15);
  assert.deepEqual(targetFor('P1', DEFAULT_CONFIG.responseTargets), { minutes: 240, business: true, text: '4h business' });
  assert.equal(targetFor('SEV3', DEFAULT_CONFIG.responseTargets)?.minutes, 1440);
  assert.equal(targetFor('P3', DEFAULT_CONFIG.responseTargets), null);
  assert.equal(targetFor('SEV2', DEFAULT_CONFIG.updateTargets)?.minutes, 30);
  assert.equal(targetFor('SEV3', DEFAULT_CONFIG.updateTargets), null);
});

test('the policy in the configuration: merged over the defaults, any severity spelling as a key, clear errors', () => {
  const config = resolveConfig({ responseTargets: { 'sev-1': '10m', P1: 'none' }, businessDays: ['lundi', 'mardi'], businessHours: '08:00-12:00' }, 'cfg');
  assert.deepEqual(config.responseTargets, { SEV1: '10m', SEV2: 'none', SEV3: '24h business', SEV4: 'none' });
  assert.throws(() => resolveConfig({ responseTargets: { SEV1: 'soon' } }, 'cfg'), /^RunbookError: cfg: "responseTargets" must be an object of severities .* found \{"SEV1":"soon"\}$/);
  assert.throws(() => resolveConfig({ updateTargets: { SEV9: '30m' } }, 'cfg'), /"updateTargets" must be/);
  assert.throws(() => resolveConfig({ businessDays: ['Mon', 'Funday'] }, 'cfg'), /"businessDays" must be a non-empty list of day names/);
  assert.throws(() => resolveConfig({ businessDays: [] }, 'cfg'), /"businessDays"/);
  assert.throws(() => resolveConfig({ businessHours: '18:00-09:00' }, 'cfg'), /"businessHours" must be a time range "HH:MM-HH:MM"/);
  assert.throws(() => resolveConfig({ incidentChannel: 3 }, 'cfg'), /"incidentChannel" must be a string/);
});

test('a SEV2 detected Friday 17:00 is due Monday 12:00: not overdue at 11:59 Monday, overdue at 12:01', () => {
  const sev2 = doc('---\nseverity: SEV-2\nstatus: open\n---\n# Post-mortem: Queue backlog\n\n## Timeline\n- 17:00 detection\n');
  const before = incidentClock(sev2, DEFAULT_CONFIG, '2026-11-23T11:59');
  assert.equal(before.responseDueAt, '2026-11-23T12:00');
  assert.equal(before.responseOverdue, false);
  assert.equal(incidentClock(sev2, DEFAULT_CONFIG, '2026-11-23T12:00').responseOverdue, false, 'due at 12:00 is not late at 12:00');
  assert.equal(incidentClock(sev2, DEFAULT_CONFIG, '2026-11-23T12:01').responseOverdue, true);
  assert.deepEqual(rules(checkDocument(sev2, at('2026-11-23T11:59'), DEFAULT_CONFIG)), ['incident-update-overdue']);
  const late = checkDocument(sev2, at('2026-11-23T12:01'), DEFAULT_CONFIG);
  const finding = late.find((f) => f.rule === 'incident-response-overdue');
  assert.ok(finding);
  assert.equal(finding.line, 3, 'on the status line');
  assert.equal(finding.severity, 'warning');
  assert.match(finding.message, /^SEV2 first response overdue since 2026-11-23 12:00 \(4h business after detection at 2026-11-20 17:00\)/);
});

test('incident-response-overdue: a SEV1 answered in 15 minutes is on time, in 16 it is late; resolved incidents are quiet', () => {
  const sev1 = (response: string, status = 'open'): string => `---\nseverity: SEV1\nstatus: ${status}\n---\n# Post-mortem: x\n\n## Timeline\n- 14:02 détection\n- ${response} triage\n- 14:30 service rétabli\n`;
  const now = at('2026-11-20T14:31');
  assert.deepEqual(rules(checkDocument(doc(sev1('14:17')), now, DEFAULT_CONFIG)), []);
  const late = checkDocument(doc(sev1('14:18')), now, DEFAULT_CONFIG).filter((f) => f.rule === 'incident-response-overdue');
  assert.equal(late.length, 1);
  assert.match(late[0].message, /^SEV1 first response came at 2026-11-20 14:18, after its target of 2026-11-20 14:17/);
  assert.deepEqual(rules(checkDocument(doc(sev1('14:18', 'resolved')), now, DEFAULT_CONFIG)), []);
  // No response yet: overdue only once the target has passed.
  const waiting = doc('---\nseverity: P0\nstatus: open\n---\n# Post-mortem: x\n\n## Timeline\n- 14:02 alert\n');
  assert.deepEqual(rules(checkDocument(waiting, at('2026-11-20T14:17'), DEFAULT_CONFIG)), []);
  assert.deepEqual(rules(checkDocument(waiting, at('2026-11-20T14:18'), DEFAULT_CONFIG)), ['incident-response-overdue']);
  // SEV4 has no target; an incident without a detection time has nothing to measure from.
  const response = (text: string): string[] => rules(checkDocument(doc(text), at('2026-11-25T10:00'), DEFAULT_CONFIG)).filter((rule) => rule === 'incident-response-overdue');
  assert.deepEqual(response('---\nseverity: SEV4\nstatus: open\n---\n# PM\n\n## Timeline\n- 14:02 alert\n'), []);
  assert.deepEqual(response('---\nseverity: SEV1\nstatus: open\n---\n# PM\n\n## Timeline\n- 14:02 something odd\n'), []);
  assert.deepEqual(response('---\nseverity: SEV1\nstatus: open\n---\n# PM\n\n## Timeline\n- 14:02 alert\n'), ['incident-response-overdue'], 'the same with a detection');
});

test('incident-update-overdue: a running SEV1/SEV2 whose last entry is 30 minutes old; not SEV3, not once restored', () => {
  const running = (severity: string, last: string): string => `---\nseverity: ${severity}\nstatus: mitigated\n---\n# Post-mortem: x\n\n## Timeline\n- 14:02 détection\n- 14:05 triage\n- ${last}\n`;
  const now = at('2026-11-20T15:00');
  assert.deepEqual(rules(checkDocument(doc(running('SEV1', '14:30 mitigation')), now, DEFAULT_CONFIG)), [], '30 minutes exactly is on time');
  const stale = checkDocument(doc(running('SEV2', '14:29 mitigation')), now, DEFAULT_CONFIG).find((f) => f.rule === 'incident-update-overdue');
  assert.ok(stale);
  assert.equal(stale.line, 3);
  assert.equal(stale.message, 'SEV2 incident not updated since 2026-11-20 14:29: an update was due by 2026-11-20 14:59 (every 30m)');
  assert.deepEqual(rules(checkDocument(doc(running('SEV3', '14:29 mitigation')), now, DEFAULT_CONFIG)), []);
  assert.deepEqual(rules(checkDocument(doc(running('SEV1', '14:29 service restored')), now, DEFAULT_CONFIG)), [], 'service restored: updates stop');
  const quiet = resolveConfig({ updateTargets: { SEV2: 'none' } }, 'cfg');
  assert.deepEqual(rules(checkDocument(doc(running('SEV2', '14:29 mitigation')), now, quiet)), [], 'configurable');
});

test('a severity given to a template is written the template\'s way, whatever the spelling (P0 → SEV-1, sev2 → P1)', async () => {
  const { matchChoice } = await import('./templates/fields');
  const rca = ['SEV-1', 'SEV-2', 'SEV-3'];
  for (const value of ['P0', 'p0', '1', 'SEV1', 'sev-1', 'Sev 1']) assert.equal(matchChoice(value, rca), 'SEV-1', value);
  assert.equal(matchChoice('P2', rca), 'SEV-3');
  assert.equal(matchChoice('P3', rca), null, 'SEV4 is not offered');
  assert.equal(matchChoice('sev2', ['P0', 'P1', 'P2', 'P3']), 'P1');
  assert.equal(matchChoice('P1', ['SEV2', 'P1']), 'P1', 'the same spelling first when both are offered');
});
