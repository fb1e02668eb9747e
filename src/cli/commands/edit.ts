/**
 * The commands that change one document: approve, revoke, accept, reopen, done. Each runs under the file's lock:
 * it reads the current text, computes the engine's edits on it and writes them atomically — so parallel commands on
 * one file are applied one after the other — or fails with exit 1 and writes nothing.
 */
import { approveEdits, acceptEdits, complianceLinesOf, reopenEdits, revokeEdits } from '../../core/approvals';
import { approverName } from '../../core/approver';
import { stampAt, type Stamp } from '../../core/audit';
import { markDoneEdits, roleName } from '../../core/edits';
import { bilingual, RunbookError } from '../../core/errors';
import type { ParsedDocument, TextEdit } from '../../core/model';
import { parseDocument } from '../../core/parse/document';
import { editWorkspaceFile } from '../../node/edit-file';
import { toWorkspacePath } from '../../node/files';
import type { CliCommand, CliOptions } from '../command';
import type { CliContext } from '../context';
import { message } from '../messages';

/**
 * Edit `fileArgument` with `computeEdits` on its current text; says "updated" or, when there is nothing to do, why not
 * (`unchangedReason` reads the same parsed text the edits were computed on).
 */
async function editFile(
  context: CliContext,
  fileArgument: string,
  computeEdits: (text: string, doc: ParsedDocument) => TextEdit[],
  unchangedReason: (doc: ParsedDocument) => string,
): Promise<void> {
  const file = toWorkspacePath(context.root, context.base, fileArgument);
  let parsed: ParsedDocument | undefined;
  const changed = await editWorkspaceFile(context.host.files, context.config, file, (text) => {
    parsed = parseDocument(text, { file, config: context.config });
    return computeEdits(text, parsed);
  });
  context.out(changed ? message('updated', file) : message('nothingToChange', file, parsed ? unchangedReason(parsed) : ''));
}

/** Who the command records and when: `--by`, else the approver rule (approver.ts). */
async function stampOf(context: CliContext, options: CliOptions): Promise<Stamp> {
  const by = await approverName(options.by as string | undefined, context.config, context.host);
  return stampAt(by, context.host.clock.now());
}

const BY_OPTION = 'who is recorded (default: RUNBOOK_APPROVER, config defaultApprover, git user.name, then the OS user)';

/** Why approving `role` changed nothing: who approved it already. */
function alreadyApproved(doc: ParsedDocument, role: string): string {
  const approval = complianceLinesOf(doc, role).find((item) => item.approval)?.approval;
  return approval ? message('alreadyApprovedBy', roleName(role), approval.by, approval.at) : message('alreadyApproved', roleName(role));
}

export const approve: CliCommand = {
  usage: 'approve <file> <role>',
  description: "check a role's compliance box and record who approved it, when, and the content fingerprint",
  configure: (command) => command.option('--by <name>', BY_OPTION),
  run: async (context, [file, role], options) => {
    const stamp = await stampOf(context, options);
    await editFile(context, file, (text, doc) => approveEdits(text, doc, role, stamp, context.config), (doc) => alreadyApproved(doc, role));
  },
};

export const revoke: CliCommand = {
  usage: 'revoke <file> <role>',
  description: "uncheck a role's compliance box and remove its approval record (--reopen to do so on an ACCEPTED runbook)",
  configure: (command) =>
    command.option('--by <name>', BY_OPTION).option('--reopen', 'when the runbook is ACCEPTED, move it back to PROPOSED (refused otherwise)'),
  run: async (context, [file, role], options) => {
    const stamp = await stampOf(context, options);
    await editFile(
      context,
      file,
      (text, doc) => revokeEdits(text, doc, role, stamp, { reopen: options.reopen === true }),
      () => message('notApproved', roleName(role)),
    );
  },
};

export const accept: CliCommand = {
  usage: 'accept <file>',
  description: 'move a PROPOSED runbook whose approvals are all in, fresh and authorised to ACCEPTED, recording who and when',
  configure: (command) => command.option('--by <name>', BY_OPTION),
  run: async (context, [file], options) => {
    const stamp = await stampOf(context, options);
    await editFile(context, file, (text, doc) => acceptEdits(text, doc, stamp, context.config), () => '');
  },
};

export const reopen: CliCommand = {
  usage: 'reopen <file>',
  description: 'move an ACCEPTED runbook back to PROPOSED, recording who and when',
  configure: (command) => command.option('--by <name>', BY_OPTION),
  run: async (context, [file], options) => {
    const stamp = await stampOf(context, options);
    await editFile(context, file, (text, doc) => reopenEdits(text, doc, stamp), () => message('alreadyProposed'));
  },
};

export const done: CliCommand = {
  usage: 'done <file> <n>',
  description: 'mark action item <n> done in its own form ([x] or ✅ DONE)',
  configure: (command) => command.option('--by <name>', BY_OPTION),
  run: async (context, [file, n], options) => {
    if (!/^[1-9]\d*$/.test(n)) {
      throw new RunbookError(
        'invalid-field',
        bilingual(`action number must be a positive whole number, got "${n}"`, `le numéro d'action doit être un nombre entier positif, reçu « ${n} »`),
        'usage',
      );
    }
    const stamp = await stampOf(context, options);
    await editFile(context, file, (text, doc) => markDoneEdits(text, doc, Number(n), stamp), () => message('alreadyDone', n));
  },
};
