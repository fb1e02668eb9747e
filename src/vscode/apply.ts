/**
 * The engine's edits (offset ranges into a document's text) applied to VS Code documents through `WorkspaceEdit`, so they
 * are undoable and never written behind an open editor's back — and, when the extension saves what it changed, under the
 * same cross-process lock as the CLI (src/node/lock.ts), so neither loses the other's change.
 *
 * Why the lock and the wait: VS Code saves a document by checking that the file on disk is still the version it loaded
 * (else "the content of the file is newer": the save fails and the editor is left dirty) and then writing it in place.
 * A `runbook approve` that renames its new file into place between that check and the write would be overwritten; and
 * an edit computed on a buffer VS Code has not yet reloaded after such a write would fail to save. So, for a document
 * without unsaved changes in a local folder: take the file's lock (the CLI waits meanwhile), wait until VS Code has
 * reloaded the buffer if the file changed on disk, compute the edits on that buffer, apply them, save, check the disk
 * holds what was saved, release. A document with unsaved changes gets the edits in its buffer and is not saved: VS
 * Code's own conflict check then guards the user's save.
 */
import { promises as fs } from 'node:fs';
import * as vscode from 'vscode';
import { RunbookError } from '../core/errors';
import type { TextEdit } from '../core/model';
import { withFileLock } from '../node/lock';

/** How long to wait for VS Code to reload a buffer whose file changed on disk. */
const RELOAD_WAIT_MS = 5000;

/** Text compared without a BOM (`getText` never has one) and with `\r\n` read as `\n` (VS Code may normalise line ends). */
function comparable(text: string): string {
  return text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
}

async function diskText(document: vscode.TextDocument): Promise<string> {
  try {
    return new TextDecoder().decode(await fs.readFile(document.uri.fsPath));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new RunbookError('file-not-found', vscode.l10n.t('{0} no longer exists on disk', vscode.workspace.asRelativePath(document.uri)));
    throw error;
  }
}

/**
 * Resolve once the buffer holds what the file on disk holds (VS Code reloads a buffer without unsaved changes when its
 * file changes), or once it has unsaved changes; refuse after `RELOAD_WAIT_MS`.
 */
async function bufferInSync(document: vscode.TextDocument): Promise<void> {
  const expected = comparable(await diskText(document));
  const ready = (): boolean => document.isDirty || comparable(document.getText()) === expected;
  if (ready()) return;
  await new Promise<void>((resolve, reject) => {
    const done = (error?: Error): void => {
      listener.dispose();
      clearInterval(poll);
      clearTimeout(timeout);
      if (error) reject(error);
      else resolve();
    };
    const check = (): void => {
      if (ready()) done();
    };
    const listener = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document === document) check();
    });
    const poll = setInterval(check, 100);
    const timeout = setTimeout(
      () =>
        done(
          new RunbookError(
            'changed-on-disk',
            vscode.l10n.t('{0} changed on disk and VS Code has not reloaded it yet; nothing was changed, try again', vscode.workspace.asRelativePath(document.uri)),
          ),
        ),
      RELOAD_WAIT_MS,
    );
  });
}

async function applyToBuffer(document: vscode.TextDocument, edits: readonly TextEdit[]): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  for (const change of edits) {
    edit.replace(document.uri, new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)), change.newText);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new RunbookError('edit-refused', vscode.l10n.t('VS Code refused the edit to {0}', document.uri.fsPath));
}

/** Save, then make sure the file holds what the buffer holds: success means the change is on disk. */
async function saveAndCheck(document: vscode.TextDocument): Promise<void> {
  const name = vscode.workspace.asRelativePath(document.uri);
  if (!(await document.save())) {
    throw new RunbookError('changed-on-disk', vscode.l10n.t('VS Code could not save {0}; the change is in the editor, unsaved', name));
  }
  if (document.uri.scheme === 'file' && comparable(await diskText(document)) !== comparable(document.getText())) {
    throw new RunbookError('changed-on-disk', vscode.l10n.t('{0} was changed by another program right after it was saved; check it', name));
  }
}

/**
 * Apply the edits `compute` returns for the document's current text (it must read the text, or parse it with
 * `services.store.parse(document)`, when called: under the lock that text may be newer than when the command started).
 * A document that had no unsaved changes is saved afterwards (the change reaches the file, and stays undoable in the
 * editor); one with unsaved changes is left unsaved, with both. Returns false when there was nothing to change.
 */
export async function applyEngineEdits(document: vscode.TextDocument, compute: () => readonly TextEdit[]): Promise<boolean> {
  const apply = async (): Promise<boolean> => {
    const save = !document.isDirty;
    const edits = compute();
    if (edits.length === 0) return false;
    await applyToBuffer(document, edits);
    if (save) await saveAndCheck(document);
    return true;
  };
  if (document.isDirty || document.uri.scheme !== 'file') return apply();
  return withFileLock(document.uri.fsPath, vscode.workspace.asRelativePath(document.uri), async () => {
    await bufferInSync(document);
    return apply();
  });
}
