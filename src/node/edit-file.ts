/**
 * The Node front ends' one way to change a file on disk: read it (UTF-8, size limit), compute the engine's edits on
 * that exact text, and write the result atomically only if the file still holds what was read.
 */
import type { RunbookConfig } from '../core/config';
import { applyEdits } from '../core/edits';
import type { TextEdit } from '../core/model';
import { encodeText, readForEdit } from '../core/workspace';
import type { NodeWorkspaceFiles } from './files';

/** Apply `computeEdits(text)` to the workspace file `file`; returns false (and writes nothing) when there are none. */
export async function editWorkspaceFile(
  files: NodeWorkspaceFiles,
  config: RunbookConfig,
  file: string,
  computeEdits: (text: string) => readonly TextEdit[],
): Promise<boolean> {
  const { text, bytes, encoding } = await readForEdit(files, config, file);
  const edits = computeEdits(text);
  if (edits.length === 0) return false;
  await files.replaceIfUnchanged(file, bytes, encodeText(applyEdits(text, edits), encoding));
  return true;
}
