/**
 * The approval flows both front ends run — approve, revoke, accept, reopen — as minimal text edits at parsed
 * positions, each with its line in the audit trail. They enforce the compliance gate:
 * - an approved role stays approved by its first approver: approving it again changes nothing, unless its approval
 *   is stale (the content changed since), which re-approving renews;
 * - only someone listed in `approvers` for a role may approve it;
 * - a role written on several lines is approved (or revoked) on each of them;
 * - only a PROPOSED runbook can be accepted, and only when every role is approved, fresh and authorised;
 * - revoking an approval of an ACCEPTED runbook is refused unless it also reopens it (back to PROPOSED, recording who
 *   and when);
 * - every record is written in the document's language, and into frontmatter as valid YAML for any name.
 *
 * Every function takes the text and the `ParsedDocument` parsed from exactly that text, and returns [] when there is
 * nothing to change.
 */
import { mayApprove, approversOf } from './approver';
import { auditLine, historyEdit, withHistory, type Stamp } from './audit';
import type { RunbookConfig } from './config';
import { cleanName, roleName, runbookOf } from './edits';
import { bilingual, RunbookError } from './errors';
import { runbookGate } from './gate';
import { RECORD_WORDS, statusLanguage, statusWord, type RunbookState } from './language';
import type { ComplianceItem, ParsedDocument, StatusField, TextEdit } from './model';
import { linesOfRole, RECORD_SEPARATOR } from './parse/runbook';
import { lineEndOffset } from './parse/lines';
import { yamlDate, yamlScalar } from './yaml-scalar';

/** The checklist lines of `role`, or `unknown-role` naming the roles present. */
export function complianceLinesOf(doc: ParsedDocument, role: string): ComplianceItem[] {
  const runbook = runbookOf(doc);
  const lines = linesOfRole(runbook, roleName(role));
  if (lines.length === 0) {
    const present = [...new Set(runbook.compliance.map((candidate) => '@' + candidate.role))];
    throw new RunbookError(
      'unknown-role',
      bilingual(
        `no @${roleName(role)} line in the compliance checklist of ${doc.file}` +
          (present.length > 0 ? ` (roles present: ${present.join(', ')})` : ' (the checklist is empty)'),
        `aucune ligne @${roleName(role)} dans la liste de conformité de ${doc.file}` +
          (present.length > 0 ? ` (rôles présents : ${present.join(', ')})` : ' (la liste est vide)'),
      ),
      'domain',
      { roles: runbook.compliance.map((candidate) => candidate.role) },
    );
  }
  return lines;
}

function appendAudit(text: string, doc: ParsedDocument, edits: TextEdit[], lines: string[]): TextEdit[] {
  return edits.length === 0 ? [] : withHistory(edits, historyEdit(text, doc, lines));
}

/**
 * Check every line of `role` and record who approved it, when, and the content fingerprint they saw. A line already
 * approved with a fresh record is left as it is (its first approver stays); a stale one is re-approved.
 */
export function approveEdits(text: string, doc: ParsedDocument, role: string, stamp: Stamp, config: RunbookConfig): TextEdit[] {
  const runbook = runbookOf(doc);
  const lines = complianceLinesOf(doc, role);
  const name = cleanName(stamp.by);
  const canonical = lines[0].role;
  if (!mayApprove(config, canonical, name)) {
    const allowed = approversOf(config, canonical);
    throw new RunbookError(
      'not-an-approver',
      bilingual(`${name} may not approve @${canonical} (approvers: ${allowed.join(', ')})`, `${name} ne peut pas approuver @${canonical} (approbateurs : ${allowed.join(', ')})`),
      'domain',
      { role: canonical, approvers: allowed },
    );
  }
  const words = RECORD_WORDS[doc.language];
  const record = `${RECORD_SEPARATOR}${words.approvedBy} ${name} ${words.on} ${stamp.date} (${runbook.fingerprint})`;
  const edits: TextEdit[] = [];
  for (const item of lines) {
    if (item.checked && item.approval && !item.stale) continue;
    if (!item.checked) edits.push({ start: item.checkboxOffset, end: item.checkboxOffset + 1, newText: 'x' });
    if (item.approvalRange) edits.push({ ...item.approvalRange, newText: record });
    else edits.push({ start: item.lineEndOffset, end: item.lineEndOffset, newText: record });
  }
  return appendAudit(text, doc, edits, [auditLine(doc, { ...stamp, by: name }, { event: 'approved', role: canonical, fingerprint: runbook.fingerprint })]);
}

/**
 * The edits that set the status to `state` with a record of `kind`: the word in the document's language and letter
 * case; in the body the record follows the word, in frontmatter it is its own `accepted:`/`reopened:` key.
 */
function statusEdits(text: string, doc: ParsedDocument, status: StatusField, state: RunbookState, kind: 'accepted' | 'reopened', stamp: Stamp): TextEdit[] {
  const word = statusWord(state, statusLanguage(status.written) ?? doc.language, status.written);
  const edits: TextEdit[] = [{ ...status.valueRange, newText: word }];
  const name = cleanName(stamp.by);
  if (status.source === 'body') {
    const words = RECORD_WORDS[doc.language];
    const record = `${RECORD_SEPARATOR}${kind === 'accepted' ? words.acceptedBy : words.reopenedBy} ${name} ${words.on} ${stamp.date}`;
    edits.push(status.recordRange ? { ...status.recordRange, newText: record } : { start: status.valueRange.end, end: status.valueRange.end, newText: record });
    return edits;
  }
  const line = `${kind}: { by: ${yamlScalar(name, status.quote)}, at: ${yamlDate(stamp.date, status.quote)} }`;
  if (status.recordRange && status.recordLines.length > 0) {
    edits.push({ ...status.recordRange, newText: line });
    return edits;
  }
  // A record older versions wrote after the value on the status line moves to its own key.
  if (status.recordRange) edits.push({ ...status.recordRange, newText: '' });
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const end = lineEndOffset(text, status.valueRange.end);
  edits.push({ start: end, end, newText: eol + line });
  return edits;
}

/** The status field, or `not-a-runbook` when there is none to change. */
function statusOf(doc: ParsedDocument): StatusField {
  const status = runbookOf(doc).status;
  if (!status) throw new RunbookError('not-a-runbook', bilingual(`${doc.file} has no "Status:" line to change`, `${doc.file} n'a pas de ligne « Statut : » à changer`));
  return status;
}

/** Uncheck every line of `role` and remove its records; an ACCEPTED runbook must be reopened at the same time. */
export function revokeEdits(text: string, doc: ParsedDocument, role: string, stamp: Stamp, options: { reopen?: boolean } = {}): TextEdit[] {
  const lines = complianceLinesOf(doc, role);
  const canonical = lines[0].role;
  const edits: TextEdit[] = [];
  for (const item of lines) {
    if (item.checked) edits.push({ start: item.checkboxOffset, end: item.checkboxOffset + 1, newText: ' ' });
    if (item.approvalRange) edits.push({ ...item.approvalRange, newText: '' });
  }
  if (edits.length === 0) return [];
  const name = cleanName(stamp.by);
  const audit = [auditLine(doc, { ...stamp, by: name }, { event: 'revoked', role: canonical })];
  const status = runbookOf(doc).status;
  if (status?.value === 'ACCEPTED') {
    if (!options.reopen) {
      throw new RunbookError(
        'runbook-accepted',
        bilingual(
          `${doc.file} is ACCEPTED: revoking @${canonical} would leave it accepted without that approval; revoke with --reopen to move it back to PROPOSED`,
          `${doc.file} est ACCEPTÉ : retirer @${canonical} le laisserait accepté sans cette approbation ; retirez avec --reopen pour le repasser en PROPOSÉ`,
        ),
        'domain',
        { role: canonical },
      );
    }
    edits.push(...statusEdits(text, doc, status, 'PROPOSED', 'reopened', stamp));
    audit.push(auditLine(doc, { ...stamp, by: name }, { event: 'reopened' }));
  }
  return appendAudit(text, doc, edits, audit);
}

/** ACCEPTED → PROPOSED, recording who and when; nothing to do when it is PROPOSED already. */
export function reopenEdits(text: string, doc: ParsedDocument, stamp: Stamp): TextEdit[] {
  const status = statusOf(doc);
  if (status.value === 'PROPOSED') return [];
  if (status.value !== 'ACCEPTED') {
    throw new RunbookError(
      'wrong-status',
      bilingual(`${doc.file} is ${status.written}: only an ACCEPTED runbook can be reopened`, `${doc.file} est ${status.written} : seul un runbook ACCEPTÉ peut être rouvert`),
      'domain',
      { status: status.value },
    );
  }
  const name = cleanName(stamp.by);
  return appendAudit(text, doc, statusEdits(text, doc, status, 'PROPOSED', 'reopened', stamp), [auditLine(doc, { ...stamp, by: name }, { event: 'reopened' })]);
}

/**
 * PROPOSED → ACCEPTED, recording who accepted and when, only when every role is approved, fresh and by an allowed
 * approver (every configured role must be present, too).
 */
export function acceptEdits(text: string, doc: ParsedDocument, stamp: Stamp, config: RunbookConfig): TextEdit[] {
  const runbook = runbookOf(doc);
  const status = statusOf(doc);
  if (status.value === 'ACCEPTED') {
    const who = status.acceptance ? ` by ${status.acceptance.by} on ${status.acceptance.at}` : '';
    const whoFr = status.acceptance ? ` par ${status.acceptance.by} le ${status.acceptance.at}` : '';
    throw new RunbookError('already-accepted', bilingual(`${doc.file} is already ACCEPTED${who}`, `${doc.file} est déjà ACCEPTÉ${whoFr}`));
  }
  if (status.value !== 'PROPOSED') {
    throw new RunbookError(
      'wrong-status',
      bilingual(`${doc.file} is ${status.written}: only a PROPOSED runbook can be accepted`, `${doc.file} est ${status.written} : seul un runbook PROPOSÉ peut être accepté`),
      'domain',
      { status: status.value },
    );
  }
  const gate = runbookGate(runbook, config);
  if (gate.missing.length > 0) {
    throw new RunbookError(
      'missing-approvals',
      bilingual(
        `${doc.file} cannot be accepted: missing approvals from ${gate.missing.map((role) => '@' + role).join(', ')}`,
        `${doc.file} ne peut pas être accepté : il manque les approbations de ${gate.missing.map((role) => '@' + role).join(', ')}`,
      ),
      'domain',
      { missing: gate.missing },
    );
  }
  if (gate.stale.length > 0) {
    const which = gate.stale.map((problem) => `@${problem.role}${problem.by ? ` (${problem.by})` : ''}`).join(', ');
    throw new RunbookError(
      'stale-approvals',
      bilingual(
        `${doc.file} cannot be accepted: it changed since ${which} approved; re-approve first`,
        `${doc.file} ne peut pas être accepté : il a changé depuis l'approbation de ${which} ; approuvez à nouveau d'abord`,
      ),
      'domain',
      { stale: gate.stale.map((problem) => problem.role) },
    );
  }
  if (gate.unauthorized.length > 0) {
    const which = gate.unauthorized.map((problem) => `@${problem.role} (${problem.by ?? 'no name recorded'})`).join(', ');
    const whichFr = gate.unauthorized.map((problem) => `@${problem.role} (${problem.by ?? 'aucun nom noté'})`).join(', ');
    throw new RunbookError(
      'not-an-approver',
      bilingual(
        `${doc.file} cannot be accepted: approved by someone not among the role's approvers: ${which}`,
        `${doc.file} ne peut pas être accepté : approuvé par quelqu'un qui n'est pas parmi les approbateurs du rôle : ${whichFr}`,
      ),
      'domain',
      { unauthorized: gate.unauthorized.map((problem) => problem.role) },
    );
  }
  const name = cleanName(stamp.by);
  return appendAudit(text, doc, statusEdits(text, doc, status, 'ACCEPTED', 'accepted', stamp), [
    auditLine(doc, { ...stamp, by: name }, { event: 'accepted', fingerprint: runbook.fingerprint }),
  ]);
}
