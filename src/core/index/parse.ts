/**
 * The index's document parser: the same `ParsedDocument` as `parseDocument` (src/core/parse/document.ts), built from
 * the fast tree of tree.ts when it can decide the document, and by `parseDocument` itself (remark) when it cannot.
 *
 * Everything after the tree is document.ts's own `documentFromTree`, so the two can only differ in the tree; the
 * equivalence test checks the trees' consequences on every corpus document.
 */
import type { Root } from 'mdast';
import type { RunbookConfig } from '../config';
import type { ParsedDocument } from '../model';
import { vocabularyOf, type ParseContext } from '../parse/context';
import { documentFromTree, type ParseOptions } from '../parse/document';
import { markdownToTree, normalizeLabel } from '../parse/mdast';
import { prepareSource } from '../parse/source';
import { fastTree } from './tree';

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
    return documentFromTree(source, markdownToTree(source.markdown), options);
  }
  if (stats) stats.fast += 1;
  return documentFromTree(source, tree, options);
}

/** The fast tree alone (null when remark must decide): exported for the equivalence test's diagnostics. */
export function fastTreeOf(text: string): Root | null {
  return fastTree(prepareSource(text).markdown);
}
