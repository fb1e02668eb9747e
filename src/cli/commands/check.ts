/**
 * `runbook check`: every check rule over the workspace, as text, JSON, GitHub workflow annotations, SARIF 2.1.0 or
 * GitLab Code Quality JSON (formats/).
 */
import { Option } from 'commander';
import { version } from '../../../package.json';
import { checkDocument } from '../../core/check';
import type { Finding, FindingSeverity } from '../../core/model';
import type { CliCommand } from '../command';
import { codeQualityReport } from '../formats/gitlab';
import { sarifLog } from '../formats/sarif';
import { message } from '../messages';
import { escapeControl, escapeWorkflowCommand } from '../escape';
import { printJson, workspaceDocuments } from '../workspace';

type CheckFormat = 'text' | 'json' | 'github' | 'sarif' | 'gitlab';
const FORMATS: readonly CheckFormat[] = ['text', 'json', 'github', 'sarif', 'gitlab'];

/** `--fail-on`: the lowest severity that makes `check` exit 1 (`never`: exit 0 whatever it finds). */
type FailOn = 'error' | 'warning' | 'info' | 'never';
const FAILING: Record<FailOn, readonly FindingSeverity[]> = { error: ['error'], warning: ['error', 'warning'], info: ['error', 'warning', 'info'], never: [] };

function formatFinding(finding: Finding, format: CheckFormat): string {
  if (format === 'github') {
    const level = finding.severity === 'error' ? 'error' : finding.severity === 'warning' ? 'warning' : 'notice';
    const properties = [`file=${escapeWorkflowCommand(finding.file, true)}`, `line=${finding.line}`, `title=${escapeWorkflowCommand(finding.rule, true)}`];
    return `::${level} ${properties.join(',')}::${escapeWorkflowCommand(finding.message, false)}`;
  }
  return escapeControl(`${finding.file}:${finding.line}  ${finding.severity}  ${finding.rule}  ${finding.message}`);
}

export const check: CliCommand = {
  usage: 'check',
  description: 'lint the workspace; exit 1 when any error-level finding exists (see --fail-on)',
  configure: (command) =>
    command
      .addOption(new Option('--format <format>', 'output format').choices(FORMATS).default('text'))
      .addOption(new Option('--fail-on <severity>', 'lowest severity that makes the exit code 1').choices(Object.keys(FAILING)).default('error')),
  run: async (context, _args, options) => {
    const format = options.format as CheckFormat;
    const failing = FAILING[options.failOn as FailOn];
    const scan = await workspaceDocuments(context);
    const findings = [...scan.findings, ...scan.documents.flatMap((doc) => checkDocument(doc, context.today, context.config))];
    findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
    const errors = findings.filter((finding) => finding.severity === 'error').length;
    const documentCount = scan.documents.length + scan.findings.length;
    if (format === 'json') {
      printJson(context, findings.map(({ rule, severity, message: text, file, line, data }) => ({ rule, severity, message: text, file, line, ...(data ? { data } : {}) })));
    } else if (format === 'sarif') {
      printJson(context, sarifLog(findings, version));
    } else if (format === 'gitlab') {
      printJson(context, codeQualityReport(findings));
    } else {
      for (const finding of findings) context.out(formatFinding(finding, format));
      if (format === 'text') {
        context.out(findings.length === 0 ? message('noFindings', documentCount) : message('summary', errors, findings.length - errors, documentCount));
      }
    }
    return findings.some((finding) => failing.includes(finding.severity)) ? 1 : 0;
  },
};
