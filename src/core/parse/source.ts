/**
 * Preparing a document's text for remark while keeping every offset true to the text as read.
 *
 * remark drops a leading BOM from its offsets and would read YAML frontmatter as a thematic break and a paragraph, so
 * the frontmatter block is masked with spaces (same length, line endings kept) and the BOM length is added back to
 * every offset the tree reports.
 */
import { readFrontmatter, type FrontmatterBlock } from './frontmatter';

export type { FrontmatterBlock } from './frontmatter';
export { lineEndOffset, splitLines } from './lines';

export interface PreparedSource {
  /** The text exactly as read. */
  text: string;
  /** How many BOMs the text starts with (0, 1, or more): add to every offset from the remark tree. */
  bomLength: number;
  /** The text handed to remark: BOM removed, frontmatter masked with spaces. */
  markdown: string;
  frontmatter: FrontmatterBlock | null;
}

/** Prepare `text` for remark: see the module comment. */
export function prepareSource(text: string): PreparedSource {
  // Every leading BOM: micromark drops one more at the start of what it is given, so a doubled BOM (a file saved
  // twice by tools that each add one) must go entirely, or remark's offsets would be one off from the fast tree's.
  let bomLength = 0;
  while (text.charCodeAt(bomLength) === 0xfeff) bomLength += 1;
  const frontmatter = readFrontmatter(text, bomLength);
  let markdown = text.slice(bomLength);
  if (frontmatter && frontmatter.end > frontmatter.start) {
    const from = frontmatter.start - bomLength;
    const to = frontmatter.end - bomLength;
    const masked = markdown.slice(from, to).replace(/[^\r\n]/g, ' ');
    markdown = markdown.slice(0, from) + masked + markdown.slice(to);
  }
  return { text, bomLength, markdown, frontmatter };
}
