/**
 * The commands that change one document: approve, revoke, accept, done. Each computes the engine's edits on the file's
 * current text and writes them atomically, refused when the file changed on disk meanwhile.
 */
import { approverName } from '../../core/approver';
import { acceptEdits, approveEdits, markDoneEdits, revokeEdits, roleName } from '../../core/edits';
import { RunbookError } from '../../core/errors';
import type { ParsedDocument, TextEdit } from '../../core/model';
import { parseDocument } from '../../core/parse/document';
import { editWorkspaceFile } from '../../node/edit-file';
import { toWorkspacePath } from '../../node/files';
import type { CliCommand } from '../command';
import type { CliContext } from '../context';
import { message } from '../messages';

/** Edit `fileArgument` with `computeEdits`; says "updated" or, when there is nothing to do, why not. */
async function editFile(
  context: CliContext,
  fileArgument: string,
  computeEdits: (text: string, doc: ParsedDocument) => TextEdit[],
  unchangedReason: string,
): Promise<void> {
  const file = toWorkspacePath(context.root, context.base, fileArgument);
  const changed = await editWorkspaceFile(context.host.files, context.config, file, (text) =>
    computeEdits(text, parseDocument(text, { file, config: context.config })),
  );
  context.out(changed ? message('updated', file) : message('nothingToChange', file, unchangedReason));
}

const BY_OPTION = 'approver (default: config defaultApprover, git user.name, then the OS user)';

export const approve: CliCommand = {
  usage: 'approve <file> <role>',
  description: "check a role's compliance box and record who approved it and when",
  configure: (command) => command.option('--by <name>', BY_OPTION),
  run: async (context, [file, role], options) => {
    const by = await approverName(options.by as string | undefined, context.config, context.host);
    await editFile(context, file, (_text, doc) => approveEdits(doc, role, by, context.today), message('alreadyApproved', roleName(role)));
  },
};

export const revoke: CliCommand = {
  usage: 'revoke <file> <role>',
  description: "uncheck a role's compliance box and remove its approval record",
  run: async (context, [file, role]) => {
    await editFile(context, file, (_text, doc) => revokeEdits(doc, role), message('notApproved', roleName(role)));
  },
};

export const accept: CliCommand = {
  usage: 'accept <file>',
  description: 'move a fully approved runbook from PROPOSED to ACCEPTED, recording who and when',
  configure: (command) => command.option('--by <name>', 'who accepts (default as for approve)'),
  run: async (context, [file], options) => {
    const by = await approverName(options.by as string | undefined, context.config, context.host);
    await editFile(context, file, (_text, doc) => acceptEdits(doc, by, context.today, context.config.roles), '');
  },
};

export const done: CliCommand = {
  usage: 'done <file> <n>',
  description: 'mark action item <n> done in its own form ([x] or ✅ DONE)',
  run: async (context, [file, n]) => {
    if (!/^[1-9]\d*$/.test(n)) throw new RunbookError('invalid-field', `action number must be a positive whole number, got "${n}"`, 'usage');
    await editFile(context, file, (text, doc) => markDoneEdits(text, doc, Number(n)), message('alreadyDone', n));
  },
};
