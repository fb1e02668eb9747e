import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, diskText, waitFor, workspaceUri } from '../../testing/helpers';

describe('activity feed', () => {
  it('runbook.activityFile gets a line when an RCA is created and when an incident is resolved, CRLF kept', async () => {
    const settings = vscode.workspace.getConfiguration('runbook');
    const feed = workspaceUri('fleet-status.md');
    const status = '# Fleet status\r\n\r\n## Recent Activity\r\n- [docs] older entry\r\n';
    await vscode.workspace.fs.writeFile(feed, new TextEncoder().encode(status));
    await settings.update('activityFile', 'fleet-status.md', vscode.ConfigurationTarget.Workspace);
    let created: vscode.Uri | undefined;
    try {
      const services = await activated();
      await waitFor(() => services.config().activityFile === 'fleet-status.md', 'the setting to be read');
      created = await vscode.commands.executeCommand<vscode.Uri>('runbook.newIncident', { title: 'Feed outage', severity: 'SEV-2', date: '2026-11-23' });
      assert.ok(created);
      const opened = '- [system] **INCIDENT — SEV-2 Feed outage (2026-11-23).** RCA opened. Full RCA: `DOCS/incidents/2026-11-23-feed-outage-rca.md`';
      assert.equal(await diskText(feed), status.replace('- [docs] older entry', `${opened}\r\n- [docs] older entry`));

      await vscode.commands.executeCommand('runbook.resolveIncident', { uri: created, at: '2026-11-23 11:00' });
      const text = await diskText(feed);
      assert.ok(text.startsWith('# Fleet status\r\n\r\n## Recent Activity\r\n- [system] **INCIDENT — SEV-2 Feed outage (2026-11-23).** Resolved at 2026-11-23 11:00.'), text);
      assert.ok(!/[^\r]\n/.test(text), 'line endings stay CRLF');
    } finally {
      await settings.update('activityFile', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(feed);
      if (created) await vscode.workspace.fs.delete(created);
    }
  });
});

describe('template language', () => {
  it('runbook.language "fr" makes New Incident write the French RCA template', async () => {
    const settings = vscode.workspace.getConfiguration('runbook');
    await settings.update('language', 'fr', vscode.ConfigurationTarget.Workspace);
    let created: vscode.Uri | undefined;
    try {
      const services = await activated();
      await waitFor(() => services.config().language === 'fr', 'the setting to be read');
      created = await vscode.commands.executeCommand<vscode.Uri>('runbook.newIncident', { title: 'Panne de file', severity: 'SEV-2', date: '2026-11-24' });
      assert.ok(created);
      const text = await diskText(created);
      assert.match(text, /^lang: fr$/m);
      assert.match(text, /^# RCA : Panne de file$/m);
      assert.match(text, /^## Chronologie$/m);
      assert.equal(services.store.parse(await vscode.workspace.openTextDocument(created)).incident?.severity, 'SEV2');
    } finally {
      await settings.update('language', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      if (created) await vscode.workspace.fs.delete(created);
    }
  });
});
