/**
 * What VS Code itself does with the extension's contributions: the configuration schema validates
 * `.runbook/config.json` in the editor, the `$runbook` problem matcher turns a task's `runbook check` output into
 * Problems, and the walkthrough's buttons run the flow it describes.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, closeAllEditors, EXTENSION_ID, exists, waitFor, workspaceUri } from './testing/helpers';
import { FIXTURE } from './testing/fixture';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('configuration schema in the editor', () => {
  afterEach(closeAllEditors);

  it('a wrong key and a wrong type in a .runbook/config.json are diagnostics from the shipped schema', async () => {
    await activated();
    // A nested project's configuration: the same file name (the schema's fileMatch), not the workspace's own.
    const uri = workspaceUri('nested/.runbook/config.json');
    await vscode.workspace.fs.writeFile(uri, encode('{\n  "rolez": ["QA"],\n  "maxFileSizeKB": "big",\n  "roles": ["QA"]\n}\n'));
    try {
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const messages = await waitFor(
        () => {
          const found = vscode.languages.getDiagnostics(uri);
          return found.length >= 2 ? found : null;
        },
        'JSON schema diagnostics on .runbook/config.json',
        60_000,
      );
      const byLine = new Map(messages.map((diagnostic) => [diagnostic.range.start.line, diagnostic.message]));
      assert.match(byLine.get(1) ?? '', /rolez.*not allowed|not allowed.*rolez/i, JSON.stringify([...byLine]));
      assert.match(byLine.get(2) ?? '', /incorrect type|expected.*number|number/i, JSON.stringify([...byLine]));
      assert.equal(byLine.has(3), false, 'a valid key is not flagged');
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(workspaceUri('nested'), { recursive: true });
    }
  });

  it('the workspace configuration may name its $schema', async () => {
    const services = await activated();
    const file = vscode.Uri.joinPath(services.files.root, '.runbook', 'config.json');
    const read = (scope: string): Promise<void> =>
      new Promise((resolve) => {
        const subscription = services.onDidChangeConfig((config) => {
          if (config.defaultScope !== scope) return;
          subscription.dispose();
          resolve();
        });
      });
    const changed = read('with-schema');
    await vscode.workspace.fs.writeFile(file, encode('{ "$schema": "https://example.invalid/runbook-config.schema.json", "defaultScope": "with-schema" }\n'));
    try {
      await changed;
      assert.equal(services.config().defaultScope, 'with-schema');
    } finally {
      const restored = read('general');
      await vscode.workspace.fs.delete(file);
      await restored;
    }
  });
});

describe('the $runbook problem matcher', () => {
  it('a task running runbook check fills the Problems panel, with each finding\'s severity and rule', async () => {
    const services = await activated();
    const folder = services.folder;
    const accepted = workspaceUri('.agent/cache/runbooks/payments/PAY-100-runbook-task.md');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(FIXTURE.runbook))).replace('Status: PROPOSED', 'Status: ACCEPTED');
    await vscode.workspace.fs.writeFile(accepted, encode(text));
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const cli = vscode.Uri.joinPath(extension.extensionUri, 'dist', 'cli.js').fsPath;
    const task = new vscode.Task(
      { type: 'process', label: 'runbook check' },
      folder,
      'runbook check',
      'runbook',
      new vscode.ProcessExecution(process.execPath, [cli, 'check', '--no-cache'], { cwd: folder.uri.fsPath }),
      '$runbook',
    );
    const fromTask = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === 'runbook check');
    try {
      const ended = new Promise<void>((resolve) => {
        const subscription = vscode.tasks.onDidEndTaskProcess((event) => {
          if (event.execution.task.name !== 'runbook check') return;
          subscription.dispose();
          resolve();
        });
      });
      await vscode.tasks.executeTask(task);
      await ended;
      const errors = await waitFor(() => (fromTask(accepted).length > 0 ? fromTask(accepted) : null), 'the task\'s error in the Problems panel', 30_000);
      assert.equal(errors[0].severity, vscode.DiagnosticSeverity.Error);
      assert.equal(errors[0].code, 'accepted-missing-approvals');
      assert.match(errors[0].message, /approvals are missing/);
      const postmortem = workspaceUri(FIXTURE.postmortem);
      // Markers come as the workbench's terminal parses the task's output, line by line, in the browser page: on a
      // loaded machine the postmortem's lines (later in the output) arrive seconds after the first file's, so they get
      // the same budget as the first wait rather than the default 10 s (a run under load once missed them by that).
      const warnings = await waitFor(() => (fromTask(postmortem).length > 0 ? fromTask(postmortem) : null), 'the task\'s warnings in the Problems panel', 30_000);
      assert.ok(warnings.every((diagnostic) => diagnostic.severity === vscode.DiagnosticSeverity.Warning));
      assert.ok(warnings.some((diagnostic) => diagnostic.code === 'action-overdue' && diagnostic.range.start.line === 13), JSON.stringify(warnings.map((d) => [d.code, d.range.start.line])));
    } finally {
      await vscode.workspace.fs.delete(accepted);
    }
  });
});

describe('the walkthrough', () => {
  afterEach(closeAllEditors);

  it('is contributed with a command button per step, each registered, and opens', async () => {
    await activated();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    const walkthroughs = (extension?.packageJSON as { contributes: { walkthroughs: Array<{ id: string; steps: Array<{ id: string; completionEvents: string[] }> }> } }).contributes.walkthroughs;
    assert.equal(walkthroughs[0].id, 'runbook.gettingStarted');
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const step of walkthroughs[0].steps) {
      for (const event of step.completionEvents.filter((name) => name.startsWith('onCommand:'))) assert.ok(registered.has(event.slice('onCommand:'.length)), event);
    }
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#runbook.gettingStarted`, false);
  });

  it('its steps work in order: a story, its runbook, an approval, an incident, the sidebar', async () => {
    const services = await activated();
    const story = await vscode.commands.executeCommand<vscode.Uri>('runbook.newStory', { id: 'WALK-1', title: 'Walk through it', team: 'tour' });
    assert.equal(story?.toString(), workspaceUri('.agent/cache/stories/WALK-1.md').toString());
    const runbook = await vscode.commands.executeCommand<vscode.Uri>('runbook.newRunbook', { storyId: 'WALK-1' });
    assert.equal(runbook?.toString(), workspaceUri('.agent/cache/runbooks/tour/WALK-1-runbook.md').toString());
    await vscode.commands.executeCommand('runbook.approve', { uri: runbook, role: 'QA', by: 'Quinn' });
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(runbook)), /^- \[x\] @QA approved\? — approved by Quinn on /m);
    const incident = await vscode.commands.executeCommand<vscode.Uri>('runbook.newIncident', { title: 'Walkthrough outage', severity: 'SEV2' });
    assert.ok(incident && (await exists(incident)));
    await vscode.commands.executeCommand('workbench.view.extension.runbook-kit');
    const { sidebar } = (await vscode.extensions.getExtension<{ sidebar?: { incidents: { roots(): Array<{ getChildren(): Array<{ uri?: vscode.Uri }> }> } } }>(EXTENSION_ID)?.activate()) ?? {};
    assert.ok(sidebar);
    await waitFor(
      () => sidebar.incidents.roots().some((group) => group.getChildren().some((node) => node.uri?.toString() === incident.toString())),
      'the new incident in the Open Incidents view',
    );
    for (const uri of [story, runbook, incident]) if (uri) await vscode.workspace.fs.delete(uri);
    await services.store.ready();
  });
});
