/** `runbook check`: every check rule over the workspace, as text, JSON or GitHub workflow annotations. */
import { Option } from 'commander';
import { checkDocument } from '../../core/check';
import type { Finding } from '../../core/model';
import type { CliCommand } from '../command';
import { plural } from '../messages';
import { escapeWorkflowCommand } from '../escape';
import type { Cell, Row, Style } from '../output';
import { printJson, workspaceDocuments } from '../workspace';

type CheckFormat = 'text' | 'json' | 'github';

function githubAnnotation(finding: Finding): string {
  const level = finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'notice';
  const properties = [`file=${escapeWorkflowCommand(finding.file, true)}`, `line=${finding.line}`, `title=${escapeWorkflowCommand(finding.rule, true)}`];
  return `::${level} ${properties.join(',')}::${escapeWorkflowCommand(finding.message, false)}`;
}

const SEVERITY_STYLES: Record<Finding['severity'], Style | undefined> = { error: 'error', warning: 'warning', info: undefined };

/** `file:line  severity  rule  message`, in aligned columns. */
function findingRow(finding: Finding): Row {
  const severity: Cell = { text: finding.severity };
  const style = SEVERITY_STYLES[finding.severity];
  if (style) severity.style = style;
  return [{ text: `${finding.file}:${finding.line}`, style: 'dim' }, severity, { text: finding.rule, style: 'dim' }, finding.message];
}

/** "no problems found (6 documents checked)" or "0 errors, 4 warnings in 6 documents checked". */
function summary(findings: readonly Finding[], documentCount: number): string {
  const errors = findings.filter((finding) => finding.severity === 'error').length;
  if (findings.length === 0) return plural('noFindings', documentCount);
  return plural('summary', documentCount, plural('errors', errors), plural('warnings', findings.length - errors));
}

export const check: CliCommand = {
  usage: 'check',
  description: 'lint the workspace; exit 1 when any error-level finding exists',
  configure: (command) => command.addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text')),
  run: async (context, _args, options) => {
    const format = options.format as CheckFormat;
    const scan = await workspaceDocuments(context);
    const findings = [...scan.findings, ...scan.documents.flatMap((doc) => checkDocument(doc, context.now, context.config))];
    findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
    const errors = findings.filter((finding) => finding.severity === 'error').length;
    const documentCount = scan.documents.length + scan.findings.length;
    if (format === 'json') {
      printJson(context, findings.map(({ rule, severity, message: text, file, line, data }) => ({ rule, severity, message: text, file, line, ...(data ? { data } : {}) })));
    } else if (format === 'github') {
      for (const finding of findings) context.out(githubAnnotation(finding));
    } else {
      context.table(findings.map(findingRow));
      const line = summary(findings, documentCount);
      context.out(context.paint(errors > 0 ? 'error' : findings.length > 0 ? 'warning' : 'ok', line));
    }
    return errors > 0 ? 1 : 0;
  },
};
