/**
 * Preparing a document's text for remark while keeping every offset true to the text as read.
 *
 * remark drops a leading BOM from its offsets and would read YAML frontmatter as a thematic break and a paragraph, so
 * the frontmatter block is masked with spaces (same length, line endings kept) and the BOM length is added back to
 * every offset the tree reports.
 */
import matter from 'gray-matter';

export interface FrontmatterBlock {
  /** Parsed YAML values, or an empty object when there is none or it is malformed. */
  data: Record<string, unknown>;
  /** Offsets of the whole block including both `---` lines, in the text as read. */
  start: number;
  end: number;
  /** 1-based line of the closing delimiter (the last line of the block). */
  endLine: number;
  /** The raw lines between the delimiters, with their 1-based line numbers and start offsets. */
  lines: Array<{ text: string; line: number; offset: number }>;
  /** Set when the YAML is malformed or the block is not closed. */
  error: { message: string; line: number } | null;
}

export interface PreparedSource {
  /** The text exactly as read. */
  text: string;
  /** 1 when the text starts with a BOM: add to every offset from the remark tree. */
  bomLength: number;
  /** The text handed to remark: BOM removed, frontmatter masked with spaces. */
  markdown: string;
  frontmatter: FrontmatterBlock | null;
}

const DELIMITER = /^---[ \t]*$/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/;

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

/** JSON-safe plain values: js-yaml turns `date: 2026-02-23` into a Date; keep it as `YYYY-MM-DD`. */
export function plainValue(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(plainValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, plainValue(v)]));
  }
  return value;
}

interface YamlLikeError {
  reason?: string;
  mark?: { line?: number };
  message: string;
}

function readFrontmatter(text: string, bomLength: number): FrontmatterBlock | null {
  const lines = splitLines(text, bomLength);
  if (lines.length === 0 || !DELIMITER.test(lines[0].text)) return null;
  let closing = -1;
  for (let index = 1; index < lines.length; index += 1) {
    if (CLOSING.test(lines[index].text)) {
      closing = index;
      break;
    }
  }
  const inner = lines.slice(1, closing === -1 ? lines.length : closing).map((line, index) => ({
    text: line.text,
    line: index + 2,
    offset: line.offset,
  }));
  if (closing === -1) {
    // An opening `---` with no closing line is a thematic break in markdown, not frontmatter: report and read on.
    return {
      data: {},
      start: bomLength,
      end: bomLength,
      endLine: 1,
      lines: [],
      error: { message: 'frontmatter starts with "---" on line 1 but is never closed', line: 1 },
    };
  }
  const closingLine = lines[closing];
  const end = closingLine.offset + closingLine.text.length;
  const block: FrontmatterBlock = { data: {}, start: bomLength, end, endLine: closing + 1, lines: inner, error: null };
  try {
    // An options object turns off gray-matter's cache, which would keep every file's text alive.
    const parsed = matter(text.slice(bomLength, end), {});
    const data = plainValue(parsed.data);
    if (data && typeof data === 'object' && !Array.isArray(data)) block.data = data as Record<string, unknown>;
    else if (parsed.matter.trim() !== '') block.error = { message: 'frontmatter is not a set of "key: value" lines', line: 2 };
  } catch (error) {
    const yamlError = error as YamlLikeError;
    const yamlLine = typeof yamlError.mark?.line === 'number' ? yamlError.mark.line : 0;
    // js-yaml counts from 0 and sees the text after the opening delimiter's line ending.
    const line = Math.min(Math.max(2, yamlLine + 1), closing + 1);
    block.error = { message: `malformed frontmatter: ${yamlError.reason ?? yamlError.message.split('\n')[0]}`, line };
  }
  return block;
}

/** Prepare `text` for remark: see the module comment. */
export function prepareSource(text: string): PreparedSource {
  const bomLength = text.charCodeAt(0) === 0xfeff ? 1 : 0;
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
