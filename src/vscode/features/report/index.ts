/**
 * `runbook.showReport`: a markdown report of open incidents, open and overdue action items by owner, and runbooks
 * waiting for approval, over every workspace folder (paths folder-relative, with the folder's name when there are
 * several), opened as an untitled document beside its preview. Returns the document's URI.
 */
import * as vscode from 'vscode';
import { isoDate } from '../../../core/dates';
import { actionRows, compareIncidentRows, incidentRows, runbookRows, type RunbookRow } from '../../../core/report';
import { registerWorkspaceCommand } from '../../register';
import type { RunbookWorkspace } from '../../workspace';

/** `|` and line breaks would break a table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*[\r\n]+\s*/g, ' ');
}

/** The report's markdown for every folder's documents on `today`. */
function reportMarkdown(workspace: RunbookWorkspace, today: string): string {
  const { documents, uriOf } = workspace.labelledDocuments();
  const link = (file: string, line: number): string => {
    const uri = uriOf(file);
    return uri ? `[${cell(file)}:${line}](${uri.with({ fragment: `L${line}` }).toString()})` : `${cell(file)}:${line}`;
  };
  const lines: string[] = [`# ${vscode.l10n.t('Runbook Kit report — {0}', today)}`, ''];

  // Each folder's incidents against its own response and update targets.
  const incidents = workspace
    .all()
    .flatMap((services) => incidentRows(services.store.all(), services.config(), services.host.clock.now(), { open: true }).map((row) => ({ ...row, file: workspace.label(services, row.file) })))
    .sort(compareIncidentRows);
  lines.push(`## ${vscode.l10n.t('Open incidents ({0})', incidents.length)}`, '');
  if (incidents.length === 0) lines.push(vscode.l10n.t('None.'), '');
  else {
    lines.push(`| ${vscode.l10n.t('Severity')} | ${vscode.l10n.t('Incident')} | ${vscode.l10n.t('Date')} | ${vscode.l10n.t('Open actions')} | ${vscode.l10n.t('File')} |`, '|---|---|---|---|---|');
    for (const row of incidents) lines.push(`| ${row.severity ?? '—'} | ${cell(row.title)} | ${row.date ?? '—'} | ${row.openActions} | ${link(row.file, row.line)} |`);
    lines.push('');
  }

  const actions = actionRows(documents, today, { open: true });
  const overdue = actions.filter((row) => row.overdue).length;
  lines.push(`## ${vscode.l10n.t('Open action items ({0}, {1} overdue)', actions.length, overdue)}`, '');
  if (actions.length === 0) lines.push(vscode.l10n.t('None.'), '');
  const byOwner = new Map<string, typeof actions>();
  for (const row of actions) {
    const owner = row.owner ? `@${row.owner}` : vscode.l10n.t('No owner');
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), row]);
  }
  for (const [owner, rows] of [...byOwner].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`### ${cell(owner)}`, '');
    for (const row of rows) {
      const due = row.due ? (row.overdue ? ` — **${vscode.l10n.t('overdue since {0}', row.due)}**` : ` — ${vscode.l10n.t('due {0}', row.due)}`) : '';
      lines.push(`- ${cell(row.text)}${due} (${link(row.file, row.line)})`);
    }
    lines.push('');
  }

  // Each folder's runbooks against its own configured roles.
  const waiting: RunbookRow[] = workspace
    .all()
    .flatMap((services) => runbookRows(services.store.all(), services.config()).map((row) => ({ ...row, file: workspace.label(services, row.file) })))
    .filter((row) => row.status !== 'ACCEPTED')
    .sort((a, b) => a.file.localeCompare(b.file));
  lines.push(`## ${vscode.l10n.t('Runbooks waiting for approval ({0})', waiting.length)}`, '');
  if (waiting.length === 0) lines.push(vscode.l10n.t('None.'), '');
  for (const row of waiting) {
    const roles = (list: readonly string[]): string => list.map((role) => `@${role}`).join(', ');
    const approved = `${row.approved.length}/${row.approved.length + row.missing.length + row.stale.length + row.unauthorized.length}`;
    const problems = [
      ...(row.missing.length ? [vscode.l10n.t('missing {0}', roles(row.missing))] : []),
      ...(row.stale.length ? [vscode.l10n.t('changed since approved: {0}', roles(row.stale))] : []),
      ...(row.unauthorized.length ? [vscode.l10n.t('not approved by an approver: {0}', roles(row.unauthorized))] : []),
    ];
    const state = problems.length ? problems.join('; ') : vscode.l10n.t('ready to accept');
    lines.push(`- ${cell(row.title ?? row.file)} — ${approved} — ${state} (${link(row.file, row.line)})`);
  }
  lines.push('');
  return lines.join('\n');
}

export function activate(context: vscode.ExtensionContext, workspace: RunbookWorkspace): void {
  registerWorkspaceCommand(
    context,
    workspace,
    'runbook.showReport',
    async () => {
      await workspace.ready();
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: reportMarkdown(workspace, isoDate(new Date())) });
      await vscode.window.showTextDocument(document, { preview: true });
      await vscode.commands.executeCommand('markdown.showPreviewToSide', document.uri);
      return document.uri;
    },
    { writes: false },
  );
}
