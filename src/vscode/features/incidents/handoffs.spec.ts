import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from '../sidebar/base';
import { api, diskText, waitFor, workspaceUri } from '../../testing/helpers';

const handoff = (title: string, urgency: string) =>
  `---\nkind: handoff\ntitle: ${title}\ndate: 2026-11-20\nurgency: ${urgency}\nstatus: open\nto: "@cfo"\n---\n# Hand-off: ${title}\n\n## Decision\n<!-- Left empty until someone decides. -->\n`;

/** The "Hand-offs" group of Open Incidents, or undefined when there is none. */
async function handoffGroup(): Promise<TreeNode | undefined> {
  const { sidebar } = await api();
  assert.ok(sidebar);
  return sidebar.incidents.roots().find((node) => node.getTreeItem().id === 'handoffs');
}

async function handoffNode(uri: vscode.Uri): Promise<TreeNode | undefined> {
  return (await handoffGroup())?.getChildren().find((node) => node.uri?.toString() === uri.toString());
}

describe('hand-offs', () => {
  it('open hand-offs have their own group in Open Incidents, P0 first, and leave it once decided', async () => {
    const p2 = workspaceUri('docs/handoffs/2026-11-20-vendor-handoff.md');
    const p0 = workspaceUri('docs/handoffs/2026-11-20-page-now-handoff.md');
    await vscode.workspace.fs.writeFile(p2, new TextEncoder().encode(handoff('Vendor switch', 'P2')));
    await vscode.workspace.fs.writeFile(p0, new TextEncoder().encode(handoff('Page the vendor', 'P0')));
    try {
      // Both new files indexed: the fixture's own open hand-off is in the group too, so a count of two could be it and
      // one of the new ones (a run failed so when the P2 file was indexed after the P0 one).
      const group: TreeNode = await waitFor(async () => {
        const found = await handoffGroup();
        const titles = found?.getChildren().map((node: TreeNode) => node.getTreeItem().label) ?? [];
        return titles.includes('Page the vendor') && titles.includes('Vendor switch') ? found : undefined;
      }, 'the Hand-offs group');
      assert.equal(group.getTreeItem().label, 'Hand-offs');
      const roots = (await api()).sidebar!.incidents.roots();
      assert.equal(roots[roots.length - 1], roots.find((node) => node.getTreeItem().id === 'handoffs'), 'after the severities');
      const labels = group.getChildren().map((node: TreeNode) => node.getTreeItem().label);
      assert.ok(labels.indexOf('Page the vendor') < labels.indexOf('Vendor switch'), labels.join(', '));
      const node = await waitFor(() => handoffNode(p2), 'the P2 hand-off');
      const item = node.getTreeItem();
      assert.equal(item.contextValue, 'handoff.open', 'the inline "Record Decision" is offered on it');
      assert.match(String(item.description), /^P2 · \d+ d · @cfo$/);

      const result = await vscode.commands.executeCommand<vscode.Uri>('runbook.recordDecision', { uri: node.uri, decision: 'Stay until Q1.', by: 'Quinn Tester' });
      assert.equal(result?.toString(), p2.toString());
      const text = await diskText(p2);
      assert.match(text, /^status: decided$/m);
      assert.match(text, /## Decision\nStay until Q1\.\n\nDecided by Quinn Tester on \d{4}-\d{2}-\d{2}\n$/);
      await waitFor(async () => (await handoffNode(p2)) === undefined, 'the decided hand-off to leave the group');
      assert.ok(await handoffNode(p0), 'the other one stays');
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(p2);
      await vscode.workspace.fs.delete(p0);
    }
  });

  it('runbook.recordDecision refuses a hand-off already decided', async () => {
    const uri = workspaceUri('docs/handoffs/2026-11-20-decided-handoff.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(handoff('Decided', 'P1').replace('<!-- Left empty until someone decides. -->', 'Yes.\n\nDecided by Ann on 2026-11-21')));
    try {
      await assert.rejects(
        Promise.resolve(vscode.commands.executeCommand('runbook.recordDecision', { uri, decision: 'No.' })),
        /already decided by Ann on 2026-11-21/,
      );
      assert.doesNotMatch(await diskText(uri), /No\./);
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.delete(uri);
    }
  });
});
