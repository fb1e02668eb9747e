/**
 * The listing, checking and generating commands: engine calls plus output formatting (text, JSON, GitHub annotations).
 */
import { checkDocument, RULES } from '../core/check';
import { RunbookError } from '../core/errors';
import type { Finding } from '../core/model';
import { actionRows, incidentRows, runbookRows } from '../core/report';
import { loadIgnoreRule } from '../core/ignore';
import { loadDocuments } from '../core/index/index';
import type { WorkspaceScan } from '../core/workspace';
import { cliIndexCache } from './index-cache';
import type { CliContext } from './main';
import { message } from './messages';
import { createFromTemplate } from './generate';

export type CheckFormat = 'text' | 'json' | 'github';

/** Every document of the workspace not ignored by its .gitignore, through the index and its cache (unless --no-cache). */
async function workspaceDocuments(context: CliContext): Promise<WorkspaceScan> {
  const ignore = await loadIgnoreRule(context.host.files);
  return loadDocuments(context.host, context.config, { ignore, ...(context.useCache ? { cache: cliIndexCache(context.root, process.env) } : {}) });
}

function json(context: CliContext, value: unknown): void {
  context.out(JSON.stringify(value, null, 2));
}

export async function runActions(
  context: CliContext,
  options: { open?: boolean; owner?: string; overdue?: boolean; json?: boolean },
): Promise<void> {
  const { documents } = await workspaceDocuments(context);
  const rows = actionRows(documents, context.today, options);
  if (options.json) {
    json(context, rows.map(({ file, line, index, text, owner, due, done }) => ({ file, line, index, text, owner, due, done })));
    return;
  }
  if (rows.length === 0) context.out(message('noActions'));
  for (const row of rows) {
    const parts = [`${row.file}:${row.line}`, `#${row.index}`, row.done ? '[x]' : '[ ]', row.text];
    if (row.owner) parts.push(`@${row.owner}`);
    if (row.due) parts.push(`due ${row.due}`);
    if (row.overdue) parts.push(message('overdue'));
    context.out(parts.join('  '));
  }
}

export async function runIncidents(context: CliContext, options: { open?: boolean; json?: boolean }): Promise<void> {
  const { documents } = await workspaceDocuments(context);
  const rows = incidentRows(documents, options);
  if (options.json) {
    json(context, rows.map(({ file, line, title, severity, status, openActions, date, kind }) => ({ file, line, title, severity, status, openActions, date, kind })));
    return;
  }
  if (rows.length === 0) context.out(message('noIncidents'));
  for (const row of rows) {
    context.out([row.severity ?? '-', row.status, row.date ?? '-', row.title, message('openActions', row.openActions), `${row.file}:${row.line}`].join('  '));
  }
}

export async function runRunbooks(context: CliContext, options: { status?: string; json?: boolean }): Promise<void> {
  const { documents } = await workspaceDocuments(context);
  const rows = runbookRows(documents, context.config, options);
  if (options.json) {
    json(context, rows.map(({ file, line, title, status, approved, missing }) => ({ file, line, title, status, approved, missing })));
    return;
  }
  if (rows.length === 0) context.out(message('noRunbooks'));
  for (const row of rows) {
    const total = row.approved.length + row.missing.length;
    const parts = [row.status ?? '-', `${row.approved.length}/${total}`, row.title ?? '-', `${row.file}:${row.line}`];
    if (row.missing.length > 0) parts.push(message('missing', row.missing.map((role) => '@' + role).join(', ')));
    context.out(parts.join('  '));
  }
}

/** GitHub workflow command escaping (https://github.com/actions/toolkit/blob/main/packages/core/src/command.ts). */
function githubEscape(value: string, property: boolean): string {
  let escaped = value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  if (property) escaped = escaped.replace(/:/g, '%3A').replace(/,/g, '%2C');
  return escaped;
}

function formatFinding(finding: Finding, format: CheckFormat): string {
  if (format === 'github') {
    const level = finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'notice';
    const properties = [`file=${githubEscape(finding.file, true)}`, `line=${finding.line}`, `title=${githubEscape(finding.rule, true)}`];
    return `::${level} ${properties.join(',')}::${githubEscape(finding.message, false)}`;
  }
  return `${finding.file}:${finding.line}  ${finding.severity}  ${finding.rule}  ${finding.message}`;
}

/** Lint every document; returns the exit code (1 when any error-level finding exists). */
export async function runCheck(context: CliContext, format: CheckFormat): Promise<number> {
  const scan = await workspaceDocuments(context);
  const findings = [...scan.findings, ...scan.documents.flatMap((doc) => checkDocument(doc, context.today, context.config))];
  findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  const documentCount = scan.documents.length + scan.findings.length;
  if (format === 'json') {
    json(context, findings.map(({ rule, severity, message: text, file, line, data }) => ({ rule, severity, message: text, file, line, ...(data ? { data } : {}) })));
  } else {
    for (const finding of findings) context.out(formatFinding(finding, format));
    if (format === 'text') {
      context.out(findings.length === 0 ? message('noFindings', documentCount) : message('summary', errors, findings.length - errors, documentCount));
    }
  }
  return errors > 0 ? 1 : 0;
}

export { RULES };

/** `key=value` pairs from repeated --field options. */
export function parseFieldOptions(pairs: readonly string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new RunbookError('invalid-field', `--field expects key=value, got "${pair}"`, 'usage');
    fields[pair.slice(0, equals).trim()] = pair.slice(equals + 1);
  }
  return fields;
}

export async function runNew(
  context: CliContext,
  template: string,
  storyId: string | undefined,
  options: { title?: string; severity?: string; date?: string; field: string[] },
): Promise<void> {
  const fields = parseFieldOptions(options.field);
  if (options.title !== undefined) fields.title = options.title;
  if (options.severity !== undefined) fields.severity = options.severity;
  if (options.date !== undefined) fields.date = options.date;
  await createFromTemplate(context, template, storyId, fields);
}
