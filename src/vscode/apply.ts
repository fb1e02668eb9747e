/**
 * The engine's edits (offset ranges into a document's text) applied to VS Code documents through `WorkspaceEdit`, so they
 * are undoable and never written behind an open editor's back.
 */
import * as vscode from 'vscode';
import { RunbookError } from '../core/errors';
import type { TextEdit } from '../core/model';

/**
 * Apply edits computed on `document.getText()`. A document that had no unsaved changes is saved afterwards (the change
 * reaches the file, and stays undoable in the editor); one with unsaved changes is left unsaved, with both.
 */
export async function applyEngineEdits(document: vscode.TextDocument, edits: readonly TextEdit[]): Promise<boolean> {
  if (edits.length === 0) return false;
  const wasDirty = document.isDirty;
  const edit = new vscode.WorkspaceEdit();
  for (const change of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.newText);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new RunbookError('edit-refused', vscode.l10n.t('VS Code refused the edit to {0}', document.uri.fsPath));
  if (!wasDirty) await document.save();
  return true;
}
