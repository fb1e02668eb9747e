/** What every parser module of one document shares: the text as read, its tree, and the configured vocabulary. */
import type { Root } from 'mdast';
import type { RunbookConfig } from '../config';
import { normalizeLabel } from './mdast';

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
