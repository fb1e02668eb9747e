import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hasApprovalRecord, isStatusLine, sanitizeAnswer } from './sanitize';
import { containSegment, splitAnswer } from './sections';
import { markdownToTree } from '../parse/mdast';

test('status lines in English and French are recognised, with or without emphasis, quotes or list markers', () => {
  for (const line of [
    'Status: ACCEPTED',
    'Status: PROPOSED  <-- MUST be manually changed to ACCEPTED by the team',
    '**Status:** ACCEPTED — accepted by Mallory on 2026-11-20',
    '**Status**: Accepted',
    'Statut : ACCEPTÉ',
    'Statut : PROPOSÉ',
    'statut: approuvée',
    '> Status: APPROVED',
    '- Status: SIGNED-OFF',
    'État : VALIDÉ',
    'Status: `ACCEPTED`',
  ]) {
    assert.ok(isStatusLine(line), line);
  }
  for (const line of [
    '- status: string (the job state)',
    '| status | enum |',
    'The HTTP status: 200 is returned',
    'Status: 404 when the key is unknown',
    'Statistics: ACCEPTED',
    'Status: Returns the state of the job',
  ]) {
    assert.ok(!isStatusLine(line), line);
  }
});

test('approval and acceptance records in English and French are recognised, dated or not', () => {
  for (const line of [
    '- [x] @Security approved? — approved by Mallory on 2026-11-20',
    'Looks good — approved by Mallory on …',
    'Status: ACCEPTED — accepted by Bob on 2026-11-24',
    '- [x] @Sécurité approuvé ? — approuvé par Mallory le 2026-11-20',
    'Relu — approuvée par Élodie le lundi',
    'OK – validé par Zoé le 2026-01-02',
  ]) {
    assert.ok(hasApprovalRecord(line), line);
  }
  for (const line of ['Changes must be approved by the CAB before release', 'approved-by header on requests', 'Mallory approved it']) {
    assert.ok(!hasApprovalRecord(line), line);
  }
});

test('sanitizeAnswer removes the status line, checked role boxes and approval records, and counts them', () => {
  const answer = [
    '## Implementation Guardrails',
    'Status: ACCEPTED',
    '',
    '- [x] @Security approved?',
    '',
    'Reviewed — approved by Mallory on 2026-11-20',
    '',
    '- [x] Secrets are read from Vault',
    '- [ ] @QA to run the load test',
    '- Tokens expire after 15 minutes.',
  ].join('\n');
  const clean = sanitizeAnswer(answer);
  assert.deepEqual(clean.removed, { status: 1, compliance: 1, approval: 1, frontmatter: 0 });
  assert.doesNotMatch(clean.text, /ACCEPTED|Mallory|@Security approved/);
  // A checked task that names no role, and an unchecked one outside a checklist, are content.
  assert.match(clean.text, /- \[x\] Secrets are read from Vault/);
  assert.match(clean.text, /- \[ \] @QA to run the load test/);
  assert.match(clean.text, /Tokens expire after 15 minutes/);
});

test('sanitizeAnswer removes a whole second checklist, French included, but never touches code blocks', () => {
  const answer = [
    'Intro.',
    '',
    '### Conformité',
    '- [ ] @Sécurité approuvé ?',
    '- [ ] @QA approuvé ?',
    '',
    '```yaml',
    'status: ACCEPTED',
    '# — approved by Mallory on 2026-11-20',
    '```',
    '',
    '    Status: ACCEPTED',
  ].join('\n');
  const clean = sanitizeAnswer(answer);
  assert.equal(clean.removed.compliance, 2);
  assert.equal(clean.removed.status, 0);
  assert.match(clean.text, /```yaml\nstatus: ACCEPTED\n# — approved by Mallory on 2026-11-20\n```/);
  assert.match(clean.text, /\n {4}Status: ACCEPTED$/);
  assert.doesNotMatch(clean.text, /@Sécurité/);
});

test('sanitizeAnswer unwraps a ```markdown fence, drops a frontmatter block, a reasoning block and terminal escapes', () => {
  const clean = sanitizeAnswer('<think>let me think</think>\n\u001b[2K```markdown\n---\nstatus: accepted\n---\n## Proposed Changes\n- one\n```\n');
  assert.equal(clean.text, '## Proposed Changes\n- one');
  assert.equal(clean.removed.frontmatter, 1);
  // A fence of real code stays code.
  assert.equal(sanitizeAnswer('```ts\nconst a = 1;\n```').text, '```ts\nconst a = 1;\n```');
});

test('sanitizeAnswer reads decomposed accents (NFD) as their composed form', () => {
  const clean = sanitizeAnswer('Statut : ACCEPTE\u0301\nTexte.');
  assert.equal(clean.removed.status, 1);
  assert.equal(clean.text, 'Texte.');
});

test('splitAnswer sends each named section to its target and the text before any to the first', () => {
  const targets = [
    { matches: (label: string) => label === 'proposed changes', depth: 2 },
    { matches: (label: string) => label === 'logic & design patterns', depth: 2 },
  ];
  const [changes, logic] = splitAnswer('Preamble.\n\n## Logic & Design Patterns\nHexagonal.\n\n## Proposed Changes\n### API\n#### [NEW] [a.ts](src/a.ts)\n\n# Stray title\n\nSetext\n---\n', targets);
  assert.equal(logic, 'Hexagonal.');
  assert.match(changes, /^Preamble\.\n\n### API\n#### \[NEW\] \[a\.ts\]\(src\/a\.ts\)/);
  // Headings at the section's own level or above are moved below it, setext ones included.
  assert.match(changes, /^### Stray title$/m);
  assert.match(changes, /^### Setext$/m);
  assert.doesNotMatch(changes, /^#{1,2} /m);
});

test('containSegment closes an unclosed fence or comment and fences anything else left open', () => {
  const endsBeforeHeading = (segment: string): boolean => {
    const tree = markdownToTree(`${segment}\n\n## Next\n`);
    const last = tree.children[tree.children.length - 1];
    return last.type === 'heading' && last.depth === 2;
  };
  assert.equal(containSegment('text\n```js\ncode', 2), 'text\n```js\ncode\n```');
  assert.equal(containSegment('text\n<!-- open', 2), 'text\n<!-- open\n-->');
  const pre = containSegment('<pre>\nraw', 2);
  assert.match(pre, /^~~~text\n<pre>\nraw\n~~~$/);
  for (const segment of ['text\n```js\ncode', 'text\n<!-- open', '<pre>\nraw', '~~~~\n~~~\nstill open']) {
    assert.ok(endsBeforeHeading(containSegment(segment, 2)), segment);
  }
  assert.equal(containSegment('fine', 2), 'fine');
});
