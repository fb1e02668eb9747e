import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated } from '../../testing/helpers';

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
});
