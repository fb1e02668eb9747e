import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, closeAllEditors, copyOf, diskText, lineOf, rejectsWith, today, waitFor } from '../../testing/helpers';
import { FIXTURE } from '../../testing/fixture';

describe('approvals', () => {
  before(async () => {
    await activated();
  });
  afterEach(closeAllEditors);

  it('runbook.approve { uri, role, by } checks the line, records who and when, saves, and can be undone', async () => {
    const uri = await copyOf(FIXTURE.runbook, 'approve');
    const original = await diskText(uri);
    const result = await vscode.commands.executeCommand<vscode.Uri>('runbook.approve', { uri, role: 'QA', by: 'Quinn' });
    assert.equal(result?.toString(), uri.toString());
    const approved = await diskText(uri);
    assert.match(approved, new RegExp(`^- \\[x\\] @QA approved\\? — approved by Quinn on ${today()}$`, 'm'));
    // Only that line changed.
    const before = original.split('\n');
    const after = approved.split('\n');
    assert.deepEqual(after.filter((line, index) => line !== before[index]).length, 1);

    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original);
  });

  it('keeps unsaved changes: the approval joins them in the buffer and nothing is written', async () => {
    const uri = await copyOf(FIXTURE.runbook, 'dirty');
    const original = await diskText(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((builder) => builder.insert(new vscode.Position(document.lineCount - 1, 0), '- Unsaved note\n'));
    assert.equal(document.isDirty, true);
    await vscode.commands.executeCommand('runbook.approve', { uri, role: 'Docs', by: 'Dee' });
    assert.equal(await diskText(uri), original, 'the file on disk must not change behind the editor');
    assert.match(document.getText(), /- Unsaved note/);
    assert.match(document.getText(), /- \[x\] @Docs approved\? — approved by Dee/);
    assert.equal(document.isDirty, true);
  });

  it('runbook.revoke { uri, role } unchecks and removes the record', async () => {
    const uri = await copyOf(FIXTURE.runbook, 'revoke');
    await vscode.commands.executeCommand('runbook.revoke', { uri, role: 'Security' });
    assert.match(await diskText(uri), /^- \[ \] @Security approved\?$/m);
  });

  it('runbook.accept refuses while approvals are missing, then accepts once all are in', async () => {
    const uri = await copyOf(FIXTURE.runbook, 'accept');
    await rejectsWith(vscode.commands.executeCommand('runbook.accept', { uri, by: 'Ada' }), /QA|missing/i);
    assert.match(await diskText(uri), /^Status: PROPOSED$/m);
    for (const role of ['QA', 'Docs', 'Compliance', 'Observability']) {
      await vscode.commands.executeCommand('runbook.approve', { uri, role, by: 'Ada' });
    }
    await vscode.commands.executeCommand('runbook.accept', { uri, by: 'Ada' });
    assert.match(await diskText(uri), /^Status: ACCEPTED — accepted by Ada on \d{4}-\d{2}-\d{2}$/m);
  });

  it('runbook.markActionDone { uri, line } checks a task item and fills a table Status cell', async () => {
    const postmortem = await copyOf(FIXTURE.postmortem, 'done');
    const pmLine = lineOf(await diskText(postmortem), 'Automate replica promotion');
    await vscode.commands.executeCommand('runbook.markActionDone', { uri: postmortem, line: pmLine });
    assert.match(await diskText(postmortem), /^- \[x\] Automate replica promotion/m);

    const rca = await copyOf(FIXTURE.rca, 'done');
    const rcaLine = lineOf(await diskText(rca), 'Add a dead-letter queue');
    await vscode.commands.executeCommand('runbook.markActionDone', { uri: rca, line: rcaLine });
    assert.match((await diskText(rca)).split('\n')[rcaLine - 1], /\| ✅ DONE \|$/);
  });

  it('refuses a line that is not an action item', async () => {
    const uri = await copyOf(FIXTURE.postmortem, 'notaction');
    await rejectsWith(vscode.commands.executeCommand('runbook.markActionDone', { uri, line: 1 }), /not an action item|no-such-action/);
  });

  it('shows CodeLens on compliance and Status lines, and a hover on approved lines', async () => {
    const uri = await copyOf(FIXTURE.runbook, 'lens');
    const document = await vscode.workspace.openTextDocument(uri);
    const lenses = await waitFor(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
      return found.length > 0 ? found : null;
    }, 'CodeLens');
    const titles = lenses.map((lens) => lens.command?.title);
    assert.ok(titles.includes('Approve as @QA'), JSON.stringify(titles));
    assert.ok(titles.includes('Revoke @Security'), JSON.stringify(titles));
    assert.ok(titles.includes('4 of 6 approvals missing'), JSON.stringify(titles));
    const qa = lenses.find((lens) => lens.command?.title === 'Approve as @QA');
    assert.equal(qa?.range.start.line, lineOf(document.getText(), '@QA') - 1);

    const securityLine = lineOf(document.getText(), '@Security') - 1;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(securityLine, 4));
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /approved by Dana on 2026-11-18/);
  });
});
