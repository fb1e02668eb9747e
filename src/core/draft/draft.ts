/**
 * A runbook drafted by the AI Governance Panel (seed 004), on top of the one creation flow: `planDocument` renders the
 * runbook template for the story; each panel role is asked for its part through the model the front end passes in;
 * the answers are cleaned (no status, checklist or approval from a model), split into the template's sections and put
 * in; the result is checked against the template's structure. Nothing is written here: the front end writes the
 * returned plan with `createDocument`, exactly as for a plain "new runbook".
 */
import type { RunbookConfig } from '../config';
import { isoDate } from '../dates';
import { bilingual, RunbookError, isRunbookError } from '../errors';
import { planDocument, type PlannedDocument } from '../generate/plan';
import type { EngineHost } from '../host';
import { normalizeLabel } from '../parse/mdast';
import { singleLine } from '../templates/render';
import type { TemplateSet } from '../templates/discover';
import { assembleDraft, checkDraftStructure, templateLayout, type TemplateLayout } from './assemble';
import { readGovernance, type LeftOutFile } from './governance';
import { draftNote } from './note';
import { PANEL, type PanelRole, type PanelSection } from './panel';
import { buildPrompt, type AskedSection } from './prompts';
import { sanitizeAnswer, type Removals } from './sanitize';
import { splitAnswer, type AnswerTarget } from './sections';

/**
 * A language model as the core sees it: a prompt in, the answer's text out. The signal aborts the request (the user
 * cancelled); the model rejects or resolves soon after. The core has no network code: the CLI runs a command, the
 * extension asks VS Code's language-model API.
 */
export type DraftModel = (prompt: string, signal: AbortSignal) => Promise<string>;

/**
 * The longest answer accepted from a model, in UTF-16 units (about 16,000 tokens): far more than any section needs,
 * and a bound on the markdown parsing each answer goes through. A front end stops reading past it.
 */
export const MAX_ANSWER_LENGTH = 64 * 1024;

/** Reported before each role is asked. */
export interface DraftProgress {
  role: string;
  /** 1-based. */
  index: number;
  total: number;
}

/** How to draft. */
export interface DraftOptions {
  model: DraftModel;
  /** Recorded in the frontmatter as `drafted-with`: the command or the model's name. */
  modelName: string;
  /** Aborting it stops the draft with `cancelled`; nothing has been written. */
  signal?: AbortSignal;
  onProgress?: (progress: DraftProgress) => void;
}

/** What to draft: the story, and template fields (`title`, `goal`) when given. */
export interface DraftRequest {
  storyId: string;
  fields?: Record<string, string>;
  /** The runbook template to draft into (default `runbook`); it must be of kind `runbook`. */
  template?: string;
}

/** What happened while drafting, for the front end's messages (the draft's note says the same). */
export interface DraftReport {
  /** Lines removed from each role's answer, for the roles where something was. */
  removals: Array<{ role: string; removed: Removals }>;
  /** Governance files given to the panel. */
  governanceFiles: string[];
  leftOut: LeftOutFile[];
  /** Roles whose answer had nothing left once cleaned. */
  emptyRoles: string[];
}

/** A planned runbook whose sections the panel drafted. */
export interface DraftedDocument extends PlannedDocument {
  draft: DraftReport;
}

/** Where one role's answer goes: template sections (by index), or one section added at the end. */
interface RoleLayout {
  member: PanelRole;
  asked: AskedSection[];
  targets: AnswerTarget[];
  /** Per asked section: the template section's index, or -1 for a section added at the end. */
  placement: number[];
}

function matcher(section: PanelSection, heading: string): (label: string) => boolean {
  const own = normalizeLabel(heading);
  return (label) => label === own || section.heading.test(label);
}

/** Which template sections each role writes: the first unclaimed match of each of its sections, else its fallback. */
function roleLayouts(layout: TemplateLayout): RoleLayout[] {
  const claimed = new Set<number>();
  return PANEL.map((member) => {
    const result: RoleLayout = { member, asked: [], targets: [], placement: [] };
    for (const section of member.sections) {
      const index = layout.sections.findIndex((candidate, at) => !claimed.has(at) && !candidate.checklist && section.heading.test(candidate.label));
      if (index === -1) continue;
      claimed.add(index);
      const heading = layout.sections[index].heading;
      result.asked.push({ heading, section });
      result.targets.push({ matches: matcher(section, heading), depth: layout.sections[index].depth });
      result.placement.push(index);
    }
    if (result.asked.length === 0) {
      result.asked.push({ heading: member.fallback.title, section: member.fallback });
      result.targets.push({ matches: matcher(member.fallback, member.fallback.title), depth: 2 });
      result.placement.push(-1);
    }
    return result;
  });
}

function cancelled(): RunbookError {
  return new RunbookError('cancelled', bilingual('the draft was cancelled; nothing was written', "le brouillon a été annulé ; rien n'a été écrit"), 'domain');
}

/** Ask the model for one role's part; failures and empty answers become `model-failed` naming the role. */
async function ask(options: DraftOptions, signal: AbortSignal, prompt: string, role: string): Promise<string> {
  if (signal.aborted) throw cancelled();
  let answer: string;
  try {
    answer = await options.model(prompt, signal);
  } catch (error) {
    if (signal.aborted) throw cancelled();
    if (isRunbookError(error) && (error.code === 'cancelled' || error.code === 'no-model')) throw error;
    const reason = isRunbookError(error) ? error.text : error instanceof Error ? bilingual(error.message, error.message) : bilingual(String(error), String(error));
    throw new RunbookError(
      'model-failed',
      bilingual(`the model failed for @${role}: ${reason.en}; nothing was written`, `le modèle a échoué pour @${role} : ${reason.fr} ; rien n'a été écrit`),
      'domain',
      { role },
    );
  }
  if (signal.aborted) throw cancelled();
  if (typeof answer !== 'string' || answer.trim() === '') {
    throw new RunbookError(
      'model-failed',
      bilingual(`the model gave an empty answer for @${role}; nothing was written`, `le modèle a donné une réponse vide pour @${role} ; rien n'a été écrit`),
      'domain',
      { role },
    );
  }
  if (answer.length > MAX_ANSWER_LENGTH) {
    const limit = MAX_ANSWER_LENGTH / 1024;
    throw new RunbookError(
      'model-failed',
      bilingual(`the model's answer for @${role} is over ${limit} KB; nothing was written`, `la réponse du modèle pour @${role} dépasse ${limit} Ko ; rien n'a été écrit`),
      'domain',
      { role },
    );
  }
  return answer;
}

/**
 * Draft the runbook for `request.storyId` with the panel. Throws what `planDocument` throws, `file-exists` before asking
 * anything when the runbook is already there, `cancelled` when the signal
 * aborts, `model-failed` when the model fails, answers nothing or over `MAX_ANSWER_LENGTH` for a role, `draft-invalid` if the result would not
 * have the template's structure. Writes nothing.
 */
export async function planDraft(
  host: EngineHost,
  config: RunbookConfig,
  templates: TemplateSet,
  request: DraftRequest,
  options: DraftOptions,
): Promise<DraftedDocument> {
  const signal = options.signal ?? new AbortController().signal;
  if (signal.aborted) throw cancelled();
  const template = request.template ?? 'runbook';
  const planned = await planDocument(host, config, templates, { template, fields: request.fields ?? {}, storyId: request.storyId });
  if (planned.template.kind !== 'runbook' || !planned.story) {
    throw new RunbookError(
      'invalid-field',
      bilingual(
        `template "${template}" is not a runbook template; only runbooks are drafted`,
        `le modèle « ${template} » n'est pas un modèle de runbook ; seuls les runbooks se rédigent en brouillon`,
      ),
      'usage',
      { template },
    );
  }
  const story = planned.story;
  // Asking six roles takes minutes: say now, not after, that the runbook exists (createDocument still refuses a race).
  if (await host.files.stat(planned.path)) {
    throw new RunbookError('file-exists', bilingual(`${planned.path} already exists; nothing was written`, `${planned.path} existe déjà ; rien n'a été écrit`), 'domain', { path: planned.path });
  }
  const governance = await readGovernance(host, config);
  const layout = templateLayout(planned.text);
  const title = singleLine(request.fields?.title ?? story.title);
  const filled = new Map<number, string[]>();
  const appended: Array<{ heading: string; text: string }> = [];
  const report: DraftReport = { removals: [], governanceFiles: governance.files.map((file) => file.path), leftOut: governance.leftOut, emptyRoles: [] };
  let architect: string | null = null;
  const layouts = roleLayouts(layout);
  for (const [position, role] of layouts.entries()) {
    options.onProgress?.({ role: role.member.role, index: position + 1, total: layouts.length });
    const prompt = buildPrompt({ member: role.member, sections: role.asked, story, title, governance, architect });
    const clean = sanitizeAnswer(await ask(options, signal, prompt, role.member.role));
    if (Object.values(clean.removed).some((count) => count > 0)) report.removals.push({ role: role.member.role, removed: clean.removed });
    if (clean.text === '') report.emptyRoles.push(role.member.role);
    if (role.member.role === 'Architect' && clean.text !== '') architect = clean.text;
    splitAnswer(clean.text, role.targets).forEach((part, index) => {
      // Which role wrote what, for whoever reviews the source; it also keeps a drafted list apart from the template's.
      const text = part === '' ? '' : `<!-- drafted by @${role.member.role} -->\n${part}`;
      const at = role.placement[index];
      if (at === -1) {
        if (text !== '') appended.push({ heading: role.asked[index].heading, text });
        return;
      }
      // A section is rebuilt (its placeholder comments dropped) only when something was drafted for it.
      if (text !== '') filled.set(at, [...(filled.get(at) ?? []), text]);
    });
  }
  if (signal.aborted) throw cancelled();
  const draftedOn = isoDate(host.clock.now());
  const note = draftNote({ modelName: options.modelName, draftedOn, storyId: story.id, report, budget: governance.budget, roles: layouts.map((role) => role.member.role) });
  const text = assembleDraft(planned.text, layout, { filled, appended, note, draftedWith: options.modelName, draftedOn });
  checkDraftStructure(planned.text, text, planned.path, config);
  return { ...planned, text, draft: report };
}
