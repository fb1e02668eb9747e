/**
 * `runbook report`: the daily briefing (seed 000 §6, seed 003 step 5) as markdown or JSON, on stdout or into a file
 * (`--out`), from the same core function as the extension's "Show Report".
 */
import { Option } from 'commander';
import { relative } from 'node:path';
import { buildBriefing, briefingToMarkdown, relativeHref, REPORT_MARKER, type Briefing } from '../../core/briefing';
import { toWorkspacePath } from '../../node/files';
import { writeReportFile } from '../../node/report-file';
import type { CliCommand } from '../command';
import { locale, message } from '../messages';
import { workspaceDocuments } from '../workspace';

/** The date an existing report was generated at, or null when `text` is not a report (markdown or JSON) of this tool. */
export function reportGeneratedAt(text: string): string | null {
  const body = text.replace(/^\uFEFF/, '');
  if (body.startsWith(REPORT_MARKER)) return /^<!-- runbook-kit report (\d{4}-\d{2}-\d{2}T\d{2}:\d{2})/.exec(body)?.[1] ?? '?';
  try {
    const value = JSON.parse(body) as Partial<Briefing> | null;
    if (value && typeof value === 'object' && typeof value.generatedAt === 'string' && Array.isArray(value.openIncidents) && Array.isArray(value.escalations)) {
      return value.generatedAt;
    }
  } catch {
    // not JSON: not a report
  }
  return null;
}

export const report: CliCommand = {
  usage: 'report',
  description: 'the daily report: open incidents, overdue actions, runbooks waiting for approval, escalations, what changed',
  configure: (command) =>
    command
      .addOption(new Option('--format <format>', 'output format').choices(['markdown', 'json']).default('markdown'))
      .option('--out <file>', 'write the report to this file (inside the workspace; replaces only an earlier report)')
      .option('--since <YYYY-MM-DD>', 'first day of the "since" section (default: yesterday)'),
  run: async (context, _args, options) => {
    const out = typeof options.out === 'string' ? toWorkspacePath(context.root, context.base, options.out) : null;
    const { documents } = await workspaceDocuments(context);
    const briefing = buildBriefing(documents, context.config, context.now, typeof options.since === 'string' ? { since: options.since } : {});
    let text: string;
    if (options.format === 'json') text = JSON.stringify(briefing, null, 2) + '\n';
    else {
      // Links are relative to where the report is read: the --out file's folder, or the current folder for stdout.
      const folder = out !== null ? out.split('/').slice(0, -1).join('/') : relative(context.root, context.base).split(/[\\/]/).filter(Boolean).join('/');
      text = briefingToMarkdown(briefing, (file, line) => relativeHref(folder, file, line), locale(process.env));
    }
    if (out === null) {
      // Through the CLI's output like every command (the in-process tests capture it), without a second newline.
      context.out(text.replace(/\n$/, ''));
      return;
    }
    const written = await writeReportFile(context.host.files, out, text, reportGeneratedAt);
    if (written.outcome === 'created') context.out(message('reportWritten', out));
    else if (written.outcome === 'replaced') context.out(message('reportReplaced', out, written.previous));
    else context.out(message('reportUnchanged', out));
  },
};
