/**
 * The bounds that keep every document's cost roughly linear in its size, whatever its shape.
 *
 * The fast tree (fast/tree.ts) is linear. remark (micromark) is not on some shapes: it recurses once per nesting level
 * (`- - - - … x` or `>>>>…` thousands deep overflows the stack), and its setext, emphasis, code-span and link
 * resolution go quadratic on long runs of those constructs (50 KB of `a\n=\n` took 28 s). So before a document the
 * fast tree could not decide goes to remark, `remarkRisk` reads it once and names the first bound it exceeds; such a
 * document is not parsed but reported as `document-too-complex` (one finding for that file, never a failed run).
 * The figures below were measured so that remark stays under about a second on the worst shape just inside them.
 */

import { bilingual, type Bilingual } from '../errors';

export const PARSE_LIMITS = {
  /** Characters of a document remark parses (benign markdown runs at about 0.4 MB/s through remark + GFM). */
  remarkChars: 512 * 1024,
  /** Quote and list markers opening one line, or its indentation in columns / 2. */
  nesting: 64,
  /** `===` / `---` lines (setext underlines). */
  setextUnderlines: 1000,
  /** `*`, `_` and `~` characters (emphasis and strikethrough delimiters). */
  delimiters: 5000,
  /** Backtick characters (code span delimiters). */
  backticks: 5000,
  /** `[` characters (link and image labels). */
  brackets: 10_000,
  /** `<` characters (HTML and autolinks). */
  angles: 5000,
} as const;

const SETEXT_LIKE = /^[ \t]*(?:=+|-+)[ \t]*$/;

/** The nesting one line opens: quote and list markers in a row, or its indentation (tabs to the next multiple of 4) / 2. */
function lineNesting(text: string, start: number, end: number): number {
  let index = start;
  let columns = 0;
  while (index < end && (text[index] === ' ' || text[index] === '\t')) {
    columns = text[index] === '\t' ? columns + 4 - (columns % 4) : columns + 1;
    index += 1;
  }
  let markers = 0;
  while (index < end) {
    const char = text[index];
    if (char === ' ' || char === '\t') index += 1;
    else if (char === '>') {
      markers += 1;
      index += 1;
    } else if ((char === '-' || char === '*' || char === '+') && (index + 1 === end || text[index + 1] === ' ' || text[index + 1] === '\t')) {
      markers += 1;
      index += 1;
    } else {
      let digits = 0;
      while (digits <= 9 && text.charCodeAt(index + digits) >= 48 && text.charCodeAt(index + digits) <= 57) digits += 1;
      const delimiter = text[index + digits];
      const next = index + digits + 1;
      if (digits === 0 || digits > 9 || (delimiter !== '.' && delimiter !== ')') || (next < end && text[next] !== ' ' && text[next] !== '\t')) break;
      markers += 1;
      index = next;
    }
  }
  return Math.max(markers, Math.floor(columns / 2));
}

/**
 * Why remark could not parse `markdown` in time linear in its size, or null when it can: the first bound of
 * `PARSE_LIMITS` the text exceeds, in words a user can act on.
 */
export function remarkRisk(markdown: string): Bilingual | null {
  if (markdown.length > PARSE_LIMITS.remarkChars) {
    const size = Math.round(markdown.length / 1024);
    const limit = PARSE_LIMITS.remarkChars / 1024;
    return bilingual(
      `it is ${size} KB and uses markdown only the full parser reads (limit ${limit} KB for those)`,
      `il fait ${size} Ko et utilise du markdown que seul l’analyseur complet lit (limite ${limit} Ko pour ceux-là)`,
    );
  }
  let delimiters = 0;
  let backticks = 0;
  let brackets = 0;
  let angles = 0;
  let setext = 0;
  let lineStart = 0;
  for (let index = 0; index <= markdown.length; index += 1) {
    const code = index < markdown.length ? markdown.charCodeAt(index) : 10;
    if (code === 42 || code === 95 || code === 126) delimiters += 1;
    else if (code === 96) backticks += 1;
    else if (code === 91) brackets += 1;
    else if (code === 60) angles += 1;
    else if (code === 10 || code === 13) {
      const nesting = lineNesting(markdown, lineStart, index);
      if (nesting > PARSE_LIMITS.nesting) {
        return bilingual(`a line nests ${nesting} levels deep (limit ${PARSE_LIMITS.nesting})`, `une ligne imbrique ${nesting} niveaux (limite ${PARSE_LIMITS.nesting})`);
      }
      if (index - lineStart < 200 && SETEXT_LIKE.test(markdown.slice(lineStart, index))) setext += 1;
      lineStart = index + 1;
    }
  }
  const tooMany = (count: number, limit: number, what: string, quoi: string): Bilingual =>
    bilingual(`it has ${count} ${what} (limit ${limit})`, `il contient ${count} ${quoi} (limite ${limit})`);
  if (setext > PARSE_LIMITS.setextUnderlines) return tooMany(setext, PARSE_LIMITS.setextUnderlines, '"===" or "---" underlines', 'soulignements « === » ou « --- »');
  if (delimiters > PARSE_LIMITS.delimiters) return tooMany(delimiters, PARSE_LIMITS.delimiters, '"*", "_" or "~" characters', 'caractères « * », « _ » ou « ~ »');
  if (backticks > PARSE_LIMITS.backticks) return tooMany(backticks, PARSE_LIMITS.backticks, 'backticks', 'accents graves « ` »');
  if (brackets > PARSE_LIMITS.brackets) return tooMany(brackets, PARSE_LIMITS.brackets, '"[" characters', 'caractères « [ »');
  if (angles > PARSE_LIMITS.angles) return tooMany(angles, PARSE_LIMITS.angles, '"<" characters', 'caractères « < »');
  return null;
}
