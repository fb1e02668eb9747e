import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import { applyEdits } from '../edits';
import { parseDocument } from '../parse/document';
import { activityEdits, activityLine, type ActivityEntry } from './activity';
import { resolutionSideUpdates } from './side-updates';

const ENTRY: ActivityEntry = {
  kind: 'rca',
  title: 'Gateway auth outage',
  severity: 'SEV2',
  date: '2026-11-02',
  summary: '6/10 agents failed after a deploy.',
  file: 'DOCS/incidents/2026-11-02-gateway-auth-outage-rca.md',
};
const LINE = '- [system] **INCIDENT — SEV-2 Gateway auth outage (2026-11-02).** 6/10 agents failed after a deploy. Full RCA: `DOCS/incidents/2026-11-02-gateway-auth-outage-rca.md`';

const insert = (text: string, entry = ENTRY) => applyEdits(text, activityEdits(text, 'fleet-status.md', entry));

test('the line is the seed\'s format, on one line whatever the title and summary hold', () => {
  assert.equal(activityLine(ENTRY), LINE);
  assert.equal(
    activityLine({ ...ENTRY, kind: 'postmortem', severity: 'P1', title: 'Two\nlines', summary: 'Done..  ', file: 'docs/post-mortems/x.md' }),
    '- [system] **INCIDENT — P1 Two lines (2026-11-02).** Done. Post-mortem: `docs/post-mortems/x.md`',
  );
});

test('inserted at the top of the Recent Activity list, nothing else touched', () => {
  const text = '# Fleet status\n\n## Agents\n- a1 ok\n\n## Recent Activity\nWhat happened lately.\n\n- [docs] older entry\n- [ops] oldest\n\n## Next\n- x\n';
  assert.equal(insert(text), text.replace('\n- [docs] older entry', `\n${LINE}\n- [docs] older entry`));
});

test('CRLF is kept; an empty section or one without a list gets the line after its content', () => {
  const crlf = '# Fleet\r\n\r\n## Recent activity\r\n- [docs] older\r\n';
  assert.equal(insert(crlf), `# Fleet\r\n\r\n## Recent activity\r\n${LINE}\r\n- [docs] older\r\n`);
  assert.equal(insert('## Recent Activity\n\n## Next\n'), `## Recent Activity\n${LINE}\n\n## Next\n`);
  assert.equal(insert('## Recent Activity\nQuiet so far.\n## Next\n'), `## Recent Activity\nQuiet so far.\n\n${LINE}\n## Next\n`);
  assert.equal(insert('## Activité récente\r\n- x'), `## Activité récente\r\n${LINE}\r\n- x`);
});

test('a heading inside fenced code is not the section; no section is a clear error naming the file', () => {
  const text = '```\n## Recent Activity\n- not this\n```\n\n## Recent Activity\n- real\n';
  assert.equal(insert(text), text.replace('- real', `${LINE}\n- real`));
  assert.throws(() => insert('# Fleet\n- x\n'), /fleet-status\.md has no "Recent Activity" section/);
});

test('resolving an incident makes an activity side update with the root cause, only when activityFile is set', () => {
  const doc = parseDocument('---\nkind: rca\ntitle: Queue stall\ndate: 2026-11-20\nseverity: SEV-2\nstatus: open\n---\n# RCA: Queue stall\n\n## Root cause(s)\nA poison message. Then more.\n', {
    file: 'DOCS/incidents/q-rca.md',
    config: DEFAULT_CONFIG,
  });
  assert.deepEqual(resolutionSideUpdates(doc, '2026-11-20T10:30', DEFAULT_CONFIG), []);
  const [update] = resolutionSideUpdates(doc, '2026-11-20T10:30', { ...DEFAULT_CONFIG, activityFile: 'fleet-status.md' });
  assert.equal(update.file, 'fleet-status.md');
  assert.equal(
    applyEdits('## Recent Activity\n', update.edits('## Recent Activity\n')),
    '## Recent Activity\n- [system] **INCIDENT — SEV-2 Queue stall (2026-11-20).** Resolved at 2026-11-20 10:30. Root cause: A poison message. Full RCA: `DOCS/incidents/q-rca.md`\n',
  );
});
