/** `runbook actions|incidents|runbooks`: the workspace's rows from the engine, as text lines or JSON. */
import { actionRows, incidentRows, runbookRows } from '../../core/report';
import type { CliCommand } from '../command';
import { message } from '../messages';
import { escapeControl } from '../escape';
import { printJson, workspaceDocuments } from '../workspace';

export const actions: CliCommand = {
  usage: 'actions',
  description: 'list action items',
  configure: (command) =>
    command
      .option('--open', 'only open items')
      .option('--owner <name>', 'only items of this owner (with or without @)')
      .option('--overdue', 'only open items past their due date')
      .option('--json', 'JSON output'),
  run: async (context, _args, options) => {
    const { documents } = await workspaceDocuments(context);
    const rows = actionRows(documents, context.today, {
      open: options.open === true,
      overdue: options.overdue === true,
      ...(typeof options.owner === 'string' ? { owner: options.owner } : {}),
    });
    if (options.json) {
      printJson(context, rows.map(({ file, line, index, text, owner, due, done, cancelled, completed, priority }) => ({ file, line, index, text, owner, due, done, cancelled, completed, priority })));
      return;
    }
    if (rows.length === 0) context.out(message('noActions'));
    for (const row of rows) {
      const parts = [`${row.file}:${row.line}`, `#${row.index}`, row.done ? '[x]' : row.cancelled ? '[-]' : '[ ]', row.text];
      if (row.owner) parts.push(`@${row.owner}`);
      if (row.due) parts.push(`due ${row.due}`);
      if (row.overdue) parts.push(message('overdue'));
      context.out(escapeControl(parts.join('  ')));
    }
  },
};

export const incidents: CliCommand = {
  usage: 'incidents',
  description: 'list incidents (RCAs and post-mortems)',
  configure: (command) => command.option('--open', 'only incidents not resolved').option('--json', 'JSON output'),
  run: async (context, _args, options) => {
    const { documents } = await workspaceDocuments(context);
    const rows = incidentRows(documents, { open: options.open === true });
    if (options.json) {
      printJson(context, rows.map(({ file, line, title, severity, status, openActions, date, kind }) => ({ file, line, title, severity, status, openActions, date, kind })));
      return;
    }
    if (rows.length === 0) context.out(message('noIncidents'));
    for (const row of rows) {
      context.out(escapeControl([row.severity ?? '-', row.status, row.date ?? '-', row.title, message('openActions', row.openActions), `${row.file}:${row.line}`].join('  ')));
    }
  },
};

export const runbooks: CliCommand = {
  usage: 'runbooks',
  description: 'list runbooks with their approvals',
  configure: (command) => command.option('--status <status>', 'only runbooks with this status (PROPOSED, ACCEPTED)').option('--json', 'JSON output'),
  run: async (context, _args, options) => {
    const { documents } = await workspaceDocuments(context);
    const rows = runbookRows(documents, context.config, typeof options.status === 'string' ? { status: options.status } : {});
    if (options.json) {
      printJson(context, rows.map(({ file, line, title, status, approved, missing, stale, unauthorized }) => ({ file, line, title, status, approved, missing, stale, unauthorized })));
      return;
    }
    if (rows.length === 0) context.out(message('noRunbooks'));
    for (const row of rows) {
      const total = row.approved.length + row.missing.length + row.stale.length + row.unauthorized.length;
      const parts = [row.status ?? '-', `${row.approved.length}/${total}`, row.title ?? '-', `${row.file}:${row.line}`];
      if (row.missing.length > 0) parts.push(message('missing', row.missing.map((role) => '@' + role).join(', ')));
      if (row.stale.length > 0) parts.push(message('staleApprovals', row.stale.map((role) => '@' + role).join(', ')));
      if (row.unauthorized.length > 0) parts.push(message('unauthorizedApprovals', row.unauthorized.map((role) => '@' + role).join(', ')));
      context.out(escapeControl(parts.join('  ')));
    }
  },
};
