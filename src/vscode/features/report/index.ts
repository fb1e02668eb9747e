/**
 * `runbook.showReport`: the daily report (`runbook report`'s markdown, from the same core function) over every
 * workspace folder (paths with the folder's name when there are several), in a read-only markdown preview. The text
 * comes from a content provider of the `runbook-report` scheme, so there is no untitled document asking to be saved;
 * links open each `file:line`; the preview follows the workspace as it changes.
 */
import * as vscode from 'vscode';
import { buildBriefing, briefingToMarkdown, mergeBriefings } from '../../../core/briefing';
import { registerWorkspaceCommand } from '../../register';
import type { RunbookWorkspace } from '../../workspace';
import { displayLanguage } from '../../messages';

/** The scheme of the report's virtual document. */
export const REPORT_SCHEME = 'runbook-report';

/** The report's one virtual document (its name is the preview's title). */
export const REPORT_URI = vscode.Uri.from({ scheme: REPORT_SCHEME, path: '/Runbook Report.md' });

/** The report's markdown now: each folder's briefing with its own configuration, links as `file:` URIs with `#L<line>`. */
export function reportMarkdown(workspace: RunbookWorkspace): string {
  const { uriOf } = workspace.labelledDocuments();
  const briefings = workspace.all().map((services) => {
    const documents = services.store.all().map((doc) => ({ ...doc, file: workspace.label(services, doc.file) }));
    return buildBriefing(documents, services.config(), services.host.clock.now());
  });
  const language = displayLanguage();
  const href = (file: string, line: number): string => uriOf(file)?.with({ fragment: `L${line}` }).toString() ?? file;
  return briefings.length === 0 ? '' : briefingToMarkdown(mergeBriefings(briefings), href, language);
}

class ReportContent implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly workspace: RunbookWorkspace) {
    // An open report follows the workspace (the preview re-reads the document when it changes).
    this.subscription = workspace.onDidChange(() => {
      if (vscode.workspace.textDocuments.some((doc) => doc.uri.toString() === REPORT_URI.toString())) this.changed.fire(REPORT_URI);
    });
  }

  provideTextDocumentContent(): string {
    return reportMarkdown(this.workspace);
  }

  /**
   * The report document as of now: an already open one is asked to refresh and awaited (VS Code keeps an open
   * document's text until its provider says it changed), so the command never shows a report older than the index.
   */
  async current(): Promise<vscode.TextDocument> {
    const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === REPORT_URI.toString());
    if (open && open.getText() !== reportMarkdown(this.workspace)) {
      const refreshed = new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          done.dispose();
          resolve();
        }, 5000);
        const done = vscode.workspace.onDidChangeTextDocument((event) => {
          if (event.document.uri.toString() !== REPORT_URI.toString()) return;
          clearTimeout(timer);
          done.dispose();
          resolve();
        });
      });
      this.changed.fire(REPORT_URI);
      await refreshed;
    }
    return vscode.workspace.openTextDocument(REPORT_URI);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export function activate(context: vscode.ExtensionContext, workspace: RunbookWorkspace): void {
  const content = new ReportContent(workspace);
  context.subscriptions.push(content, vscode.workspace.registerTextDocumentContentProvider(REPORT_SCHEME, content));
  registerWorkspaceCommand(
    context,
    workspace,
    'runbook.showReport',
    async () => {
      await workspace.ready();
      await content.current();
      await vscode.commands.executeCommand('markdown.showPreview', REPORT_URI);
      return REPORT_URI;
    },
    { writes: false },
  );
}
