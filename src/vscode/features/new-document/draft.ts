/**
 * "Runbook: New Runbook with AI Draft…": a story, then one of VS Code's chat models (`vscode.lm.selectChatModels`), then
 * the engine's panel draft (`planDraft`) role by role under a cancellable progress notification; the draft is written
 * and opened by the same path as "New Runbook". Cancelling writes nothing. With no model available, a message says so
 * and offers the plain "New Runbook". Asking a model the first time shows VS Code's own consent prompt; the command only
 * runs when the user runs it (it is off in Restricted Mode).
 *
 * Argument object (for tests and keybindings): `{ storyId?, model? }` — `model` a chat model id.
 */
import * as vscode from 'vscode';
import { describeLeftOut, describeRemovals, MAX_ANSWER_LENGTH, planDraft, type DraftModel, type DraftedDocument } from '../../../core/draft';
import { isRunbookError } from '../../../core/errors';
import { listStories } from '../../../core/generate';
import { stringArg } from '../../args';
import type { Services } from '../../services';
import { pickStory } from './prompts';
import { writeAndOpen } from './write';

/** A VS Code chat model as the engine's `DraftModel`: one user message, the streamed text back, cancelled with the signal. */
function chatModel(model: vscode.LanguageModelChat): DraftModel {
  return async (prompt, signal) => {
    const source = new vscode.CancellationTokenSource();
    const cancel = (): void => source.cancel();
    signal.addEventListener('abort', cancel, { once: true });
    try {
      const response = await model.sendRequest(
        [vscode.LanguageModelChatMessage.User(prompt)],
        { justification: vscode.l10n.t('Runbook Kit drafts a runbook from your story and the workspace rules; people still review and approve it.') },
        source.token,
      );
      let text = '';
      for await (const fragment of response.text) {
        text += fragment;
        // A model that never stops must not fill the editor's memory: stop reading where the engine would refuse.
        if (text.length > MAX_ANSWER_LENGTH) throw new Error(vscode.l10n.t('the answer is longer than {0} characters', MAX_ANSWER_LENGTH));
      }
      return text;
    } catch (error) {
      if (error instanceof vscode.LanguageModelError) throw new Error(`${error.message} (${error.code})`);
      throw error;
    } finally {
      signal.removeEventListener('abort', cancel);
      source.dispose();
    }
  };
}

/** The chat models VS Code offers (an empty list when the API is missing or fails: the message then says so). */
async function availableModels(services: Services, id: string | undefined): Promise<vscode.LanguageModelChat[]> {
  if (typeof vscode.lm?.selectChatModels !== 'function') return [];
  try {
    return await vscode.lm.selectChatModels(id ? { id } : undefined);
  } catch (error) {
    services.log.warn(`language models could not be listed: ${error instanceof Error ? error.message : String(error)}`);
    return [];
  }
}

/** No model: say so, and offer the plain "New Runbook" (for the same story when one was given). Not awaited. */
function offerPlainRunbook(storyId: string | undefined): void {
  const plain = vscode.l10n.t('New Runbook');
  void vscode.window
    .showInformationMessage(
      vscode.l10n.t('No language model is available in VS Code to draft the runbook. Install and sign in to a chat model provider (such as GitHub Copilot), or create the runbook without a draft.'),
      plain,
    )
    .then((choice) => (choice === plain ? vscode.commands.executeCommand('runbook.newRunbook', storyId ? { storyId } : undefined) : undefined));
}

async function pickModel(models: readonly vscode.LanguageModelChat[]): Promise<vscode.LanguageModelChat | undefined> {
  if (models.length === 1) return models[0];
  const pick = await vscode.window.showQuickPick(
    models.map((model) => ({ label: model.name, description: `${model.vendor} · ${model.family}`, model })),
    { title: vscode.l10n.t('New Runbook with AI Draft'), placeHolder: vscode.l10n.t('Language model that drafts the runbook'), ignoreFocusOut: true },
  );
  return pick?.model;
}

/** Run the panel under a cancellable notification; undefined when the user cancelled. */
async function draftWithProgress(services: Services, storyId: string, model: vscode.LanguageModelChat): Promise<DraftedDocument | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Drafting the runbook of {0} with {1}', storyId, model.name), cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        const drafted = await planDraft(services.host, services.config(), await services.templates(), { storyId }, {
          model: chatModel(model),
          modelName: `${model.name} (${model.vendor})`,
          signal: controller.signal,
          onProgress: ({ role, index, total }) => progress.report({ message: vscode.l10n.t('@{0} ({1} of {2})', role, index, total), increment: index === 1 ? 0 : 100 / total }),
        });
        return token.isCancellationRequested ? undefined : drafted;
      } catch (error) {
        if (isRunbookError(error) && error.code === 'cancelled') return undefined;
        throw error;
      } finally {
        subscription.dispose();
      }
    },
  );
}

/** The command handler: see the module comment. Returns the draft's URI, or undefined when nothing was written. */
export async function newRunbookWithDraft(services: Services, args: Record<string, unknown> | null): Promise<vscode.Uri | undefined> {
  const givenStory = args ? stringArg(args, 'storyId', false) : undefined;
  const models = await availableModels(services, args ? stringArg(args, 'model', false) : undefined);
  if (models.length === 0) {
    services.log.info('New Runbook with AI Draft: no language model is available');
    offerPlainRunbook(givenStory);
    return undefined;
  }
  const storyId = givenStory ?? (await pickStory(await listStories(services.host, services.config()), vscode.l10n.t('New Runbook with AI Draft')))?.id;
  if (!storyId) return undefined;
  const model = await pickModel(models);
  if (!model) return undefined;
  const drafted = await draftWithProgress(services, storyId, model);
  if (!drafted) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Draft cancelled; nothing was written.'));
    return undefined;
  }
  const uri = await writeAndOpen(services, drafted);
  for (const { role, removed } of drafted.draft.removals) services.log.warn(`draft ${drafted.path}: removed from @${role}'s answer: ${describeRemovals(removed)}`);
  if (drafted.draft.leftOut.length > 0) services.log.warn(`draft ${drafted.path}: governance files left out: ${describeLeftOut(drafted.draft.leftOut)}`);
  return uri;
}
