/**
 * `runbook.showReport`: the daily report (`runbook report`'s markdown, from the same core function) in a read-only
 * markdown preview. The text comes from a content provider of the `runbook-report` scheme, so there is no untitled
 * document asking to be saved; links open each `file:line`; the preview follows the workspace as it changes.
 */
import * as vscode from 'vscode';
import { buildBriefing, briefingToMarkdown } from '../../../core/briefing';
import type { Services } from '../../services';
import { registerCommand } from '../../register';

/** The scheme of the report's virtual document. */
export const REPORT_SCHEME = 'runbook-report';

/** The report's one virtual document (its name is the preview's title). */
export const REPORT_URI = vscode.Uri.from({ scheme: REPORT_SCHEME, path: '/Runbook Report.md' });

/** The report's markdown for the store's documents now, links as `file:` URIs with a `#L<line>` fragment. */
export function reportMarkdown(services: Services): string {
  const briefing = buildBriefing(services.store.all(), services.config(), services.host.clock.now());
  const language = vscode.env.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  return briefingToMarkdown(briefing, (file, line) => services.files.toUri(file).with({ fragment: `L${line}` }).toString(), language);
}

class ReportContent implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly services: Services) {
    // An open report follows the workspace (the preview re-reads the document when it changes).
    this.subscription = services.store.onDidChange(() => {
      if (vscode.workspace.textDocuments.some((doc) => doc.uri.toString() === REPORT_URI.toString())) this.changed.fire(REPORT_URI);
    });
  }

  provideTextDocumentContent(): string {
    return reportMarkdown(this.services);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function activate(context: vscode.ExtensionContext, services: Services): void {
  const content = new ReportContent(services);
  context.subscriptions.push(content, vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, content));
  registerCommand(
    context,
    services,
    'runbook.showReport',
    async () => {
      await services.store.ready();
      // Opening the document (again) makes the provider compute the report as of now.
      await vscode.workspace.openTextDocument(REPORT_URI);
      await vscode.commands.executeCommand('markdown.showPreview', REPORT_URI);
      return REPORT_URI;
    },
    { writes: false },
  );
}
