/**
 * The one way the extension writes a planned document, plain or drafted: the engine creates the file (never replacing
 * one), the editor opens it, then each side update is applied to its document as an undoable edit (saved when it had no
 * unsaved changes). A failed side update leaves the new file and says so.
 */
import * as vscode from 'vscode';
import { createDocument, sideUpdateFailure, type PlannedDocument } from '../../../core/generate';
import { applyEngineEdits } from '../../apply';
import type { Services } from '../../services';

/** Write `planned`, open it, apply its side updates; returns the new file's URI. */
export async function writeAndOpen(services: Services, planned: PlannedDocument): Promise<vscode.Uri> {
  const path = await createDocument(services.host, planned);
  const uri = services.files.toUri(path);
  await vscode.window.showTextDocument(uri, { preview: false });
  void services.store.refreshFile(uri);
  for (const update of planned.sideUpdates) {
    try {
      const document = await vscode.workspace.openTextDocument(services.files.toUri(update.file));
      await applyEngineEdits(document, () => update.edits(document.getText()));
    } catch (error) {
      throw sideUpdateFailure(path, update, error);
    }
  }
  return uri;
}
