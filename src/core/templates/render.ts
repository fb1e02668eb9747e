/**
 * Handlebars, configured for markdown: no HTML escaping (a title `R&D <beta> "v2"` stays as written), a few helpers for
 * the positions markdown is picky about, and errors that name the template file and the line in that file.
 */
import Handlebars from 'handlebars';
import { bilingual, RunbookError, type Bilingual } from '../errors';
import { slugify } from './slug';

/** Newlines (and the spaces around them) folded into one space: for titles, headings, list items, frontmatter values. */
export function singleLine(value: unknown): string {
  return stringOf(value).replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** Safe inside a GFM table cell: `|` escaped, line breaks as `<br>`. */
export function tableCell(value: unknown): string {
  return stringOf(value)
    .trim()
    .replace(/\\?\|/g, '\\|')
    .replace(/\r?\n/g, '<br>');
}

/** Words YAML 1.1 (js-yaml, gray-matter) reads as booleans or null when unquoted. */
const YAML_KEYWORDS = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;

/**
 * A YAML scalar on one line: plain when it is unambiguous text (`Gateway auth outage`, `INFRA-001`), otherwise a
 * double-quoted JSON string, which is valid YAML whatever it holds (`:`, `#`, quotes, `1.0`, `yes`).
 */
export function yamlScalar(value: unknown): string {
  const text = singleLine(value);
  if (/^\p{L}[\p{L}\p{N} _.-]*$/u.test(text) && !YAML_KEYWORDS.test(text) && !/[ .]$/.test(text)) return text;
  return JSON.stringify(text);
}

/** `bob`, `@bob`, ` @bob ` → `@bob`; empty stays empty (no lone `@` that a parser would read as an owner). */
export function mention(value: unknown): string {
  const name = singleLine(value).replace(/^@+/, '').replace(/[\s|]+/g, '');
  return name === '' ? '' : `@${name}`;
}

function stringOf(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : String(value);
}

/** The helpers templates may use, besides Handlebars' own (`if`, `unless`, `each`, `with`, `lookup`, `log`). */
export const TEMPLATE_HELPERS: Readonly<Record<string, (value: unknown) => string>> = Object.freeze({
  slug: (value: unknown) => slugify(stringOf(value)),
  cell: tableCell,
  line: singleLine,
  yaml: yamlScalar,
  mention,
});

const BUILT_IN_HELPERS = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log', 'blockHelperMissing', 'helperMissing']);

const handlebars = Handlebars.create();
for (const [name, helper] of Object.entries(TEMPLATE_HELPERS)) {
  // Handlebars passes its options object last: `{{slug}}` with no value must not slugify "[object Object]".
  handlebars.registerHelper(name, (...args: unknown[]) => helper(args.length > 1 ? args[0] : undefined));
}

const COMPILE_OPTIONS: CompileOptions = { noEscape: true, strict: false };

interface HandlebarsLikeError {
  message: string;
  lineNumber?: number;
}

interface AstNode {
  type?: string;
  loc?: { start?: { line?: number } };
  path?: { original?: unknown; type?: string };
  params?: unknown[];
  hash?: unknown;
  [key: string]: unknown;
}

/** Calls with parameters to a helper nobody registered fail only when rendered; find them when the template is read. */
function unknownHelperCall(node: unknown): { name: string; line: number } | null {
  if (Array.isArray(node)) {
    for (const child of node) {
      const found = unknownHelperCall(child);
      if (found) return found;
    }
    return null;
  }
  if (!node || typeof node !== 'object') return null;
  const ast = node as AstNode;
  const line = ast.loc?.start?.line ?? 1;
  if (ast.type === 'PartialStatement' || ast.type === 'PartialBlockStatement' || ast.type === 'DecoratorBlock') {
    return { name: `partial or decorator (${ast.type})`, line };
  }
  if (
    (ast.type === 'MustacheStatement' || ast.type === 'SubExpression' || ast.type === 'BlockStatement') &&
    ast.path?.type === 'PathExpression' &&
    typeof ast.path.original === 'string'
  ) {
    const name = ast.path.original;
    const hasArguments = (ast.params?.length ?? 0) > 0 || ast.hash !== undefined;
    if (hasArguments && !BUILT_IN_HELPERS.has(name) && !(name in TEMPLATE_HELPERS)) return { name, line };
  }
  for (const [key, value] of Object.entries(ast)) {
    if (key === 'loc' || key === 'path') continue;
    const found = unknownHelperCall(value);
    if (found) return found;
  }
  return null;
}

function invalid(file: string, line: number, message: Bilingual): RunbookError {
  return new RunbookError('template-invalid', bilingual(`${file}:${line}: ${message.en}`, `${file}:${line} : ${message.fr}`), 'domain', { file, line });
}

/**
 * Check that `source` is a template this module can render; `firstLine` is the line of `source`'s first line in `file`.
 * Throws `RunbookError('template-invalid')` naming the file and line.
 */
export function checkTemplateSource(source: string, file: string, firstLine: number): void {
  try {
    const ast = handlebars.parse(source);
    const unknown = unknownHelperCall(ast.body);
    if (unknown) {
      throw invalid(
        file,
        unknown.line + firstLine - 1,
        bilingual(
          `unknown helper "${unknown.name}" (available: ${Object.keys(TEMPLATE_HELPERS).join(', ')} and Handlebars' if, unless, each, with, lookup)`,
          `helper inconnu « ${unknown.name} » (disponibles : ${Object.keys(TEMPLATE_HELPERS).join(', ')} et if, unless, each, with, lookup de Handlebars)`,
        ),
      );
    }
    handlebars.precompile(source, COMPILE_OPTIONS);
  } catch (error) {
    if (error instanceof RunbookError) throw error;
    throw handlebarsError(error, file, firstLine);
  }
}

function handlebarsError(error: unknown, file: string, firstLine: number): RunbookError {
  const hbError = error as HandlebarsLikeError;
  const fromMessage = /line (\d+)/.exec(hbError.message);
  const relative = hbError.lineNumber ?? (fromMessage ? Number(fromMessage[1]) : 1);
  const detail = hbError.message.split('\n').filter((part) => !/^-*\^$/.test(part.trim()));
  // Handlebars ends some messages with its own (body-relative) "- line:column": the file line above replaces it.
  const text = detail.join(' ').replace(/\s+/g, ' ').replace(/ - \d+:\d+$/, '').trim();
  // Handlebars' own words are English in both languages.
  return invalid(file, relative + firstLine - 1, bilingual(`Handlebars: ${text}`, `Handlebars : ${text}`));
}

/** Render `source` with `context`; errors name `file` and the line in it. */
export function renderTemplateSource(
  source: string,
  context: Record<string, unknown>,
  file: string,
  firstLine: number,
): string {
  try {
    return handlebars.compile(source, COMPILE_OPTIONS)(context);
  } catch (error) {
    throw handlebarsError(error, file, firstLine);
  }
}
