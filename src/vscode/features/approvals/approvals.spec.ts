import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activated, closeAllEditors, copyOf, diskText, EXTENSION_ID, lineOf, rejectsWith, today, waitFor } from '../../testing/helpers';
import { FIXTURE } from '../../testing/fixture';

/** The name the CodeLens records in these specs: the personal `runbook.approverName` user setting. */
const ME = 'Quinn Tester';

async function lensesOf(uri: vscode.Uri, ready: (titles: string[]) => boolean = (titles) => titles.length > 0): Promise<vscode.CodeLens[]> {
  return waitFor(async () => {
    const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
    return ready(found.map((lens) => lens.command?.title ?? '')) ? found : null;
  }, 'CodeLens');
}

async function setting(key: string, value: unknown, target: vscode.ConfigurationTarget): Promise<void> {
  await vscode.workspace.getConfiguration('runbook').update(key, value, target);
}

/** The built CLI of the extension under test, run as a user runs it (exit code and output). */
function runCli(args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  const cli = join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist', 'cli.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', RUNBOOK_APPROVER: '' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, stderr }));
  });
}

describe('approvals', () => {
  before(async () => {
    await activated();
    await setting('approverName', ME, vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    await setting('approverName', undefined, vscode.ConfigurationTarget.Global);
  });
  afterEach(closeAllEditors);

  it('runbook.approve { uri, role, by } checks the line, records who and when, saves, and can be undone', async () => {
    const uri = await copyOf(FIXTURE.runbook, 'approve');
    const original = await diskText(uri);
    const result = await vscode.commands.executeCommand<vscode.Uri>('runbook.approve', { uri, role: 'QA', by: 'Quinn' });
    assert.equal(result?.toString(), uri.toString());
    const approved = await diskText(uri);
    assert.match(approved, new RegExp(`^- \\[x\\] @QA approved\\? — approved by Quinn on ${today()} \\([0-9a-f]{7}\\)$`, 'm'));
    // Only that line changed, and the History was appended.
    const before = original.split('\n');
    const after = approved.split('\n');
    assert.deepEqual(after.slice(0, before.length).filter((line, index) => line !== before[index]).length, 1);
    assert.match(approved, new RegExp(`\\n## History\\n\\n- ${today()} \\d{2}:\\d{2} @QA approved by Quinn \\([0-9a-f]{7}\\)\\n$`));

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
    await vscode.commands.executeCommand('runbook.revoke', { uri, role: 'Security', by: 'Rex' });
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
    const lenses = await lensesOf(uri);
    const titles = lenses.map((lens) => lens.command?.title);
    assert.ok(titles.includes(`Approve @QA as ${ME}`), JSON.stringify(titles));
    assert.ok(titles.includes('Revoke @Security'), JSON.stringify(titles));
    assert.ok(titles.includes('4 of 6 approvals missing'), JSON.stringify(titles));
    const qa = lenses.find((lens) => lens.command?.title === `Approve @QA as ${ME}`);
    assert.equal(qa?.range.start.line, lineOf(document.getText(), '@QA') - 1);

    const securityLine = lineOf(document.getText(), '@Security') - 1;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(securityLine, 4));
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(text, /approved by Dana on 2026-11-18/);
  });

  it('the CodeLens says who the approval is recorded as: runbook.approverName, which wins over defaultApprover', async () => {
    await setting('defaultApprover', 'Shared Name', vscode.ConfigurationTarget.Workspace);
    try {
      const uri = await copyOf(FIXTURE.runbook, 'who');
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const lenses = await lensesOf(uri, (titles) => titles.includes(`Approve @Docs as ${ME}`));
      const docs = lenses.find((lens) => lens.command?.title === `Approve @Docs as ${ME}`)!;
      assert.match(docs.command?.tooltip ?? '', /runbook\.approverName/);
      await vscode.commands.executeCommand(docs.command!.command, ...(docs.command!.arguments ?? []));
      assert.match(await diskText(uri), new RegExp(`^- \\[x\\] @Docs approved\\? — approved by ${ME} on `, 'm'));
      // Without the personal setting, the workspace's shared name is the one shown and recorded.
      await setting('approverName', undefined, vscode.ConfigurationTarget.Global);
      const shared = await lensesOf(uri, (titles) => titles.includes('Approve @QA as Shared Name'));
      assert.ok(shared.some((lens) => lens.command?.title === 'Approve @QA as Shared Name'));
    } finally {
      await setting('approverName', ME, vscode.ConfigurationTarget.Global);
      await setting('defaultApprover', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a changed runbook shows "Re-approve … (changed since … approved)" on its approved lines, and re-approving renews', async () => {
    const uri = await copyOf(FIXTURE.runbook, 'stale');
    await vscode.commands.executeCommand('runbook.approve', { uri, role: 'QA', by: 'Alice' });
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((builder) => builder.insert(new vscode.Position(lineOf(document.getText(), 'Add `POST /refunds`') - 1, 0), '- Also add `GET /refunds`.\n'));
    await document.save();
    const title = `Re-approve @QA as ${ME} (changed since Alice approved)`;
    const lenses = await lensesOf(uri, (titles) => titles.includes(title));
    const lens = lenses.find((candidate) => candidate.command?.title === title)!;
    await waitFor(() => vscode.languages.getDiagnostics(uri).some((diagnostic) => diagnostic.code === 'approval-stale'), 'the approval-stale diagnostic');
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    assert.match(await diskText(uri), new RegExp(`^- \\[x\\] @QA approved\\? — approved by ${ME} on ${today()} \\([0-9a-f]{7}\\)$`, 'm'));
    await lensesOf(uri, (titles) => titles.includes('Revoke @QA'));
  });

  it('approving as someone not among the role\'s approvers is refused with a message, and nothing changes', async () => {
    await setting('approvers', { QA: ['Someone Else'] }, vscode.ConfigurationTarget.Workspace);
    try {
      const services = await activated();
      await waitFor(() => services.config().approvers.QA?.length === 1, 'the approvers setting');
      const uri = await copyOf(FIXTURE.runbook, 'unauthorized');
      const before = await diskText(uri);
      await rejectsWith(vscode.commands.executeCommand('runbook.approve', { uri, role: 'QA', by: ME }), /not-an-approver|may not approve @QA/);
      assert.equal(await diskText(uri), before);
      await vscode.commands.executeCommand('runbook.approve', { uri, role: 'QA', by: 'someone else' });
      assert.match(await diskText(uri), /@QA approved\? — approved by someone else on/);
    } finally {
      await setting('approvers', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('revoking on an ACCEPTED runbook with reopen moves it back to PROPOSED; reopen is a command of its own', async () => {
    const uri = await copyOf(FIXTURE.runbook, 'reopen');
    for (const role of ['QA', 'Docs', 'Compliance', 'Observability']) await vscode.commands.executeCommand('runbook.approve', { uri, role, by: 'Ada' });
    await vscode.commands.executeCommand('runbook.accept', { uri, by: 'Ada' });
    await rejectsWith(vscode.commands.executeCommand('runbook.revoke', { uri, role: 'QA', by: 'Bo', reopen: false }), /runbook-accepted|--reopen/);
    await vscode.commands.executeCommand('runbook.revoke', { uri, role: 'QA', by: 'Bo', reopen: true });
    assert.match(await diskText(uri), new RegExp(`^Status: PROPOSED — reopened by Bo on ${today()}$`, 'm'));
    await vscode.commands.executeCommand('runbook.approve', { uri, role: 'QA', by: 'Ada' });
    await vscode.commands.executeCommand('runbook.accept', { uri, by: 'Ada' });
    await vscode.commands.executeCommand('runbook.reopen', { uri, by: 'Cy' });
    assert.match(await diskText(uri), new RegExp(`^Status: PROPOSED — reopened by Cy on ${today()}$`, 'm'));
  });

  it('an approval from the CodeLens while the CLI approves other roles of the same file: none is lost', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const cliRoles = ['Docs', 'Compliance', 'Observability'];
    // The CLI starts in ~100-300 ms: click before, during and after its writes.
    for (const [round, delay] of [0, 150, 300, 450].entries()) {
      const uri = await copyOf(FIXTURE.runbook, `race-${round}`);
      const relative = vscode.workspace.asRelativePath(uri, false);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const lens = (await lensesOf(uri, (titles) => titles.includes(`Approve @QA as ${ME}`))).find((candidate) => candidate.command?.title === `Approve @QA as ${ME}`)!;
      const cli = Promise.all(cliRoles.map((role) => runCli(['approve', relative, role, '--by', 'Cli Person', '--cwd', folder], folder)));
      await new Promise((resolve) => setTimeout(resolve, delay));
      const fromLens = vscode.commands.executeCommand<vscode.Uri>(lens.command!.command, ...(lens.command!.arguments ?? []));
      const [results, changed] = await Promise.all([cli, fromLens]);
      for (const result of results) assert.equal(result.code, 0, `round ${round}: ${result.stderr}`);
      assert.equal(changed?.toString(), uri.toString(), `round ${round}: the CodeLens approval reports its change`);
      const disk = await diskText(uri);
      assert.match(disk, new RegExp(`^- \\[x\\] @QA approved\\? — approved by ${ME} on `, 'm'), `round ${round}: the editor's approval is on disk\n${disk}`);
      for (const role of cliRoles) assert.match(disk, new RegExp(`^- \\[x\\] @${role} approved\\? — approved by Cli Person on `, 'm'), `round ${round}: ${role}\n${disk}`);
      assert.equal((disk.match(/^- \d{4}-\d{2}-\d{2} \d{2}:\d{2} @\w+ approved by /gm) ?? []).length, 4, `round ${round}: four History lines`);
      await waitFor(() => !document.isDirty && document.getText() === disk, `round ${round}: the editor shows what is on disk`);
      await closeAllEditors();
    }
  });
});
