/**
 * Writing `runbook report --out FILE`: a new file is created; an existing file is replaced only when it is a report
 * this tool wrote (the caller's `isReport` says so), atomically and only if unchanged since read; anything else is
 * refused, so a report never lands on a document by mistake. Inside the workspace only, under the file's lock.
 */
import { RunbookError } from '../core/errors';
import type { NodeWorkspaceFiles } from './files';

/** What happened to the file. */
export type ReportWrite = { outcome: 'created' } | { outcome: 'replaced'; previous: string } | { outcome: 'unchanged' };

/**
 * Write `text` to the workspace file `file`. `isReport(existing)` returns what identifies an existing report (its
 * date, shown in the message) or null when the file is not one.
 */
export async function writeReportFile(files: NodeWorkspaceFiles, file: string, text: string, isReport: (existing: string) => string | null): Promise<ReportWrite> {
  const data = new TextEncoder().encode(text);
  // A new file needs no lock (its folder may not exist yet): creation never replaces, whoever comes first.
  if ((await files.stat(file)) === null && (await files.createFile(file, data))) return { outcome: 'created' };
  return files.withLock(file, async () => {
    const stat = await files.stat(file);
    if (stat === null) throw new RunbookError('changed-on-disk', `${file} was removed by another program meanwhile; nothing was written, run the command again`);
    if (stat.type !== 'file') throw new RunbookError('file-exists', `${file} exists and is not a file; nothing was written`);
    const bytes = await files.readFile(file);
    let existing: string;
    try {
      existing = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      existing = '';
    }
    const previous = isReport(existing);
    if (previous === null) {
      throw new RunbookError('file-exists', `${file} exists and is not a report written by runbook report; nothing was written (give another --out path)`);
    }
    if (existing === text) return { outcome: 'unchanged' };
    await files.replaceIfUnchanged(file, bytes, data);
    return { outcome: 'replaced', previous };
  });
}
