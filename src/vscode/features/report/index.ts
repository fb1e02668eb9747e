/**
 * `runbook.showReport`: a markdown report of open incidents, open and overdue action items by owner, and runbooks
 * waiting for approval, opened as an untitled document beside its preview. Returns the document's URI.
 */
import * as vscode from 'vscode';
import { isoDate } from '../../../core/dates';
import { actionRows, incidentRows, runbookRows } from '../../../core/report';
import type { Services } from '../../services';
import { registerCommand } from '../../register';

/** `|` and line breaks would break a table cell. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*[\r\n]+\s*/g, ' ');
}

function link(services: Services, file: string, line: number): string {
  return `[${cell(file)}:${line}](${services.files.toUri(file).with({ fragment: `L${line}` }).toString()})`;
}

/** The report's markdown for the store's documents on `today`. */
function reportMarkdown(services: Services, today: string): string {
  const documents = services.store.all();
  const lines: string[] = [`# ${vscode.l10n.t('Runbook Kit report — {0}', today)}`, ''];

  const incidents = incidentRows(documents, services.config(), services.host.clock.now(), { open: true });
  lines.push(`## ${vscode.l10n.t('Open incidents ({0})', incidents.length)}`, '');
  if (incidents.length === 0) lines.push(vscode.l10n.t('None.'), '');
  else {
    lines.push(`| ${vscode.l10n.t('Severity')} | ${vscode.l10n.t('Incident')} | ${vscode.l10n.t('Date')} | ${vscode.l10n.t('Open actions')} | ${vscode.l10n.t('File')} |`, '|---|---|---|---|---|');
    for (const row of incidents) lines.push(`| ${row.severity ?? '—'} | ${cell(row.title)} | ${row.date ?? '—'} | ${row.openActions} | ${link(services, row.file, row.line)} |`);
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
      lines.push(`- ${cell(row.text)}${due} (${link(services, row.file, row.line)})`);
    }
    lines.push('');
  }

  const waiting = runbookRows(documents, services.config()).filter((row) => row.status !== 'ACCEPTED');
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
    lines.push(`- ${cell(row.title ?? row.file)} — ${approved} — ${state} (${link(services, row.file, row.line)})`);
  }
  lines.push('');
  return lines.join('\n');
}

export function activate(context: vscode.ExtensionContext, services: Services): void {
  registerCommand(
    context,
    services,
    'runbook.showReport',
    async () => {
      await services.store.ready();
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: reportMarkdown(services, isoDate(services.host.clock.now())) });
      await vscode.window.showTextDocument(document, { preview: true });
      await vscode.commands.executeCommand('markdown.showPreviewToSide', document.uri);
      return document.uri;
    },
    { writes: false },
  );
}
