/** What every parser module of one document shares: the text as read, its tree, and the configured vocabulary. */
import type { Root } from 'mdast';
import type { RunbookConfig } from '../config';
import { blocksWithHeadings, normalizeLabel, paragraphLines, type ParagraphLine, type SectionedBlock } from './mdast';
import type { PreparedSource } from './source';

export interface ParseContext {
  /** The text exactly as read (BOM included). */
  text: string;
  /** Add to every tree offset to get an offset into `text`. */
  bomLength: number;
  tree: Root;
  /** Normalised action-heading names (see `normalizeLabel`). */
  actionHeadings: ReadonlySet<string>;
  /** Configured roles, lower-cased, for matching `@qa` to `QA`. */
  roles: ReadonlyMap<string, string>;
  /** Top-level blocks with their headings, computed once for all extractors. */
  sections: readonly SectionedBlock[];
  /** Lines of top-level paragraphs, where `Key: value` fields (`Status:`, `Severity:`, `Date:`) are written. */
  fieldLines: readonly ParagraphLine[];
}

/** The context every extractor of one document reads, built once from its prepared source and tree. */
export function createParseContext(source: PreparedSource, tree: Root, config: RunbookConfig): ParseContext {
  return {
    text: source.text,
    bomLength: source.bomLength,
    tree,
    ...vocabularyOf(config),
    sections: blocksWithHeadings(tree),
    fieldLines: paragraphLines(source.text, source.bomLength, tree),
  };
}

const vocabularies = new WeakMap<RunbookConfig, Pick<ParseContext, 'actionHeadings' | 'roles'>>();

/** The configured vocabulary, normalised once per configuration object (it is read for every document). */
export function vocabularyOf(config: RunbookConfig): Pick<ParseContext, 'actionHeadings' | 'roles'> {
  let vocabulary = vocabularies.get(config);
  if (!vocabulary) {
    vocabulary = {
      actionHeadings: new Set(config.actionHeadings.map(normalizeLabel)),
      roles: new Map(config.roles.map((role) => [role.toLowerCase(), role])),
    };
    vocabularies.set(config, vocabulary);
  }
  return vocabulary;
}
