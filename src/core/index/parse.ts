/**
 * The index's document parser: the same `ParsedDocument` as `parseDocument` (src/core/parse/document.ts), built from
 * the fast tree of tree.ts when it can decide the document, and by `parseDocument` itself (remark) when it cannot.
 *
 * The steps after the tree are document.ts's own, repeated here because document.ts builds its tree inside
 * `parseDocument`; the extractors (actions, runbook, incident parts) are imported, not copied. The equivalence test
 * catches any drift between the two.
 */
import type { Root } from 'mdast';
import type { RunbookConfig } from '../config';
import type { DocumentKind, Finding, ParsedDocument } from '../model';
import { parseActionItems } from '../parse/actions';
import { vocabularyOf, type ParseContext } from '../parse/context';
import { parseDocument, type ParseOptions } from '../parse/document';
import { parseIncidentParts } from '../parse/incident';
import { nodeText, normalizeLabel } from '../parse/mdast';
import { parseRunbookParts } from '../parse/runbook';
import { prepareSource } from '../parse/source';
import { fastTree } from './tree';

const KINDS: readonly DocumentKind[] = ['runbook', 'rca', 'postmortem', 'handoff', 'incident-runbook', 'story', 'other'];

function isUnder(file: string, folder: string): boolean {
  const prefix = folder.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '').toLowerCase();
  return prefix !== '' && prefix !== '.' && file.toLowerCase().startsWith(prefix + '/');
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

function incidentTitle(title: string | null): string | null {
  if (!title) return null;
  const stripped = title.replace(/^\s*(?:post[- ]?mortem|rca|incident)\s*[:—–-]\s*/i, '').trim();
  return stripped || title;
}

/**
 * Words of the section headings whose lists the extractors read besides the configured action headings: compliance
 * (runbook.ts `COMPLIANCE_HEADING`), timeline and impact (incident.ts). Unanchored, so a superset of those patterns; a
 * new section-based extractor must add its words here (the equivalence test fails otherwise).
 */
const SECTION_WORDS = /compliance|conformite|timeline|chronologie|deroule|impact/;

interface Vocabulary extends Pick<ParseContext, 'actionHeadings' | 'roles'> {
  sectionMatters: (headingText: string) => boolean;
}

const vocabularies = new WeakMap<RunbookConfig, Vocabulary>();

function vocabulary(config: RunbookConfig): Vocabulary {
  let found = vocabularies.get(config);
  if (!found) {
    const words = vocabularyOf(config);
    found = {
      ...words,
      sectionMatters: (headingText) => {
        const label = normalizeLabel(headingText);
        return words.actionHeadings.has(label) || SECTION_WORDS.test(label);
      },
    };
    vocabularies.set(config, found);
  }
  return found;
}

/** `parseDocument`'s steps over a tree already built. */
function documentFromTree(text: string, source: ReturnType<typeof prepareSource>, tree: Root, options: ParseOptions): ParsedDocument {
  const { file, config } = options;
  const findings: Finding[] = [];
  const frontmatter = source.frontmatter?.data ?? {};
  if (source.frontmatter?.error) {
    findings.push({
      rule: 'frontmatter-malformed',
      severity: 'error',
      message: source.frontmatter.error.message,
      file,
      line: source.frontmatter.error.line,
    });
  }
  const { actionHeadings, roles } = vocabulary(config);
  const context: ParseContext = { text, bomLength: source.bomLength, tree, actionHeadings, roles };
  const headings = tree.children.filter((node) => node.type === 'heading');
  const titleHeading = headings.find((node) => node.depth === 1) ?? headings[0];
  const title = titleHeading ? nodeText(titleHeading).trim() : typeof frontmatter.title === 'string' ? frontmatter.title : null;
  const titleLine = titleHeading?.position?.start.line ?? 1;

  const actions = parseActionItems(context, file, findings);
  const runbookParts = parseRunbookParts(context, source.frontmatter, file, findings);
  const declared = typeof frontmatter.kind === 'string' && KINDS.includes(frontmatter.kind as DocumentKind) ? (frontmatter.kind as DocumentKind) : null;
  const kind =
    declared ?? kindFromFolder(file, config) ?? kindFromContent(title, file, (runbookParts?.compliance.length ?? 0) > 0);
  const keptFindings = kind === 'runbook' ? findings : findings.filter((finding) => finding.rule !== 'compliance-unknown-role');
  const incident =
    kind === 'rca' || kind === 'postmortem'
      ? parseIncidentParts(context, kind, { title: incidentTitle(title), titleLine, frontmatter, file, actions })
      : null;
  return {
    file,
    kind,
    title,
    titleLine,
    frontmatter,
    runbook: kind === 'runbook' ? (runbookParts ?? { status: null, compliance: [], complianceHeadingLine: null }) : null,
    incident,
    actions: kind === 'story' ? [] : actions,
    findings: keptFindings,
  };
}

/** What the fast parser did with a document, for the benchmark and tests. */
export interface FastParseStats {
  fast: number;
  remark: number;
}

/**
 * Parse one document for the index: the fast tree when it can decide the text, remark otherwise. Same result as
 * `parseDocument(text, options)` either way.
 */
export function parseForIndex(text: string, options: ParseOptions, stats?: FastParseStats): ParsedDocument {
  const source = prepareSource(text);
  const tree = fastTree(source.markdown, vocabulary(options.config).sectionMatters);
  if (!tree) {
    if (stats) stats.remark += 1;
    return parseDocument(text, options);
  }
  if (stats) stats.fast += 1;
  return documentFromTree(text, source, tree, options);
}

/** The fast tree alone (null when remark must decide): exported for the equivalence test's diagnostics. */
export function fastTreeOf(text: string): Root | null {
  return fastTree(prepareSource(text).markdown);
}
