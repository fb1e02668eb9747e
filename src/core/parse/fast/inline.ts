/**
 * The plain text of a run of inline markdown, exactly as `mdast-util-to-string` would give it for the tree remark
 * builds — without building the tree. Emphasis (micromark's delimiter rules, rule of 3 included), code spans, backslash
 * escapes, inline links and images are handled; anything whose text could depend on more than this function knows
 * (entities, autolinks, raw HTML next to other markup, strikethrough, titled or spaced link destinations) returns
 * `null`, and the caller hands the whole document to remark instead. Being unsure is allowed; being wrong is not.
 */

/** Stands for a hard line break (two trailing spaces or a trailing backslash): remark makes it a `break` node, text ''. */
export const HARD_BREAK = '\u0000';

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const UNICODE_PUNCTUATION = /\p{P}|\p{S}/u;
const UNICODE_WHITESPACE = /\s/;
const ENTITY = /&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/;
/** An inline HTML open or closing tag (CommonMark's definition); its text is kept verbatim and hides markup. */
export const HTML_TAG =
  /^(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t\n\r]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t\n\r]*=[ \t\n\r]*(?:[^[ \t\n\r]"'=<>`]+|'[^']*'|"[^"]*"))?)*[ \t\n\r]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t\n\r]*>)/;
/** Broad on purpose (any non-control character, as CommonMark's URI autolink): a false match only hands the text to remark. */
const AUTOLINK = /^<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\x00-\x20<>]*|[^\x00-\x20<>@]+@[^\x00-\x20<>]+)>/;
const AUTOLINK_LITERAL = /:\/\/|www\.|[\w.+-]@[\w-]/i;
const SPECIAL = /[\\`*_[\]!<&~]/;

/** 0 for other characters, 1 for whitespace (and line edges), 2 for punctuation: micromark's `classifyCharacter`. */
function classify(char: string | undefined): 0 | 1 | 2 {
  if (char === undefined || char === HARD_BREAK || UNICODE_WHITESPACE.test(char)) return 1;
  if (UNICODE_PUNCTUATION.test(char)) return 2;
  return 0;
}

interface Piece {
  /** Literal text to output, or for a delimiter run its marker character repeated (what is left unmatched is output). */
  text: string;
  delimiter?: { marker: string; length: number; open: boolean; close: boolean; alive: boolean };
  /** A `[` or `![` bracket opener, until it is matched or given up. */
  bracket?: { image: boolean; active: boolean };
}

/** Match emphasis delimiters among `pieces[from..]` (micromark's resolveAllAttention); unmatched markers stay text. */
function resolveEmphasis(pieces: Piece[], from: number): void {
  for (let closer = from; closer < pieces.length; closer += 1) {
    const close = pieces[closer].delimiter;
    if (!close || !close.close || !close.alive) continue;
    while (close.length > 0) {
      let opener = closer - 1;
      let found = -1;
      for (; opener >= from; opener -= 1) {
        const open = pieces[opener].delimiter;
        if (!open || !open.open || !open.alive || open.length === 0 || open.marker !== close.marker) continue;
        if ((open.close || close.open) && close.length % 3 !== 0 && (open.length + close.length) % 3 === 0) continue;
        found = opener;
        break;
      }
      if (found === -1) break;
      const open = pieces[found].delimiter!;
      const use = open.length > 1 && close.length > 1 ? 2 : 1;
      open.length -= use;
      close.length -= use;
      // Delimiters inside the new emphasis can no longer match anything outside it.
      for (let between = found + 1; between < closer; between += 1) {
        const inner = pieces[between].delimiter;
        if (inner) inner.alive = false;
      }
    }
  }
  for (let index = from; index < pieces.length; index += 1) {
    const delimiter = pieces[index].delimiter;
    if (delimiter) {
      pieces[index].text = delimiter.marker.repeat(delimiter.length);
      pieces[index].delimiter = undefined;
    }
  }
}

/**
 * Past this many markup characters (`*`, `_`, `` ` ``, `[`, `<`) in one run of inline text, matching them could cost
 * more than linear time (every closer looks back over the openers): remark decides, within limits.ts's bounds.
 */
const MAX_MARKUP = 2000;
/** A link destination longer than this is not "the simple form" here (it bounds the scan for its `)`). */
const MAX_DESTINATION = 2048;

function markupCount(source: string): number {
  let count = 0;
  for (let index = 0; index < source.length; index += 1) {
    const code = source.charCodeAt(index);
    if (code === 42 || code === 95 || code === 96 || code === 91 || code === 60) count += 1;
  }
  return count;
}

/** Every run of `char` in `source`: its start and length. */
function runsOf(source: string, char: string): Array<[start: number, length: number]> {
  const runs: Array<[number, number]> = [];
  for (let at = source.indexOf(char); at !== -1; ) {
    let length = 1;
    while (source[at + length] === char) length += 1;
    runs.push([at, length]);
    at = source.indexOf(char, at + length);
  }
  return runs;
}

/** Start of the first run after the one at `start` with the same `length` (a code span's closer), or -1. */
function closingRun(runs: ReadonlyArray<[number, number]>, start: number, length: number): number {
  for (const [at, runLength] of runs) if (at > start && runLength === length) return at;
  return -1;
}

/** Length of an inline link's `(destination)` starting at `start` (the `(`), or -1 when it is not the simple form. */
function simpleDestination(source: string, start: number): number {
  let index = start + 1;
  let depth = 0;
  const limit = Math.min(source.length, start + MAX_DESTINATION);
  for (; index < limit; index += 1) {
    const char = source[index];
    if (char === '\\' && index + 1 < source.length && ASCII_PUNCTUATION.test(source[index + 1])) {
      index += 1;
      continue;
    }
    if (char === '(') depth += 1;
    else if (char === ')') {
      if (depth === 0) return index + 1 - start;
      depth -= 1;
    } else if (char === '<' || char === HARD_BREAK || UNICODE_WHITESPACE.test(char) || char.charCodeAt(0) < 0x20) return -1;
  }
  return -1;
}

/**
 * `toString` of the inline content `source` (paragraph lines already joined with `\n`, continuation indentation and
 * trailing spaces removed, hard breaks as `HARD_BREAK`), or null when this function cannot be sure.
 */
export function inlineText(source: string): string | null {
  if (!SPECIAL.test(source)) return source.includes(HARD_BREAK) ? source.split(HARD_BREAK).join('') : source;
  if (source.includes('~') || ENTITY.test(source) || markupCount(source) > MAX_MARKUP) return null;
  // A GFM autolink literal (`https://…`, `www.…`, `a@b.c`) runs to the next space or `<`, swallowing escapes, code
  // and emphasis markers: with any markup around, remark decides.
  if (AUTOLINK_LITERAL.test(source)) return null;

  const pieces: Piece[] = [];
  const brackets: number[] = [];
  let backtickRuns: Array<[start: number, length: number]> | null = null;
  let text = '';
  const flush = (): void => {
    if (text !== '') pieces.push({ text });
    text = '';
  };
  let index = 0;
  while (index < source.length) {
    const char = source[index];
    if (char === '\\') {
      const next = source[index + 1];
      if (next !== undefined && ASCII_PUNCTUATION.test(next)) {
        text += next;
        index += 2;
      } else {
        text += char;
        index += 1;
      }
      continue;
    }
    if (char === '`') {
      let run = 1;
      while (source[index + run] === '`') run += 1;
      backtickRuns ??= runsOf(source, '`');
      const closing = closingRun(backtickRuns, index, run);
      if (closing === -1) {
        text += '`'.repeat(run);
        index += run;
        continue;
      }
      let content = source.slice(index + run, closing);
      if (content.includes('\n') || content.includes('\r') || content.includes(HARD_BREAK)) return null;
      if (content.length >= 2 && content.startsWith(' ') && content.endsWith(' ') && /[^ ]/.test(content)) {
        content = content.slice(1, -1);
      }
      text += content;
      index = closing + run;
      continue;
    }
    if (char === '*' || char === '_') {
      let run = 1;
      while (source[index + run] === char) run += 1;
      const before = classify(source[index - 1]);
      const after = classify(source[index + run]);
      // micromark's tokenizeAttention; its extra "next to another marker" case is for `~` only, which never gets here.
      const open = after === 0 || (after === 2 && before !== 0);
      const close = before === 0 || (before === 2 && after !== 0);
      const canOpen = char === '*' ? open : open && (before !== 0 || !close);
      const canClose = char === '*' ? close : close && (after !== 0 || !open);
      flush();
      pieces.push({ text: '', delimiter: { marker: char, length: run, open: canOpen, close: canClose, alive: true } });
      index += run;
      continue;
    }
    if (char === '<') {
      const rest = source.slice(index, index + 400);
      if (AUTOLINK.test(rest) || /^<[!?]/.test(rest)) return null;
      const tag = HTML_TAG.exec(rest);
      if (tag) {
        if (tag[0].includes(HARD_BREAK)) return null;
        text += tag[0];
        index += tag[0].length;
        continue;
      }
      text += char;
      index += 1;
      continue;
    }
    if (char === '[' || (char === '!' && source[index + 1] === '[')) {
      flush();
      const image = char === '!';
      brackets.push(pieces.length);
      pieces.push({ text: image ? '![' : '[', bracket: { image, active: true } });
      index += image ? 2 : 1;
      continue;
    }
    if (char === ']') {
      const openerIndex = brackets.pop();
      if (openerIndex === undefined) {
        text += char;
        index += 1;
        continue;
      }
      const opener = pieces[openerIndex];
      if (!opener.bracket!.active) {
        opener.bracket = undefined;
        text += char;
        index += 1;
        continue;
      }
      if (source[index + 1] !== '(') {
        // Without definitions in the document (the caller checks), `[x]` and `[x][y]` stay literal text.
        opener.bracket = undefined;
        text += char;
        index += 1;
        continue;
      }
      const length = simpleDestination(source, index + 1);
      if (length === -1) return null;
      flush();
      resolveEmphasis(pieces, openerIndex + 1);
      const image = opener.bracket!.image;
      opener.text = '';
      opener.bracket = undefined;
      if (image) {
        // An image's alt is the flattened text of its label; nothing inside stays markup.
        const alt = pieces.splice(openerIndex + 1).map((piece) => piece.text).join('');
        opener.text = alt;
      } else {
        for (const position of brackets) {
          const earlier = pieces[position].bracket;
          if (earlier && !earlier.image) earlier.active = false;
        }
        // The link's text stays as plain pieces; its delimiters are already resolved.
      }
      index += 1 + length;
      continue;
    }
    text += char;
    index += 1;
  }
  flush();
  for (const position of brackets) pieces[position].bracket = undefined;
  resolveEmphasis(pieces, 0);
  const joined = pieces.map((piece) => piece.text).join('');
  return joined.includes(HARD_BREAK) ? joined.split(HARD_BREAK).join('') : joined;
}
