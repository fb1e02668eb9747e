/**
 * markdown → `ParsedDocument`: the one parser every listing, check and edit uses (`parseDocument`), and its oracle.
 *
 * `parseDocument` builds the mdast tree with the fast scanner of fast/tree.ts when it can decide the text exactly as
 * remark would, and with remark otherwise; everything after the tree is `documentFromTree`. Because listings and edits
 * both go through it, the item an edit changes is always the item a listing showed. `parseDocumentWithRemark` is the
 * oracle the equivalence test holds the fast path to.
 */
import { normalizeFolder, type RunbookConfig } from '../config';
import { bilingual, RunbookError, type Bilingual } from '../errors';
import type { DocumentKind, Finding, ParsedDocument, Runbook } from '../model';
import { contentFingerprint, excludedLines, isStale } from '../fingerprint';
import { documentLanguage } from '../language';
import { parseActionItems } from './actions';
import { createParseContext, vocabularyOf } from './context';
import { disablesOfTree } from './disables';
import { fastTree } from './fast/tree';
import { remarkRisk } from './limits';
import { parseHistorySection } from './history';
import { parseIncidentParts } from './incident';
import { markdownToTree, nodeText, normalizeLabel } from './mdast';
import { parseRunbookParts } from './runbook';
import type { Root } from 'mdast';
import { prepareSource, type PreparedSource } from './source';
import { parseHandoffParts } from './handoff';
import { readTextSections } from './text-sections';
import { SECTION_HEADINGS } from './vocabulary';

const KINDS: readonly DocumentKind[] = ['runbook', 'rca', 'postmortem', 'handoff', 'incident-runbook', 'story', 'other'];

export interface ParseOptions {
  /** Workspace-relative path with `/` separators; decides the kind by folder and is copied into items and findings. */
  file: string;
  config: RunbookConfig;
}

function isUnder(file: string, folder: string): boolean {
  const prefix = normalizeFolder(folder).toLowerCase();
  return prefix !== '' && file.toLowerCase().startsWith(prefix + '/');
}

function kindFromFolder(file: string, config: RunbookConfig): DocumentKind | null {
  const folders: Array<[string, DocumentKind]> = [
    [config.storiesFolder, 'story'],
    [config.runbooksFolder, 'runbook'],
    [config.incidentsFolder, 'rca'],
    [config.postmortemsFolder, 'postmortem'],
    [config.handoffsFolder, 'handoff'],
    [config.incidentRunbooksFolder, 'incident-runbook'],
  ];
  return folders.find(([folder]) => isUnder(file, folder))?.[1] ?? null;
}

function kindFromContent(title: string | null, file: string, hasChecklist: boolean): DocumentKind {
  const name = file.split('/').pop() ?? '';
  if (title && /post[- ]?mortem/i.test(title)) return 'postmortem';
  if ((title && /\bRCA\b|root cause analysis/i.test(title)) || /-rca\.md$/i.test(name)) return 'rca';
  if (hasChecklist) return 'runbook';
  if (title && /^runbook\s*:/i.test(title)) return 'incident-runbook';
  if (title && /hand-?off/i.test(title)) return 'handoff';
  return 'other';
}

/** `Post-mortem : Panne réseau` → `Panne réseau`: the incident's own title, without the document-type prefix. */
function incidentTitle(title: string | null): string | null {
  if (!title) return null;
  const stripped = title.replace(/^\s*(?:post[- ]?mortem|rca|incident)\s*[:—–-]\s*/i, '').trim();
  return stripped || title;
}

/** What the parser did with documents: how many trees came from the fast scanner and how many from remark. */
export interface ParseStats {
  fast: number;
  remark: number;
}

const sectionFilters = new WeakMap<RunbookConfig, (headingText: string) => boolean>();

/**
 * Whether the lists and tables under a heading can matter to an extractor: the configured action headings and the
 * parsers' own sections (vocabulary.ts). The fast scanner leaves other top-level lists out of its tree.
 */
function sectionMatters(config: RunbookConfig): (headingText: string) => boolean {
  let filter = sectionFilters.get(config);
  if (!filter) {
    const { actionHeadings } = vocabularyOf(config);
    filter = (headingText) => {
      const label = normalizeLabel(headingText);
      return actionHeadings.has(label) || SECTION_HEADINGS.some((heading) => heading.test(label));
    };
    sectionFilters.set(config, filter);
  }
  return filter;
}

/**
 * Parse one markdown document. Never throws on bad input: problems come back as `findings`. `stats`, when given,
 * counts which tree builder decided it.
 */
export function parseDocument(text: string, options: ParseOptions, stats?: ParseStats): ParsedDocument {
  const source = prepareSource(text);
  const tree = fastTree(source.markdown, sectionMatters(options.config));
  if (stats) stats[tree ? 'fast' : 'remark'] += 1;
  if (tree) return documentFromTree(source, tree, options);
  const risk = remarkRisk(source.markdown);
  if (risk) return tooComplexDocument(source, options, risk);
  return documentFromTree(source, markdownToTree(source.markdown), options);
}

/**
 * A document remark could not parse in bounded time (see limits.ts): its frontmatter and file name still say what it
 * is, its body is not read, and one `document-too-complex` finding says why.
 */
function tooComplexDocument(source: PreparedSource, options: ParseOptions, reason: Bilingual): ParsedDocument {
  const doc = documentFromTree(source, { type: 'root', children: [] }, options);
  doc.findings.push({ rule: 'document-too-complex', severity: 'warning', message: `not read: ${reason.en}`, french: `non lu : ${reason.fr}`, file: options.file, line: 1 });
  return doc;
}

/** Refuse to edit a document whose body was not read (`document-too-complex`): its items are unknown, not absent. */
export function assertBodyRead(doc: ParsedDocument): void {
  const skipped = doc.findings.find((finding) => finding.rule === 'document-too-complex');
  if (skipped) throw new RunbookError('document-too-complex', bilingual(`${doc.file}: ${skipped.message}`, `${doc.file} : ${skipped.french ?? skipped.message}`));
}

/** The same document parsed by remark alone: the oracle of the fast path (tests and the benchmark). */
export function parseDocumentWithRemark(text: string, options: ParseOptions): ParsedDocument {
  const source = prepareSource(text);
  return documentFromTree(source, markdownToTree(source.markdown), options);
}

/**
 * Build the document model from a prepared source and its mdast tree. Shared by `parseDocument` (remark's tree) and
 * the index, which may build an equivalent tree faster; everything after the tree is the same code.
 */
function documentFromTree(source: PreparedSource, tree: Root, options: ParseOptions): ParsedDocument {
  const { file, config } = options;
  const findings: Finding[] = [];
  const frontmatter = source.frontmatter?.data ?? {};
  if (source.frontmatter?.error) {
    findings.push({
      rule: 'frontmatter-malformed',
      severity: 'error',
      message: source.frontmatter.error.message,
      french: source.frontmatter.error.french,
      file,
      line: source.frontmatter.error.line,
    });
  }
  const context = createParseContext(source, tree, config);

  const headings = context.tree.children.filter((node) => node.type === 'heading');
  const titleHeading = headings.find((node) => node.depth === 1) ?? headings[0];
  const title = titleHeading ? nodeText(titleHeading).trim() : typeof frontmatter.title === 'string' ? frontmatter.title : null;
  const titleLine = titleHeading?.position?.start.line ?? 1;

  const actions = parseActionItems(context, file, findings);
  const runbookParts = parseRunbookParts(context, source.frontmatter, file, findings);
  const headingLabels = headings.map((node) => normalizeLabel(nodeText(node)));
  const history = parseHistorySection(context, headings, headingLabels);
  const declared = typeof frontmatter.kind === 'string' && KINDS.includes(frontmatter.kind as DocumentKind) ? (frontmatter.kind as DocumentKind) : null;
  const kind =
    declared ?? kindFromFolder(file, config) ?? kindFromContent(title, file, runbookParts.compliance.length > 0);

  // Compliance findings only mean something in a runbook.
  const keptFindings = kind === 'runbook' ? findings : findings.filter((finding) => finding.rule !== 'compliance-unknown-role');
  const textSections = readTextSections(source.markdown, file, context.actionHeadings);
  const incident =
    kind === 'rca' || kind === 'postmortem'
      ? {
          ...parseIncidentParts(context, kind, { title: incidentTitle(title), titleLine, frontmatter, frontmatterBlock: source.frontmatter, file, actions }),
          unfilledSections: textSections.unfilled,
        }
      : null;
  const runbookLink = typeof frontmatter.runbook === 'string' ? frontmatter.runbook.replace(/\\/g, '/').replace(/^\.?\//, '') : null;
  const links = runbookLink && !textSections.links.includes(runbookLink) ? [runbookLink, ...textSections.links] : textSections.links;

  const declaredLanguage = frontmatter.lang ?? frontmatter.language;
  const language = documentLanguage({
    declared: typeof declaredLanguage === 'string' ? declaredLanguage : null,
    statusWord: runbookParts.status?.written ?? null,
    statusKey: runbookParts.status?.key ?? null,
    headingLabels,
  });

  return {
    file,
    kind,
    title,
    titleLine,
    frontmatter,
    runbook: kind === 'runbook' ? withFingerprint(source.text, runbookParts, history) : null,
    incident,
    actions: kind === 'story' ? [] : actions,
    findings: keptFindings,
    disables: disablesOfTree(tree),
    language,
    history,
    links,
    handoff:
      kind === 'handoff'
        ? parseHandoffParts(context, { title, titleLine, frontmatter, frontmatterBlock: source.frontmatter, file, decision: textSections.decision, bomLength: source.bomLength })
        : null,
  };
}

/** The runbook with its content fingerprint, and each approval marked stale when it recorded another one. */
function withFingerprint(text: string, parts: Omit<Runbook, 'fingerprint'>, history: ParsedDocument['history']): Runbook {
  const fingerprint = contentFingerprint(text, excludedLines(parts, history));
  const compliance = parts.compliance.map((item) => ({ ...item, stale: item.checked && isStale(item.approval?.fingerprint, fingerprint) }));
  return { ...parts, compliance, fingerprint };
}
