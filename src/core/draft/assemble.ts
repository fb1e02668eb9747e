/**
 * The panel's answers put into the rendered template: each section's placeholder comments give way to the drafted
 * text, sections the template lacks are added at the end, a note goes under the title and `drafted-with` /
 * `drafted-on` into the frontmatter. Then the draft is parsed again and compared with the template: the status, the
 * compliance checklist, its approval records and the template's headings must be exactly the template's.
 */
import type { RunbookConfig } from '../config';
import { applyEdits } from '../edits';
import { bilingual, RunbookError, type Bilingual } from '../errors';
import type { TextEdit } from '../model';
import { parseDocument } from '../parse/document';
import { markdownToTree, nodeText, normalizeLabel } from '../parse/mdast';
import { prepareSource } from '../parse/source';
import { COMPLIANCE_HEADING } from '../parse/vocabulary';
import { yamlScalar } from '../templates/render';

/** A heading section of the rendered template (depth 2 or deeper). */
export interface TemplateSection {
  /** The heading's text as written (inline markdown flattened). */
  heading: string;
  /** `normalizeLabel` of it. */
  label: string;
  depth: number;
  /** Offset just after the heading. */
  contentStart: number;
  /** Offset of the next heading (of any level: a sub-section is its own section), or the end of the text. */
  end: number;
  /** Top-level HTML comments inside the section (the template's placeholders). */
  comments: Array<{ start: number; end: number }>;
  /** Whether this is the compliance checklist, which is never drafted into. */
  checklist: boolean;
}

/** Where things go in the rendered template. */
export interface TemplateLayout {
  sections: TemplateSection[];
  /** Offset just after the title heading, or after the frontmatter when there is no title. */
  noteAt: number;
  /** Offset of the frontmatter's closing line, or null when the template has no frontmatter. */
  frontmatterCloseAt: number | null;
}

/** Find the sections, the title and the frontmatter of a rendered template. */
export function templateLayout(text: string): TemplateLayout {
  const source = prepareSource(text);
  const tree = markdownToTree(source.markdown);
  const shift = source.bomLength;
  const headings = tree.children.filter((node) => node.type === 'heading' && node.position);
  const sections: TemplateSection[] = [];
  headings.forEach((heading, index) => {
    if (heading.type !== 'heading' || heading.depth < 2) return;
    const next = headings[index + 1];
    const start = heading.position!.end.offset! + shift;
    const end = next ? next.position!.start.offset! + shift : text.length;
    const comments = tree.children
      .filter((node) => node.type === 'html' && /^\s*<!--/.test(node.value) && node.position!.start.offset! + shift >= start && node.position!.end.offset! + shift <= end)
      .map((node) => ({ start: node.position!.start.offset! + shift, end: node.position!.end.offset! + shift }));
    const label = normalizeLabel(nodeText(heading));
    sections.push({ heading: nodeText(heading).trim(), label, depth: heading.depth, contentStart: start, end, comments, checklist: COMPLIANCE_HEADING.test(label) });
  });
  const title = headings.find((node) => node.type === 'heading' && node.depth === 1);
  const frontmatter = source.frontmatter && source.frontmatter.end > source.frontmatter.start ? source.frontmatter : null;
  const afterFrontmatter = frontmatter ? text.indexOf('\n', frontmatter.end) + 1 || text.length : shift;
  return {
    sections,
    noteAt: title ? title.position!.end.offset! + shift : afterFrontmatter,
    frontmatterCloseAt: frontmatter ? text.lastIndexOf('\n', frontmatter.end - 1) + 1 : null,
  };
}

/** What goes into the template. */
export interface Assembly {
  /** Drafted text per template section (index into `layout.sections`). */
  filled: Map<number, string[]>;
  /** Sections the template lacks, added at the end in this order. */
  appended: Array<{ heading: string; text: string }>;
  /** The note under the title (markdown, without a trailing newline). */
  note: string;
  /** `drafted-with` and `drafted-on` values. */
  draftedWith: string;
  draftedOn: string;
}

/** The section's own template text without its placeholder comments, blank lines tidied. */
function templateBody(text: string, section: TemplateSection): string {
  const withoutComments = applyEdits(
    text.slice(section.contentStart, section.end),
    section.comments.map((comment) => ({ start: comment.start - section.contentStart, end: comment.end - section.contentStart, newText: '' })),
  );
  return withoutComments.replace(/\n{3,}/g, '\n\n').trim();
}

/** The rendered template with the assembly put in. */
export function assembleDraft(text: string, layout: TemplateLayout, assembly: Assembly): string {
  const edits: TextEdit[] = [];
  if (layout.frontmatterCloseAt !== null) {
    edits.push({ start: layout.frontmatterCloseAt, end: layout.frontmatterCloseAt, newText: `drafted-with: ${yamlScalar(assembly.draftedWith)}\ndrafted-on: ${assembly.draftedOn}\n` });
  }
  edits.push({ start: layout.noteAt, end: layout.noteAt, newText: layout.noteAt === 0 ? `${assembly.note}\n\n` : `\n\n${assembly.note}` });
  for (const [index, drafted] of assembly.filled) {
    const section = layout.sections[index];
    const body = [templateBody(text, section), ...drafted].filter((part) => part !== '').join('\n\n');
    const atEnd = section.end === text.length;
    edits.push({ start: section.contentStart, end: section.end, newText: body === '' ? (atEnd ? '\n' : '\n\n') : `\n\n${body}\n${atEnd ? '' : '\n'}` });
  }
  let result = applyEdits(text, edits);
  if (layout.frontmatterCloseAt === null) {
    result = `---\ndrafted-with: ${yamlScalar(assembly.draftedWith)}\ndrafted-on: ${assembly.draftedOn}\n---\n${result}`;
  }
  for (const section of assembly.appended) {
    result = `${result.trimEnd()}\n\n## ${section.heading}\n\n${section.text}\n`;
  }
  return result.endsWith('\n') ? result : `${result}\n`;
}

interface Structure {
  title: string | null;
  status: string | null;
  checklist: string[];
  headings: string[];
}

function structureOf(text: string, file: string, config: RunbookConfig): Structure {
  const doc = parseDocument(text, { file, config });
  const source = prepareSource(text);
  const headings = markdownToTree(source.markdown)
    .children.filter((node) => node.type === 'heading')
    .map((node) => normalizeLabel(nodeText(node)));
  return {
    title: doc.title,
    status: doc.runbook?.status ? `${doc.runbook.status.value}|${doc.runbook.status.acceptance ? 'accepted' : ''}` : null,
    checklist: (doc.runbook?.compliance ?? []).map((item) => `${item.role}|${item.checked}|${item.approval ? `${item.approval.by}@${item.approval.at}` : ''}`),
    headings,
  };
}

/** Whether `inner` appears in `outer` in order (other items may sit between). */
function isSubsequence(inner: readonly string[], outer: readonly string[]): boolean {
  let at = 0;
  for (const item of outer) if (at < inner.length && item === inner[at]) at += 1;
  return at === inner.length;
}

/**
 * Throws `draft-invalid` unless the draft has the template's title, status, compliance checklist (roles, boxes,
 * records) and headings. The sanitiser should make this impossible; this is the proof, before anything is written.
 */
export function checkDraftStructure(template: string, draft: string, file: string, config: RunbookConfig): void {
  const before = structureOf(template, file, config);
  const after = structureOf(draft, file, config);
  const found: Bilingual[] = [];
  if (before.title !== after.title) found.push(bilingual(`the title became ${JSON.stringify(after.title)}`, `le titre est devenu ${JSON.stringify(after.title)}`));
  if (before.status !== after.status) found.push(bilingual(`the status became ${JSON.stringify(after.status)}`, `le statut est devenu ${JSON.stringify(after.status)}`));
  if (before.checklist.join('\n') !== after.checklist.join('\n')) {
    const checklist = after.checklist.join(', ');
    found.push(bilingual(`the compliance checklist became [${checklist}]`, `la liste de conformité est devenue [${checklist}]`));
  }
  if (!isSubsequence(before.headings, after.headings)) found.push(bilingual('a template heading was lost', 'un titre du modèle a été perdu'));
  if (found.length > 0) {
    const problems = found.map((problem) => problem.en);
    throw new RunbookError(
      'draft-invalid',
      bilingual(
        `the draft would change the runbook's structure (${problems.join('; ')}); nothing was written`,
        `le brouillon changerait la structure du runbook (${found.map((problem) => problem.fr).join(' ; ')}) ; rien n'a été écrit`,
      ),
      'domain',
      { problems },
    );
  }
}
