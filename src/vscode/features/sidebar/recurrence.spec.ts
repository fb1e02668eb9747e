import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TreeNode } from './base';
import { api, waitFor, workspaceUri } from '../../testing/helpers';

const rca = (day: string) =>
  `---\nkind: rca\ntitle: Queue ${day}\ndate: 2026-11-${day}\nseverity: SEV-3\nstatus: open\nservice: queue-recurrence\n---\n# RCA: Queue ${day}\n`;

describe('recurrence in Open Incidents', () => {
  it('marks the newest of three similar incidents, naming the others in its tooltip', async () => {
    const uris = ['01', '05', '09'].map((day) => workspaceUri(`DOCS/incidents/2026-11-${day}-queue-recurrence-rca.md`));
    try {
      for (const [index, uri] of uris.entries()) await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(rca(['01', '05', '09'][index])));
      const find = async (uri: vscode.Uri): Promise<TreeNode | undefined> => {
        const { sidebar } = await api();
        return sidebar!.incidents.roots().flatMap((group) => group.getChildren()).find((item) => item.uri?.toString() === uri.toString());
      };
      const newest = await waitFor(async () => {
        const found = await find(uris[2]);
        return found && /recurring/.test(String(found.getTreeItem().description)) ? found : undefined;
      }, 'the newest incident marked as recurring');
      assert.match(String(newest.getTreeItem().tooltip), /Recurring: 3 similar incidents \(DOCS\/incidents\/2026-11-01-queue-recurrence-rca\.md, DOCS\/incidents\/2026-11-05-queue-recurrence-rca\.md\)/);
      const older = await find(uris[0]);
      assert.ok(older);
      assert.doesNotMatch(String(older.getTreeItem().description), /recurring/, 'only the newest carries the mark');
    } finally {
      for (const uri of uris) await vscode.workspace.fs.delete(uri);
    }
  });
});
