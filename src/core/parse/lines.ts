/**
 * Lines of a document's text with their offsets, line endings excluded. A line ends at `\r\n`, `\n` or a lone `\r`,
 * as micromark (and VS Code) read them, so the line a listing shows is the line an editor shows; U+2028, U+2029 and NEL
 * are characters inside a line.
 */

/** The end of the line starting at or containing `offset`: the index of its `\r` or `\n`, or the text's length. */
function nextLineBreak(text: string, offset: number, loneCr: boolean): number {
  for (let index = offset; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 10 || (code === 13 && (loneCr || text.charCodeAt(index + 1) === 10))) return index;
  }
  return text.length;
}

/**
 * Split into lines, each with its start offset and its text without the line ending. `loneCr: false` reads only `\n`
 * and `\r\n` as line endings (what YAML frontmatter readers do).
 */
export function splitLines(text: string, from = 0, loneCr = true): Array<{ text: string; offset: number }> {
  const lines: Array<{ text: string; offset: number }> = [];
  let start = from;
  for (;;) {
    const end = nextLineBreak(text, start, loneCr);
    lines.push({ text: text.slice(start, end), offset: start });
    if (end >= text.length) return lines;
    start = text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
  }
}

/** Offset of the end of the line containing `offset` (before `\r\n`, `\n` or `\r`). */
export function lineEndOffset(text: string, offset: number): number {
  return nextLineBreak(text, offset, true);
}
