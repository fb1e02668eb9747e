/**
 * The engine's check rules as Problems-panel diagnostics on open documents in the configured folders (refreshed as
 * they change and when they are saved), with Quick Fixes where one exists: add an owner, add a due date, mark an
 * overdue item done, open the missing approvals, re-approve a stale approval, revoke an unauthorised one.
 */
import * as vscode from 'vscode';
import { KeyedDebounce } from '../../debounce';
import { RunbookError } from '../../../core/errors';
import { checkDocument } from '../../../core/check';
import { isoDate, isValidDate } from '../../../core/dates';
import { actionAtLine, addDueDateEdits, addOwnerEdits, OWNER_NAME } from '../../../core/edits';
import type { Finding, FindingSeverity } from '../../../core/model';
import { applyEngineEdits } from '../../apply';
import { lineArg, stringArg, uriArg } from '../../args';
import { registerCommand } from '../../register';
import type { Services } from '../../services';

const SEVERITY: Record<FindingSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The diagnostics' source, shown in the Problems panel. */
const DIAGNOSTIC_SOURCE = 'runbook';

function toDiagnostic(document: vscode.TextDocument, finding: Finding): vscode.Diagnostic {
  const line = Math.min(Math.max(finding.line - 1, 0), Math.max(document.lineCount - 1, 0));
  const text = document.lineAt(line);
  const start = finding.column ? Math.min(finding.column - 1, text.text.length) : text.firstNonWhitespaceCharacterIndex;
  const diagnostic = new vscode.Diagnostic(new vscode.Range(line, start, line, text.text.length), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.rule;
  return diagnostic;
}

export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly pending = new KeyedDebounce(300);

  constructor(private readonly services: Services) {}

  /** Check one document now (or clear its diagnostics when it is not one of ours). */
  update(document: vscode.TextDocument): void {
    const relative = this.services.files.toRelative(document.uri);
    if (document.languageId !== 'markdown' || relative === null || !this.services.store.inScope(relative)) {
      this.collection.delete(document.uri);
      return;
    }
    const doc = this.services.store.parse(document);
    const findings = checkDocument(doc, this.services.host.clock.now(), this.services.config());
    this.collection.set(document.uri, findings.map((finding) => toDiagnostic(document, finding)));
  }

  /** Check a document after typing pauses. */
  schedule(document: vscode.TextDocument): void {
    this.pending.run(document.uri.toString(), () => {
      if (!document.isClosed) this.update(document);
    });
  }

  updateAll(): void {
    vscode.workspace.textDocuments.forEach((document) => this.update(document));
  }

  dispose(): void {
    this.pending.dispose();
    this.collection.dispose();
  }
}

class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly services: Services) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const writable = vscode.workspace.isTrusted;
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const line = diagnostic.range.start.line + 1;
      const fix = (title: string, command: string, args: unknown): void => {
        const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.command = { title, command, arguments: [args] };
        actions.push(action);
      };
      switch (diagnostic.code) {
        case 'action-no-owner':
          if (writable) fix(vscode.l10n.t('Add an owner'), 'runbook.addOwner', { uri: document.uri, line });
          break;
        case 'postmortem-action-no-due':
          if (writable) fix(vscode.l10n.t('Add a due date'), 'runbook.addDueDate', { uri: document.uri, line });
          break;
        case 'action-overdue':
          if (writable) fix(vscode.l10n.t('Mark action item done'), 'runbook.markActionDone', { uri: document.uri, line });
          break;
        case 'approval-stale':
        case 'approval-unauthorized': {
          const item = this.services.store.parse(document).runbook?.compliance.find((entry) => entry.line === line);
          if (!item || !writable) break;
          if (diagnostic.code === 'approval-stale') fix(vscode.l10n.t('Re-approve @{0}', item.role), 'runbook.approve', { uri: document.uri, role: item.role });
          else fix(vscode.l10n.t('Revoke @{0}', item.role), 'runbook.revoke', { uri: document.uri, role: item.role });
          break;
        }
        case 'accepted-missing-approvals': {
          const runbook = this.services.store.parse(document).runbook;
          const first = runbook?.compliance.find((item) => !item.checked);
          const action = new vscode.CodeAction(vscode.l10n.t('Open the missing approvals'), vscode.CodeActionKind.QuickFix);
          action.diagnostics = [diagnostic];
          action.command = {
            title: action.title,
            command: 'revealLine',
            arguments: [{ lineNumber: (first?.line ?? runbook?.complianceHeadingLine ?? line) - 1, at: 'center' }],
          };
          actions.push(action);
          break;
        }
      }
    }
    return actions;
  }
}

/** Add an owner or a due date to a task action item (the engine refuses table rows: fill in the cell). */
async function appendToAction(services: Services, args: Record<string, unknown> | null, what: 'owner' | 'due'): Promise<vscode.Uri | undefined> {
  if (!args) throw new RunbookError('missing-fields', vscode.l10n.t('argument "{0}" is required', 'uri'), 'usage');
  const document = await vscode.workspace.openTextDocument(uriArg(args.uri));
  const doc = services.store.parse(document);
  const action = actionAtLine(doc, lineArg(args, 'line'));
  let value = stringArg(args, what, false);
  if (value === undefined) {
    const suggested =
      what === 'owner'
        ? (await services.approver()).name
        : isoDate(new Date(services.host.clock.now().getTime() + 14 * 86_400_000));
    value = await vscode.window.showInputBox({
      title: what === 'owner' ? vscode.l10n.t('Add an owner') : vscode.l10n.t('Add a due date'),
      value: suggested,
      prompt: what === 'owner' ? vscode.l10n.t('Owner of "{0}" (without @)', action.text) : vscode.l10n.t('Due date of "{0}" (YYYY-MM-DD)', action.text),
      validateInput: (input) =>
        what === 'owner'
          ? OWNER_NAME.test(input.trim()) ? undefined : vscode.l10n.t('One name: letters, digits, ".", "_" or "-"')
          : isValidDate(input.trim()) ? undefined : vscode.l10n.t('A date YYYY-MM-DD'),
    });
    if (value === undefined) return undefined;
  }
  const given = value;
  await applyEngineEdits(document, () => {
    const current = services.store.parse(document);
    const index = actionAtLine(current, action.line).index;
    return what === 'owner' ? addOwnerEdits(current, index, given) : addDueDateEdits(current, index, given);
  });
  return document.uri;
}

export function activate(context: vscode.ExtensionContext, services: Services): { diagnostics: DiagnosticsController } {
  const controller = new DiagnosticsController(services);
  context.subscriptions.push(
    controller,
    vscode.workspace.onDidOpenTextDocument((document) => controller.update(document)),
    vscode.workspace.onDidSaveTextDocument((document) => controller.update(document)),
    vscode.workspace.onDidChangeTextDocument((event) => controller.schedule(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => controller.collection.delete(document.uri)),
    services.onDidChangeConfig(() => controller.updateAll()),
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new QuickFixProvider(services), {
      providedCodeActionKinds: QuickFixProvider.kinds,
    }),
  );
  registerCommand(context, services, 'runbook.addOwner', (s, args) => appendToAction(s, args, 'owner'), { writes: true });
  registerCommand(context, services, 'runbook.addDueDate', (s, args) => appendToAction(s, args, 'due'), { writes: true });
  controller.updateAll();
  // Incident response and update targets pass with time alone: open documents are checked again every minute.
  const clock = setInterval(() => controller.updateAll(), 60_000);
  context.subscriptions.push({ dispose: () => clearInterval(clock) });
  return { diagnostics: controller };
}
