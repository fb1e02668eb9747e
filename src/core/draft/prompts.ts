/**
 * The prompt each panel role receives: who it is on the panel, the sections it writes (by the headings the template
 * uses), what it must not write (status, checklist, approvals: people do that), the story, the governance files with
 * what was left out named, and — for the roles after the Architect — the Architect's proposed changes.
 */
import type { ParsedStory } from '../parse/story';
import { describeLeftOut, type Governance } from './governance';
import type { PanelRole, PanelSection } from './panel';

/** At most this much of the story goes into a prompt (the rest is cut, and the prompt says so). */
export const STORY_PROMPT_LIMIT = 32 * 1024;
/** At most this much of the Architect's answer is shown to the other roles. */
export const ARCHITECT_EXCERPT_LIMIT = 16 * 1024;

/** A section as the role is asked for it: the template's own heading text when it has one. */
export interface AskedSection {
  heading: string;
  section: PanelSection;
}

/** What a prompt is built from. */
export interface PromptInput {
  member: PanelRole;
  sections: readonly AskedSection[];
  story: ParsedStory;
  /** The runbook's title as rendered. */
  title: string;
  governance: Governance;
  /** The Architect's answer, for the roles asked after it; null for the Architect itself. */
  architect: string | null;
}

/** `text` cut to at most `limit` UTF-16 units on a line boundary, with a note saying how much was cut. */
function bounded(text: string, limit: number, what: string): string {
  if (text.length <= limit) return text;
  const cut = text.lastIndexOf('\n', limit);
  const kept = text.slice(0, cut > limit / 2 ? cut : limit);
  return `${kept}\n[… ${what} cut here: ${Math.ceil(text.length / 1024)} KB in all, the first ${Math.ceil(kept.length / 1024)} KB shown]`;
}

function governanceBlock(governance: Governance): string {
  const lines: string[] = [];
  if (governance.files.length === 0) {
    lines.push('(The workspace has no governance files: say which rules you would expect, and mark them as assumptions.)');
  }
  for (const file of governance.files) lines.push(`----- ${file.path} -----`, file.text.trim(), '');
  if (governance.leftOut.length > 0) {
    lines.push(`Left out (not shown to you, over the ${Math.round(governance.budget / 1024)} KB limit or unreadable): ${describeLeftOut(governance.leftOut)}.`);
  }
  return lines.join('\n').trim();
}

/** The prompt for one panel role. */
export function buildPrompt(input: PromptInput): string {
  const { member, sections, story } = input;
  const headings = sections.map(({ heading, section }) => `## ${heading}\n${section.ask}`).join('\n\n');
  const parts = [
    `You are @${member.role} on the AI Governance Panel that drafts an implementation runbook for story ${story.id} ("${input.title}"): ${member.focus}.`,
    'Other roles write the other sections; write only yours.',
    '',
    'Write your part in markdown, under exactly these level-2 headings:',
    '',
    headings,
    '',
    'Rules:',
    '- Markdown only, in the language of the story. Start with the first heading above; no title, no preamble, no closing remarks.',
    '- Do not write a status line, a compliance checklist, checkboxes for roles, or any approval or sign-off: people review, approve and accept the runbook. Such lines are removed from your answer.',
    '- Ground every point in the story and the governance files below, and name the file a rule comes from. Mark anything you assume as an assumption; never invent file paths you have no reason to expect.',
    '- Be specific enough for a qualified engineer to act without asking.',
    '',
    `===== Story ${story.id} (${story.file}) =====`,
    bounded(story.body.trim(), STORY_PROMPT_LIMIT, 'the story'),
    '',
    '===== Governance files (rules, ADRs, compliance) =====',
    governanceBlock(input.governance),
  ];
  if (input.architect) {
    parts.push('', '===== The @Architect\'s proposed changes (for reference: do not repeat them) =====', bounded(input.architect, ARCHITECT_EXCERPT_LIMIT, 'the answer'));
  }
  parts.push('', `Now write @${member.role}'s part, starting with "## ${sections[0].heading}".`);
  return `${parts.join('\n')}\n`;
}
