/**
 * Writing `runbook report --out FILE`: a new file is created; an existing file is replaced only when it is a report
 * this tool wrote (the caller's `isReport` says so), atomically and only if unchanged since read; anything else is
 * refused, so a report never lands on a document by mistake. Inside the workspace only, under the file's lock.
 */
import { bilingual, RunbookError } from '../core/errors';
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
    if (stat === null) {
      throw new RunbookError(
        'changed-on-disk',
        bilingual(
          `${file} was removed by another program meanwhile; nothing was written, run the command again`,
          `${file} a été supprimé entre-temps par un autre programme ; rien n'a été écrit, relancez la commande`,
        ),
      );
    }
    if (stat.type !== 'file') {
      throw new RunbookError('file-exists', bilingual(`${file} exists and is not a file; nothing was written`, `${file} existe et n'est pas un fichier ; rien n'a été écrit`));
    }
    const bytes = await files.readFile(file);
    let existing: string;
    try {
      existing = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      existing = '';
    }
    const previous = isReport(existing);
    if (previous === null) {
      throw new RunbookError(
        'file-exists',
        bilingual(
          `${file} exists and is not a report written by runbook report; nothing was written (give another --out path)`,
          `${file} existe et n'est pas un rapport écrit par runbook report ; rien n'a été écrit (indiquez un autre chemin --out)`,
        ),
      );
    }
    if (existing === text) return { outcome: 'unchanged' };
    await files.replaceIfUnchanged(file, bytes, data);
    return { outcome: 'replaced', previous };
  });
}
