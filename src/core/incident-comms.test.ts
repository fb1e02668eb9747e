import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG, resolveConfig } from './config';
import { statusUpdate } from './incident-comms';
import { parseDocument } from './parse/document';

const PM = 'docs/post-mortems/2026-11-12-panne-reseau.md';
const TEXT = [
  '---',
  'severity: SEV1',
  'status: open',
  '---',
  '# Post-mortem : Panne réseau du cluster',
  '',
  'Symptom: the training portal times out',
  'Channel: #ops',
  '',
  '## Timeline (heures locales)',
  '- 14:02 détection (UptimeRobot)',
  '- 14:10 triage, SEV1 confirmée',
  '- 14:35 début de la mitigation',
  '',
  '## Impact',
  '- Users impactés : 240',
  '- Data loss : non',
  '',
  '## Root cause',
  '<!-- One paragraph:',
  'what broke, and why. -->',
  '',
  'Le switch principal a **redémarré** pendant une mise à jour. Personne ne surveillait.',
  '',
].join('\n');

function update(text: string, options: Parameters<typeof statusUpdate>[2], config = DEFAULT_CONFIG): string {
  return statusUpdate(parseDocument(text, { file: PM, config }), config, options);
}

test('while open: seed 002\'s "Service degraded" update, the last timeline entry as "Investigating"', () => {
  assert.equal(
    update(TEXT, { lang: 'en' }),
    [
      '[SEV1] Panne réseau du cluster - Service degraded',
      'Symptom: the training portal times out',
      'Started: 2026-11-12 14:02',
      'Investigating: 14:35 début de la mitigation',
      'ETA: <unknown>',
      'Channel: #ops',
    ].join('\n'),
  );
  assert.equal(
    update(TEXT, { lang: 'fr' }).split('\n')[0] + '\n' + update(TEXT, { lang: 'fr' }).split('\n')[4],
    '[SEV1] Panne réseau du cluster - Service dégradé\nETA : <unknown>',
  );
});

test('once resolved: "back online" with the downtime from the timeline, the root cause\'s first sentence, impact, path', () => {
  const resolved = TEXT.replace('status: open', 'status: resolved').replace('- 14:35 début de la mitigation', '- 14:35 début de la mitigation\n- 15:30 service rétabli');
  assert.equal(
    update(resolved, { lang: 'en' }),
    [
      '[SEV1 RESOLVED] Panne réseau du cluster - back online',
      'Duration down: 1h28m',
      'Root cause: Le switch principal a redémarré pendant une mise à jour.',
      'Impact: Users impactés: 240; Data loss: non',
      'Post-mortem: docs/post-mortems/2026-11-12-panne-reseau.md',
    ].join('\n'),
  );
  assert.match(update(resolved, { lang: 'fr' }), /^\[SEV1 RÉSOLU\] Panne réseau du cluster - de nouveau en ligne\nDurée d'indisponibilité : 1h28m\nCause racine : Le switch/);
  // --resolved prepares it before the status says so: no restoration yet, so no downtime.
  assert.match(update(TEXT, { lang: 'en', resolved: true }), /^\[SEV1 RESOLVED\] .*\nDuration down: <unknown>\n/);
});

test('what the document does not have is <unknown>, never invented; the configured channel is the fallback', () => {
  const bare = '---\nstatus: open\n---\n# Post-mortem: Nothing known\n';
  assert.equal(update(bare, { lang: 'en' }), '[<unknown>] Nothing known - Service degraded\nSymptom: <unknown>\nStarted: <unknown>\nInvestigating: <unknown>\nETA: <unknown>\nChannel: <unknown>');
  assert.equal(
    update(bare, { lang: 'en', resolved: true }),
    '[<unknown> RESOLVED] Nothing known - back online\nDuration down: <unknown>\nRoot cause: <unknown>\nImpact: <unknown>\nPost-mortem: docs/post-mortems/2026-11-12-panne-reseau.md',
  );
  const config = resolveConfig({ incidentChannel: '#incidents' }, 'cfg');
  assert.match(update(bare, { lang: 'en' }, config), /\nChannel: #incidents$/);
  assert.throws(() => statusUpdate(parseDocument('# Notes\n', { file: 'notes.md', config: DEFAULT_CONFIG }), DEFAULT_CONFIG, { lang: 'en' }), /notes\.md is not an incident/);
});
