/**
 * The incident history side update: when an RCA or post-mortem is created, a row is appended to the history table of a
 * process document (seed 003: `## Incident History` with `| Date | SEV | Summary | RCA |`). The row is placed after
 * the table's last row at the position remark reports, in the file's own line ending.
 */
import { bilingual, RunbookError } from '../errors';
import type { Incident, TextEdit } from '../model';
import { blocksWithHeadings, markdownToTree, nodeText, normalizeLabel } from '../parse/mdast';
import { prepareSource } from '../parse/source';
import { tableCell } from '../templates/render';

/** What a history row says of an incident. */
export type IncidentSummary = Pick<Incident, 'kind' | 'title' | 'date' | 'severity' | 'status'>;

const HISTORY_HEADING = /^(?:incident history|historique des incidents|incidents history|history)$/;

/** `a/b/c.md` relative to folder `a/x` → `../b/c.md` (workspace-relative `/` paths on both sides). */
export function relativeLink(fromFolder: string, to: string): string {
  const from = fromFolder.split('/').filter((part) => part !== '' && part !== '.');
  const target = to.split('/').filter((part) => part !== '' && part !== '.');
  let common = 0;
  while (common < from.length && common < target.length - 1 && from[common] === target[common]) common += 1;
  return [...from.slice(common).map(() => '..'), ...target.slice(common)].join('/') || '.';
}

function cellFor(column: string, incident: IncidentSummary, link: string): string {
  if (/^date\b/.test(column)) return incident.date ?? '';
  if (/^(?:sev|severity|severite|niveau|priority|priorite)$/.test(column)) return incident.severity ?? '';
  if (/^(?:summary|title|titre|resume|incident|description)$/.test(column)) return tableCell(incident.title);
  if (/^(?:rca|link|lien|post ?mortem|report|rapport|document|doc)$/.test(column)) {
    return `[${incident.kind === 'rca' ? 'RCA' : 'Post-mortem'}](${encodeURI(link)})`;
  }
  if (/^(?:status|statut|etat)$/.test(column)) return incident.status;
  return '';
}

/**
 * Edits appending `incident` (written at `incidentFile`) to the history table of `historyText` (at `historyFile`).
 * Throws `RunbookError('no-history-table')` naming the file when it has no table under an "Incident History" heading.
 */
export function incidentHistoryEdits(historyText: string, historyFile: string, incident: IncidentSummary, incidentFile: string): TextEdit[] {
  const source = prepareSource(historyText);
  const tree = markdownToTree(source.markdown);
  const block = blocksWithHeadings(tree).find(
    (candidate) => candidate.node.type === 'table' && candidate.labels.some((label) => HISTORY_HEADING.test(label)),
  );
  if (!block || block.node.type !== 'table' || !block.node.position) {
    throw new RunbookError(
      'no-history-table',
      bilingual(
        `${historyFile} has no table under an "Incident History" heading to add the incident to`,
        `${historyFile} n'a pas de tableau sous un titre « Incident History » où ajouter l'incident`,
      ),
    );
  }
  const table = block.node;
  const columns = table.children[0].children.map((cell) => normalizeLabel(nodeText(cell)));
  const folder = historyFile.includes('/') ? historyFile.slice(0, historyFile.lastIndexOf('/')) : '';
  const link = relativeLink(folder, incidentFile);
  const row = `| ${columns.map((column) => cellFor(column, incident, link)).join(' | ')} |`;
  const end = table.position!.end.offset! + source.bomLength;
  const newline = historyText.includes('\r\n') ? '\r\n' : '\n';
  return [{ start: end, end, newText: newline + row }];
}
