/**
 * Recurrence, post-mortem deadlines and incident identity: a hit and a near miss for each rule, through the same
 * parser and `checkWorkspace` the CLI and the editor use.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkWorkspace } from './check';
import { DEFAULT_CONFIG, resolveConfig } from './config';
import { incidentGroups } from './incident-identity';
import type { ParsedDocument } from './model';
import { parseDocument } from './parse/document';
import { readTextSections } from './parse/text-sections';
import { findRecurrences } from './recurrence';
import { incidentRows } from './report';

const parse = (file: string, text: string, config = DEFAULT_CONFIG): ParsedDocument => parseDocument(text, { file, config });

function rca(date: string, title: string, frontmatter: Record<string, string> = {}, body = ''): [string, string] {
  const extra = Object.entries(frontmatter).map(([key, value]) => `${key}: ${value}\n`).join('');
  return [`DOCS/incidents/${date}-${title.toLowerCase().replace(/\s+/g, '-')}-rca.md`, `---\nkind: rca\ntitle: ${title}\ndate: ${date}\nseverity: SEV-2\nstatus: resolved\n${extra}---\n# RCA: ${title}\n${body}`];
}

const docs = (...files: Array<[string, string]>): ParsedDocument[] => files.map(([file, text]) => parse(file, text));
const rules = (findings: ReturnType<typeof checkWorkspace>, rule: string) => findings.filter((finding) => finding.rule === rule);

test('recurrence: three incidents of one service within 30 days warn on the newest, naming the others', () => {
  const all = docs(rca('2026-11-01', 'Queue stall', { service: 'payments' }), rca('2026-11-15', 'Queue lag', { service: 'Payments' }), rca('2026-11-20', 'Queue full', { service: 'payments' }));
  const found = rules(checkWorkspace(all, '2026-11-25', DEFAULT_CONFIG), 'incident-recurrence');
  assert.equal(found.length, 1);
  assert.equal(found[0].file, 'DOCS/incidents/2026-11-20-queue-full-rca.md');
  assert.equal(found[0].severity, 'warning');
  assert.match(found[0].message, /^3 similar incidents within 30 days \(service payments\): DOCS\/incidents\/2026-11-01-queue-stall-rca\.md \(2026-11-01\), DOCS\/incidents\/2026-11-15-queue-lag-rca\.md \(2026-11-15\)/);
});

test('recurrence near misses: 31 days apart, two incidents only, different services', () => {
  const spread = docs(rca('2026-10-20', 'A', { service: 'db' }), rca('2026-11-10', 'B', { service: 'db' }), rca('2026-11-20', 'C', { service: 'db' }));
  assert.deepEqual(rules(checkWorkspace(spread, '2026-11-25', DEFAULT_CONFIG), 'incident-recurrence'), [], '31 days is outside the window');
  const edge = docs(rca('2026-10-21', 'A', { service: 'db' }), rca('2026-11-10', 'B', { service: 'db' }), rca('2026-11-20', 'C', { service: 'db' }));
  assert.equal(rules(checkWorkspace(edge, '2026-11-25', DEFAULT_CONFIG), 'incident-recurrence').length, 1, '30 days is inside');
  const two = docs(rca('2026-11-10', 'B', { service: 'db' }), rca('2026-11-20', 'C', { service: 'db' }));
  assert.deepEqual(rules(checkWorkspace(two, '2026-11-25', DEFAULT_CONFIG), 'incident-recurrence'), []);
  const mixed = docs(rca('2026-11-01', 'A', { service: 'db' }), rca('2026-11-10', 'B', { service: 'queue' }), rca('2026-11-20', 'C', { service: 'db' }));
  assert.deepEqual(rules(checkWorkspace(mixed, '2026-11-25', DEFAULT_CONFIG), 'incident-recurrence'), []);
});

test('recurrence: a shared tag or the same incident-type runbook linked make incidents similar; both settings apply', () => {
  const tagged = docs(rca('2026-11-01', 'A', { tags: '[network, dns]' }), rca('2026-11-02', 'B', { tags: 'dns' }), rca('2026-11-03', 'C', { tags: '[DNS]' }));
  assert.match(rules(checkWorkspace(tagged, '2026-11-25', DEFAULT_CONFIG), 'incident-recurrence')[0].message, /\(tag dns\)/);
  const runbook: [string, string] = ['docs/runbooks/db-failover.md', '---\nkind: incident-runbook\n---\n# DB failover\n'];
  const link = '\nSee [the runbook](../../docs/runbooks/db-failover.md#diagnostic).\n';
  const linked = docs(runbook, rca('2026-11-01', 'A', {}, link), rca('2026-11-02', 'B', {}, link), rca('2026-11-03', 'C', { runbook: 'docs/runbooks/db-failover.md' }));
  const found = rules(checkWorkspace(linked, '2026-11-25', DEFAULT_CONFIG), 'incident-recurrence');
  assert.match(found[0].message, /\(runbook docs\/runbooks\/db-failover\.md\)/);
  const notRunbook = docs(['docs/notes.md', '# Notes\n'], rca('2026-11-01', 'A', {}, '[n](../../docs/notes.md)'), rca('2026-11-02', 'B', {}, '[n](../../docs/notes.md)'), rca('2026-11-03', 'C', {}, '[n](../../docs/notes.md)'));
  assert.deepEqual(rules(checkWorkspace(notRunbook, '2026-11-25', DEFAULT_CONFIG), 'incident-recurrence'), [], 'a link to any other document is not similarity');
  const config = resolveConfig({ recurrenceThreshold: 2, recurrenceWindowDays: 5 }, 'test');
  const pair = docs(rca('2026-11-01', 'A', { service: 'db' }), rca('2026-11-06', 'B', { service: 'db' }));
  assert.equal(rules(checkWorkspace(pair, '2026-11-25', config), 'incident-recurrence').length, 1);
  const far = docs(rca('2026-11-01', 'A', { service: 'db' }), rca('2026-11-07', 'B', { service: 'db' }));
  assert.deepEqual(rules(checkWorkspace(far, '2026-11-25', config), 'incident-recurrence'), []);
});

test('recurrence: an RCA and a post-mortem of one incident count once', () => {
  const pm: [string, string] = ['docs/post-mortems/2026-11-15-queue-lag.md', '---\nkind: postmortem\ntitle: Queue lag\ndate: 2026-11-15\nseverity: SEV2\nservice: payments\n---\n# Post-mortem: Queue lag\n'];
  const all = docs(rca('2026-11-01', 'Queue stall', { service: 'payments' }), rca('2026-11-15', 'Queue lag', { service: 'payments' }), pm);
  assert.deepEqual(rules(checkWorkspace(all, '2026-11-25', DEFAULT_CONFIG), 'incident-recurrence'), []);
});

const PM_FILLED = '## Root cause\nThe disk filled up.\n\n## Action items\n- [x] Grow the disk (owner @bob, due 2026-11-20)\n\n## Lessons learned\nWatch the disk.\n';
const PM_TEMPLATE = '## Root cause\n<!-- One paragraph: what broke, and why. -->\n\n## Action items\n<!-- One task per action item:\n- [ ] AI 1 : <description> (owner @who, due YYYY-MM-DD)\n-->\n\n## Lessons learned\n<!-- What to keep in mind. -->\n';

function pm(date: string, body: string, frontmatter = ''): [string, string] {
  return [`docs/post-mortems/${date}-db-failover.md`, `---\nkind: postmortem\ntitle: DB failover\ndate: ${date}\nseverity: SEV1\nstatus: resolved\n${frontmatter}---\n# Post-mortem: DB failover\n\n## Timeline\n- 10:00 detection\n- 11:00 service restored\n\n${body}`];
}

test('postmortem-overdue: placeholders only, more than 7 days after resolution; due on day 7 is not overdue', () => {
  const all = docs(pm('2026-11-10', PM_TEMPLATE));
  assert.deepEqual(rules(checkWorkspace(all, '2026-11-17', DEFAULT_CONFIG), 'postmortem-overdue'), [], 'day 7 is still on time');
  const [finding] = rules(checkWorkspace(all, '2026-11-18', DEFAULT_CONFIG), 'postmortem-overdue');
  assert.equal(finding.message, 'SEV1 incident resolved on 2026-11-10: its post-mortem still has no root cause, action items, lessons learned; it was due by 2026-11-17 (7 days)');
  assert.equal(finding.line, 14, 'on the first unfilled section heading');
  assert.deepEqual(rules(checkWorkspace(docs(pm('2026-11-10', PM_FILLED)), '2026-11-30', DEFAULT_CONFIG), 'postmortem-overdue'), [], 'a filled post-mortem');
  const partly = PM_FILLED.replace('Watch the disk.\n', '<!-- later -->\n');
  assert.match(rules(checkWorkspace(docs(pm('2026-11-10', partly)), '2026-11-30', DEFAULT_CONFIG), 'postmortem-overdue')[0].message, /still has no lessons learned;/);
});

test('postmortem-overdue: an RCA with no post-mortem; a SEV3, an open incident and a configured deadline', () => {
  const [file, text] = rca('2026-11-01', 'Queue stall', {}, '\n## Timeline\n- 09:00 detection\n- 2026-11-02 09:00 service restored\n');
  const [finding] = rules(checkWorkspace(docs([file, text]), '2026-11-10', DEFAULT_CONFIG), 'postmortem-overdue');
  assert.match(finding.message, /^SEV2 incident resolved on 2026-11-02 has no post-mortem; it was due by 2026-11-09/);
  assert.equal(finding.file, file);
  assert.deepEqual(rules(checkWorkspace(docs([file, text.replace('SEV-2', 'SEV-3')]), '2026-11-30', DEFAULT_CONFIG), 'postmortem-overdue'), []);
  assert.deepEqual(rules(checkWorkspace(docs([file, text.replace('status: resolved', 'status: mitigated')]), '2026-11-30', DEFAULT_CONFIG), 'postmortem-overdue'), []);
  const config = resolveConfig({ postmortemDeadlineDays: 14, postmortemSeverities: ['SEV1', 'SEV2', 'SEV3'] }, 'test');
  assert.deepEqual(rules(checkWorkspace(docs([file, text]), '2026-11-16', config), 'postmortem-overdue'), []);
  assert.equal(rules(checkWorkspace(docs([file, text.replace('SEV-2', 'SEV-3')]), '2026-11-17', config), 'postmortem-overdue').length, 1);
  // The RCA's post-mortem, filled, clears it: the same date and title slug are the same incident.
  const filled: [string, string] = ['docs/post-mortems/2026-11-01-queue-stall.md', `---\nkind: postmortem\ntitle: Queue stall\ndate: 2026-11-01\nseverity: SEV2\n---\n# Post-mortem: Queue stall\n\n${PM_FILLED}`];
  assert.deepEqual(rules(checkWorkspace(docs([file, text], filled), '2026-11-30', DEFAULT_CONFIG), 'postmortem-overdue'), []);
});

test('an RCA and a post-mortem are one incident: by date and title slug, or by incident: in frontmatter', () => {
  const [file, text] = rca('2026-11-01', 'Queue stall', {}, '\n## Action items\n| # | Action | Owner | Status |\n|---|---|---|---|\n| 1 | Add a DLQ | @sara | OPEN |\n');
  const same: [string, string] = ['docs/post-mortems/2026-11-01-queue-stall.md', '---\nkind: postmortem\ntitle: Queue Stall\ndate: 2026-11-01\nstatus: open\n---\n# Post-mortem: Queue Stall\n\n## Action items\n- [ ] Alert on lag (owner @bob, due 2026-12-01)\n'];
  const byId: [string, string] = ['docs/post-mortems/2026-11-03-pm.md', `---\nkind: postmortem\ntitle: Other words\ndate: 2026-11-03\nincident: ${file}\n---\n# Post-mortem: Other words\n`];
  const other: [string, string] = ['docs/post-mortems/2026-11-02-queue-stall.md', '---\nkind: postmortem\ntitle: Queue stall\ndate: 2026-11-02\n---\n# Post-mortem: Queue stall\n'];
  const groups = incidentGroups(docs([file, text], same, byId, other));
  assert.deepEqual(groups.map((group) => group.documents.map((doc) => doc.file).sort()), [
    [file, 'docs/post-mortems/2026-11-01-queue-stall.md', 'docs/post-mortems/2026-11-03-pm.md'],
    ['docs/post-mortems/2026-11-02-queue-stall.md'],
  ]);
  assert.equal(groups[0].primary.file, file, 'resolved first, then the RCA');
  const copy: [string, string] = ['docs/post-mortems/2026-11-01-queue-stall-copy.md', same[1]];
  assert.equal(incidentGroups(docs(same, copy)).length, 2, 'two post-mortems with one title and date are two documents');
  const rows = incidentRows(docs([file, text], same), DEFAULT_CONFIG, new Date(2026, 10, 25, 12));
  assert.equal(rows.length, 1, 'one row for both');
  assert.equal(rows[0].file, file, 'the resolved RCA speaks for the incident');
  assert.equal(rows[0].openActions, 2, 'with the open actions of both');
  assert.deepEqual(rows[0].related, ['docs/post-mortems/2026-11-01-queue-stall.md']);
});

test('text sections: links resolved from the document, code and comments skipped; unfilled sections in French too', () => {
  const sections = readTextSections(
    '# T\n\n[a](../runbooks/x.md#L1) [b](https://example.com/y.md) [c](<./z file.md>)\n```\n[d](../d.md)\n```\n<!-- [e](e.md) -->\n## Cause racine\nLe disque.\n## Leçons apprises\n<!-- à écrire -->\n## Plan d\'action\n- [ ] AI 1\n',
    'docs/post-mortems/p.md',
    new Set(["plan d'action"]),
  );
  assert.deepEqual(sections.links, ['docs/runbooks/x.md', 'docs/post-mortems/z file.md']);
  assert.deepEqual(sections.unfilled, [{ section: 'lessons-learned', line: 10 }]);
  assert.deepEqual(readTextSections('[x](../../../out.md)', 'a/b.md', new Set()).links, [], 'a link out of the workspace');
});

// The timeout only turns a hang into a failure (as in parse/hostile.test.ts); speed is measured in bench/.
test('text sections are read on hostile lines (2 MB of blanks after "](", 200,000 links)', { timeout: 60_000 }, () => {
  const hostile = `](x${' '.repeat(2_000_000)}\n${'[a](b.md) '.repeat(200_000)}\n`;
  const sections = readTextSections(hostile, 'a.md', new Set());
  assert.deepEqual(sections.links, ['b.md'], 'one distinct link');
});

test('recurrence by key and window equals comparing every pair (seeded: 200 incidents over a year, shared services and tags, same days)', () => {
  // The oracle is the pairwise definition: similar = older (or same day, smaller path), within the window, sharing a
  // key; a recurrence speaks on the newest of its cluster only. findRecurrences indexes incidents by key instead.
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor(seed / 65_536) % n; // the high bits: a power-of-two LCG's low bits cycle
  };
  const files: Array<[string, string]> = [];
  for (let index = 0; index < 200; index += 1) {
    const day = String(1 + next(28)).padStart(2, '0');
    const month = String(1 + next(12)).padStart(2, '0');
    const frontmatter: Record<string, string> = {};
    if (next(4) !== 0) frontmatter.service = ['db', 'payments', 'auth', 'search', 'mail', 'cdn'][next(6)];
    if (next(3) === 0) frontmatter.tags = ['net', 'disk', 'net, disk'][next(3)];
    files.push(rca(`2026-${month}-${day}`, `Incident ${index}`, frontmatter));
  }
  const all = docs(...files);
  const config = DEFAULT_CONFIG;
  const found = findRecurrences(all, config);
  type Item = { file: string; day: number; keys: Set<string>; date: string };
  const items: Item[] = all.map((doc) => {
    const keys = new Set<string>();
    const service = doc.frontmatter.service;
    if (typeof service === 'string') keys.add(`service ${service}`);
    const tags = doc.frontmatter.tags;
    if (typeof tags === 'string') for (const tag of tags.split(',')) keys.add(`tag ${tag.trim()}`);
    const date = doc.incident!.date!;
    return { file: doc.file, day: Date.parse(`${date}T00:00:00Z`) / 86_400_000, keys, date };
  }).filter((item) => item.keys.size > 0);
  const newer = (a: Item, b: Item): boolean => a.day > b.day || (a.day === b.day && a.file > b.file);
  const windows = new Map<Item, Item[]>();
  for (const item of items) {
    const similar = items.filter((other) => other !== item && !newer(other, item) && item.day - other.day <= config.recurrenceWindowDays && [...other.keys].some((key) => item.keys.has(key)));
    if (similar.length + 1 >= config.recurrenceThreshold) windows.set(item, similar);
  }
  const expected = [...windows]
    .filter(([item]) => ![...windows].some(([other, similar]) => other !== item && newer(other, item) && similar.includes(item)))
    .map(([item, similar]) => ({ file: item.file, others: similar.map((other) => other.file).sort() }))
    .sort((a, b) => a.file.localeCompare(b.file));
  assert.ok(expected.length > 3, `the generated workspace has recurrences to compare: ${expected.length} expected, ${found.length} found, ${items.length} items`);
  assert.deepEqual(
    found.map((recurrence) => ({ file: recurrence.file, others: recurrence.others.map((other) => other.file).sort() })),
    expected,
  );
});
