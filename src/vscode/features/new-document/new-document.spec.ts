import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, diskText, exists, rejectsWith, waitFor, workspaceUri } from '../../testing/helpers';
import { FIXTURE } from '../../testing/fixture';

describe('new documents', () => {
  before(async () => {
    await activated();
  });

  it('runbook.newRunbook { storyId } creates the runbook, opens it and returns its URI', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.newRunbook', { storyId: FIXTURE.storyPay });
    assert.ok(uri instanceof vscode.Uri);
    assert.equal(uri.toString(), workspaceUri('.agent/cache/runbooks/payments/PAY-101-runbook.md').toString());
    const text = await diskText(uri);
    assert.match(text, /^# PAY-101: Retry failed card payments$/m);
    assert.match(text, /^Status: PROPOSED$/m);
    assert.match(text, /^- \[ \] @Security approved\?$/m);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString());
  });

  it('never replaces an existing runbook', async () => {
    const uri = workspaceUri('.agent/cache/runbooks/payments/PAY-101-runbook.md');
    const before = await diskText(uri);
    await rejectsWith(vscode.commands.executeCommand('runbook.newRunbook', { storyId: FIXTURE.storyPay }), /file-exists|already exists/);
    assert.equal(await diskText(uri), before);
  });

  it('names the closest stories when the story does not exist, and writes nothing', async () => {
    await rejectsWith(vscode.commands.executeCommand('runbook.newRunbook', { storyId: 'PAY-110' }), /PAY-101/);
    assert.equal(await exists(workspaceUri('.agent/cache/runbooks/payments/PAY-110-runbook.md')), false);
  });

  it('runbook.newIncident { title, severity, date } writes an RCA in the incidents folder', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.newIncident', { title: 'Gateway auth outage', severity: 'sev2', date: '2026-11-20' });
    assert.ok(uri instanceof vscode.Uri);
    assert.match(uri.path, /\/DOCS\/incidents\/2026-11-20-gateway-auth-outage-rca\.md$/);
    const text = await diskText(uri);
    assert.match(text, /Gateway auth outage/);
    assert.match(text, /SEV-2/);
  });

  it('runbook.newPostmortem { title, severity } writes a post-mortem dated today by default', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.newPostmortem', { title: 'Cache stampede', severity: 'SEV1' });
    assert.ok(uri instanceof vscode.Uri);
    assert.match(uri.path, /\/docs\/post-mortems\/\d{4}-\d{2}-\d{2}-cache-stampede\.md$/);
  });

  it('runbook.newFromTemplate { template, fields } renders any template', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.newFromTemplate', {
      template: 'handoff',
      fields: { title: 'Approve the failover budget', urgency: 'P1', date: '2026-11-21' },
    });
    assert.ok(uri instanceof vscode.Uri);
    assert.match(uri.path, /\/docs\/handoffs\/2026-11-21-approve-the-failover-budget-handoff\.md$/);
  });

  it('adds a row to the incident history table when runbook.incidentHistoryFile is set', async () => {
    const settings = vscode.workspace.getConfiguration('runbook');
    await settings.update('incidentHistoryFile', 'RUNBOOK.md', vscode.ConfigurationTarget.Workspace);
    try {
      const services = await activated();
      await waitFor(() => services.config().incidentHistoryFile === 'RUNBOOK.md', 'the setting to be read');
      await vscode.commands.executeCommand('runbook.newIncident', { title: 'Token cache poisoning', severity: 'SEV-1', date: '2026-11-22' });
      const history = await diskText(workspaceUri('RUNBOOK.md'));
      assert.match(history, /^\| 2026-11-22 \| SEV-?1 \| Token cache poisoning \|.*2026-11-22-token-cache-poisoning-rca\.md.*\|$/m);
    } finally {
      await settings.update('incidentHistoryFile', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('refuses an invalid choice with the allowed values', async () => {
    await rejectsWith(vscode.commands.executeCommand('runbook.newIncident', { title: 'X', severity: 'SEV9' }), /SEV-1, SEV-2, SEV-3/);
  });
});
