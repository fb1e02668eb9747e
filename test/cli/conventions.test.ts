/**
 * The conventions people already write, through the built CLI: Obsidian Tasks and Dataview dates, cancelled items,
 * `runbook done` writing the done date the item's way, `--owner` with accents folded, the Google SRE table, and
 * `runbook new story`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempWorkspace as workspace } from '../temp-workspace';

const REPO = join(__dirname, '../..');
const CLI = join(REPO, 'dist/cli.js');
if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first');

function run(args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, RUNBOOK_NOW: '2026-11-23', RUNBOOK_APPROVER: 'Zoé', RUNBOOK_CACHE_DIR: join(cwd, '.cache-test'), LANG: 'C', LC_ALL: 'C' },
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}


const POSTMORTEM = [
  '# Post-mortem: Panne DNS',
  '',
  'Severity: SEV2',
  '',
  '## Action items',
  '- [ ] Baisser le TTL @émilie 📅 2026-11-01 ⏫',
  '- [-] Changer de fournisseur @bob 📅 2026-11-02',
  '- [ ] Alerter sur les échecs [due:: 2026-12-05] @Émilie',
  '- [ ] Renouveler le certificat due:2026-11-03 @ops',
  '',
].join('\n');

test('actions: Obsidian, Dataview and todo.txt due dates, cancelled items neither open nor overdue; --owner folds accents', () => {
  const root = workspace({ 'docs/post-mortems/2026-11-02-dns.md': POSTMORTEM });
  const rows = JSON.parse(run(['actions', '--json'], root).stdout) as Array<{ line: number; text: string; due: string | null; cancelled: boolean; priority: string | null }>;
  assert.deepEqual(
    rows.map((row) => [row.line, row.due, row.cancelled, row.priority]).sort((a, b) => Number(a[0]) - Number(b[0])),
    [
      [6, '2026-11-01', false, 'high'],
      [7, '2026-11-02', true, null],
      [8, '2026-12-05', false, null],
      [9, '2026-11-03', false, null],
    ],
  );
  const overdue = JSON.parse(run(['actions', '--overdue', '--json'], root).stdout) as Array<{ line: number }>;
  assert.deepEqual(overdue.map((row) => row.line).sort(), [6, 9], 'the cancelled item is not overdue');
  const open = JSON.parse(run(['actions', '--open', '--json'], root).stdout) as Array<{ line: number }>;
  assert.equal(open.some((row) => row.line === 7), false);
  const emilie = JSON.parse(run(['actions', '--owner', 'emilie', '--json'], root).stdout) as Array<{ line: number }>;
  assert.deepEqual(emilie.map((row) => row.line).sort(), [6, 8]);
  const text = run(['actions'], root).stdout;
  // The cancelled item is listed with its [-] box, and no OVERDUE though its date has passed.
  assert.match(text, /^\[-\] {2}#2 {2}2026-11-02 {11}@bob {5}Changer de fournisseur @bob {5}docs\/post-mortems\/2026-11-02-dns\.md:7$/m);
  const findings = JSON.parse(run(['check', '--format', 'json'], root).stdout) as Array<{ line: number }>;
  assert.equal(findings.some((finding) => finding.line === 7), false, 'no finding on a cancelled item');
});

test('done: an Obsidian item gets ✅ DATE, a Dataview item [completion:: DATE]; a cancelled one is refused', () => {
  const root = workspace({ 'docs/post-mortems/2026-11-02-dns.md': POSTMORTEM });
  const file = 'docs/post-mortems/2026-11-02-dns.md';
  assert.equal(run(['done', file, '1'], root).code, 0);
  assert.equal(run(['done', file, '3'], root).code, 0);
  const refused = run(['done', file, '2'], root);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /cancelled/);
  assert.equal(refused.stderr.trim().split('\n').length, 1);
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  assert.equal(lines[5], '- [x] Baisser le TTL @émilie 📅 2026-11-01 ⏫ ✅ 2026-11-23');
  assert.equal(lines[6], '- [-] Changer de fournisseur @bob 📅 2026-11-02');
  assert.equal(lines[7], '- [x] Alerter sur les échecs [due:: 2026-12-05] @Émilie [completion:: 2026-11-23]');
});

test('the Google SRE action table: done turns the Bug cell\'s TODO into DONE', () => {
  const root = workspace({
    'docs/post-mortems/2026-11-02-shakespeare.md': [
      '# Postmortem: Shakespeare search down',
      '',
      '## Action Items',
      '| Action Item | Type | Owner | Bug |',
      '|---|---|---|---|',
      '| Use load balancing to relieve overload | prevent | martin | **TODO** Bug 5554823 |',
      '',
    ].join('\n'),
  });
  const file = 'docs/post-mortems/2026-11-02-shakespeare.md';
  const before = JSON.parse(run(['actions', '--json'], root).stdout) as Array<{ owner: string; done: boolean }>;
  assert.deepEqual(before.map((row) => [row.owner, row.done]), [['martin', false]]);
  assert.equal(run(['done', file, '1'], root).code, 0);
  assert.match(readFileSync(join(root, file), 'utf8'), /^\| Use load balancing to relieve overload \| prevent \| martin \| \*\*DONE\*\* Bug 5554823 \|$/m);
  const after = JSON.parse(run(['actions', '--json'], root).stdout) as Array<{ done: boolean }>;
  assert.equal(after[0].done, true);
});

test('new story writes a story the runbook can be generated from', () => {
  const root = workspace({});
  const story = run(['new', 'story', '--field', 'id=PAY-143', '--title', 'Refund double charges', '--field', 'team=payments'], root);
  assert.equal(story.code, 0, story.stderr);
  assert.equal(story.stdout.trim(), '.agent/cache/stories/PAY-143.md');
  const runbook = run(['new', 'runbook', 'PAY-143'], root);
  assert.equal(runbook.code, 0, runbook.stderr);
  assert.equal(runbook.stdout.trim(), '.agent/cache/runbooks/payments/PAY-143-runbook.md');
});
