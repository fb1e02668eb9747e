import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activated, closeAllEditors, diskText, exists, waitFor, workspaceUri } from '../../testing/helpers';
import { FIXTURE } from '../../testing/fixture';

const OPS_RUNBOOK = '.agent/cache/runbooks/ops/OPS-7-runbook.md';

interface Shown {
  message: string;
  items: string[];
}

/**
 * Replace `vscode.window.showInformationMessage` while `body` runs, recording what is shown and answering with
 * `answer` (a button title, or undefined as when the notification is dismissed).
 */
async function recordingInformation(answer: string | undefined, body: () => Promise<void>): Promise<Shown[]> {
  const shown: Shown[] = [];
  const window = vscode.window as unknown as { showInformationMessage: (message: string, ...items: string[]) => Thenable<string | undefined> };
  const original = window.showInformationMessage;
  window.showInformationMessage = (message: string, ...items: string[]) => {
    shown.push({ message, items });
    return Promise.resolve(answer);
  };
  try {
    await body();
  } finally {
    window.showInformationMessage = original;
  }
  return shown;
}

describe('new runbook with an AI draft', () => {
  before(async () => {
    await activated();
  });

  it('the harness has no chat model, which the next tests rely on', async () => {
    // If a model provider is ever installed here, these tests must change rather than silently test something else.
    assert.deepEqual(await vscode.lm.selectChatModels(), []);
  });

  it('with no model available: a message with a "New Runbook" button, and nothing written', async () => {
    let result: unknown = 'not run';
    const shown = await recordingInformation(undefined, async () => {
      result = await vscode.commands.executeCommand('runbook.newRunbookWithDraft', { storyId: FIXTURE.storyOps });
    });
    assert.equal(result, undefined);
    assert.equal(shown.length, 1, JSON.stringify(shown));
    assert.match(shown[0].message, /^No language model is available in VS Code to draft the runbook\./);
    assert.deepEqual(shown[0].items, ['New Runbook']);
    assert.equal(await exists(workspaceUri(OPS_RUNBOOK)), false);
  });

  it('without an argument it still checks for a model before asking anything', async () => {
    const shown = await recordingInformation(undefined, async () => {
      assert.equal(await vscode.commands.executeCommand('runbook.newRunbookWithDraft'), undefined);
    });
    assert.equal(shown.length, 1);
    assert.equal(await exists(workspaceUri(OPS_RUNBOOK)), false);
  });

  it('the "New Runbook" button creates the plain runbook of the same story', async () => {
    try {
      await recordingInformation('New Runbook', async () => {
        await vscode.commands.executeCommand('runbook.newRunbookWithDraft', { storyId: FIXTURE.storyOps });
        await waitFor(() => exists(workspaceUri(OPS_RUNBOOK)), 'the plain runbook to be written');
      });
      const text = await diskText(workspaceUri(OPS_RUNBOOK));
      assert.match(text, /^Status: PROPOSED$/m);
      assert.doesNotMatch(text, /Drafted by a language model|drafted-with/);
    } finally {
      await closeAllEditors();
      if (await exists(workspaceUri(OPS_RUNBOOK))) await vscode.workspace.fs.delete(workspaceUri(OPS_RUNBOOK));
    }
  });
});
