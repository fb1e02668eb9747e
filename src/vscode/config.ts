/**
 * The extension's side of the one configuration: `.runbook/config.json` (what the CLI reads) with the `runbook.*` settings
 * the user set explicitly on top, validated by the engine's `resolveConfig` so both front ends agree on every key.
 */
import * as vscode from 'vscode';
import { CONFIG_FILE, DEFAULT_CONFIG, configFromJson, resolveConfig, type RunbookConfig } from '../core/config';
import type { VscodeWorkspaceFiles } from './files';

/** The setting keys, one per `RunbookConfig` key, in the `runbook` section. */
const SETTING_KEYS = Object.keys(DEFAULT_CONFIG) as Array<keyof RunbookConfig>;

/** Settings a workspace cannot set in Restricted Mode (they decide which files are loaded as templates). */
const RESTRICTED_KEYS: ReadonlySet<string> = new Set(['templatesFolder']);

/** Values the user set explicitly (folder over workspace over user), leaving defaults to the engine. */
function explicitSettings(section: vscode.WorkspaceConfiguration, trusted: boolean): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const inspected = section.inspect<unknown>(key);
    if (!inspected) continue;
    const workspace = trusted || !RESTRICTED_KEYS.has(key) ? (inspected.workspaceFolderValue ?? inspected.workspaceValue) : undefined;
    const value = workspace ?? inspected.globalValue;
    if (value !== undefined) values[key] = value;
  }
  return values;
}

/** Read the configuration; a broken file or setting is reported through `onError` and the defaults are used for it. */
export async function readConfig(files: VscodeWorkspaceFiles, onError: (message: string) => void): Promise<RunbookConfig> {
  let base: RunbookConfig = { ...DEFAULT_CONFIG };
  try {
    const stat = await files.stat(CONFIG_FILE);
    if (stat && stat.type !== 'file') onError(`${CONFIG_FILE} is not a regular file; the defaults are used`);
    if (stat?.type === 'file') {
      const text = new TextDecoder().decode(await files.readFile(CONFIG_FILE));
      base = configFromJson(text, CONFIG_FILE);
    }
  } catch (error) {
    onError(error instanceof Error ? error.message : String(error));
  }
  const section = vscode.workspace.getConfiguration('runbook', files.root);
  try {
    return resolveConfig({ ...base, ...explicitSettings(section, vscode.workspace.isTrusted) }, 'settings');
  } catch (error) {
    onError(error instanceof Error ? error.message : String(error));
    return base;
  }
}
