/**
 * A fast, line-by-line builder of the part of remark's mdast tree the document parsers read: headings, paragraphs,
 * lists and list items (task `checked` included), GFM tables with cell content ranges.
 * Blocks that hold nothing those parsers read (code, HTML, thematic breaks, quotes without lists or tables) are left out.
 * Inline content is not split into nodes: a paragraph or heading carries the `value` that `toString` would compute
 * (`inlineText`), a table cell one text child spanning its trimmed content.
 *
 * It covers the markdown that runbooks and incident write-ups are made of and returns null for anything it cannot
 * decide exactly as micromark would (setext headings, lazy lines after quotes, tabs in indentation, raw HTML blocks,
 * link definitions, …): the caller then parses that document with remark. Remark is the oracle; the equivalence test
 * (equivalence.test.ts) holds this builder to it. The builder itself is builder.ts, one method per block kind.
 */
import type { Root } from 'mdast';
import { TreeBuilder } from './builder';
import { Undecidable } from './syntax';

/** Why the last `fastTree` call returned null (for diagnostics and the benchmark's statistics). */
export let lastUndecidable = '';

/**
 * Build the tree of `markdown` (BOM removed, frontmatter masked), or null when remark must decide.
 *
 * `sectionMatters` is given the plain text of each top-level heading; a top-level list under no heading for which it
 * returns true is left out, since only lists in action, compliance, timeline and impact sections are read (see
 * document.ts). Without it every list is kept.
 */
export function fastTree(markdown: string, sectionMatters?: (headingText: string) => boolean): Root | null {
  try {
    return new TreeBuilder(markdown, sectionMatters ?? (() => true)).build();
  } catch (error) {
    if (error instanceof Undecidable) {
      lastUndecidable = error.message;
      return null;
    }
    throw error;
  }
}
