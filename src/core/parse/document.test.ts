import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../config';
import { parseDocument } from './document';

const FIXTURES = join(__dirname, '../../../test/fixtures/documents');
const SEEDS = join(__dirname, '../../../test/fixtures/seeds');

function fixture(name: string, file = name) {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  return { text, doc: parseDocument(text, { file, config: DEFAULT_CONFIG }) };
}

test('runbook mid-review: status, six roles, approvals with who and when', () => {
  const { doc } = fixture('runbook-mid-review.md');
  assert.equal(doc.kind, 'runbook');
  assert.equal(doc.title, 'PAY-142: Retry failed card payments');
  assert.equal(doc.runbook?.status?.value, 'PROPOSED');
  assert.equal(doc.runbook?.status?.line, 7);
  assert.deepEqual(doc.runbook?.compliance.map((c) => [c.role, c.checked]), [
    ['Security', true],
    ['Architect', true],
    ['QA', false],
    ['Docs', false],
    ['Compliance', false],
    ['Observability', false],
  ]);
  assert.deepEqual(doc.runbook?.compliance[0].approval, { by: 'Alice Martin', at: '2026-11-20' });
  assert.equal(doc.runbook?.compliance[2].approval, null);
  assert.deepEqual(doc.actions, [], 'compliance items are approvals, not action items');
  assert.deepEqual(doc.findings, []);
});

test('status with a trailing comment, `*` bullets and `[X]`', () => {
  const { doc, text } = fixture('runbook-fully-approved.md');
  const status = doc.runbook!.status!;
  assert.equal(status.value, 'PROPOSED');
  assert.equal(text.slice(status.valueRange.start, status.valueRange.end), 'PROPOSED');
  assert.ok(doc.runbook!.compliance.every((c) => c.checked));
  assert.equal(doc.runbook!.compliance[2].approval?.by, 'Chloé Dupont');
});

test('bold status with an acceptance record', () => {
  const { doc } = fixture('runbook-accepted-missing-approvals.md');
  assert.equal(doc.runbook?.status?.value, 'ACCEPTED');
  assert.deepEqual(doc.runbook?.status?.acceptance, { by: 'Dana', at: '2026-11-10' });
});

test('an unknown role is listed and reported, with its line', () => {
  const { doc } = fixture('runbook-unknown-role.md');
  const legal = doc.runbook!.compliance.find((c) => c.role === 'Legal');
  assert.equal(legal?.known, false);
  assert.deepEqual(
    doc.findings.map((f) => [f.rule, f.line]),
    [['compliance-unknown-role', 12]],
  );
});

test('RCA table actions: owner column, DONE with mojibake ✅, escaped pipe, empty and short rows', () => {
  const { doc } = fixture('rca-table-actions.md');
  assert.equal(doc.kind, 'rca');
  assert.deepEqual(
    doc.actions.map((a) => [a.index, a.text, a.owner, a.done, a.form, a.line]),
    [
      [1, 'Add auth-profiles.json to the deploy manifest', 'matt', true, 'table', 19],
      [2, 'Alert when an agent fails auth | twice', 'CTO agent', false, 'table', 20],
      [3, 'Document the restore procedure', null, false, 'table', 21],
      [4, 'Add a watchdog check', 'ops', false, 'table', 22],
    ],
  );
  assert.deepEqual(doc.findings.map((f) => [f.rule, f.line]), [['table-malformed', 22]]);
  const incident = doc.incident!;
  assert.equal(incident.title, 'Gateway auth outage');
  assert.equal(incident.severity, 'SEV2');
  assert.equal(incident.status, 'mitigated');
  assert.equal(incident.statusExplicit, true);
  assert.equal(incident.date, '2026-02-23');
  assert.deepEqual(incident.timeline.map((t) => t.time), ['09:12', '09:40', '10:05']);
});

test('French post-mortem with checkbox actions: owner, due, done, impact, frontmatter severity', () => {
  const { doc } = fixture('postmortem-checkbox-actions-fr.md', 'docs/post-mortems/2026-11-02-panne-reseau.md');
  assert.equal(doc.kind, 'postmortem');
  assert.deepEqual(
    doc.actions.map((a) => [a.text, a.owner, a.due, a.done]),
    [
      ['AI 1 : Ajouter une alerte sur le switch', 'yan', '2026-11-15', false],
      ['AI 2 : Documenter la procédure de bascule', 'corentin', '2026-11-10', true],
      ['AI 3 : Revoir la fenêtre de maintenance', null, null, false],
    ],
  );
  assert.equal(doc.incident?.title, 'Panne réseau du cluster');
  assert.equal(doc.incident?.severity, 'SEV1');
  assert.equal(doc.incident?.date, '2026-11-02');
  assert.equal(doc.incident?.status, 'open', 'open actions make an incident without a written status open');
  assert.equal(doc.incident?.impact['Duree downtime'], '1h 28m');
  assert.equal(doc.incident?.timeline.length, 3);
});

test('nothing inside fenced code, indented code or HTML comments counts; tasks outside action headings do not', () => {
  const { doc } = fixture('traps-code-and-comments.md');
  assert.deepEqual(doc.actions.map((a) => a.text), ['Real item']);
});

test('malformed frontmatter is a finding with its line, and the body is still parsed', () => {
  const { doc } = fixture('frontmatter-malformed.md');
  assert.equal(doc.findings[0].rule, 'frontmatter-malformed');
  assert.equal(doc.findings[0].line, 3);
  assert.equal(doc.actions.length, 1);
  assert.equal(doc.kind, 'postmortem');
});

test('an unclosed frontmatter block is reported on line 1', () => {
  const doc = parseDocument('---\ntitle: x\n# Heading\n', { file: 'a.md', config: DEFAULT_CONFIG });
  assert.deepEqual(doc.findings.map((f) => [f.rule, f.line]), [['frontmatter-malformed', 1]]);
});

test('CRLF and BOM: same model, offsets still point at the checkbox', () => {
  const { text } = fixture('postmortem-checkbox-actions-fr.md');
  const variant = '\uFEFF' + text.replace(/\n/g, '\r\n');
  const doc = parseDocument(variant, { file: 'x.md', config: DEFAULT_CONFIG });
  assert.equal(doc.actions.length, 3);
  for (const action of doc.actions) assert.match(variant[action.checkboxOffset!], /[ x]/);
  assert.equal(variant.slice(doc.actions[0].checkboxOffset! - 1, doc.actions[0].checkboxOffset! + 2), '[ ]');
  assert.equal(doc.frontmatter.severity, 'SEV1');
});

test('every seed parses to its kind and title, and seed 002 yields its AI lines', () => {
  const parsed = readdirSync(SEEDS)
    .filter((file) => file !== 'README.md')
    .sort()
    .map((name) => {
      const doc = parseDocument(readFileSync(join(SEEDS, name), 'utf8'), { file: name, config: DEFAULT_CONFIG });
      return [name, doc.kind, doc.title, doc.actions.length, doc.findings.length];
    });
  assert.deepEqual(parsed, [
    ['autonomy-runbook-draft.md', 'other', 'Autonomy Runbook (v1)', 0, 0],
    ['incident-response-rca-process-mojibake.md', 'incident-runbook', 'Runbook: Incident Response', 0, 0],
    ['incident-workflow-postmortem-template-fr.md', 'postmortem', 'Post-mortem : <titre incident>', 2, 0],
    ['procedures-fr.md', 'other', 'RUNBOOK.md — Procédures Opérationnelles', 0, 0],
    ['runbook-generator-spec.md', 'other', 'runbook', 0, 0],
  ]);
  const seed002 = 'incident-workflow-postmortem-template-fr.md';
  const doc = parseDocument(readFileSync(join(SEEDS, seed002), 'utf8'), { file: seed002, config: DEFAULT_CONFIG });
  assert.deepEqual(doc.actions.map((a) => a.owner), ['who', null]);
  const seed004 = 'runbook-generator-spec.md';
  const runbookSpec = parseDocument(readFileSync(join(SEEDS, seed004), 'utf8'), { file: seed004, config: DEFAULT_CONFIG });
  assert.equal(runbookSpec.runbook, null, "seed 004's checklist sits in a code fence: it is an example, not a runbook");
});

test('configured action headings: a French "Plan d\'action" counts, a custom one can be added', () => {
  const text = "# Incident\n\n## Plan d’action\n- [ ] Réparer (responsable @léa)\n\n## Suivi\n- [ ] hors section\n";
  assert.equal(parseDocument(text, { file: 'a.md', config: DEFAULT_CONFIG }).actions[0].owner, 'léa');
  const custom = { ...DEFAULT_CONFIG, actionHeadings: [...DEFAULT_CONFIG.actionHeadings, 'Suivi'] };
  assert.equal(parseDocument(text, { file: 'a.md', config: custom }).actions.length, 2);
});

test('huge input with no structure still parses (size limits are enforced by the readers)', () => {
  const text = '# Big\n\n' + 'lorem ipsum dolor sit amet\n'.repeat(20_000);
  const doc = parseDocument(text, { file: 'big.md', config: DEFAULT_CONFIG });
  assert.equal(doc.actions.length, 0);
});

test('kind by title at its edges: whole words and prefixes only, the first matching rule wins', () => {
  const kind = (title: string, file = 'notes/a.md'): string => parseDocument(`# ${title}\n`, { file, config: DEFAULT_CONFIG }).kind;
  assert.equal(kind('Post mortem of the outage'), 'postmortem');
  assert.equal(kind('Post-mortem and RCA'), 'postmortem', 'post-mortem is checked first');
  assert.equal(kind('RCAs of the week'), 'other', 'RCA as a whole word only');
  assert.equal(kind('Arcade'), 'other');
  assert.equal(kind('Tracas', 'notes/A-RCA.MD'), 'rca');
  assert.equal(kind('Runbook : deploys'), 'incident-runbook');
  assert.equal(kind('My runbook: deploys'), 'other', 'Runbook: only at the start');
  assert.equal(kind('HANDOFF to night shift'), 'handoff');
});

test('the runbook a document names in frontmatter is its first link, path normalised, listed once', () => {
  const links = (text: string): string[] => parseDocument(text, { file: 'docs/post-mortems/x.md', config: DEFAULT_CONFIG }).links;
  assert.deepEqual(links('---\nrunbook: .\\runbooks\\db.md\n---\n# Post-mortem: x\n\nSee [other](../../runbooks/net.md).\n'), ['runbooks/db.md', 'runbooks/net.md']);
  assert.deepEqual(links('---\nrunbook: ./runbooks/net.md\n---\n# Post-mortem: x\n\nSee [it](../../runbooks/net.md).\n'), ['runbooks/net.md']);
  assert.deepEqual(links('---\nrunbook: 3\n---\n# Post-mortem: x\n'), []);
});

test('parse statistics count which tree builder decided each document', () => {
  const stats = { fast: 0, remark: 0 };
  parseDocument('# Post-mortem: x\n\n## Action items\n- [ ] a\n', { file: 'docs/post-mortems/x.md', config: DEFAULT_CONFIG }, stats);
  assert.deepEqual(stats, { fast: 1, remark: 0 });
  // A tab after a list marker is one of the shapes the fast tree leaves to remark.
  parseDocument('# Post-mortem: x\n\n## Action items\n-\t[ ] a\n', { file: 'docs/post-mortems/x.md', config: DEFAULT_CONFIG }, stats);
  assert.deepEqual(stats, { fast: 1, remark: 1 });
});
