/**
 * The Node front ends' one way to change a file on disk: under the file's cross-process lock (lock.ts), read it (UTF-8,
 * size limit), compute the engine's edits on that fresh text, and write the result atomically only if the file still
 * holds what was read. Concurrent writers that take the lock are serialised, each editing what the previous one wrote;
 * one that cannot get the lock in time, or finds the file changed by a writer that does not take it, writes nothing and
 * throws — never a success without the change on disk.
 */
import type { RunbookConfig } from '../core/config';
import { applyEdits } from '../core/edits';
import type { TextEdit } from '../core/model';
import { encodeText, readForEdit } from '../core/workspace';
import type { NodeWorkspaceFiles } from './files';
import type { LockOptions } from './lock';

/** Apply `computeEdits(text)` to the workspace file `file`; returns false (and writes nothing) when there are none. */
export async function editWorkspaceFile(
  files: NodeWorkspaceFiles,
  config: RunbookConfig,
  file: string,
  computeEdits: (text: string) => readonly TextEdit[],
  options?: LockOptions,
): Promise<boolean> {
  return files.withLock(
    file,
    async () => {
      const { text, bytes, encoding } = await readForEdit(files, config, file);
      const edits = computeEdits(text);
      if (edits.length === 0) return false;
      await files.replaceIfUnchanged(file, bytes, encodeText(applyEdits(text, edits), encoding));
      return true;
    },
    options,
  );
}
