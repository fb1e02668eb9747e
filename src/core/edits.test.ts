import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from './config';
import { acceptEdits, applyEdits, approveEdits, markDoneEdits, revokeEdits } from './edits';
import { RunbookError } from './errors';
import type { ParsedDocument, TextEdit } from './model';
import { parseDocument } from './parse/document';

const FIXTURES = join(__dirname, '../../test/fixtures/documents');
const SEEDS = join(__dirname, '../../test/fixtures/seeds');
const ROLES = DEFAULT_CONFIG.roles;

const parse = (text: string, file = 'doc.md'): ParsedDocument => parseDocument(text, { file, config: DEFAULT_CONFIG });

/** The three encodings every edit must survive. */
function variants(text: string): Array<[string, string]> {
  return [
    ['LF', text],
    ['CRLF', text.replace(/\n/g, '\r\n')],
    ['BOM+CRLF', '\uFEFF' + text.replace(/\n/g, '\r\n')],
    ['BOM', '\uFEFF' + text],
  ];
}

/** The one refusal among the fixtures: a table row with fewer cells than its header has no Status cell to mark. */
const EXPECTED_REFUSALS = ['rca-table-actions.md done 4'];
/** Seeds with neither a compliance checklist nor an action item: nothing to edit (listed, so a parser change is seen). */
const NOTHING_TO_EDIT = ['autonomy-runbook-draft.md', 'incident-response-rca-process-mojibake.md', 'procedures-fr.md', 'runbook-generator-spec.md'];

/** Every edit an intent can produce on a document, labelled; refusals are recorded in `refused`, never swallowed. */
function allEdits(text: string, doc: ParsedDocument, refused: Set<string>): Array<[string, TextEdit[]]> {
  const out: Array<[string, TextEdit[]]> = [];
  for (const item of doc.runbook?.compliance ?? []) {
    out.push([`approve ${item.role}`, approveEdits(doc, item.role, 'Zoé Tester', '2026-11-23')]);
    out.push([`revoke ${item.role}`, revokeEdits(doc, item.role)]);
  }
  for (const action of doc.actions) {
    const label = `${doc.file} done ${action.index}`;
    try {
      out.push([`done ${action.index}`, markDoneEdits(text, doc, action.index)]);
    } catch (error) {
      if (!(error instanceof RunbookError) || !EXPECTED_REFUSALS.includes(label)) throw error;
      refused.add(label);
    }
  }
  return out;
}

test('round trip: every edit on every fixture (LF, CRLF, BOM) changes only the bytes it targets', () => {
  const inputs = [
    ...readdirSync(FIXTURES).map((name) => join(FIXTURES, name)),
    ...readdirSync(SEEDS).filter((name) => name !== 'README.md').map((name) => join(SEEDS, name)),
  ];
  assert.ok(inputs.length >= 13, `expected the document fixtures and the five seeds, found ${inputs.length} files`);
  const refused = new Set<string>();
  const unedited = new Set<string>();
  for (const path of inputs) {
    const name = path.split('/').pop()!;
    const original = readFileSync(path, 'utf8');
    for (const [label, text] of variants(original)) {
      const doc = parse(text, name);
      const intents = allEdits(text, doc, refused);
      if (!intents.some(([, edits]) => edits.length > 0)) unedited.add(name);
      for (const [intent, edits] of intents) {
        const result = applyEdits(text, edits);
        // Outside the edited ranges, the text is byte-for-byte the same.
        const sorted = [...edits].sort((a, b) => a.start - b.start);
        let cursor = 0;
        let shift = 0;
        for (const edit of sorted) {
          assert.equal(result.slice(cursor + shift, edit.start + shift), text.slice(cursor, edit.start), `${name} ${label} ${intent}`);
          shift += edit.newText.length - (edit.end - edit.start);
          cursor = edit.end;
        }
        assert.equal(result.slice(cursor + shift), text.slice(cursor), `${name} ${label} ${intent}: tail`);
        // Line endings and the BOM are untouched, and no edit introduces a line break.
        assert.equal(result.startsWith('\uFEFF'), text.startsWith('\uFEFF'));
        assert.equal((result.match(/\r\n/g) ?? []).length, (text.match(/\r\n/g) ?? []).length, `${name} ${label} ${intent}: CRLF count`);
        for (const edit of edits) assert.doesNotMatch(edit.newText, /[\r\n]/);
        // The edit did what it says, read back through the parser.
        const after = parse(result, name);
        const [verb, target] = intent.split(' ');
        if (verb === 'approve') assert.equal(after.runbook!.compliance.find((c) => c.role === target)?.checked, true);
        if (verb === 'approve') assert.deepEqual(after.runbook!.compliance.find((c) => c.role === target)?.approval, { by: 'Zoé Tester', at: '2026-11-23' });
        if (verb === 'revoke') assert.equal(after.runbook!.compliance.find((c) => c.role === target)?.approval, null);
        if (verb === 'revoke') assert.equal(after.runbook!.compliance.find((c) => c.role === target)?.checked, false);
        if (verb === 'done') assert.equal(after.actions[Number(target) - 1].done, true, `${name} ${label} ${intent}`);
      }
    }
  }
  assert.deepEqual([...refused], EXPECTED_REFUSALS);
  assert.deepEqual([...unedited].sort(), NOTHING_TO_EDIT, 'every other fixture produced at least one edit');
});

test('approve writes the record on the line; approving again with the same record changes nothing', () => {
  const text = '# X\n\nStatus: PROPOSED\n\n## Compliance Checklist\n- [ ] @QA approved?\n';
  const once = applyEdits(text, approveEdits(parse(text), '@qa', 'Eve', '2026-11-23'));
  assert.equal(once, '# X\n\nStatus: PROPOSED\n\n## Compliance Checklist\n- [x] @QA approved? — approved by Eve on 2026-11-23\n');
  assert.deepEqual(approveEdits(parse(once), 'QA', 'Eve', '2026-11-23'), []);
  const other = applyEdits(once, approveEdits(parse(once), 'QA', 'Finn', '2026-11-24'));
  assert.match(other, /@QA approved\? — approved by Finn on 2026-11-24\n$/);
  assert.equal(applyEdits(other, revokeEdits(parse(other), 'QA')), text);
});

test('an approver name cannot inject a line break', () => {
  const text = '## Compliance Checklist\n- [ ] @QA approved?\n';
  const result = applyEdits(text, approveEdits(parse(text), 'QA', 'Eve\n- [x] @Security approved?', '2026-11-23'));
  assert.equal(result.split('\n').length, 3);
});

test('unknown role: a domain error listing the roles present', () => {
  const { doc } = { doc: parse(readFileSync(join(FIXTURES, 'runbook-mid-review.md'), 'utf8')) };
  assert.throws(() => approveEdits(doc, 'Legal', 'x', '2026-11-23'), (error: RunbookError) => {
    assert.equal(error.code, 'unknown-role');
    assert.match(error.message, /@Security, @Architect, @QA, @Docs, @Compliance, @Observability/);
    return true;
  });
});

test('accept: refused with the missing roles, then allowed once all are approved, recording who and when', () => {
  const text = readFileSync(join(FIXTURES, 'runbook-mid-review.md'), 'utf8');
  assert.throws(() => acceptEdits(parse(text), 'Zed', '2026-11-23', ROLES), (error: RunbookError) => {
    assert.equal(error.code, 'missing-approvals');
    assert.deepEqual(error.details.missing, ['QA', 'Docs', 'Compliance', 'Observability']);
    assert.match(error.message, /@QA, @Docs, @Compliance, @Observability/);
    return true;
  });
  let approved = text;
  for (const role of ['QA', 'Docs', 'Compliance', 'Observability']) approved = applyEdits(approved, approveEdits(parse(approved), role, 'Zed', '2026-11-23'));
  const accepted = applyEdits(approved, acceptEdits(parse(approved), 'Zed', '2026-11-23', ROLES));
  assert.match(accepted, /^Status: ACCEPTED — accepted by Zed on 2026-11-23$/m);
  const reparsed = parse(accepted);
  assert.equal(reparsed.runbook?.status?.value, 'ACCEPTED');
  assert.deepEqual(reparsed.runbook?.status?.acceptance, { by: 'Zed', at: '2026-11-23' });
  assert.throws(() => acceptEdits(reparsed, 'Zed', '2026-11-23', ROLES), /already ACCEPTED by Zed on 2026-11-23/);
});

test('accept requires every configured role, even one deleted from the checklist', () => {
  const text = '# X\n\nStatus: PROPOSED\n\n## Compliance Checklist\n- [x] @Security approved?\n';
  assert.throws(() => acceptEdits(parse(text), 'Zed', '2026-11-23', ROLES), /@Architect, @QA, @Docs, @Compliance, @Observability/);
});

test('done on a table row writes ✅ DONE in the Status cell, even an empty one', () => {
  const text = readFileSync(join(FIXTURES, 'rca-table-actions.md'), 'utf8');
  const doc = parse(text);
  const second = applyEdits(text, markDoneEdits(text, doc, 2));
  assert.match(second, /^\| 2 \| Alert when an agent fails auth \\\| twice \| CTO agent \| ✅ DONE \|$/m);
  const third = applyEdits(text, markDoneEdits(text, doc, 3));
  assert.match(third, /^\| 3 \| Document the restore procedure \| \| ✅ DONE \|$/m);
  assert.deepEqual(markDoneEdits(text, doc, 1), [], 'already done');
  assert.throws(() => markDoneEdits(text, doc, 4), /fewer cells than the table header/);
  assert.throws(() => markDoneEdits(text, doc, 9), /has 4 action items; there is no number 9/);
});

test('done on a task item checks its box only', () => {
  const text = '## Action items\n1. [ ] first\n2. [ ] second (owner @a)\n';
  assert.equal(applyEdits(text, markDoneEdits(text, parse(text), 2)), '## Action items\n1. [ ] first\n2. [x] second (owner @a)\n');
});

test('applyEdits refuses overlapping edits', () => {
  assert.throws(() => applyEdits('abcdef', [{ start: 1, end: 3, newText: 'x' }, { start: 2, end: 4, newText: 'y' }]), RangeError);
});

test('accept a runbook whose status is in frontmatter: the record is written there and read back', () => {
  const roles = ROLES.map((role) => `- [x] @${role} approved?`).join('\n');
  const text = `---\nkind: runbook\nstatus: PROPOSED\n---\n# X-1: t\n\n## Compliance Checklist\n${roles}\n`;
  const accepted = applyEdits(text, acceptEdits(parse(text), 'Me', '2026-11-23', ROLES));
  assert.match(accepted, /^status: ACCEPTED — accepted by Me on 2026-11-23$/m);
  const status = parse(accepted).runbook?.status;
  assert.equal(status?.source, 'frontmatter');
  assert.deepEqual(status?.acceptance, { by: 'Me', at: '2026-11-23' });
});
