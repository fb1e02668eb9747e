/** Lines of a document's text with their offsets, line endings (`\n`, `\r\n`) excluded. */

/** Split into lines, each with its start offset and its text without the line ending. */
export function splitLines(text: string, from = 0): Array<{ text: string; offset: number }> {
  const lines: Array<{ text: string; offset: number }> = [];
  let start = from;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const lineText = text.slice(start, end > start && text[end - 1] === '\r' ? end - 1 : end);
    lines.push({ text: lineText, offset: start });
    if (newline === -1) break;
    start = newline + 1;
  }
  return lines;
}

/** Offset of the end of the line containing `offset` (before `\r\n` or `\n`). */
export function lineEndOffset(text: string, offset: number): number {
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  if (end > offset && text[end - 1] === '\r') end -= 1;
  return end;
}
