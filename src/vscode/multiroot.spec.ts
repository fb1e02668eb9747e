/**
 * A multi-root workspace (the harness's `multiroot` session: two copies of the fixture workspace, "ops" and
 * "platform", the second with its own `.runbook/config.json`). Only tests titled `@multiroot` run there.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DEFAULT_CONFIG } from '../core/config';
import type { TreeNode } from './features/sidebar/base';
import { api, closeAllEditors, diskText, waitFor } from './testing/helpers';
import { FIXTURE } from './testing/fixture';

function folder(index: number): vscode.WorkspaceFolder {
  const folders = vscode.workspace.workspaceFolders ?? [];
  assert.ok(folders[index], `workspace folder ${index}`);
  return folders[index];
}

const inFolder = (index: number, path: string): vscode.Uri => vscode.Uri.joinPath(folder(index).uri, ...path.split('/'));
const labels = (nodes: TreeNode[]): string[] => nodes.map((node) => String(node.getTreeItem().label));

async function ready() {
  const extension = await api();
  await extension.workspace.ready();
  return extension;
}

describe('multi-root workspace @multiroot', () => {
  afterEach(closeAllEditors);

  it('indexes every folder, each with its own configuration', async () => {
    const { workspace } = await ready();
    assert.equal(vscode.workspace.workspaceFolders?.length, 2);
    assert.deepEqual(workspace.all().map((services) => services.folder.name), ['ops', 'platform']);
    for (const services of workspace.all()) assert.ok(services.store.get(FIXTURE.postmortem), `${services.folder.name} indexed its post-mortem`);
    assert.deepEqual(workspace.all()[0].config().roles, DEFAULT_CONFIG.roles);
    assert.deepEqual(workspace.all()[1].config().roles, ['Security', 'QA']);
  });

  it('the views group by folder, with tree item ids unique across folders', async () => {
    const { sidebar } = await ready();
    assert.ok(sidebar);
    for (const view of [sidebar.incidents, sidebar.actions, sidebar.runbooks]) assert.deepEqual(labels(view.roots()), ['ops', 'platform']);
    const [ops, platform] = sidebar.incidents.roots();
    assert.deepEqual(labels(ops.getChildren()).slice(0, 2), ['SEV1', 'SEV2']);
    const incident = platform.getChildren()[0].getChildren()[0];
    assert.equal(incident.uri?.toString(), inFolder(1, FIXTURE.postmortem).toString());
    for (const view of [sidebar.incidents, sidebar.actions, sidebar.runbooks]) {
      const all: TreeNode[] = [];
      const walk = (nodes: TreeNode[]): void => nodes.forEach((node) => (all.push(node), walk(node.getChildren())));
      walk(view.roots());
      const ids = all.map((node) => node.getTreeItem().id);
      assert.equal(new Set(ids).size, ids.length, `tree item ids are unique within a view, across folders: ${ids.join(', ')}`);
    }
  });

  it('each folder is checked against its own configuration', async () => {
    await ready();
    const unknownRoles = (index: number): vscode.Diagnostic[] =>
      vscode.languages.getDiagnostics(inFolder(index, FIXTURE.runbook)).filter((diagnostic) => diagnostic.source === 'runbook' && diagnostic.code === 'compliance-unknown-role');
    // platform configures only Security and QA: the runbook's other four roles are unknown there, not in ops.
    await waitFor(() => unknownRoles(1).length === 4, 'the four unknown roles of platform\'s runbook');
    assert.equal(unknownRoles(0).length, 0);
  });

  it('the report names every file with its folder and links to the right one', async () => {
    await ready();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('runbook.showReport');
    assert.ok(uri);
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    for (const [index, name] of ['ops', 'platform'].entries()) {
      const link = `[${name}/${FIXTURE.postmortem}:1](${inFolder(index, FIXTURE.postmortem).with({ fragment: 'L1' }).toString()})`;
      assert.ok(text.includes(link), `${link} in\n${text}`);
    }
  });

  it('commands work in the folder of the file they are given, or the folder named', async () => {
    await ready();
    const runbook = inFolder(1, FIXTURE.runbook.replace(/\.md$/, '-multi.md'));
    await vscode.workspace.fs.copy(inFolder(1, FIXTURE.runbook), runbook, { overwrite: true });
    await vscode.commands.executeCommand('runbook.approve', { uri: runbook, role: 'QA', by: 'Quinn' });
    assert.match(await diskText(runbook), /^- \[x\] @QA approved\? — approved by Quinn on /m);
    const incident = await vscode.commands.executeCommand<vscode.Uri>('runbook.newIncident', { folder: 'platform', title: 'Only in platform', severity: 'SEV3' });
    assert.ok(incident);
    assert.equal(vscode.workspace.getWorkspaceFolder(incident)?.name, 'platform');
    await vscode.workspace.fs.delete(incident);
    await vscode.workspace.fs.delete(runbook);
  });

  it('the Problems panel covers the documents of both folders, open or not', async () => {
    await ready();
    for (const index of [0, 1]) {
      const uri = inFolder(index, FIXTURE.postmortem);
      await waitFor(() => vscode.languages.getDiagnostics(uri).some((diagnostic) => diagnostic.source === 'runbook' && diagnostic.code === 'action-overdue'), `overdue in ${folder(index).name}`);
    }
  });

  it('a folder added later is indexed and shown; removed, it leaves the views', async () => {
    const { workspace, sidebar } = await ready();
    assert.ok(sidebar);
    const extra = vscode.Uri.joinPath(folder(0).uri, '..', 'extra');
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(extra, 'docs', 'post-mortems', '2026-11-20-late-folder.md'),
      new TextEncoder().encode('# Post-mortem: Late folder\n\nSeverity: SEV2\n\n## Action items\n- [ ] Check it @erin due 2099-01-01\n'),
    );
    assert.ok(vscode.workspace.updateWorkspaceFolders(2, 0, { uri: extra, name: 'extra' }));
    await waitFor(() => workspace.all().length === 3, 'the third folder\'s services');
    await workspace.ready();
    await waitFor(() => labels(sidebar.incidents.roots()).includes('extra'), 'the third folder in the Open Incidents view');
    assert.ok(vscode.workspace.updateWorkspaceFolders(2, 1));
    await waitFor(() => workspace.all().length === 2 && !labels(sidebar.incidents.roots()).includes('extra'), 'the removed folder to leave');
  });

  it('a folder nested in another lists its documents once: the outer folder leaves them to it', async () => {
    const { workspace } = await ready();
    const ops = workspace.forFolder('ops');
    assert.ok(ops);
    assert.ok(ops.store.get(FIXTURE.postmortem));
    const nested = inFolder(0, 'docs');
    assert.ok(vscode.workspace.updateWorkspaceFolders(2, 0, { uri: nested, name: 'ops-docs' }));
    try {
      await waitFor(() => workspace.all().length === 3, 'the nested folder\'s services');
      await workspace.ready();
      await waitFor(() => ops.store.get(FIXTURE.postmortem) === undefined, 'ops to leave docs/ to the nested folder');
      assert.ok(workspace.forFolder('ops-docs')?.store.get('post-mortems/2026-11-10-db-failover.md'));
      const everywhere = workspace.labelledDocuments().documents.filter((doc) => doc.file.endsWith('post-mortems/2026-11-10-db-failover.md'));
      assert.deepEqual(everywhere.map((doc) => doc.file).sort(), ['ops-docs/post-mortems/2026-11-10-db-failover.md', 'platform/docs/post-mortems/2026-11-10-db-failover.md']);
    } finally {
      assert.ok(vscode.workspace.updateWorkspaceFolders(2, 1));
    }
    await waitFor(() => workspace.all().length === 2, 'the nested folder removed');
    await waitFor(() => ops.store.get(FIXTURE.postmortem) !== undefined, 'ops to take docs/ back');
  });
});
