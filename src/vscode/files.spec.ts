import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, diskText, workspaceUri } from './testing/helpers';

describe('workspace files adapter', () => {
  it('maps relative paths to URIs and back', async () => {
    const { files } = await activated();
    const uri = files.toUri('docs/post-mortems/x.md');
    assert.equal(uri.toString(), workspaceUri('docs/post-mortems/x.md').toString());
    assert.equal(files.toRelative(uri), 'docs/post-mortems/x.md');
    assert.equal(files.toRelative(vscode.Uri.file('/elsewhere/x.md')), null);
    assert.throws(() => files.toUri('../outside.md'));
  });

  it('reads, stats and lists through vscode.workspace.fs', async () => {
    const { files } = await activated();
    const entries = await files.readDirectory('.agent/cache/stories');
    assert.ok(entries.some(([name, type]) => name.endsWith('.md') && type === 'file'), JSON.stringify(entries));
    assert.equal((await files.stat('.agent'))?.type, 'directory');
    assert.equal(await files.stat('no/such/file.md'), null);
    assert.deepEqual(await files.readDirectory('no/such/folder'), []);
  });

  it('creates a file with its parent folders but never replaces one', async () => {
    const { files } = await activated();
    const path = `tmp-${Date.now()}/nested/new.md`;
    assert.equal(await files.createFile(path, new TextEncoder().encode('# one\n')), true);
    assert.equal(await diskText(files.toUri(path)), '# one\n');
    assert.equal(await files.createFile(path, new TextEncoder().encode('# two\n')), false);
    assert.equal(await diskText(files.toUri(path)), '# one\n');
    await vscode.workspace.fs.delete(files.toUri(path.split('/')[0]), { recursive: true });
  });
});
