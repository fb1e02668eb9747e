import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../sidebar/base';
import { activated, api, closeAllEditors, diskText, lineOf, rejectsWith, waitFor, workspaceUri } from '../../testing/helpers';

/** A SEV1 post-mortem detected at 14:02 and triaged at 14:10 on 2026-11-12, status open in its frontmatter. */
function postmortem(title: string, extra = ''): string {
  return [
    '---',
    'kind: postmortem',
    'severity: SEV1',
    'date: 2026-11-12',
    'status: open',
    '---',
    `# Post-mortem: ${title}`,
    '',
    '## Timeline',
    '- 14:02 detection',
    '- 14:10 triage',
    extra,
    '## Root cause',
    'A cold cache after the deploy. Then a stampede.',
    '',
  ].join('\n');
}

async function write(name: string, text: string): Promise<vscode.Uri> {
  const uri = workspaceUri(`docs/post-mortems/${name}.md`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function lenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  return waitFor(async () => {
    const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 100);
    return found.length > 0 ? found : null;
  }, 'CodeLens');
}

/** The incident's node in the Open Incidents view, or undefined when it is not listed. */
async function incidentNode(uri: vscode.Uri): Promise<TreeNode | undefined> {
  const { sidebar } = await api();
  assert.ok(sidebar);
  return sidebar.incidents.roots().flatMap((group) => group.getChildren()).find((node) => node.uri?.toString() === uri.toString());
}

function icon(node: TreeNode): string | undefined {
  const path = node.getTreeItem().iconPath;
  return path instanceof vscode.ThemeIcon ? path.id : undefined;
}

describe('incidents', () => {
  before(async () => {
    const services = await activated();
    await services.store.ready();
  });
  afterEach(closeAllEditors);

  it('runbook.mitigateIncident { uri, at, note } sets the status and adds the entry; one undo takes both back', async () => {
    const uri = await write('2026-11-12-mitigate', postmortem('Mitigate me'));
    const original = await diskText(uri);
    const result = await vscode.commands.executeCommand<vscode.Uri>('runbook.mitigateIncident', { uri, at: '2026-11-12 14:35', note: 'failover to the replica' });
    assert.equal(result?.toString(), uri.toString());
    const text = await diskText(uri);
    assert.equal(text, original.replace('status: open', 'status: mitigated').replace('- 14:10 triage\n', '- 14:10 triage\n- 14:35 mitigation — failover to the replica\n'));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original);
  });

  it('runbook.resolveIncident { uri, at } resolves: the incident leaves Open Incidents; runbook.reopenIncident brings it back', async () => {
    const uri = await write('2026-11-12-resolve', postmortem('Resolve me'));
    await waitFor(() => incidentNode(uri), 'the incident in Open Incidents');
    await vscode.commands.executeCommand('runbook.resolveIncident', { uri, at: '2026-11-12 15:30' });
    const text = await diskText(uri);
    assert.match(text, /^status: resolved$/m);
    assert.match(text, /^- 15:30 service restored$/m);
    await waitFor(async () => (await incidentNode(uri)) === undefined, 'the resolved incident to leave Open Incidents');
    await rejectsWith(vscode.commands.executeCommand('runbook.resolveIncident', { uri, at: '2026-11-12 15:40' }), /already resolved/);
    const reopened = await vscode.commands.executeCommand<vscode.Uri>('runbook.reopenIncident', { uri, at: '2026-11-12 16:00', note: 'errors are back' });
    assert.equal(reopened?.toString(), uri.toString());
    assert.match(await diskText(uri), /^status: open$[\s\S]*^- 16:00 reopened — errors are back$/m);
    await waitFor(() => incidentNode(uri), 'the reopened incident back in Open Incidents');
  });

  it('runbook.addTimelineEntry { uri, text, at } inserts in time order and keeps unsaved changes in the buffer', async () => {
    const uri = await write('2026-11-12-timeline', postmortem('Timeline me'));
    const onDisk = await diskText(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((builder) => builder.insert(new vscode.Position(document.lineCount - 1, 0), 'Unsaved sentence.\n'));
    const result = await vscode.commands.executeCommand<vscode.Uri>('runbook.addTimelineEntry', { uri, text: 'on-call paged', at: '2026-11-12 14:05' });
    assert.equal(result?.toString(), uri.toString());
    assert.equal(await diskText(uri), onDisk, 'nothing written behind the editor');
    assert.equal(document.isDirty, true);
    assert.match(document.getText(), /^- 14:02 detection\n- 14:05 on-call paged\n- 14:10 triage$/m);
    assert.match(document.getText(), /Unsaved sentence\./);
  });

  it('refuses with the engine\'s message: a time before detection, a bad time, not an incident, a missing text argument', async () => {
    const uri = await write('2026-11-12-refusals', postmortem('Refuse me'));
    await rejectsWith(vscode.commands.executeCommand('runbook.addTimelineEntry', { uri, text: 'triage', at: '2026-11-12 13:00' }), /before the detection/);
    await rejectsWith(vscode.commands.executeCommand('runbook.mitigateIncident', { uri, at: 'noon' }), /HH:MM/);
    await rejectsWith(vscode.commands.executeCommand('runbook.reopenIncident', { uri }), /already open/);
    await rejectsWith(vscode.commands.executeCommand('runbook.copyStatusUpdate', { uri, lang: 'de' }), /lang/);
    const runbook = workspaceUri('.agent/cache/runbooks/payments/PAY-100-runbook.md');
    await rejectsWith(vscode.commands.executeCommand('runbook.resolveIncident', { uri: runbook }), /not an incident/);
    assert.equal(await diskText(uri), postmortem('Refuse me'));
  });

  it('CodeLens on the status line: the actions its status allows, and the overdue first response', async () => {
    const uri = await write('2026-11-12-lens', postmortem('Lens me').replace('- 14:10 triage\n', ''));
    const document = await vscode.workspace.openTextDocument(uri);
    const statusLine = lineOf(document.getText(), 'status: open') - 1;
    const open = await lenses(uri);
    const titles = open.map((lens) => lens.command?.title);
    assert.deepEqual(titles, ['$(bell-dot) First response overdue since 2026-11-12 14:17', 'Add Timeline Entry', 'Mark Mitigated', 'Resolve', 'Copy Status Update']);
    assert.ok(open.every((lens) => lens.range.start.line === statusLine));
    // A lens runs its command with its own argument, as a click does.
    const mitigate = open.find((lens) => lens.command?.command === 'runbook.mitigateIncident');
    await vscode.commands.executeCommand(mitigate!.command!.command, ...(mitigate!.command!.arguments ?? []));
    assert.match(await diskText(uri), /^status: mitigated$/m);
    const mitigated = await waitFor(async () => {
      const found = await lenses(uri);
      return found.some((lens) => lens.command?.title === 'Mark Mitigated') ? null : found;
    }, 'the lenses of a mitigated incident');
    assert.deepEqual(mitigated.map((lens) => lens.command?.title).slice(1), ['Add Timeline Entry', 'Resolve', 'Reopen Incident', 'Copy Status Update']);
    await vscode.commands.executeCommand('runbook.resolveIncident', { uri });
    const resolved = await waitFor(async () => {
      const found = await lenses(uri);
      return found.some((lens) => lens.command?.command === 'runbook.reopenIncident') ? found : null;
    }, 'the lenses of a resolved incident');
    assert.deepEqual(resolved.map((lens) => lens.command?.title), ['Reopen Incident', 'Copy Status Update']);
  });

  it('Open Incidents: a distinct icon for mitigated and for an overdue first response; inline Resolve takes the tree item', async () => {
    const overdue = await write('2026-11-12-view-overdue', postmortem('View overdue').replace('- 14:10 triage\n', ''));
    const mitigated = await write('2026-11-12-view-mitigated', postmortem('View mitigated').replace('status: open', 'status: mitigated'));
    const plain = await write('2026-11-12-view-open', postmortem('View open'));
    const overdueNode = await waitFor(() => incidentNode(overdue), 'the overdue incident');
    assert.equal(icon(overdueNode), 'bell-dot');
    assert.match(String(overdueNode.getTreeItem().tooltip), /First response overdue \(due 2026-11-12 14:17\)/);
    const mitigatedNode = await waitFor(() => incidentNode(mitigated), 'the mitigated incident');
    assert.equal(icon(mitigatedNode), 'shield');
    assert.equal(mitigatedNode.getTreeItem().contextValue, 'incident.mitigated');
    // A mitigation that did not hold: Reopen, inline on the mitigated row, takes the tree item back to open.
    await vscode.commands.executeCommand('runbook.reopenIncident', mitigatedNode);
    assert.match(await diskText(mitigated), /^status: open$[\s\S]*^- (?:\d{4}-\d{2}-\d{2} )?\d{2}:\d{2} reopened$/m);
    await waitFor(async () => {
      const node = await incidentNode(mitigated);
      return node !== undefined && node.getTreeItem().contextValue === 'incident.open' && icon(node) !== 'shield';
    }, 'the reopened incident, open and without the shield');
    const plainNode = await waitFor(() => incidentNode(plain), 'the open incident');
    assert.equal(icon(plainNode), 'report');
    assert.equal(plainNode.getTreeItem().contextValue, 'incident.open');
    // The inline action passes the tree item itself.
    await vscode.commands.executeCommand('runbook.resolveIncident', plainNode);
    assert.match(await diskText(plain), /^status: resolved$/m);
    await waitFor(async () => (await incidentNode(plain)) === undefined, 'the resolved incident to leave the view');
  });

  it('runbook.copyStatusUpdate { uri, lang } copies the update for the channel', async () => {
    const uri = await write('2026-11-12-comms', postmortem('Comms me'));
    const result = await vscode.commands.executeCommand<vscode.Uri>('runbook.copyStatusUpdate', { uri, lang: 'en' });
    assert.equal(result?.toString(), uri.toString());
    assert.equal(
      await vscode.env.clipboard.readText(),
      '[SEV1] Comms me - Service degraded\nSymptom: <unknown>\nStarted: 2026-11-12 14:02\nInvestigating: 14:10 triage\nETA: <unknown>\nChannel: <unknown>',
    );
    await vscode.commands.executeCommand('runbook.copyStatusUpdate', { uri, lang: 'fr', resolved: true });
    assert.match(await vscode.env.clipboard.readText(), /^\[SEV1 RÉSOLU\] Comms me - de nouveau en ligne\nDurée d'indisponibilité : <unknown>\nCause racine : A cold cache after the deploy\.\n/);
  });

  it('the response rules reach the Problems panel on the status line', async () => {
    const uri = await write('2026-11-12-problems', postmortem('Problems').replace('- 14:10 triage\n', ''));
    const document = await vscode.workspace.openTextDocument(uri);
    const line = lineOf(document.getText(), 'status: open') - 1;
    const found = await waitFor(() => {
      const diagnostics = vscode.languages.getDiagnostics(uri).filter((d) => String(d.code).startsWith('incident-'));
      return diagnostics.length === 2 ? diagnostics : null;
    }, 'the incident diagnostics');
    assert.deepEqual(found.map((d) => [d.code, d.range.start.line, d.severity]), [
      ['incident-response-overdue', line, vscode.DiagnosticSeverity.Warning],
      ['incident-update-overdue', line, vscode.DiagnosticSeverity.Warning],
    ]);
  });
});

describe('incidents in Restricted Mode @restricted', () => {
  it('refuses the lifecycle commands and offers only the Copy Status Update lens', async () => {
    const uri = workspaceUri('docs/post-mortems/2026-11-10-db-failover.md');
    const before = await diskText(uri);
    assert.equal(await vscode.commands.executeCommand('runbook.resolveIncident', { uri, at: '2026-11-10 15:00' }), undefined);
    assert.equal(await diskText(uri), before);
    await vscode.workspace.openTextDocument(uri);
    const titles = (await lenses(uri)).map((lens) => lens.command?.title);
    assert.deepEqual(titles, ['Copy Status Update']);
  });
});
