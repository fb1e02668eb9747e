import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../core/config';
import type { Services } from './services';
import { activated, EXTENSION_ID, waitFor } from './testing/helpers';

describe('activation', () => {
  it('activates in the workspace and reads the default configuration', async () => {
    const services = await activated();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    assert.deepEqual(services.config().roles, DEFAULT_CONFIG.roles);
  });

  it('registers every command the manifest contributes', async () => {
    await activated();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const contributed = (extension?.packageJSON as { contributes: { commands: Array<{ command: string }> } }).contributes.commands.map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((command) => !registered.has(command)), []);
  });

  it('in a trusted workspace, loads the workspace templates beside the built-in ones (Restricted Mode loads none)', async () => {
    const services = await activated();
    const uri = vscode.Uri.joinPath(services.files.root, '.runbook', 'templates', 'drill.hbs');
    const template = '---\nname: drill\nkind: other\npath: "drills/{{slug title}}.md"\nfields:\n  - name: title\n    required: true\n---\n# Drill: {{title}}\n';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(template));
    try {
      const { templates, problems } = await services.templates();
      assert.deepEqual(problems, []);
      assert.deepEqual(
        templates.filter((candidate) => candidate.name === 'drill').map((candidate) => candidate.source),
        ['workspace'],
      );
      assert.ok(templates.some((candidate) => candidate.name === 'runbook' && candidate.source === 'built-in'));
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('follows a change of the runbook.* settings @settings', async () => {
    const services = await activated();
    const changed = new Promise((resolve) => {
      const subscription = services.onDidChangeConfig((config) => {
        subscription.dispose();
        resolve(config);
      });
    });
    await vscode.workspace.getConfiguration('runbook').update('defaultScope', 'platform', vscode.ConfigurationTarget.Workspace);
    try {
      await changed;
      assert.equal(services.config().defaultScope, 'platform');
    } finally {
      await vscode.workspace.getConfiguration('runbook').update('defaultScope', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});

describe('configuration file', () => {
  /** Resolves when the configuration's defaultScope becomes `scope` (the extension re-read it). */
  const becomes = (services: Services, scope: string, what: string): Promise<void> =>
    waitFor(() => services.config().defaultScope === scope, what, 15_000).then(() => undefined);
  const configText = (scope: string): string => `{ "defaultScope": "${scope}", "roles": ["Security", "QA"] }\n`;

  /** Remove `.runbook/` and wait until the defaults are back, so each test starts from a workspace without it. */
  async function withoutConfigFolder(services: Services): Promise<string> {
    const folder = join(services.files.root.fsPath, '.runbook');
    rmSync(folder, { recursive: true, force: true });
    await vscode.commands.executeCommand('runbook.refresh');
    assert.equal(services.config().defaultScope, DEFAULT_CONFIG.defaultScope);
    return folder;
  }

  it('reads .runbook/config.json when the folder and the file appear together (a git pull, a checkout)', async () => {
    const services = await activated();
    const folder = await withoutConfigFolder(services);
    try {
      // As git writes them: the folder, then the file at once, outside VS Code (the watcher reports only the folder).
      mkdirSync(folder);
      writeFileSync(join(folder, 'config.json'), configText('pulled'));
      await becomes(services, 'pulled', 'the configuration from the new .runbook/config.json');
      assert.deepEqual(services.config().roles, ['Security', 'QA']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
      await becomes(services, DEFAULT_CONFIG.defaultScope, 'the defaults once .runbook/ is deleted');
    }
  });

  it('reads .runbook/config.json created in a folder already there, follows its changes, explicit settings on top', async () => {
    const services = await activated();
    const folder = await withoutConfigFolder(services);
    const file = vscode.Uri.file(join(folder, 'config.json'));
    try {
      // The folder exists and the extension has seen it (and a first file, now deleted) before the file is created.
      mkdirSync(folder);
      writeFileSync(file.fsPath, configText('first'));
      await becomes(services, 'first', 'the first .runbook/config.json');
      rmSync(file.fsPath);
      await becomes(services, DEFAULT_CONFIG.defaultScope, 'the defaults once config.json is deleted from the folder');
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(configText('from-file')));
      await becomes(services, 'from-file', 'the configuration from .runbook/config.json');
      assert.deepEqual(services.config().roles, ['Security', 'QA']);
      writeFileSync(file.fsPath, configText('edited'));
      await becomes(services, 'edited', 'the edited .runbook/config.json');
      await vscode.workspace.getConfiguration('runbook').update('defaultScope', 'from-settings', vscode.ConfigurationTarget.Workspace);
      await becomes(services, 'from-settings', 'the explicit setting over the file');
      assert.deepEqual(services.config().roles, ['Security', 'QA']);
    } finally {
      await vscode.workspace.getConfiguration('runbook').update('defaultScope', undefined, vscode.ConfigurationTarget.Workspace);
      rmSync(file.fsPath, { force: true });
      await becomes(services, DEFAULT_CONFIG.defaultScope, 'the defaults once config.json is deleted');
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('"Runbook: Refresh" reads the configuration again, whatever the watcher saw', async () => {
    const services = await activated();
    const folder = await withoutConfigFolder(services);
    try {
      mkdirSync(folder);
      writeFileSync(join(folder, 'config.json'), configText('refreshed'));
      // The watcher waits for the writes to settle (200 ms) before it reads: Refresh reads at once.
      await vscode.commands.executeCommand('runbook.refresh');
      assert.equal(services.config().defaultScope, 'refreshed');
    } finally {
      rmSync(folder, { recursive: true, force: true });
      await vscode.commands.executeCommand('runbook.refresh');
      assert.equal(services.config().defaultScope, DEFAULT_CONFIG.defaultScope);
    }
  });
});
