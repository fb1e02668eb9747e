/**
 * `runbook check`: every check rule over the workspace, as text, JSON, GitHub workflow annotations, SARIF 2.1.0 or
 * GitLab Code Quality JSON (formats/).
 */
import { version } from '../../../package.json';
import { checkDocument, checkWorkspace, localizedFinding } from '../../core/check';
import type { Finding, FindingSeverity } from '../../core/model';
import type { CliCommand } from '../command';
import { codeQualityReport } from '../formats/gitlab';
import { sarifLog } from '../formats/sarif';
import { locale, plural } from '../messages';
import { escapeWorkflowCommand } from '../escape';
import { choiceOption } from '../options';
import type { Cell, Row, Style } from '../output';
import { printJson, workspaceDocuments } from '../workspace';

type CheckFormat = 'text' | 'json' | 'github' | 'sarif' | 'gitlab';
const FORMATS: readonly CheckFormat[] = ['text', 'json', 'github', 'sarif', 'gitlab'];

/** `--fail-on`: the lowest severity that makes `check` exit 1 (`never`: exit 0 whatever it finds). */
type FailOn = 'error' | 'warning' | 'info' | 'never';
const FAILING: Record<FailOn, readonly FindingSeverity[]> = { error: ['error'], warning: ['error', 'warning'], info: ['error', 'warning', 'info'], never: [] };

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
  description: 'lint the workspace; exit 1 when any error-level finding exists (see --fail-on)',
  configure: (command) =>
    command
      .addOption(choiceOption('--format <format>', 'output format', FORMATS).default('text'))
      .addOption(choiceOption('--fail-on <severity>', 'lowest severity that makes the exit code 1', Object.keys(FAILING)).default('error')),
  run: async (context, _args, options) => {
    const format = options.format as CheckFormat;
    const failing = FAILING[options.failOn as FailOn];
    const scan = await workspaceDocuments(context);
    // The rules' messages in the user's language (LANG); the workspace rules (recurrence, post-mortems) after them.
    const language = locale(process.env);
    const findings = [
      ...scan.findings.map((finding) => localizedFinding(finding, language)),
      ...scan.documents.flatMap((doc) => checkDocument(doc, context.now, context.config, language)),
      ...checkWorkspace(scan.documents, context.now, context.config, language),
    ];
    findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.rule.localeCompare(b.rule));
    const errors = findings.filter((finding) => finding.severity === 'error').length;
    const documentCount = scan.documents.length + scan.findings.length;
    if (format === 'json') {
      printJson(context, findings.map(({ rule, severity, message: text, file, line, data }) => ({ rule, severity, message: text, file, line, ...(data ? { data } : {}) })));
    } else if (format === 'sarif') {
      printJson(context, sarifLog(findings, version));
    } else if (format === 'gitlab') {
      printJson(context, codeQualityReport(findings));
    } else if (format === 'github') {
      for (const finding of findings) context.out(githubAnnotation(finding));
    } else {
      context.table(findings.map(findingRow));
      const line = summary(findings, documentCount);
      context.out(context.paint(errors > 0 ? 'error' : findings.length > 0 ? 'warning' : 'ok', line));
    }
    return findings.some((finding) => failing.includes(finding.severity)) ? 1 : 0;
  },
};
