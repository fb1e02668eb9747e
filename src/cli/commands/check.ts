/** `runbook check`: every check rule over the workspace, as text, JSON or GitHub workflow annotations. */
import { Option } from 'commander';
import { checkDocument } from '../../core/check';
import type { Finding } from '../../core/model';
import type { CliCommand } from '../command';
import { message } from '../messages';
import { printJson, workspaceDocuments } from '../workspace';

type CheckFormat = 'text' | 'json' | 'github';

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

export const check: CliCommand = {
  usage: 'check',
  description: 'lint the workspace; exit 1 when any error-level finding exists',
  configure: (command) => command.addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'github']).default('text')),
  run: async (context, _args, options) => {
    const format = options.format as CheckFormat;
    const scan = await workspaceDocuments(context);
    const findings = [...scan.findings, ...scan.documents.flatMap((doc) => checkDocument(doc, context.today, context.config))];
    findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
    const errors = findings.filter((finding) => finding.severity === 'error').length;
    const documentCount = scan.documents.length + scan.findings.length;
    if (format === 'json') {
      printJson(context, findings.map(({ rule, severity, message: text, file, line, data }) => ({ rule, severity, message: text, file, line, ...(data ? { data } : {}) })));
    } else {
      for (const finding of findings) context.out(formatFinding(finding, format));
      if (format === 'text') {
        context.out(findings.length === 0 ? message('noFindings', documentCount) : message('summary', errors, findings.length - errors, documentCount));
      }
    }
    return errors > 0 ? 1 : 0;
  },
};
