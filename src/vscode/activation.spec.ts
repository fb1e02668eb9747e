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

  it('runs in a trusted workspace for the main suite', () => {
    assert.equal(vscode.workspace.isTrusted, true);
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
