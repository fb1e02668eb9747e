/**
 * Reading the one argument object a command accepts (from tests, keybindings, CodeLens and tree items). Values are
 * checked here so handlers get typed values or a clear error naming the argument.
 */
import * as vscode from 'vscode';
import { RunbookError } from '../core/errors';

/** The argument when it is a plain object, else null (no argument: the command prompts). */
export function argObject(value: unknown): Record<string, unknown> | null {
  if (value === null || typeof value !== 'object' || value instanceof vscode.Uri || Array.isArray(value)) return null;
  return value as Record<string, unknown>;
}

/** A URI given as `vscode.Uri`, a URI string, or an absolute path. */
export function uriArg(value: unknown, name = 'uri'): vscode.Uri {
  if (value instanceof vscode.Uri) return value;
  if (typeof value === 'string' && value !== '') return /^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value) ? vscode.Uri.parse(value) : vscode.Uri.file(value);
  // A Uri that crossed a process boundary arrives as its JSON form.
  if (value && typeof value === 'object' && 'scheme' in value && 'path' in value) return vscode.Uri.from(value as vscode.Uri);
  throw new RunbookError('invalid-field', vscode.l10n.t('argument "{0}" must be a URI, found {1}', name, JSON.stringify(value)), 'usage');
}

export function stringArg(args: Record<string, unknown>, name: string, required: true): string;
export function stringArg(args: Record<string, unknown>, name: string, required: false): string | undefined;
/** A string argument; a required one that is missing or empty is a usage error. */
export function stringArg(args: Record<string, unknown>, name: string, required: boolean): string | undefined {
  const value = args[name];
  if (value === undefined || value === null || value === '') {
    if (required) throw new RunbookError('missing-fields', vscode.l10n.t('argument "{0}" is required', name), 'usage');
    return undefined;
  }
  if (typeof value !== 'string') {
    throw new RunbookError('invalid-field', vscode.l10n.t('argument "{0}" must be a string, found {1}', name, JSON.stringify(value)), 'usage');
  }
  return value;
}

/** A positive integer argument (a 1-based line). */
export function lineArg(args: Record<string, unknown>, name: string): number {
  const value = args[name];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new RunbookError('invalid-field', vscode.l10n.t('argument "{0}" must be a line number from 1, found {1}', name, JSON.stringify(value)), 'usage');
  }
  return value;
}

/** An optional boolean argument (`reopen: true`); undefined when absent. */
export function booleanArg(args: Record<string, unknown>, name: string): boolean | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') {
    throw new RunbookError('invalid-field', vscode.l10n.t('argument "{0}" must be true or false, found {1}', name, JSON.stringify(value)), 'usage');
  }
  return value;
}
