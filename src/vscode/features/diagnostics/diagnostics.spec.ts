import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, closeAllEditors, copyOf, diskText, lineOf, waitFor } from '../../testing/helpers';
import { FIXTURE } from '../../testing/fixture';

function codes(uri: vscode.Uri): string[] {
  return vscode.languages.getDiagnostics(uri).map((diagnostic) => `${diagnostic.code}@${diagnostic.range.start.line + 1}`);
}

describe('diagnostics', () => {
  before(async () => {
    await activated();
  });
  afterEach(closeAllEditors);

  it('shows the check rules in the Problems panel for an open document', async () => {
    const uri = await copyOf(FIXTURE.postmortem, 'diag');
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    const found = await waitFor(() => (codes(uri).length ? codes(uri) : null), 'diagnostics');
    assert.ok(found.includes(`action-overdue@${lineOf(text, 'Automate replica promotion')}`), found.join(', '));
    assert.ok(found.includes(`action-no-owner@${lineOf(text, 'Write the failover runbook')}`), found.join(', '));
    assert.ok(found.includes(`postmortem-action-no-due@${lineOf(text, 'Write the failover runbook')}`), found.join(', '));
    assert.ok(!found.some((code) => code.endsWith(`@${lineOf(text, 'failover drill')}`)), found.join(', '));
    const diagnostic = vscode.languages.getDiagnostics(uri)[0];
    assert.equal(diagnostic.source, 'runbook');
  });

  it('offers quick fixes that add an owner and a due date', async () => {
    const uri = await copyOf(FIXTURE.postmortem, 'fix');
    const document = await vscode.workspace.openTextDocument(uri);
    const line = lineOf(document.getText(), 'Write the failover runbook');
    await waitFor(() => codes(uri).includes(`action-no-owner@${line}`), 'the no-owner diagnostic');
    const range = new vscode.Range(line - 1, 0, line - 1, 10);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range);
    const titles = actions.map((action) => action.title);
    assert.ok(titles.includes('Add an owner') && titles.includes('Add a due date'), titles.join(', '));

    await vscode.commands.executeCommand('runbook.addOwner', { uri, line, owner: 'erin' });
    await vscode.commands.executeCommand('runbook.addDueDate', { uri, line, due: '2099-02-01' });
    assert.match(await diskText(uri), /^- \[ \] Write the failover runbook @erin due 2099-02-01$/m);
    await waitFor(() => !codes(uri).some((code) => code.endsWith(`@${line}`)), 'the diagnostics of the fixed line to clear');
  });

  it('flags an ACCEPTED runbook with missing approvals and offers to open them', async () => {
    const uri = await copyOf(FIXTURE.runbook, 'accepted');
    const text = (await diskText(uri)).replace('Status: PROPOSED', 'Status: ACCEPTED');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await vscode.workspace.openTextDocument(uri);
    const line = lineOf(text, 'Status:');
    await waitFor(() => codes(uri).includes(`accepted-missing-approvals@${line}`), 'the accepted-missing-approvals diagnostic');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(line - 1, 0, line - 1, 5));
    assert.ok(actions.some((action) => action.title === 'Open the missing approvals'));
  });
});
