/**
 * Side updates at their edges: the activity line a new RCA or post-mortem adds (every field it takes, every default),
 * what each update is called in English and French, the resolution line without a root cause, an activity feed that
 * is itself the incident, and the failure message after a document was created or resolved.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import { applyEdits } from '../edits';
import { bilingual, RunbookError } from '../errors';
import { parseDocument } from '../parse/document';
import type { TemplateInfo } from '../templates/types';
import { resolutionSideUpdates, sideUpdateFailure, sideUpdatesFor } from './side-updates';

const template = (kind: TemplateInfo['kind']): TemplateInfo => ({ kind, name: kind }) as TemplateInfo;
const ACTIVITY = { ...DEFAULT_CONFIG, activityFile: 'fleet-status.md' };
const FEED = '## Recent Activity\n';

/** The one line the activity update of a new `kind` document with these fields inserts into an empty feed. */
function activityLineFor(kind: 'rca' | 'postmortem', fields: Record<string, string>, path = 'DOCS/incidents/x.md'): string {
  const updates = sideUpdatesFor(template(kind), fields, path, ACTIVITY);
  assert.equal(updates.length, 1, 'only the activity update: no history file is configured');
  const [update] = updates;
  assert.equal(update.file, 'fleet-status.md');
  const written = applyEdits(FEED, update.edits(FEED));
  assert.ok(written.startsWith(FEED), written);
  return written.slice(FEED.length);
}

test('a new RCA or post-mortem adds a line to the activity feed, made of its fields', () => {
  assert.equal(
    activityLineFor('rca', { title: 'Disk full', date: '2026-11-20', severity: 'SEV-2', summary: '  The volume filled up.  ' }),
    '- [system] **INCIDENT — SEV-2 Disk full (2026-11-20).** The volume filled up. Full RCA: `DOCS/incidents/x.md`\n',
  );
  assert.equal(
    activityLineFor('postmortem', { title: 'Queue stall', date: '2026-11-21', sev: '1', summary: 'Consumers stopped' }, 'docs/post-mortems/q.md'),
    '- [system] **INCIDENT — SEV-1 Queue stall (2026-11-21).** Consumers stopped. Post-mortem: `docs/post-mortems/q.md`\n',
  );
});

test('the activity line without title, date, severity or summary: the path, nothing, SEV-?, and "<kind> opened"', () => {
  assert.equal(activityLineFor('rca', {}), '- [system] **INCIDENT — SEV-? DOCS/incidents/x.md.** RCA opened. Full RCA: `DOCS/incidents/x.md`\n');
  assert.equal(
    activityLineFor('postmortem', { title: 'T', summary: ' \t ' }, 'p.md'),
    '- [system] **INCIDENT — SEV-? T.** Post-mortem opened. Post-mortem: `p.md`\n',
    'a blank summary is no summary',
  );
});

test('each side update is named in English and in French; both go with a history file and an activity feed', () => {
  const both = sideUpdatesFor(template('postmortem'), { title: 'T' }, 'p.md', { ...ACTIVITY, incidentHistoryFile: 'history.md' });
  assert.deepEqual(
    both.map(({ file, what, whatFr }) => ({ file, what, whatFr })),
    [
      { file: 'history.md', what: 'the incident history', whatFr: "l'historique des incidents" },
      { file: 'fleet-status.md', what: 'the activity feed', whatFr: "le fil d'activité" },
    ],
  );
  assert.deepEqual(sideUpdatesFor(template('runbook'), { title: 'T' }, 'r.md', ACTIVITY), [], 'a runbook goes in no feed');
  assert.deepEqual(sideUpdatesFor(template('handoff'), { title: 'T' }, 'h.md', ACTIVITY), [], 'nor does a hand-off');
});

const RCA_HEAD = '---\nkind: rca\ntitle: Queue stall\ndate: 2026-11-20\nseverity: SEV-2\nstatus: open\n---\n# RCA: Queue stall\n';

test('resolving an incident without a root cause: the line says when, and nothing about a cause', () => {
  const doc = parseDocument(`${RCA_HEAD}\n## Timeline\n- 10:00 paged\n`, { file: 'DOCS/incidents/q-rca.md', config: DEFAULT_CONFIG });
  assert.ok(doc.incident && doc.incident.rootCause === null, 'the fixture has no root cause');
  const [update, ...rest] = resolutionSideUpdates(doc, '2026-11-20T10:30', ACTIVITY);
  assert.deepEqual(rest, []);
  assert.deepEqual([update.file, update.what, update.whatFr], ['fleet-status.md', 'the activity feed', "le fil d'activité"]);
  assert.equal(
    applyEdits(FEED, update.edits(FEED)),
    `${FEED}- [system] **INCIDENT — SEV-2 Queue stall (2026-11-20).** Resolved at 2026-11-20 10:30. Full RCA: \`DOCS/incidents/q-rca.md\`\n`,
  );
});

test('resolving the activity feed itself (an incident kept in that file) adds no line to it; a document that is no incident neither', () => {
  const doc = parseDocument(`${RCA_HEAD}\n## Recent Activity\n`, { file: 'fleet-status.md', config: DEFAULT_CONFIG });
  assert.ok(doc.incident, 'the fixture is an incident');
  assert.deepEqual(resolutionSideUpdates(doc, '2026-11-20T10:30', ACTIVITY), []);
  assert.equal(resolutionSideUpdates(doc, '2026-11-20T10:30', { ...ACTIVITY, activityFile: 'other.md' }).length, 1, 'elsewhere it does');
  const runbook = parseDocument('# Runbook: Restart\n\nStatus: PROPOSED\n', { file: 'r.md', config: DEFAULT_CONFIG });
  assert.deepEqual(resolutionSideUpdates(runbook, '2026-11-20T10:30', ACTIVITY), []);
});

test('a failed side update after a creation says "créé" in French, after a resolution "résolu", for each kind of failure', () => {
  const update = sideUpdatesFor(template('rca'), { title: 'T' }, 'x.md', ACTIVITY)[0];
  const engine = new RunbookError('no-activity-section', bilingual('f.md has no section', "f.md n'a pas de section"));
  const created = sideUpdateFailure('x.md', update, engine) as RunbookError;
  assert.equal(created.message, 'x.md was created, but the activity feed was not updated: f.md has no section');
  assert.equal(created.messageIn('fr'), "x.md a été créé, mais le fil d'activité n'a pas été mis à jour : f.md n'a pas de section");
  const resolved = sideUpdateFailure('x.md', update, engine, 'resolved') as RunbookError;
  assert.equal(resolved.message, 'x.md was resolved, but the activity feed was not updated: f.md has no section');
  assert.equal(resolved.messageIn('fr'), "x.md a été résolu, mais le fil d'activité n'a pas été mis à jour : f.md n'a pas de section");
  const full = sideUpdateFailure('x.md', update, Object.assign(new Error('ENOSPC: no space left'), { code: 'ENOSPC' }), 'resolved') as RunbookError;
  assert.deepEqual([full.code, full.kind, full.details], ['side-update-failed', 'domain', { file: 'fleet-status.md', code: 'ENOSPC' }]);
  assert.equal(full.messageIn('fr'), "x.md a été résolu, mais le fil d'activité n'a pas été mis à jour : ENOSPC: no space left");
  const numeric = sideUpdateFailure('x.md', update, Object.assign(new Error('odd'), { code: 5 }));
  assert.ok(!(numeric instanceof RunbookError), 'a code that is not a string is no system error');
});
