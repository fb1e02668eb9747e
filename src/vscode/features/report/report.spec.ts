import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, exists, waitFor, workspaceUri } from '../../testing/helpers';

/** The markdown preview tab of the report, if one is open. */
function previewTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('markdown.preview') && tab.label.includes('Runbook Report'));
}

describe('report', () => {
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('runbook.showReport shows the core report in a read-only preview, not an untitled document', async () => {
    await activated();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.showReport');
    assert.ok(uri instanceof vscode.Uri);
    assert.equal(uri.scheme, 'runbook-report');
    await waitFor(previewTab, 'the markdown preview of the report');
    assert.ok(vscode.workspace.textDocuments.every((doc) => !doc.isUntitled), 'no untitled document is left to save');
    assert.equal(vscode.window.activeTextEditor, undefined, 'no editable source editor is opened beside the preview');

    const document = await vscode.workspace.openTextDocument(uri);
    assert.equal(document.isUntitled, false);
    const text = document.getText();
    assert.match(text, /^<!-- runbook-kit report /);
    assert.match(text, /^## Open incidents \(\d+\)$/m);
    assert.match(text, /Database failover took 40 minutes/);
    assert.match(text, /^### @carol$/m);
    assert.match(text, /overdue since 2020-11-20/);
    assert.match(text, /^## Runbooks waiting for approval/m);
    assert.match(text, /PAY-100: Refund API — 2\/6 — missing @QA/);
    assert.match(text, /^## Escalations \(\d+\)$/m);
    assert.equal(document.isDirty, false);
  });

  it('every link of the report opens an existing workspace file at a line', async () => {
    await activated();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.showReport');
    const text = (await vscode.workspace.openTextDocument(uri!)).getText();
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => vscode.Uri.parse(match[1]));
    assert.ok(links.length >= 5, `found ${links.length} links`);
    for (const link of links) {
      assert.equal(link.scheme, 'file', link.toString());
      assert.match(link.fragment, /^L\d+$/);
      assert.ok(await exists(link.with({ fragment: '' })), `${link.toString()} exists`);
    }
  });

  it('an open report follows the workspace: a new incident file appears in it', async () => {
    const services = await activated();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.showReport');
    const document = await vscode.workspace.openTextDocument(uri!);
    const file = workspaceUri('DOCS/incidents/2026-11-20-report-follows-rca.md');
    try {
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode('# RCA: Report follows the workspace\n\nDate: 2026-11-20\nSeverity: SEV3\nStatus: open\n'));
      await waitFor(() => services.store.all().some((doc) => doc.file.endsWith('report-follows-rca.md')), 'the store to read the new file');
      await waitFor(() => document.getText().includes('Report follows the workspace'), 'the report to show the new incident');
    } finally {
      await vscode.workspace.fs.delete(file);
    }
  });
  it('an item whose overdue finding is switched off by a disable comment is not reported as overdue', async () => {
    const services = await activated();
    const uri = workspaceUri('docs/post-mortems/2026-11-13-report-disable.md');
    const text = [
      '# Post-mortem: Report disable',
      '',
      'Severity: SEV3',
      '',
      '## Action items',
      '<!-- runbook-disable-next-line action-overdue -->',
      '- [ ] Quiet item @zoe due 2020-02-01',
      '- [ ] Loud item @zoe due 2020-02-02',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    try {
      await waitFor(() => services.store.all().some((doc) => doc.file === 'docs/post-mortems/2026-11-13-report-disable.md'), 'the new post-mortem in the index');
      const report = await vscode.commands.executeCommand<vscode.Uri>('runbook.showReport');
      const lines = (await vscode.workspace.openTextDocument(report!)).getText().split('\n');
      const quiet = lines.find((line) => line.includes('Quiet item'));
      const loud = lines.find((line) => line.includes('Loud item'));
      assert.ok(quiet && loud, 'both items are in the report');
      assert.doesNotMatch(quiet, /overdue/, quiet);
      assert.match(loud, /overdue since 2020-02-02/, loud);
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });
});
