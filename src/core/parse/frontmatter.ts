/**
 * The one YAML frontmatter reader (gray-matter), for documents, stories and templates alike.
 *
 * `readFrontmatter` never throws: documents report a malformed block as a finding and are still read. `splitFrontmatter`
 * is the strict form for stories and templates, where a broken block is an error naming the file and line.
 */
import type grayMatter from 'gray-matter';
import { bilingual, RunbookError } from '../errors';
import { splitLines } from './lines';

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
  /** Set when the YAML is malformed or the block is not closed: the message in English and in French. */
  error: { message: string; french: string; line: number } | null;
}

const DELIMITER = /^---[ \t]*$/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/;

/** At most this many values once aliases are expanded: a 500-byte "alias bomb" would otherwise expand to gigabytes. */
const MAX_FRONTMATTER_VALUES = 10_000;
/** At most this deep. */
const MAX_FRONTMATTER_DEPTH = 64;

class FrontmatterTooLarge extends Error {}

/**
 * JSON-safe plain values: js-yaml turns `date: 2026-02-23` into a Date; keep it as `YYYY-MM-DD`. Bounded: past
 * `MAX_FRONTMATTER_VALUES` values (aliases count each time they are used) or `MAX_FRONTMATTER_DEPTH` levels it throws.
 */
function plainValue(value: unknown, budget: { left: number }, depth = 0): unknown {
  budget.left -= 1;
  if (budget.left < 0 || depth > MAX_FRONTMATTER_DEPTH) throw new FrontmatterTooLarge();
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    // A date stays `YYYY-MM-DD`; a YAML timestamp with a time of day (`detected: 2026-11-12 14:02:00`) keeps it.
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16);
  }
  if (Array.isArray(value)) return value.map((item) => plainValue(item, budget, depth + 1));
  if (value && typeof value === 'object') {
    const result: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      // A `__proto__` key would set the prototype of the result rather than a value.
      if (key === '__proto__') continue;
      result[key] = plainValue(item, budget, depth + 1);
    }
    return result;
  }
  return value;
}

interface YamlLikeError {
  reason?: string;
  mark?: { line?: number };
  message: string;
}

let loadedMatter: typeof grayMatter | null = null;

/**
 * gray-matter, loaded on the first frontmatter block: loading it evaluates js-yaml's full schema and esprima (~0.14 s
 * of a warm CLI run that never parses a document, measured with `node --cpu-prof`).
 */
function matter(block: string, options: Record<string, never>): grayMatter.GrayMatterFile<string> {
  // A require inside the function: esbuild and Node then evaluate the module on this first call, not at start-up.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loadedMatter ??= require('gray-matter') as typeof grayMatter;
  return loadedMatter(block, options);
}

/** Parse the YAML of a block (the text from the opening `---` to the end of the closing line). */
function parseYaml(block: string, closingLine: number): { data: Record<string, unknown>; error: FrontmatterBlock['error'] } {
  try {
    // An options object turns off gray-matter's cache, which would keep every file's text alive.
    const parsed = matter(block, {});
    const data = plainValue(parsed.data, { left: MAX_FRONTMATTER_VALUES });
    if (data && typeof data === 'object' && !Array.isArray(data)) return { data: data as Record<string, unknown>, error: null };
    if (parsed.matter.trim() === '') return { data: {}, error: null };
    return {
      data: {},
      error: { message: 'frontmatter is not a set of "key: value" lines', french: 'le frontmatter n’est pas une suite de lignes « clé: valeur »', line: 2 },
    };
  } catch (error) {
    if (error instanceof FrontmatterTooLarge) {
      return {
        data: {},
        error: {
          message: `frontmatter is too large once its aliases are expanded (over ${MAX_FRONTMATTER_VALUES} values or ${MAX_FRONTMATTER_DEPTH} levels)`,
          french: `le frontmatter est trop grand une fois ses alias développés (plus de ${MAX_FRONTMATTER_VALUES} valeurs ou ${MAX_FRONTMATTER_DEPTH} niveaux)`,
          line: 2,
        },
      };
    }
    const yamlError = error as YamlLikeError;
    const yamlLine = typeof yamlError.mark?.line === 'number' ? yamlError.mark.line : 0;
    // js-yaml counts from 0 and sees the text after the opening delimiter's line ending.
    const line = Math.min(Math.max(2, yamlLine + 1), closingLine);
    // js-yaml's own reason ("bad indentation of a mapping entry") exists in English only: French quotes it.
    const reason = yamlError.reason ?? yamlError.message.split('\n')[0];
    return { data: {}, error: { message: `malformed frontmatter: ${reason}`, french: `frontmatter mal formé (YAML : ${reason})`, line } };
  }
}

/**
 * The frontmatter block at the start of `text` (after a BOM of `bomLength`), or null when the text does not open with
 * `---`. Offsets are into `text` as given.
 */
export function readFrontmatter(text: string, bomLength: number): FrontmatterBlock | null {
  // Most documents have no frontmatter: decide that before splitting the whole text into lines.
  if (!text.startsWith('---', bomLength)) return null;
  // gray-matter reads `\n` and `\r\n` only: a file with lone-CR line endings has no frontmatter block.
  const lines = splitLines(text, bomLength, false);
  if (lines.length === 0 || !DELIMITER.test(lines[0].text)) return null;
  let closing = -1;
  for (let index = 1; index < lines.length; index += 1) {
    if (CLOSING.test(lines[index].text)) {
      closing = index;
      break;
    }
  }
  if (closing === -1) {
    // An opening `---` with no closing line is a thematic break in markdown, not frontmatter: report and read on.
    return {
      data: {},
      start: bomLength,
      end: bomLength,
      endLine: 1,
      lines: [],
      error: {
        message: 'frontmatter starts with "---" on line 1 but is never closed',
        french: 'le frontmatter commence par « --- » en ligne 1 mais n’est jamais fermé',
        line: 1,
      },
    };
  }
  const inner = lines.slice(1, closing).map((line, index) => ({ text: line.text, line: index + 2, offset: line.offset }));
  const closingLine = lines[closing];
  const end = closingLine.offset + closingLine.text.length;
  const { data, error } = parseYaml(text.slice(bomLength, end), closing + 1);
  return { data, start: bomLength, end, endLine: closing + 1, lines: inner, error };
}

export interface FrontmatterSplit {
  /** Parsed YAML values (empty when there is no frontmatter). */
  data: Record<string, unknown>;
  /** Whether the file had a frontmatter block at all. */
  present: boolean;
  /** The text after the closing delimiter's line (BOM removed, line endings as written). */
  body: string;
  /** 1-based line of the body's first line in the file. */
  bodyLine: number;
}

/**
 * Split a story or template file (BOM and CRLF allowed) into its frontmatter and body. A malformed or unclosed block
 * throws `RunbookError(errorCode)` naming `file` and the line in the file.
 */
export function splitFrontmatter(text: string, file: string, errorCode: 'template-invalid' | 'invalid-field' = 'template-invalid'): FrontmatterSplit {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const block = readFrontmatter(source, 0);
  if (!block) return { data: {}, present: false, body: source, bodyLine: 1 };
  if (block.error) {
    const { line, message, french } = block.error;
    throw new RunbookError(errorCode, bilingual(`${file}:${line}: ${message}`, `${file}:${line} : ${french}`), 'domain', { file, line });
  }
  // The body starts after the closing delimiter's line ending.
  const newline = source.indexOf('\n', block.end);
  return { data: block.data, present: true, body: newline === -1 ? '' : source.slice(newline + 1), bodyLine: block.endLine + 1 };
}
