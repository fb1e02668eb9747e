/**
 * The note a drafted runbook carries under its title: that a language model drafted it and every section needs review,
 * with what was removed from the model's answers and which governance files the panel did not see.
 */
import { describeLeftOut } from './governance';
import type { DraftReport } from './draft';
import type { RemovalKind, Removals } from './sanitize';

/** The sentence every drafted runbook starts with (tests and the README quote it). */
export const DRAFT_NOTICE = 'Drafted by a language model — review every section.';

const KIND_NAMES: Record<RemovalKind, [one: string, many: string]> = {
  status: ['status line', 'status lines'],
  compliance: ['compliance checkbox', 'compliance checkboxes'],
  approval: ['approval record', 'approval records'],
  frontmatter: ['frontmatter block', 'frontmatter blocks'],
};

/** `1 status line, 2 approval records`. */
export function describeRemovals(removed: Removals): string {
  return (Object.keys(KIND_NAMES) as RemovalKind[])
    .filter((kind) => removed[kind] > 0)
    .map((kind) => `${removed[kind]} ${KIND_NAMES[kind][removed[kind] === 1 ? 0 : 1]}`)
    .join(', ');
}

/** Inline code that shows `text` as is, whatever backticks it holds. */
function codeSpan(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((run) => run.length)) + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${text.replace(/\s+/g, ' ')}${pad}${fence}`;
}

/** What the note is made from. */
export interface NoteInput {
  modelName: string;
  draftedOn: string;
  storyId: string;
  report: DraftReport;
  /** The governance budget in bytes. */
  budget: number;
  roles: readonly string[];
}

/** The note as a markdown block quote (no trailing newline). */
export function draftNote(input: NoteInput): string {
  const { report } = input;
  const files = report.governanceFiles.length;
  const lines = [
    `> **${DRAFT_NOTICE}** Drafted on ${input.draftedOn} with ${codeSpan(input.modelName)} by the AI Governance Panel ` +
      `(${input.roles.map((role) => `@${role}`).join(', ')}) from story ${input.storyId} and ${files} governance file${files === 1 ? '' : 's'}. ` +
      'The status, the compliance checklist and the approvals come from the template and the reviewers, never from the model.',
  ];
  const details: string[] = [];
  for (const { role, removed } of report.removals) {
    details.push(`Removed from @${role}'s answer: ${describeRemovals(removed)} (only people approve and accept a runbook).`);
  }
  if (report.leftOut.length > 0) {
    details.push(`Governance files the panel did not see (over the ${Math.round(input.budget / 1024)} KB limit, governanceMaxKB, or unreadable): ${describeLeftOut(report.leftOut)}.`);
  }
  if (report.emptyRoles.length > 0) {
    details.push(`Nothing usable came back from ${report.emptyRoles.map((role) => `@${role}`).join(', ')}: their sections are as the template left them.`);
  }
  if (details.length > 0) lines.push('>', ...details.map((detail) => `> - ${detail}`));
  return lines.join('\n');
}
