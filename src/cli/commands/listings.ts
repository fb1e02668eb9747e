/** `runbook actions|incidents|runbooks`: the workspace's rows from the engine, as aligned columns or JSON. */
import type { ActionRow, IncidentRow, RunbookRow } from '../../core/report';
import { actionRows, incidentRows, runbookRows } from '../../core/report';
import type { CliCommand } from '../command';
import { message, plural } from '../messages';
import { choiceOption } from '../options';
import type { Cell, Row, Style } from '../output';
import { printJson, workspaceDocuments } from '../workspace';

/** The statuses `runbook` writes (`--status` takes these, in any case). */
export const RUNBOOK_STATUSES = ['PROPOSED', 'ACCEPTED'] as const;

/** How a severity looks: the most urgent in the error colour. */
export function severityStyle(severity: string | null): Style | undefined {
  if (severity === 'SEV1' || severity === 'P0') return 'error';
  if (severity === 'SEV2' || severity === 'P1') return 'warning';
  return undefined;
}

const location = (file: string, line: number): Cell => ({ text: `${file}:${line}`, style: 'dim' });

/**
 * `[ ] #1  2026-11-20  OVERDUE  @yan  text  file:line` — the number is what `runbook done <file> <n>` takes. A
 * cancelled item (`[-]`) is faded like a done one: neither is open.
 */
function actionRow(row: ActionRow): Row {
  const closed = row.done || row.cancelled;
  const faded: Style | undefined = closed ? 'dim' : undefined;
  return [
    { text: row.done ? '[x]' : row.cancelled ? '[-]' : '[ ]', ...(row.done ? { style: 'ok' as const } : faded ? { style: faded } : {}) },
    { text: `#${row.index}`, ...(faded ? { style: faded } : {}) },
    { text: row.due ?? '', ...(row.overdue ? { style: 'error' as const } : faded ? { style: faded } : {}) },
    { text: row.overdue ? message('overdue') : '', style: 'error' },
    { text: row.owner ? `@${row.owner}` : '', style: closed ? 'dim' : 'accent' },
    { text: row.text, ...(faded ? { style: faded } : {}) },
    location(row.file, row.line),
  ];
}

const STATUS_STYLES: Record<string, Style> = { open: 'error', mitigated: 'warning', resolved: 'ok' };

/** `SEV1  open  2026-11-12  title  3 open actions  file:line  RESPONSE OVERDUE`. */
function incidentRow(row: IncidentRow): Row {
  const severityCell: Cell = { text: row.severity ?? '-' };
  const style = severityStyle(row.severity);
  if (style) severityCell.style = style;
  return [
    severityCell,
    { text: row.status, ...(STATUS_STYLES[row.status] ? { style: STATUS_STYLES[row.status] } : {}) },
    row.date ?? '-',
    row.title,
    { text: plural('openActions', row.openActions), ...(row.openActions > 0 ? { style: 'warning' as const } : { style: 'dim' as const }) },
    location(row.file, row.line),
    { text: row.responseOverdue ? message('responseOverdue') : '', style: 'error' },
  ];
}

/** `PROPOSED  2/6  title  file:line  missing @QA, @Docs  changed since approved by @Security`. */
function runbookRow(row: RunbookRow): Row {
  const total = row.approved.length + row.missing.length + row.stale.length + row.unauthorized.length;
  const complete = total === row.approved.length;
  const roles = (list: readonly string[]): string => list.map((role) => '@' + role).join(', ');
  const problems = [
    ...(row.missing.length ? [message('missing', roles(row.missing))] : []),
    ...(row.stale.length ? [message('staleApprovals', roles(row.stale))] : []),
    ...(row.unauthorized.length ? [message('unauthorizedApprovals', roles(row.unauthorized))] : []),
  ];
  return [
    { text: row.status ?? '-', ...(row.status === 'ACCEPTED' ? { style: 'ok' as const } : {}) },
    { text: `${row.approved.length}/${total}`, style: complete ? 'ok' : 'warning' },
    row.title ?? '-',
    location(row.file, row.line),
    { text: problems.join('  '), style: 'warning' },
  ];
}

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
    context.table(rows.map(actionRow));
  },
};

export const incidents: CliCommand = {
  usage: 'incidents',
  description: 'list incidents (RCAs and post-mortems)',
  configure: (command) => command.option('--open', 'only incidents not resolved').option('--json', 'JSON output'),
  run: async (context, _args, options) => {
    const { documents } = await workspaceDocuments(context);
    const rows = incidentRows(documents, context.config, context.now, { open: options.open === true });
    if (options.json) {
      printJson(
        context,
        rows.map(({ file, line, title, severity, status, openActions, date, kind, detectedAt, respondedAt, mitigatedAt, resolvedAt, downtimeMinutes, responseDueAt, responseOverdue }) => ({
          file, line, title, severity, status, openActions, date, kind, detectedAt, respondedAt, mitigatedAt, resolvedAt, downtimeMinutes, responseDueAt, responseOverdue,
        })),
      );
      return;
    }
    if (rows.length === 0) context.out(message('noIncidents'));
    context.table(rows.map(incidentRow));
  },
};

export const runbooks: CliCommand = {
  usage: 'runbooks',
  description: 'list runbooks with their approvals',
  configure: (command) =>
    command.addOption(choiceOption('--status <status>', 'only runbooks with this status', RUNBOOK_STATUSES)).option('--json', 'JSON output'),
  run: async (context, _args, options) => {
    const { documents } = await workspaceDocuments(context);
    const rows = runbookRows(documents, context.config, typeof options.status === 'string' ? { status: options.status } : {});
    if (options.json) {
      printJson(context, rows.map(({ file, line, title, status, approved, missing, stale, unauthorized }) => ({ file, line, title, status, approved, missing, stale, unauthorized })));
      return;
    }
    if (rows.length === 0) context.out(message('noRunbooks'));
    context.table(rows.map(runbookRow));
  },
};
