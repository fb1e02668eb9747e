import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import { parseDocument } from '../parse/document';
import { briefingToMarkdown, buildBriefing, dayBefore, inlineText, relativeHref } from '.';

const parse = (file: string, text: string) => parseDocument(text, { file, config: DEFAULT_CONFIG });

test('relativeHref climbs out of the report folder and encodes what a link cannot hold', () => {
  assert.equal(relativeHref('', 'DOCS/incidents/a.md', 3), 'DOCS/incidents/a.md#L3');
  assert.equal(relativeHref('reports/daily', 'DOCS/incidents/a.md', 3), '../../DOCS/incidents/a.md#L3');
  assert.equal(relativeHref('DOCS', 'DOCS/incidents/a.md', 1), 'incidents/a.md#L1');
  assert.equal(relativeHref('DOCS/incidents', 'DOCS/incidents/a b (1).md', 9), 'a%20b%20%281%29.md#L9');
  // A folder named like the file is not a common prefix of the file name itself.
  assert.equal(relativeHref('a.md', 'a.md', 1), '../a.md#L1');
});

test('inlineText makes user text inert and one line', () => {
  assert.equal(inlineText('a *b* [c](d) <img>\n| e'), 'a \\*b\\* \\[c\\](d) \\<img\\> \\| e');
});

test('dayBefore crosses months and years', () => {
  assert.equal(dayBefore('2026-03-01'), '2026-02-28');
  assert.equal(dayBefore('2027-01-01'), '2026-12-31');
});

const RESOLVED = (date: string, restored: string) =>
  `---\nkind: rca\ntitle: T\ndate: ${date}\nseverity: SEV-2\nstatus: resolved\n---\n# RCA: T\n\n## Timeline\n- 09:00 detection\n- 09:10 triage\n- ${restored} service restored\n`;

test('the since section counts from its first day inclusive', () => {
  const docs = [parse('DOCS/incidents/a.md', RESOLVED('2026-11-24', '23:59')), parse('DOCS/incidents/b.md', RESOLVED('2026-11-23', '23:59'))];
  const report = buildBriefing(docs, DEFAULT_CONFIG, new Date(2026, 10, 25, 8, 0));
  assert.equal(report.since.date, '2026-11-24');
  assert.deepEqual(report.since.resolved.map((item) => item.file), ['DOCS/incidents/a.md']);
  assert.deepEqual(report.since.opened.map((item) => item.file), ['DOCS/incidents/a.md']);
});

test('response status: waiting before the target, overdue after it, late or responded once answered', () => {
  const open = (timeline: string) => parse('DOCS/incidents/x.md', `---\nkind: rca\ntitle: X\ndate: 2026-11-25\nseverity: SEV1\nstatus: open\n---\n# RCA: X\n\n## Timeline\n${timeline}`);
  const at = (minute: number) => new Date(2026, 10, 25, 9, minute);
  assert.equal(buildBriefing([open('- 09:00 detection\n')], DEFAULT_CONFIG, at(15)).openIncidents[0].response, 'waiting');
  const overdue = buildBriefing([open('- 09:00 detection\n')], DEFAULT_CONFIG, at(16));
  assert.equal(overdue.openIncidents[0].response, 'overdue');
  assert.deepEqual(overdue.escalations.map((item) => [item.kind, item.dueAt]), [['response-overdue', '2026-11-25T09:15']]);
  assert.equal(buildBriefing([open('- 09:00 detection\n- 09:15 triage\n')], DEFAULT_CONFIG, at(30)).openIncidents[0].response, 'responded');
  const late = buildBriefing([open('- 09:00 detection\n- 09:16 triage\n')], DEFAULT_CONFIG, at(30));
  assert.equal(late.openIncidents[0].response, 'late');
  assert.deepEqual(late.escalations, [], 'a late response is not an escalation any more');
});

test('overdue actions group by owner whatever the case, unowned last; due today is not overdue', () => {
  const doc = parse(
    'docs/post-mortems/p.md',
    '---\nkind: postmortem\ntitle: P\n---\n# Post-mortem: P\n\n## Action items\n- [ ] one (owner @Yan, due 2026-11-01)\n- [ ] two (owner @yan, due 2026-11-02)\n- [ ] three (due 2026-11-03)\n- [ ] four (owner @ana, due 2026-11-25)\n',
  );
  const report = buildBriefing([doc], DEFAULT_CONFIG, new Date(2026, 10, 25, 12, 0));
  assert.deepEqual(report.overdueActions.map((group) => [group.owner, group.actions.map((action) => action.text)]), [
    ['Yan', ['one', 'two']],
    [null, ['three']],
  ]);
});

test('a title cannot break the markdown: it is escaped in every section', () => {
  const doc = parse('DOCS/incidents/x.md', '---\nkind: rca\ntitle: "[pwn](http://x) *b*"\ndate: 2026-11-25\nseverity: SEV3\nstatus: open\n---\n# RCA: [pwn](http://x) *b*\n');
  const text = briefingToMarkdown(buildBriefing([doc], DEFAULT_CONFIG, new Date(2026, 10, 25, 12, 0)), (file, line) => `${file}#L${line}`);
  assert.doesNotMatch(text, /\[pwn\]\(http/);
  assert.match(text, /\\\[pwn\\\]\(http:\/\/x\) \\\*b\\\*/);
});

test('--since after today or not a date is refused as a usage error', () => {
  assert.throws(() => buildBriefing([], DEFAULT_CONFIG, new Date(2026, 10, 25, 12), { since: '2026-11-26' }), (error: Error & { kind?: string }) => error.kind === 'usage');
  assert.throws(() => buildBriefing([], DEFAULT_CONFIG, new Date(2026, 10, 25, 12), { since: '2026-13-01' }), /not a date/);
});

test('an open hand-off is escalated with how long it has waited, in both languages; a dateless one without an age', () => {
  const handoff = (file: string, date: string): string =>
    `---\nkind: handoff\ntitle: Plafond ${file}\n${date ? `date: ${date}\n` : ''}urgency: P1\n---\n# Passation : Plafond\n\n## Décision\n`;
  const documents = [parse('docs/handoffs/a.md', handoff('a', '2026-11-22')), parse('docs/handoffs/b.md', handoff('b', ''))];
  const report = buildBriefing(documents, DEFAULT_CONFIG, new Date(2026, 10, 25, 12, 0));
  assert.deepEqual(report.escalations.map((item) => [item.kind, item.file, item.ageDays]), [
    ['handoff', 'docs/handoffs/a.md', 3],
    ['handoff', 'docs/handoffs/b.md', null],
  ]);
  const href = (file: string, line: number): string => `${file}#L${line}`;
  assert.match(briefingToMarkdown(report, href), /— Hand-off waiting for a decision for 3d \(/);
  assert.match(briefingToMarkdown(report, href, 'fr'), /— Passation en attente de décision depuis 3j \(/);
  assert.match(briefingToMarkdown(report, href, 'fr'), /\*\*Plafond b\*\* — Passation en attente de décision \(/);
});
