/**
 * Reading the compliance record of one document: `runbook history <file>` prints its audit trail, `runbook status
 * <STORY-ID|file>` is the gate for what comes after (seed 004: implementation starts only from an ACCEPTED runbook) —
 * exit 0 only when the runbook is ACCEPTED with every approval present, fresh and authorised, 1 otherwise.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { runbookOf } from '../../core/edits';
import { locateRunbook, runbookGate, type RoleProblem } from '../../core/gate';
import type { ParsedDocument } from '../../core/model';
import { parseDocument } from '../../core/parse/document';
import { readForEdit } from '../../core/workspace';
import { toWorkspacePath } from '../../node/files';
import type { CliCommand } from '../command';
import type { CliContext } from '../context';
import { message } from '../messages';
import { printJson } from '../workspace';

/** Read and parse one workspace document named on the command line. */
async function readDocument(context: CliContext, file: string): Promise<ParsedDocument> {
  const { text } = await readForEdit(context.host.files, context.config, file);
  return parseDocument(text, { file, config: context.config });
}

export const history: CliCommand = {
  usage: 'history <file>',
  description: "print a document's audit trail (its History section)",
  configure: (command) => command.option('--json', 'JSON output'),
  run: async (context, [fileArgument], options) => {
    const file = toWorkspacePath(context.root, context.base, fileArgument);
    const doc = await readDocument(context, file);
    const entries = doc.history?.entries ?? [];
    if (options.json) {
      printJson(context, entries.map(({ line, date, time, event, role, action, by, fingerprint, text }) => ({ file, line, date, time, event, role, action, by, fingerprint, text })));
      return;
    }
    if (entries.length === 0) context.out(message('noHistory', file));
    for (const entry of entries) context.out(entry.text);
  },
};

/** `@QA (Alice)` for each problem. */
function problems(list: readonly RoleProblem[]): string {
  return list.map((problem) => `@${problem.role}${problem.by ? ` (${problem.by})` : ''}`).join(', ');
}

export const status: CliCommand = {
  usage: 'status <target>',
  description: 'the gate: print a runbook\'s status (by story ID or file); exit 0 only when ACCEPTED with every approval fresh and authorised',
  configure: (command) => command.option('--json', 'JSON output'),
  run: async (context, [target], options) => {
    // A path that exists is a file; anything else is a story ID.
    const isFile = /[/\\]|\.(?:md|markdown)$/i.test(target) || statSync(resolve(context.base, target), { throwIfNoEntry: false })?.isFile() === true;
    const file = isFile ? toWorkspacePath(context.root, context.base, target) : await locateRunbook(context.host.files, context.config, target);
    const doc = await readDocument(context, file);
    const gate = runbookGate(runbookOf(doc), context.config);
    if (options.json) {
      printJson(context, {
        file,
        status: gate.status,
        passes: gate.passes,
        approved: gate.approved,
        missing: gate.missing,
        stale: gate.stale.map(({ role, by }) => ({ role, by })),
        unauthorized: gate.unauthorized.map(({ role, by }) => ({ role, by })),
        fingerprint: doc.runbook!.fingerprint,
      });
      return gate.passes ? 0 : 1;
    }
    const parts = [gate.status ?? message('noStatus'), message('approvedCount', gate.approved.length, gate.roles.length)];
    if (gate.missing.length > 0) parts.push(message('missing', gate.missing.map((role) => '@' + role).join(', ')));
    if (gate.stale.length > 0) parts.push(message('staleApprovals', problems(gate.stale)));
    if (gate.unauthorized.length > 0) parts.push(message('unauthorizedApprovals', problems(gate.unauthorized)));
    parts.push(file);
    context.out(parts.join('  '));
    return gate.passes ? 0 : 1;
  },
};
