import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, diskText, EXTENSION_ID, exists, workspaceUri } from './testing/helpers';
import { FIXTURE } from './testing/fixture';

// Run only in the harness's Restricted Mode session (the suite selects titles with @restricted when untrusted).
describe('Restricted Mode @restricted', () => {
  it('reads: the sidebar lists incidents, action items and runbooks', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const { sidebar, services } = await api();
    assert.ok(sidebar && services);
    await services.store.ready();
    assert.ok(sidebar.incidents.roots().length > 0);
    assert.ok(sidebar.actions.roots().length > 0);
    assert.ok(sidebar.runbooks.roots().length > 0);
  });

  it('shows diagnostics on open documents', async () => {
    const uri = workspaceUri(FIXTURE.postmortem);
    await vscode.workspace.openTextDocument(uri);
    const deadline = Date.now() + 5000;
    while (vscode.languages.getDiagnostics(uri).length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(vscode.languages.getDiagnostics(uri).length > 0);
  });

  it('writes nothing: creating and approving are refused', async () => {
    const created = await vscode.commands.executeCommand('runbook.newRunbook', { storyId: FIXTURE.storyPay });
    assert.equal(created, undefined);
    assert.equal(await exists(workspaceUri('.agent/cache/runbooks/payments/PAY-101-runbook.md')), false);
    const uri = workspaceUri(FIXTURE.runbook);
    const before = await diskText(uri);
    assert.equal(await vscode.commands.executeCommand('runbook.approve', { uri, role: 'QA', by: 'Mallory' }), undefined);
    assert.equal(await diskText(uri), before);
  });

  it('CodeLens offers approvals without looking up a name (no git run for an untrusted folder)', async () => {
    const uri = workspaceUri(FIXTURE.runbook);
    await vscode.workspace.openTextDocument(uri);
    const deadline = Date.now() + 10000;
    let titles: string[] = [];
    while (titles.length === 0 && Date.now() < deadline) {
      titles = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100)).map((lens) => lens.command?.title ?? '');
      if (titles.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(titles.includes('Approve @QA'), JSON.stringify(titles));
    assert.ok(titles.includes('4 of 6 approvals missing'), JSON.stringify(titles));
  });

  it('"New Runbook with AI Draft…" is contributed, off, and refused when run: no model is asked, nothing written', async () => {
    assert.ok((await vscode.commands.getCommands(true)).includes('runbook.newRunbookWithDraft'));
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const contributed = (extension?.packageJSON as { contributes: { commands: Array<{ command: string; enablement?: string }> } }).contributes.commands;
    assert.equal(contributed.find((command) => command.command === 'runbook.newRunbookWithDraft')?.enablement, 'isWorkspaceTrusted');
    const warnings: string[] = [];
    const window = vscode.window as unknown as { showWarningMessage: (message: string) => Thenable<undefined> };
    const original = window.showWarningMessage;
    window.showWarningMessage = (message: string) => {
      warnings.push(message);
      return Promise.resolve(undefined);
    };
    try {
      assert.equal(await vscode.commands.executeCommand('runbook.newRunbookWithDraft', { storyId: FIXTURE.storyPay }), undefined);
    } finally {
      window.showWarningMessage = original;
    }
    assert.deepEqual(warnings, ['Runbook Kit only reads in Restricted Mode: trust this workspace to create or change documents.']);
    assert.equal(await exists(workspaceUri('.agent/cache/runbooks/payments/PAY-101-runbook.md')), false);
  });

  it('loads only the built-in templates', async () => {
    const { services } = await api();
    assert.ok(services);
    const { templates, problems } = await services.templates();
    assert.deepEqual(templates.map((template) => template.name), ['runbook', 'rca', 'postmortem', 'handoff', 'incident-runbook', 'story']);
    assert.ok(templates.every((template) => template.source === 'built-in'));
    assert.deepEqual(problems, []);
  });
});
