/**
 * The engine's check rules as Problems-panel diagnostics, from the same index `runbook check` reads: with
 * `runbook.diagnostics.scope` = `workspace` (the default) for every document of every folder, open or not, and for
 * files that could not be read; with `openFiles` for open documents only. An open document is checked from its buffer
 * (unsaved changes included) as typing pauses. Quick Fixes where one exists: add an owner, add a due date, mark an
 * overdue item done, open the missing approvals, re-approve a stale approval, revoke an unauthorised one.
 */
import * as vscode from 'vscode';
import { KeyedDebounce } from '../../debounce';
import { RunbookError } from '../../../core/errors';
import { checkDocument, checkWorkspace, localizedFinding } from '../../../core/check';
import { TimeSlicer } from '../../../core/workspace-index/time-slice';
import { isoDate, isValidDate } from '../../../core/dates';
import { actionAtLine, addDueDateEdits, addOwnerEdits, OWNER_NAME } from '../../../core/edits';
import type { RunbookConfig } from '../../../core/config';
import type { Finding, FindingSeverity, ParsedDocument } from '../../../core/model';
import { applyEngineEdits } from '../../apply';
import { lineArg, stringArg, uriArg } from '../../args';
import { registerCommand } from '../../register';
import type { Services } from '../../services';
import type { RunbookWorkspace } from '../../workspace';
import { displayLanguage } from '../../messages';

const SEVERITY: Record<FindingSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** The diagnostics' source, shown in the Problems panel. */
const DIAGNOSTIC_SOURCE = 'runbook';

/** Which documents get diagnostics (`runbook.diagnostics.scope`). */
export type DiagnosticsScope = 'workspace' | 'openFiles';

/** The scope set for a folder (folder, workspace or user settings). */
export function diagnosticsScope(folder: vscode.WorkspaceFolder): DiagnosticsScope {
  return vscode.workspace.getConfiguration('runbook', folder.uri).get<string>('diagnostics.scope') === 'openFiles' ? 'openFiles' : 'workspace';
}

function diagnostic(range: vscode.Range, finding: Finding): vscode.Diagnostic {
  const result = new vscode.Diagnostic(range, finding.message, SEVERITY[finding.severity]);
  result.source = DIAGNOSTIC_SOURCE;
  result.code = finding.rule;
  return result;
}

/** A finding on an open document: the range runs from the column (or the first non-blank character) to the line's end. */
function toDiagnostic(document: vscode.TextDocument, finding: Finding): vscode.Diagnostic {
  const line = Math.min(Math.max(finding.line - 1, 0), Math.max(document.lineCount - 1, 0));
  const text = document.lineAt(line);
  const start = finding.column ? Math.min(finding.column - 1, text.text.length) : text.firstNonWhitespaceCharacterIndex;
  return diagnostic(new vscode.Range(line, start, line, text.text.length), finding);
}

/** A finding on a file that is not open: the whole line (the editor trims the range to the line when it opens it). */
function toIndexDiagnostic(finding: Finding): vscode.Diagnostic {
  const line = Math.max(finding.line - 1, 0);
  return diagnostic(new vscode.Range(line, Math.max((finding.column ?? 1) - 1, 0), line, Number.MAX_SAFE_INTEGER), finding);
}

/** What a file's diagnostics were computed from: the same parse, time stamp and configuration give the same diagnostics. */
interface Shown {
  source: ParsedDocument | Finding | vscode.TextDocument;
  version: number;
  /** checkStamp: the day, or the minute for an incident whose response and update targets run. */
  stamp: string;
  config: RunbookConfig;
}

/**
 * How often a document's findings can change with time alone: an unresolved incident's response and update targets by
 * the minute (`2026-11-23T14:05`), everything else (due dates) by the day.
 */
function checkStamp(doc: ParsedDocument | null, now: Date): string {
  const today = isoDate(now);
  if (!doc?.incident || doc.incident.status === 'resolved') return today;
  return `${today}T${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`;
}

/** The findings' language: French for a French display language. */

export class DiagnosticsController implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  private readonly pending = new KeyedDebounce(300);
  private readonly shown = new Map<string, Shown>();
  /**
   * Open documents the index has held: one it no longer holds has left it (deleted, out of scope). One it never held is
   * new and not indexed yet (its file event or buffer is still on the way) and keeps its buffer's diagnostics.
   */
  private readonly indexedOpen = new Set<string>();

  /** Counts refreshes, so that a slow one still running stops when a newer one starts. */
  private refreshGeneration = 0;

  constructor(private readonly workspace: RunbookWorkspace) {}

  /** The services of the folder holding `uri`, when the document is one that folder follows (configured folders). */
  private servicesOf(uri: vscode.Uri): Services | undefined {
    const services = this.workspace.forUri(uri);
    const relative = services?.files.toRelative(uri);
    return services && relative !== null && relative !== undefined && services.store.inScope(relative) ? services : undefined;
  }

  /** Check one open document now, from its buffer (or clear it when it is not one of ours). */
  update(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const services = document.languageId === 'markdown' ? this.servicesOf(document.uri) : undefined;
    if (!services) {
      this.forget(key);
      return;
    }
    const now = services.host.clock.now();
    const doc = services.store.parse(document);
    const config = services.config();
    const language = displayLanguage();
    // The workspace rules (recurrence, post-mortem deadlines) over the index, with this buffer as it is typed; their
    // messages are part of the stamp, since other files change them.
    const documents = [...services.store.all().filter((other) => other.file !== doc.file), doc];
    const shared = doc.incident ? checkWorkspace(documents, now, config, language).filter((finding) => finding.file === doc.file) : [];
    const stamp = `${checkStamp(doc, now)}|${shared.map((finding) => finding.message).join('|')}`;
    const last = this.shown.get(key);
    if (last && last.source === document && last.version === document.version && last.stamp === stamp && last.config === config) return;
    const findings = [...checkDocument(doc, now, config, language), ...shared];
    this.collection.set(document.uri, findings.map((finding) => toDiagnostic(document, finding)));
    this.shown.set(key, { source: document, version: document.version, stamp, config });
  }

  /** Check a document after typing pauses. */
  schedule(document: vscode.TextDocument): void {
    this.pending.run(document.uri.toString(), () => {
      if (!document.isClosed) this.update(document);
    });
  }

  /** A document was closed: with the workspace scope its diagnostics come from the index again, else they go. */
  closed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.indexedOpen.delete(key);
    this.forget(key);
    const services = this.servicesOf(document.uri);
    if (services && diagnosticsScope(services.folder) === 'workspace') this.refresh();
  }

  private forget(key: string): void {
    if (!this.shown.has(key)) return;
    this.shown.delete(key);
    this.collection.delete(vscode.Uri.parse(key));
  }

  /**
   * Bring every diagnostic up to date: open documents from their buffers; with the workspace scope, every indexed
   * document and unreadable file of each folder. Only files whose parse, day or configuration changed are checked again.
   * The workspace part runs in slices of a few milliseconds, handing the extension host back between them (checking
   * 10,000 documents at once held it for about half a second); a newer refresh supersedes one still running.
   */
  refresh(): void {
    const generation = ++this.refreshGeneration;
    void this.refreshInSlices(generation).catch((error: unknown) => {
      console.error('[runbook] diagnostics refresh failed', error);
    });
  }

  private async refreshInSlices(generation: number): Promise<void> {
    const openAtStart = new Set(vscode.workspace.textDocuments.filter((document) => !document.isClosed).map((document) => document.uri.toString()));
    const wanted = new Set<string>();
    let changes: Array<[vscode.Uri, vscode.Diagnostic[]]> = [];
    // Each time a slice has used its time: publish what it found, then give the host a turn.
    const slicer = new TimeSlicer(async () => {
      if (changes.length > 0) this.collection.set(changes);
      changes = [];
      await new Promise<void>((resolve) => setImmediate(resolve));
    });
    for (const services of this.workspace.all()) {
      if (diagnosticsScope(services.folder) !== 'workspace') continue;
      const now = services.host.clock.now();
      const config = services.config();
      const show = (uri: vscode.Uri, source: ParsedDocument | Finding, stamp: string, findings: () => Finding[]): void => {
        const key = uri.toString();
        if (openAtStart.has(key)) return;
        wanted.add(key);
        const last = this.shown.get(key);
        if (last && last.source === source && last.stamp === stamp && last.config === config) return;
        this.shown.set(key, { source, version: 0, stamp, config });
        changes.push([uri, findings().map(toIndexDiagnostic)]);
      };
      const language = displayLanguage();
      // The workspace rules (recurrence, post-mortem deadlines) once per folder, each finding shown with its document.
      // A fresh array: files the index takes in or drops while this refresh yields do not disturb it.
      const documents = services.store.all();
      const shared = new Map<string, Finding[]>();
      for (const finding of checkWorkspace(documents, now, config, language)) shared.set(finding.file, [...(shared.get(finding.file) ?? []), finding]);
      for (const doc of documents) {
        const own = shared.get(doc.file) ?? [];
        const stamp = `${checkStamp(doc, now)}|${own.map((finding) => finding.message).join('|')}`;
        show(services.files.toUri(doc.file), doc, stamp, () => [...checkDocument(doc, now, config, language), ...own]);
        await slicer.pause();
        if (generation !== this.refreshGeneration) return; // a newer refresh took over
      }
      for (const finding of services.store.unreadableFindings()) show(services.files.toUri(finding.file), finding, checkStamp(null, now), () => [localizedFinding(finding, language)]);
    }
    if (changes.length > 0) this.collection.set(changes);
    for (const document of vscode.workspace.textDocuments) {
      if (document.isClosed) continue;
      // VS Code keeps a document's model a while after its editor closed: once the file is gone from the index
      // (deleted, moved out of scope) and the buffer holds nothing unsaved, it has no diagnostics. A file the index
      // has not taken in yet (just created and opened) is not gone: its diagnostics stay (a refresh for another file
      // in between once removed them, and a Quick Fix asked for then found none).
      const key = document.uri.toString();
      const services = this.servicesOf(document.uri);
      const relative = services?.files.toRelative(document.uri);
      const known = services && relative ? services.store.knows(relative) : null;
      if (known === true) this.indexedOpen.add(key);
      if (known === false && !document.isDirty && this.indexedOpen.has(key)) continue;
      this.update(document);
      if (this.shown.has(key)) wanted.add(key);
    }
    for (const key of [...this.shown.keys()]) if (!wanted.has(key)) this.forget(key);
  }

  /** Check everything again (the configuration changed). */
  recheckAll(): void {
    this.shown.clear();
    this.collection.clear();
    this.refresh();
  }

  dispose(): void {
    this.pending.dispose();
    this.collection.dispose();
  }
}

class QuickFixProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly workspace: RunbookWorkspace) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const writable = vscode.workspace.isTrusted;
    const services = this.workspace.forUri(document.uri);
    if (!services) return actions;
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
          const item = services.store.parse(document).runbook?.compliance.find((entry) => entry.line === line);
          if (!item || !writable) break;
          if (diagnostic.code === 'approval-stale') fix(vscode.l10n.t('Re-approve @{0}', item.role), 'runbook.approve', { uri: document.uri, role: item.role });
          else fix(vscode.l10n.t('Revoke @{0}', item.role), 'runbook.revoke', { uri: document.uri, role: item.role });
          break;
        }
        case 'accepted-missing-approvals': {
          const runbook = services.store.parse(document).runbook;
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

/** How often the day is looked at, so an item due yesterday turns overdue after midnight without any edit. */
const DAY_CHECK_MS = 15 * 60_000;

export function activate(context: vscode.ExtensionContext, workspace: RunbookWorkspace): { diagnostics: DiagnosticsController } {
  const controller = new DiagnosticsController(workspace);
  const dayCheck = setInterval(() => controller.refresh(), DAY_CHECK_MS);
  context.subscriptions.push(
    controller,
    { dispose: () => clearInterval(dayCheck) },
    vscode.workspace.onDidOpenTextDocument((document) => controller.update(document)),
    vscode.workspace.onDidSaveTextDocument((document) => controller.update(document)),
    vscode.workspace.onDidChangeTextDocument((event) => controller.schedule(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => controller.closed(document)),
    workspace.onDidChange(() => controller.refresh()),
    workspace.onDidChangeConfig(() => controller.recheckAll()),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('runbook.diagnostics.scope')) controller.recheckAll();
    }),
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, new QuickFixProvider(workspace), {
      providedCodeActionKinds: QuickFixProvider.kinds,
    }),
  );
  registerCommand(context, workspace, 'runbook.addOwner', (s, args) => appendToAction(s, args, 'owner'), { writes: true });
  registerCommand(context, workspace, 'runbook.addDueDate', (s, args) => appendToAction(s, args, 'due'), { writes: true });
  controller.refresh();
  // Incident response and update targets pass with time alone: every minute, the open incidents are checked again
  // (checkStamp: other documents only when the day changes).
  const clock = setInterval(() => controller.refresh(), 60_000);
  context.subscriptions.push({ dispose: () => clearInterval(clock) });
  return { diagnostics: controller };
}
