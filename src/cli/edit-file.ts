/**
 * The CLI's one way to change a file: read it (UTF-8, size limit), compute the engine's edits on that exact text, and
 * write the result atomically only if the file still holds what was read.
 */
import { applyEdits } from '../core/edits';
import type { TextEdit } from '../core/model';
import { readForEdit } from '../core/workspace';
import type { CliContext } from './main';
import { message } from './messages';

/** Apply `computeEdits(text)` to the workspace file `file`; returns false (and writes nothing) when there are none. */
export async function editWorkspaceFile(context: CliContext, file: string, computeEdits: (text: string) => TextEdit[]): Promise<boolean> {
  const { text, bytes } = await readForEdit(context.host.files, context.config, file);
  const edits = computeEdits(text);
  if (edits.length === 0) return false;
  await context.host.files.replaceIfUnchanged(file, bytes, new TextEncoder().encode(applyEdits(text, edits)));
  context.out(message('updated', file));
  return true;
}
