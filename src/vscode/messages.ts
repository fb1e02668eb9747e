/**
 * How errors reach the user: the engine's `RunbookError` messages (which name the file, the value and what was expected)
 * in an error notification; anything else is also logged with its stack.
 */
import * as vscode from 'vscode';
import { isRunbookError, type Language } from '../core/errors';

/** The language the engine's messages (errors, findings, the report) are shown in: French for a French display language. */
export function displayLanguage(): Language {
  return vscode.env.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** Show an error from a command; returns nothing so handlers can `return showError(...)`. */
export function showError(log: vscode.LogOutputChannel, error: unknown): undefined {
  const message = isRunbookError(error) ? error.messageIn(displayLanguage()) : error instanceof Error ? error.message : String(error);
  if (!isRunbookError(error)) log.error(error instanceof Error ? (error.stack ?? message) : message);
  void vscode.window.showErrorMessage(vscode.l10n.t('Runbook Kit: {0}', message));
  return undefined;
}

/** In Restricted Mode, commands that write are refused with this message (their `enablement` hides them too). */
export function refuseUntrusted(): boolean {
  if (vscode.workspace.isTrusted) return false;
  void vscode.window.showWarningMessage(vscode.l10n.t('Runbook Kit only reads in Restricted Mode: trust this workspace to create or change documents.'));
  return true;
}
