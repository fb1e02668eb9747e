/** `runbook handoffs` lists hand-offs with urgency and age; `runbook decide` records a hand-off's decision. */
import { approverName } from '../../core/approver';
import { decisionEdits, handoffRows } from '../../core/handoffs';
import { parseDocument } from '../../core/parse/document';
import { editWorkspaceFile } from '../../node/edit-file';
import { toWorkspacePath } from '../../node/files';
import type { CliCommand } from '../command';
import { message } from '../messages';
import type { Row } from '../output';
import { printJson, workspaceDocuments } from '../workspace';

export const handoffs: CliCommand = {
  usage: 'handoffs',
  description: 'list hand-offs with their urgency and age (open until their Decision section is filled)',
  configure: (command) => command.option('--open', 'only hand-offs waiting for a decision').option('--json', 'JSON output'),
  run: async (context, _args, options) => {
    const { documents } = await workspaceDocuments(context);
    const rows = handoffRows(documents, context.today, { open: options.open === true });
    if (options.json) {
      printJson(context, rows);
      return;
    }
    if (rows.length === 0) context.out(message('noHandoffs'));
    // `P1  OPEN  2d old  title  @cfo  file:line`, in the listings' aligned columns.
    context.table(
      rows.map((row): Row => [
        { text: row.urgency ?? '-', ...(row.open && (row.urgency === 'P0' || row.urgency === 'P1') ? { style: row.urgency === 'P0' ? ('error' as const) : ('warning' as const) } : {}) },
        { text: row.open ? message('handoffOpen') : message('handoffDecided'), style: row.open ? 'warning' : 'ok' },
        row.open ? (row.ageDays === null ? '-' : message('ageDays', row.ageDays)) : row.decidedBy ? message('decidedBy', row.decidedBy, row.decidedOn ?? '?') : '-',
        row.title,
        { text: row.to ? `@${row.to}` : '', style: 'accent' },
        { text: `${row.file}:${row.line}`, style: 'dim' },
      ]),
    );
  },
};

export const decide: CliCommand = {
  usage: 'decide <file>',
  description: 'record the decision of a hand-off: its Decision section gets the text and "Decided by NAME on DATE"',
  configure: (command) =>
    command.requiredOption('--decision <text>', 'what was decided').option('--by <name>', 'who decided (default: as for approvals: RUNBOOK_APPROVER, defaultApprover, git user)'),
  run: async (context, [fileArgument], options) => {
    const file = toWorkspacePath(context.root, context.base, fileArgument);
    const by = await approverName(options.by as string | undefined, context.config, context.host);
    const decision = String(options.decision);
    await editWorkspaceFile(context.host.files, context.config, file, (text) =>
      decisionEdits(text, parseDocument(text, { file, config: context.config }), { decision, by, date: context.today }),
    );
    context.out(message('handoffDecidedBy', file, by, context.today));
  },
};
