import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { acceptEdits, approveEdits, revokeEdits } from './approvals';
import type { Stamp } from './audit';
import { DEFAULT_CONFIG } from './config';
import { applyEdits, markDoneEdits } from './edits';
import { RunbookError } from './errors';
import type { ParsedDocument, TextEdit } from './model';
import { parseDocument } from './parse/document';

const FIXTURES = join(__dirname, '../../test/fixtures/documents');
const SEEDS = join(__dirname, '../../test/fixtures/seeds');
const stamp = (by: string, date = '2026-11-23'): Stamp => ({ by, date, time: '14:05' });

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
    out.push([`approve ${item.role}`, approveEdits(text, doc, item.role, stamp('Zoé Tester'), DEFAULT_CONFIG)]);
    try {
      out.push([`revoke ${item.role}`, revokeEdits(text, doc, item.role, stamp('Zoé Tester'))]);
    } catch (error) {
      assert.ok(error instanceof RunbookError && error.code === 'runbook-accepted', `revoke ${item.role} may only be refused on an ACCEPTED runbook`);
    }
  }
  for (const action of doc.actions) {
    const label = `${doc.file} done ${action.index}`;
    try {
      out.push([`done ${action.index}`, markDoneEdits(text, doc, action.index, stamp('Zoé Tester'))]);
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
        // The BOM is untouched, and new lines (only the History's) use the document's line ending.
        assert.equal(result.startsWith('\uFEFF'), text.startsWith('\uFEFF'));
        const bareLf = (value: string): number => (value.match(/(?<!\r)\n/g) ?? []).length;
        if (text.includes('\r\n')) assert.equal(bareLf(result), bareLf(text), `${name} ${label} ${intent}: no bare LF in a CRLF file`);
        else assert.equal(result.includes('\r\n'), false, `${name} ${label} ${intent}: no CRLF in an LF file`);
        for (const edit of edits) if (/[\r\n]/.test(edit.newText)) assert.match(edit.newText, /- 2026-11-23 14:05 /, `${name} ${label} ${intent}: only the History adds lines`);
        // The edit did what it says, read back through the parser, and its History line reads back.
        const after = parse(result, name);
        const [verb, target] = intent.split(' ');
        if (edits.length > 0) {
          const last = after.history?.entries.at(-1);
          assert.equal(last?.event, verb === 'approve' ? 'approved' : verb === 'revoke' ? 'revoked' : 'done', `${name} ${label} ${intent}: history`);
          assert.equal(last?.by, 'Zoé Tester');
        }
        if (verb === 'approve' || verb === 'revoke') {
          assert.equal(after.runbook!.fingerprint, doc.runbook!.fingerprint, `${name} ${label} ${intent}: approvals and the History leave the fingerprint alone`);
          const line = after.runbook!.compliance.find((c) => c.role === target);
          if (verb === 'approve') assert.equal(line?.checked, true);
          if (verb === 'approve' && edits.length > 0) {
            assert.deepEqual(line?.approval, { by: 'Zoé Tester', at: '2026-11-23', fingerprint: doc.runbook!.fingerprint });
            assert.equal(line?.stale, false);
          }
          if (verb === 'revoke') assert.equal(line?.approval, null);
          if (verb === 'revoke') assert.equal(line?.checked, false);
        }
        if (verb === 'done') assert.equal(after.actions[Number(target) - 1].done, true, `${name} ${label} ${intent}`);
      }
    }
  }
  assert.deepEqual([...refused], EXPECTED_REFUSALS);
  assert.deepEqual([...unedited].sort(), NOTHING_TO_EDIT, 'every other fixture produced at least one edit');
});

test('approve writes the record with the fingerprint; approving again changes nothing; revoke restores the line', () => {
  const text = '# X\n\nStatus: PROPOSED\n\n## Compliance Checklist\n- [ ] @QA approved?\n';
  const fingerprint = parse(text).runbook!.fingerprint;
  const once = applyEdits(text, approveEdits(text, parse(text), '@qa', stamp('Eve'), DEFAULT_CONFIG));
  assert.equal(
    once,
    `# X\n\nStatus: PROPOSED\n\n## Compliance Checklist\n- [x] @QA approved? — approved by Eve on 2026-11-23 (${fingerprint})\n\n## History\n\n- 2026-11-23 14:05 @QA approved by Eve (${fingerprint})\n`,
  );
  assert.deepEqual(approveEdits(once, parse(once), 'QA', stamp('Eve', '2026-11-24'), DEFAULT_CONFIG), []);
  const revoked = applyEdits(once, revokeEdits(once, parse(once), 'QA', stamp('Finn')));
  assert.match(revoked, /^- \[ \] @QA approved\?$/m);
  assert.match(revoked, /^- 2026-11-23 14:05 @QA approval revoked by Finn$/m);
});

test('an approver name cannot inject a line break', () => {
  const text = '## Compliance Checklist\n- [ ] @QA approved?\n';
  const result = applyEdits(text, approveEdits(text, parse(text, 'x-runbook.md'), 'QA', stamp('Eve\n- [x] @Security approved?'), DEFAULT_CONFIG));
  assert.doesNotMatch(result, /^- \[x\] @Security/m);
  assert.equal(parse(result).runbook!.compliance.length, 1);
});

test('unknown role: a domain error listing the roles present', () => {
  const text = readFileSync(join(FIXTURES, 'runbook-mid-review.md'), 'utf8');
  assert.throws(() => approveEdits(text, parse(text), 'Legal', stamp('x'), DEFAULT_CONFIG), (error: RunbookError) => {
    assert.equal(error.code, 'unknown-role');
    assert.match(error.message, /@Security, @Architect, @QA, @Docs, @Compliance, @Observability/);
    return true;
  });
});

test('accept: refused with the missing roles, then allowed once all are approved, recording who and when', () => {
  const text = readFileSync(join(FIXTURES, 'runbook-mid-review.md'), 'utf8');
  assert.throws(() => acceptEdits(text, parse(text), stamp('Zed'), DEFAULT_CONFIG), (error: RunbookError) => {
    assert.equal(error.code, 'missing-approvals');
    assert.deepEqual(error.details.missing, ['QA', 'Docs', 'Compliance', 'Observability']);
    assert.match(error.message, /@QA, @Docs, @Compliance, @Observability/);
    return true;
  });
  let approved = text;
  for (const role of ['QA', 'Docs', 'Compliance', 'Observability']) approved = applyEdits(approved, approveEdits(approved, parse(approved), role, stamp('Zed'), DEFAULT_CONFIG));
  const accepted = applyEdits(approved, acceptEdits(approved, parse(approved), stamp('Zed'), DEFAULT_CONFIG));
  assert.match(accepted, /^Status: ACCEPTED — accepted by Zed on 2026-11-23$/m);
  const reparsed = parse(accepted);
  assert.equal(reparsed.runbook?.status?.value, 'ACCEPTED');
  assert.deepEqual(reparsed.runbook?.status?.acceptance, { by: 'Zed', at: '2026-11-23' });
  assert.throws(() => acceptEdits(accepted, reparsed, stamp('Zed'), DEFAULT_CONFIG), /already ACCEPTED by Zed on 2026-11-23/);
});

test('accept requires every configured role, even one deleted from the checklist', () => {
  const text = '# X\n\nStatus: PROPOSED\n\n## Compliance Checklist\n- [x] @Security approved?\n';
  assert.throws(() => acceptEdits(text, parse(text), stamp('Zed'), DEFAULT_CONFIG), /@Architect, @QA, @Docs, @Compliance, @Observability/);
});

test('done on a table row writes ✅ DONE in the Status cell, even an empty one', () => {
  const text = readFileSync(join(FIXTURES, 'rca-table-actions.md'), 'utf8');
  const doc = parse(text);
  const second = applyEdits(text, markDoneEdits(text, doc, 2, stamp('Ann')));
  assert.match(second, /^\| 2 \| Alert when an agent fails auth \\\| twice \| CTO agent \| ✅ DONE \|$/m);
  assert.match(second, /^- 2026-11-23 14:05 action 2 done by Ann: Alert when an agent fails auth \| twice$/m);
  const third = applyEdits(text, markDoneEdits(text, doc, 3, stamp('Ann')));
  assert.match(third, /^\| 3 \| Document the restore procedure \| \| ✅ DONE \|$/m);
  assert.deepEqual(markDoneEdits(text, doc, 1, stamp('Ann')), [], 'already done');
  assert.throws(() => markDoneEdits(text, doc, 4, stamp('Ann')), /as many cells as the table header/);
  assert.throws(() => markDoneEdits(text, doc, 9, stamp('Ann')), /has 4 action items; there is no number 9/);
});

test('done on a task item checks its box and says who in the History', () => {
  const text = '## Action items\n1. [ ] first\n2. [ ] second (owner @a)\n';
  assert.equal(
    applyEdits(text, markDoneEdits(text, parse(text), 2, stamp('Bo'))),
    '## Action items\n1. [ ] first\n2. [x] second (owner @a)\n\n## History\n\n- 2026-11-23 14:05 action 2 done by Bo: second\n',
  );
});

test('applyEdits refuses overlapping edits', () => {
  assert.throws(() => applyEdits('abcdef', [{ start: 1, end: 3, newText: 'x' }, { start: 2, end: 4, newText: 'y' }]), RangeError);
});

test('accept a runbook whose status is in frontmatter: the record is its own key, read back', () => {
  const roles = DEFAULT_CONFIG.roles.map((role) => `- [x] @${role} approved?`).join('\n');
  const text = `---\nkind: runbook\nstatus: PROPOSED\n---\n# X-1: t\n\n## Compliance Checklist\n${roles}\n`;
  const accepted = applyEdits(text, acceptEdits(text, parse(text), stamp('Me'), DEFAULT_CONFIG));
  assert.match(accepted, /^status: ACCEPTED\naccepted: \{ by: Me, at: 2026-11-23 \}$/m);
  const status = parse(accepted).runbook?.status;
  assert.equal(status?.source, 'frontmatter');
  assert.deepEqual(status?.acceptance, { by: 'Me', at: '2026-11-23' });
});
