import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_CONFIG } from '../core/config';
import { activated, EXTENSION_ID } from './testing/helpers';

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
  it('reads .runbook/config.json (what the CLI reads), with explicit settings on top', async () => {
    const services = await activated();
    const file = vscode.Uri.joinPath(services.files.root, '.runbook', 'config.json');
    const changed = (scope: string): Promise<void> =>
      new Promise((resolve) => {
        const subscription = services.onDidChangeConfig((config) => {
          if (config.defaultScope !== scope) return;
          subscription.dispose();
          resolve();
        });
      });
    const fromFile = changed('from-file');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('{ "defaultScope": "from-file", "roles": ["Security", "QA"] }\n'));
    try {
      await fromFile;
      assert.deepEqual(services.config().roles, ['Security', 'QA']);
      const fromSettings = changed('from-settings');
      await vscode.workspace.getConfiguration('runbook').update('defaultScope', 'from-settings', vscode.ConfigurationTarget.Workspace);
      await fromSettings;
      assert.deepEqual(services.config().roles, ['Security', 'QA']);
    } finally {
      await vscode.workspace.getConfiguration('runbook').update('defaultScope', undefined, vscode.ConfigurationTarget.Workspace);
      const restored = changed(DEFAULT_CONFIG.defaultScope);
      await vscode.workspace.fs.delete(file);
      await restored;
    }
  });
});
