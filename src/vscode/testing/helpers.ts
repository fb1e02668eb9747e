/**
 * Helpers for the extension-host specs (`*.spec.ts`): the activated extension, the workspace folder, file access.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RunbookKitApi } from '../extension';
import type { Services } from '../services';

export const EXTENSION_ID = 'runbook-kit.runbook-kit';

/** Activate the extension under test and return its services. */
export async function activated(): Promise<Services> {
  const extension = vscode.extensions.getExtension<RunbookKitApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  assert.ok(api.services, 'the extension found no workspace folder');
  return api.services;
}

/** The URI of a workspace-relative path in the test workspace. */
export function workspaceUri(relativePath: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder open');
  return vscode.Uri.joinPath(folder.uri, ...relativePath.split('/'));
}

/** The text of a file as saved on disk. */
export async function diskText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Whether a file exists. */
export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Wait until `probe` returns a truthy value (polling), or fail after `timeoutMs`. */
export async function waitFor<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 10000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Close every editor without saving, so each test starts from the files on disk. */
export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The API the extension returns from `activate` (services and the views, for assertions). */
export async function api(): Promise<RunbookKitApi> {
  const extension = vscode.extensions.getExtension<RunbookKitApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
  return extension.activate();
}

/** Copy a workspace file to a new name (so a spec can change it freely) and return the copy's URI. */
export async function copyOf(relativePath: string, suffix: string): Promise<vscode.Uri> {
  const source = workspaceUri(relativePath);
  const target = workspaceUri(relativePath.replace(/\.md$/, `-${suffix}.md`));
  await vscode.workspace.fs.copy(source, target, { overwrite: true });
  return target;
}

/** Today as the extension writes it on approvals. */
export function today(): string {
  const date = new Date();
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The 1-based line of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const index = text.split(/\r?\n/).findIndex((line) => line.includes(needle));
  assert.notEqual(index, -1, `no line contains ${JSON.stringify(needle)}`);
  return index + 1;
}

/** Expect a promise to reject with a RunbookError `code` (or a message matching `pattern`). */
export async function rejectsWith(promise: Thenable<unknown>, pattern: RegExp): Promise<void> {
  try {
    await promise;
  } catch (error) {
    const text = `${(error as { code?: string }).code ?? ''} ${error instanceof Error ? error.message : String(error)}`;
    assert.match(text, pattern);
    return;
  }
  assert.fail(`expected a rejection matching ${pattern}`);
}
