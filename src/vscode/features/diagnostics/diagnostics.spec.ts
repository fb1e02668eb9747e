import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, closeAllEditors, copyOf, diskText, lineOf, waitFor, workspaceUri } from '../../testing/helpers';
import { FIXTURE } from '../../testing/fixture';

/** The extension's own diagnostics of `uri` (a task's `$runbook` problem matcher adds others, with another source). */
function codes(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((diagnostic) => diagnostic.source === 'runbook')
    .map((diagnostic) => `${diagnostic.code}@${diagnostic.range.start.line + 1}`);
}

const POSTMORTEM = [
  '# Post-mortem: Never opened',
  '',
  'Severity: SEV3',
  '',
  '## Action items',
  '- [ ] Rotate the keys due 2020-01-01',
  '<!-- runbook-disable-next-line action-overdue -->',
  '- [ ] Renew the certificate @erin due 2020-01-02',
  '- [ ] Patch the hosts @erin due 2099-01-03',
  '',
].join('\n');

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

  it('covers every document of the workspace, never opened ones too, as runbook check does; openFiles narrows it @workspace-diagnostics', async () => {
    const uri = workspaceUri('docs/post-mortems/2026-11-12-never-opened.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(POSTMORTEM));
    const settings = vscode.workspace.getConfiguration('runbook');
    try {
      const found = await waitFor(() => (codes(uri).length >= 2 ? codes(uri) : null), 'diagnostics of a document that was never opened');
      assert.deepEqual(found.sort(), ['action-no-owner@6', 'action-overdue@6'], 'the disable comment removes line 8\'s overdue finding');
      assert.ok(!vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString()), 'the document stayed closed');
      const range = vscode.languages.getDiagnostics(uri)[0].range;
      assert.equal(range.start.line, 5);

      await settings.update('diagnostics.scope', 'openFiles', vscode.ConfigurationTarget.Workspace);
      await waitFor(() => codes(uri).length === 0, 'the closed document\'s diagnostics to go with scope openFiles');
      const document = await vscode.workspace.openTextDocument(uri);
      await waitFor(() => codes(uri).length === 2, 'the opened document\'s diagnostics with scope openFiles');
      assert.equal(vscode.languages.getDiagnostics(uri)[0].range.end.character, document.lineAt(5).text.length);
      await closeAllEditors();

      await settings.update('diagnostics.scope', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor(() => codes(uri).length === 2, 'the diagnostics back with scope workspace');
    } finally {
      await settings.update('diagnostics.scope', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(uri);
    }
    await waitFor(() => codes(uri).length === 0, 'a deleted document\'s diagnostics to go');
  });

  it('a file that cannot be read is a Problem too, as in runbook check @workspace-diagnostics', async () => {
    const uri = workspaceUri('docs/post-mortems/latin1.md');
    await vscode.workspace.fs.writeFile(uri, new Uint8Array([0x23, 0x20, 0x50, 0x0a, 0x72, 0xe9, 0x73, 0x0a]));
    try {
      await waitFor(() => codes(uri).includes('file-unreadable@2'), 'the file-unreadable diagnostic');
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });
});
