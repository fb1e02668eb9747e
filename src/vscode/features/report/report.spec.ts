import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, waitFor, workspaceUri } from '../../testing/helpers';

describe('report', () => {
  it('runbook.showReport opens a markdown report of incidents, action items by owner and waiting runbooks', async () => {
    await activated();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.showReport');
    assert.ok(uri instanceof vscode.Uri);
    const document = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
    assert.ok(document);
    const text = document.getText();
    assert.match(text, /^## Open incidents \(\d+\)$/m);
    assert.match(text, /Database failover took 40 minutes/);
    assert.match(text, /^### @alice$/m);
    assert.match(text, /overdue since 2020-01-09/);
    assert.match(text, /^## Runbooks waiting for approval/m);
    assert.match(text, /PAY-100: Refund API — 2\/6 — missing @QA/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
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
      const document = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === report.toString());
      assert.ok(document);
      const lines = document.getText().split('\n');
      const quiet = lines.find((line) => line.includes('Quiet item'));
      const loud = lines.find((line) => line.includes('Loud item'));
      assert.ok(quiet && loud, 'both items are in the report');
      assert.doesNotMatch(quiet, /overdue/, quiet);
      assert.match(loud, /overdue since 2020-02-02/, loud);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri);
    }
  });
});
