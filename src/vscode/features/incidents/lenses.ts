/**
 * CodeLens on an incident's status line (its frontmatter `status:` or `Status:` line; the title when none is written):
 * the lifecycle actions its status allows, "Add Timeline Entry" and "Copy Status Update", and, when the first response
 * is overdue, a lens that says since when. Ranges come from the parsed document; lenses refresh with the document, the
 * configuration and the passing minutes (an overdue response is a matter of time).
 */
import * as vscode from 'vscode';
import { incidentClock } from '../../../core/incident-policy';
import { formatLocal, localDateTime } from '../../../core/local-time';
import type { RunbookWorkspace } from '../../workspace';

export class IncidentLensProvider implements vscode.CodeLensProvider {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly workspace: RunbookWorkspace) {}

  /** Ask VS Code for fresh lenses. */
  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    // The folder of the document, with its own configuration (multi-root).
    const services = this.workspace.forUri(document.uri);
    const relative = services?.files.toRelative(document.uri);
    if (!services || relative === null || relative === undefined || !services.store.inScope(relative)) return [];
    const doc = services.store.parse(document);
    const incident = doc.incident;
    if (!incident) return [];
    const line = Math.min((incident.statusField?.line ?? incident.line) - 1, document.lineCount - 1);
    const range = document.lineAt(Math.max(0, line)).range;
    const uri = document.uri;
    const lens = (title: string, command: string, args: unknown[] = [{ uri }], tooltip?: string): vscode.CodeLens =>
      new vscode.CodeLens(range, { title, command, arguments: args, ...(tooltip ? { tooltip } : {}) });
    const lenses: vscode.CodeLens[] = [];
    const clock = incidentClock(doc, services.config(), localDateTime(services.host.clock.now()));
    if (incident.status !== 'resolved' && clock.responseOverdue && clock.responseDueAt) {
      lenses.push(lens(vscode.l10n.t('$(bell-dot) First response overdue since {0}', formatLocal(clock.responseDueAt)), '', []));
    }
    if (vscode.workspace.isTrusted) {
      if (incident.status === 'resolved') {
        lenses.push(lens(vscode.l10n.t('Reopen Incident'), 'runbook.reopenIncident'));
      } else {
        lenses.push(lens(vscode.l10n.t('Add Timeline Entry'), 'runbook.addTimelineEntry'));
        if (incident.status === 'open') lenses.push(lens(vscode.l10n.t('Mark Mitigated'), 'runbook.mitigateIncident'));
        lenses.push(lens(vscode.l10n.t('Resolve'), 'runbook.resolveIncident'));
        // Mitigation did not hold: back to open, from the lens as from the view.
        if (incident.status === 'mitigated') lenses.push(lens(vscode.l10n.t('Reopen Incident'), 'runbook.reopenIncident'));
      }
    }
    lenses.push(lens(vscode.l10n.t('Copy Status Update'), 'runbook.copyStatusUpdate'));
    return lenses;
  }
}
