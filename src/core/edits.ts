/**
 * One function per user intent, each returning minimal text edits at positions the parser found. The CLI applies them
 * with `applyEdits` and an atomic write under a lock; the extension turns the same edits into a `WorkspaceEdit`. The
 * approval flows (approve, revoke, accept, reopen) are in approvals.ts; done, owner and due date are here.
 *
 * Every function takes the text and the `ParsedDocument` parsed from exactly that text.
 */
import { auditLine, historyEdit, withHistory, type Stamp } from './audit';
import { bilingual, RunbookError } from './errors';
import type { ActionItem, ParsedDocument, Runbook, TextEdit } from './model';
import { isValidDate } from './dates';
import { completionMark } from './parse/task-syntax';
import { assertBodyRead } from './parse/document';

/** Apply edits (non-overlapping, computed on `text`) and return the new text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let limit = text.length;
  for (const edit of sorted) {
    if (edit.start < 0 || edit.end < edit.start || edit.end > limit) {
      throw new RangeError(`edit ${edit.start}-${edit.end} overlaps another edit or lies outside the text`);
    }
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}

/** A name fit to be written on a line: no line breaks or control characters, spaces collapsed. */
export function cleanName(name: string): string {
  const cleaned = name.replace(/[\p{Cc}\p{Cf}]/gu, ' ').replace(/\s+/g, ' ').trim();
  if (cleaned === '') throw new RunbookError('invalid-field', bilingual('the approver name is empty', "le nom de l'approbateur est vide"), 'usage');
  return cleaned;
}

/** `@QA` or `QA` → `QA`: how a role is written in a command, without its `@`. */
export function roleName(role: string): string {
  return role.trim().replace(/^@/, '');
}

/** The runbook parts of a document, or `not-a-runbook` naming the file: the one "is this a runbook?" check. */
export function runbookOf(doc: ParsedDocument): Runbook {
  assertBodyRead(doc);
  if (!doc.runbook) {
    throw new RunbookError(
      'not-a-runbook',
      bilingual(
        `${doc.file} is not a runbook (no "Status:" line and no compliance checklist)`,
        `${doc.file} n'est pas un runbook (ni ligne « Statut : » ni liste de conformité)`,
      ),
    );
  }
  return doc.runbook;
}

export function actionItemAt(doc: ParsedDocument, index: number): ActionItem {
  assertBodyRead(doc);
  const item = doc.actions.find((action) => action.index === index);
  if (!item) {
    throw new RunbookError(
      'no-such-action',
      doc.actions.length === 0
        ? bilingual(`${doc.file} has no action items`, `${doc.file} n'a aucune action`)
        : bilingual(
            `${doc.file} has ${doc.actions.length} action item${doc.actions.length === 1 ? '' : 's'}; there is no number ${index}`,
            `${doc.file} a ${doc.actions.length} action${doc.actions.length === 1 ? '' : 's'} ; il n'y a pas de numéro ${index}`,
          ),
      'domain',
      { count: doc.actions.length },
    );
  }
  return item;
}

/**
 * Mark action item `index` (1-based) done in its own form — `[x]` for a task (and `✅ DATE` or `[completion:: DATE]`
 * when it is written the Obsidian Tasks or Dataview way), `✅ DONE` in a table's Status cell, `DONE` for the TODO at
 * the start of a Google SRE Bug cell — and say who did in the document's History. A cancelled item is refused.
 */
export function markDoneEdits(text: string, doc: ParsedDocument, index: number, stamp: Stamp): TextEdit[] {
  const item = actionItemAt(doc, index);
  if (item.done) return [];
  if (item.cancelled) {
    throw new RunbookError(
      'edit-refused',
      bilingual(
        `action ${index} (${doc.file}:${item.line}) is cancelled ([-]); write [ ] back to reopen it first`,
        `l'action ${index} (${doc.file}:${item.line}) est annulée ([-]) ; remettez [ ] pour la rouvrir d'abord`,
      ),
      'domain',
      { line: item.line },
    );
  }
  const audit = historyEdit(text, doc, [auditLine(doc, { ...stamp, by: cleanName(stamp.by) }, { event: 'done', action: index, text: item.text })]);
  return withHistory(doneEdits(text, doc, item, stamp.date), audit);
}

/** The edit that marks `item` done, without its history line. */
/** The Bug cell's TODO becomes DONE in the same case (`TODO` → `DONE`, `todo` → `done`, `À FAIRE` → `FAIT`). */
function doneWord(word: string): string {
  const done = /^(?:à|a) faire$/iu.test(word) ? 'fait' : 'done';
  if (word === word.toUpperCase()) return done.toUpperCase();
  return word[0] === word[0].toUpperCase() ? done[0].toUpperCase() + done.slice(1) : done;
}

function doneEdits(text: string, doc: ParsedDocument, item: ActionItem, date: string): TextEdit[] {
  const index = item.index;
  if (item.form === 'task') {
    const edits: TextEdit[] = [{ start: item.checkboxOffset!, end: item.checkboxOffset! + 1, newText: 'x' }];
    const mark = item.completed === null ? completionMark(item.style, date) : null;
    if (mark) edits.push({ start: item.appendOffset, end: item.appendOffset, newText: ` ${mark}` });
    return edits;
  }
  if (!item.hasStatusColumn && item.statusWordRange) {
    const { start, end } = item.statusWordRange;
    const word = text.slice(start, end);
    if (word.trim() !== '') return [{ start, end, newText: doneWord(word) }];
    // No word yet: the cell starts with DONE, as the template writes it (a blank cell keeps a space each side).
    const blank = end > start;
    return [{ start, end, newText: blank ? ' DONE ' : 'DONE ' }];
  }
  if (!item.hasStatusColumn) {
    throw new RunbookError(
      'no-such-action',
      bilingual(
        `the table of action ${index} (${doc.file}:${item.line}) has no Status column to mark`,
        `le tableau de l'action ${index} (${doc.file}:${item.line}) n'a pas de colonne Status à marquer`,
      ),
    );
  }
  if (!item.statusCellRange) {
    throw new RunbookError(
      'no-such-action',
      bilingual(
        `action ${index} (${doc.file}:${item.line}) has no Status cell to mark: its row does not have as many cells as the table header`,
        `l'action ${index} (${doc.file}:${item.line}) n'a pas de cellule Status à marquer : sa ligne n'a pas autant de cellules que l'en-tête du tableau`,
      ),
    );
  }
  const { start, end } = item.statusCellRange;
  // An empty cell's range is its whole blank run: keep one space each side, none before a line end.
  const empty = text.slice(start, end).trim() === '';
  const atLineEnd = end >= text.length || text[end] === '\r' || text[end] === '\n';
  return [{ start, end, newText: empty ? (atLineEnd ? ' ✅ DONE' : ' ✅ DONE ') : '✅ DONE' }];
}

/** The action item that starts on `line` (1-based), or `no-such-action` naming the file and line. */
export function actionAtLine(doc: ParsedDocument, line: number): ActionItem {
  const item = doc.actions.find((action) => action.line === line);
  if (!item) throw new RunbookError('no-such-action', bilingual(`${doc.file}:${line} is not an action item`, `${doc.file}:${line} n'est pas une action`), 'domain', { line });
  return item;
}

/** Text is only appended to a task item: a table's Owner and Due cells are the user's to fill. */
function taskActionAt(doc: ParsedDocument, index: number): ActionItem {
  const item = actionItemAt(doc, index);
  if (item.form !== 'task') {
    throw new RunbookError(
      'invalid-field',
      bilingual(
        `${doc.file}:${item.line}: action ${index} is a table row; fill in its cell directly`,
        `${doc.file}:${item.line} : l'action ${index} est une ligne de tableau ; remplissez directement sa cellule`,
      ),
      'domain',
      { line: item.line },
    );
  }
  return item;
}

/** An owner is one name: letters, digits, `.`, `_`, `-` (any script), with or without `@`. */
export const OWNER_NAME = /^@?[\p{L}\p{N}._-]+$/u;

/** Append ` @owner` to task action `index`. */
export function addOwnerEdits(doc: ParsedDocument, index: number, owner: string): TextEdit[] {
  const item = taskActionAt(doc, index);
  const name = owner.trim();
  if (!OWNER_NAME.test(name)) {
    throw new RunbookError(
      'invalid-field',
      bilingual(
        `an owner is one name (letters, digits, ".", "_" or "-"), found "${owner}"`,
        `un responsable est un seul nom (lettres, chiffres, « . », « _ » ou « - »), trouvé « ${owner} »`,
      ),
      'usage',
      { value: owner },
    );
  }
  return [{ start: item.appendOffset, end: item.appendOffset, newText: ` @${name.replace(/^@/, '')}` }];
}

/** Append ` due YYYY-MM-DD` to task action `index`. */
export function addDueDateEdits(doc: ParsedDocument, index: number, date: string): TextEdit[] {
  const item = taskActionAt(doc, index);
  const value = date.trim();
  if (!isValidDate(value)) {
    throw new RunbookError('invalid-field', bilingual(`a due date is YYYY-MM-DD, found "${date}"`, `une échéance s'écrit AAAA-MM-JJ, trouvé « ${date} »`), 'usage', { value: date });
  }
  return [{ start: item.appendOffset, end: item.appendOffset, newText: ` due ${value}` }];
}
