import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { GroupNode, type TreeNode } from './base';
import type { IncidentNode } from './views';
import { api, waitFor, workspaceUri } from '../../testing/helpers';
import { FIXTURE } from '../../testing/fixture';
import type { SidebarViews } from '.';

function labels(nodes: TreeNode[]): string[] {
  return nodes.map((node) => String(node.getTreeItem().label));
}

async function sidebar(): Promise<SidebarViews> {
  const { sidebar: views, services } = await api();
  assert.ok(views && services);
  await services.store.ready();
  return views;
}

describe('sidebar', () => {
  it('lists open incidents grouped by severity, with their open action items as children', async () => {
    const views = await sidebar();
    const groups = views.incidents.roots();
    assert.deepEqual(labels(groups).slice(0, 2), ['SEV1', 'SEV2']);
    const sev1 = groups[0].getChildren().find((node) => node.uri?.toString() === workspaceUri(FIXTURE.postmortem).toString());
    assert.ok(sev1, labels(groups[0].getChildren()).join(', '));
    const item = sev1.getTreeItem();
    // The essential first (a narrow sidebar cuts the end of a row): the open-action count, then the title.
    assert.equal(item.label, '3 open · Database failover took 40 minutes');
    assert.match(String(item.description), /^(today|\d+ d)$/, 'the age in the description');
    const tooltip = String(item.tooltip);
    for (const detail of ['Database failover took 40 minutes', 'SEV1', 'Post-mortem', 'open', '3 open action items', FIXTURE.postmortem]) {
      assert.ok(tooltip.includes(detail), `tooltip has ${detail}: ${tooltip}`);
    }
    assert.match(labels(sev1.getChildren())[0], /^Automate replica promotion/);
  });

  it('a group of up to 200 nodes starts expanded, a larger one collapsed with its count (10,000 documents stay responsive)', async () => {
    await sidebar();
    const leaves = (count: number): TreeNode[] =>
      Array.from({ length: count }, () => new GroupNode('leaf', []));
    const small = new GroupNode('SEV2', leaves(200)).getTreeItem();
    const large = new GroupNode('SEV3', leaves(201)).getTreeItem();
    assert.equal(small.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.equal(large.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.equal(large.description, '201');
  });

  it('labels say "1 open" and "none open"; a mitigated incident says so in its description', async () => {
    const views = await sidebar();
    const uri = workspaceUri('docs/post-mortems/2026-11-20-one-left.md');
    const write = (text: string): Thenable<void> => vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    const node = (): TreeNode | undefined => views.incidents.roots().flatMap((group) => group.getChildren()).find((candidate) => candidate.uri?.toString() === uri.toString());
    try {
      await write('---\nstatus: mitigated\n---\n# Post-mortem: One left\n\nSeverity: SEV3\n\n## Action items\n- [ ] Last one @erin due 2099-01-01\n- [x] Done one @erin due 2099-01-01\n');
      const one = await waitFor(() => (node()?.getTreeItem().label === '1 open · One left' ? node() : undefined), 'the incident with one open action');
      assert.match(String(one.getTreeItem().description), /mitigated$/);
      await write('---\nstatus: mitigated\n---\n# Post-mortem: One left\n\nSeverity: SEV3\n\n## Action items\n- [x] Last one @erin due 2099-01-01\n');
      await waitFor(() => node()?.getTreeItem().label === 'none open · One left', 'the incident with no open action');
    } finally {
      await vscode.workspace.fs.delete(uri);
    }
  });

  it('lists action items by owner, overdue first and marked, and by due date', async () => {
    const views = await sidebar();
    views.actions.grouping = 'owner';
    const owners = views.actions.roots();
    const owner = labels(owners);
    assert.ok(owner.includes('@alice') && owner.includes('@carol') && owner.includes('No owner'), owner.join(', '));
    assert.equal(owner[owner.length - 1], 'No owner');
    const alice = owners[owner.indexOf('@alice')].getChildren()[0].getTreeItem();
    assert.match(String(alice.description), /^overdue · due \d{4}-\d{2}-\d{2} · @alice · /, 'due date first in the description');
    assert.match(String(alice.tooltip), /Owner: @alice[\s\S]*\(overdue\)/);
    assert.equal(alice.contextValue, 'action.open');
    assert.equal(alice.command?.command, 'vscode.open');

    views.actions.grouping = 'due';
    const buckets = labels(views.actions.roots());
    assert.equal(buckets[0], 'Overdue');
    views.actions.grouping = 'owner';
  });

  it('filters action items to mine only', async () => {
    const views = await sidebar();
    views.actions.mineOnly = true;
    views.actions.me = ['carol'];
    try {
      assert.deepEqual(labels(views.actions.roots()), ['@carol']);
    } finally {
      views.actions.mineOnly = false;
    }
  });

  it('"mine only" follows the runbook.me handle, with case and accents folded', async () => {
    const views = await sidebar();
    const settings = vscode.workspace.getConfiguration('runbook');
    await settings.update('me', '@CAROL', vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('runbook.actions.mineOnly');
      assert.ok(views.actions.me.includes('@CAROL'), views.actions.me.join(', '));
      assert.ok(labels(views.actions.roots()).includes('@carol'), labels(views.actions.roots()).join(', '));
      assert.ok(!labels(views.actions.roots()).includes('@alice'));
    } finally {
      await vscode.commands.executeCommand('runbook.actions.showAll');
      await settings.update('me', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('lists runbooks by status with approvals as "2/6"', async () => {
    const views = await sidebar();
    const proposed = views.runbooks.roots().find((group) => group.getTreeItem().label === 'PROPOSED');
    assert.ok(proposed);
    const refund = proposed.getChildren().find((node) => node.uri?.toString() === workspaceUri(FIXTURE.runbook).toString());
    assert.ok(refund);
    const item = refund.getTreeItem();
    assert.equal(item.label, '2/6 · PAY-100: Refund API', 'the approvals first, then the title');
    assert.equal(item.description, 'missing @QA, @Docs, @Compliance, @Observability');
    assert.match(String(item.tooltip), /PROPOSED · 2\/6 approvals[\s\S]*Approved: @Security, @Architect/);
    assert.equal(item.contextValue, 'runbook');
  });

  it('follows created, changed and deleted files without a rescan', async () => {
    const views = await sidebar();
    const uri = workspaceUri('docs/post-mortems/2026-11-22-dns-outage.md');
    const incidentTitles = (): string[] =>
      // The incident's own title (the label starts with its open count); the spec bundle has its own copy of the classes.
      views.incidents.roots().flatMap((group) => group.getChildren().map((node) => (node as Partial<IncidentNode>).row?.title ?? ''));
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('# Post-mortem: DNS outage\n\nSeverity: SEV3\n\n## Action items\n- [ ] Lower the TTL @erin due 2099-01-01\n'));
    await waitFor(() => incidentTitles().includes('DNS outage'), 'the new post-mortem in the sidebar');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('# Post-mortem: DNS outage again\n\nSeverity: SEV3\n\n## Action items\n- [ ] Lower the TTL @erin due 2099-01-01\n'));
    await waitFor(() => incidentTitles().includes('DNS outage again'), 'the changed title in the sidebar');
    await vscode.workspace.fs.delete(uri);
    await waitFor(() => !incidentTitles().some((title) => title.startsWith('DNS outage')), 'the deleted post-mortem to leave the sidebar');
  });

  it('contributes the three views in the Runbooks container; "Refresh" rescans and redraws each of them', async () => {
    const views = await sidebar();
    await vscode.commands.executeCommand('workbench.view.extension.runbook-kit');
    // VS Code asks a visible view's provider for its roots: the container shows the Open Incidents view.
    const asked = new Set<string>();
    const original = views.incidents.getChildren.bind(views.incidents);
    views.incidents.getChildren = (node) => {
      if (!node) asked.add('incidents');
      return original(node);
    };
    const redrawn: string[] = [];
    const subscriptions = (['incidents', 'actions', 'runbooks'] as const).map((name) => views[name].onDidChangeTreeData(() => redrawn.push(name)));
    const { services } = await api();
    assert.ok(services);
    const store = services.store;
    const rescan = store.rescan.bind(store);
    let rescans = 0;
    store.rescan = () => {
      rescans += 1;
      return rescan();
    };
    try {
      await vscode.commands.executeCommand('runbook.refresh');
      await waitFor(() => asked.has('incidents'), 'the Open Incidents view to ask for its roots');
      assert.equal(rescans, 1);
      assert.deepEqual([...new Set(redrawn)].sort(), ['actions', 'incidents', 'runbooks']);
    } finally {
      views.incidents.getChildren = original;
      store.rescan = rescan;
      subscriptions.forEach((subscription) => subscription.dispose());
    }
  });

  it('inline "Mark done" and "Accept" pass their tree item to the command', async () => {
    const views = await sidebar();
    const uri = workspaceUri('docs/post-mortems/2026-11-21-inline-done.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('# Post-mortem: Inline done\n\nSeverity: SEV3\n\n## Action items\n- [ ] Press the inline button @erin due 2099-01-01\n'));
    const find = (): TreeNode | undefined =>
      views.actions.roots().flatMap((group) => group.getChildren()).find((node) => node.uri?.toString() === uri.toString());
    const node = await waitFor(find, 'the new action item in the Action Items view');
    assert.equal(node.getTreeItem().contextValue, 'action.open');
    await vscode.commands.executeCommand('runbook.markActionDone', node);
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)), /^- \[x\] Press the inline button/m);
    await waitFor(() => !find(), 'the done item to leave the view');

    const runbook = workspaceUri('.agent/cache/runbooks/payments/PAY-100-runbook-inline.md');
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri(FIXTURE.runbook))).replace(/- \[ \] (@\w+) approved\?/g, '- [x] $1 approved? — approved by Ada on 2026-11-20');
    await vscode.workspace.fs.writeFile(runbook, new TextEncoder().encode(text));
    const complete = await waitFor(
      () => views.runbooks.roots().flatMap((group) => group.getChildren()).find((item) => item.uri?.toString() === runbook.toString() && item.getTreeItem().contextValue === 'runbook.complete'),
      'the complete runbook with an inline Accept',
    );
    assert.match(String(complete.getTreeItem().label), /^6\/6 · /);
    await vscode.commands.executeCommand('runbook.accept', complete);
    assert.match(new TextDecoder().decode(await vscode.workspace.fs.readFile(runbook)), /^Status: ACCEPTED — accepted by /m);
  });
});

describe('sidebar scope', () => {
  it('leaves out what files.exclude and .gitignore leave out, and follows a change of files.exclude', async () => {
    const { services } = await api();
    assert.ok(services);
    const postmortem = FIXTURE.postmortem;
    const folder = postmortem.split('/').slice(0, -1).join('/');
    const copy = `${folder}/2030-01-01-excluded-copy.md`;
    await vscode.workspace.fs.copy(workspaceUri(postmortem), workspaceUri(copy), { overwrite: true });
    const files = vscode.workspace.getConfiguration('files');
    try {
      await waitFor(() => services.store.get(copy), 'the copy indexed');
      await files.update('exclude', { [`**/${copy.split('/').pop()}`]: true }, vscode.ConfigurationTarget.Workspace);
      await waitFor(() => (services.store.get(copy) === undefined && !services.store.inScope(copy)) || undefined, 'the copy left out by files.exclude');
      assert.ok(services.store.get(postmortem), 'other documents stay');
    } finally {
      await files.update('exclude', undefined, vscode.ConfigurationTarget.Workspace);
      await vscode.workspace.fs.delete(workspaceUri(copy));
    }
    await vscode.workspace.fs.writeFile(workspaceUri('.gitignore'), new TextEncoder().encode('ignored-by-git/\n'));
    const ignoredCopy = `ignored-by-git/${postmortem}`;
    try {
      await vscode.workspace.fs.copy(workspaceUri(postmortem), workspaceUri(ignoredCopy), { overwrite: true });
      await vscode.commands.executeCommand('runbook.refresh');
      await services.store.ready();
      assert.equal(services.store.get(ignoredCopy), undefined);
      assert.equal(services.store.inScope(ignoredCopy), false);
    } finally {
      await vscode.workspace.fs.delete(workspaceUri('.gitignore'));
      await vscode.workspace.fs.delete(workspaceUri('ignored-by-git'), { recursive: true });
      await vscode.commands.executeCommand('runbook.refresh');
    }
  });
});
