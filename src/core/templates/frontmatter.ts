/**
 * Splitting a template or story file into its YAML frontmatter and its body, keeping the body's first line number so
 * errors found later (in Handlebars, in the body) can name the line in the file, not in the body.
 */
import matter from 'gray-matter';
import { RunbookError } from '../errors';
import { plainValue } from '../parse/source';

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

const OPENING = /^---[ \t]*$/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/;

interface YamlLikeError {
  reason?: string;
  mark?: { line?: number };
  message: string;
}

/**
 * Split `text` (BOM and CRLF allowed). Malformed YAML, an unclosed block or a frontmatter that is not a mapping throw
 * `RunbookError(errorCode)` naming `file` and the line in the file.
 */
export function splitFrontmatter(
  text: string,
  file: string,
  errorCode: 'template-invalid' | 'invalid-field' = 'template-invalid',
): FrontmatterSplit {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = source.split('\n');
  const lineText = (index: number): string => lines[index].replace(/\r$/, '');
  if (lines.length === 0 || !OPENING.test(lineText(0))) {
    return { data: {}, present: false, body: source, bodyLine: 1 };
  }
  let closing = -1;
  for (let index = 1; index < lines.length; index += 1) {
    if (CLOSING.test(lineText(index))) {
      closing = index;
      break;
    }
  }
  if (closing === -1) {
    throw new RunbookError(errorCode, `${file}:1: frontmatter starts with "---" but is never closed`, 'domain', {
      file,
      line: 1,
    });
  }
  const yaml = lines.slice(1, closing).join('\n');
  let data: unknown;
  try {
    // An options object turns off gray-matter's cache (keyed by content, it would keep every text alive).
    data = plainValue(matter(`---\n${yaml}\n---\n`, {}).data);
  } catch (error) {
    const yamlError = error as YamlLikeError;
    const yamlLine = typeof yamlError.mark?.line === 'number' ? yamlError.mark.line : 0;
    const line = Math.min(yamlLine + 2, closing + 1);
    const reason = yamlError.reason ?? yamlError.message.split('\n')[0];
    throw new RunbookError(errorCode, `${file}:${line}: malformed frontmatter: ${reason}`, 'domain', { file, line });
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new RunbookError(errorCode, `${file}:2: frontmatter must be "key: value" lines`, 'domain', { file, line: 2 });
  }
  return {
    data: data as Record<string, unknown>,
    present: true,
    body: lines.slice(closing + 1).join('\n'),
    bodyLine: closing + 2,
  };
}
