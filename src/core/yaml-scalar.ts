/**
 * Writing a value into YAML frontmatter so that it reads back as exactly that string whatever it holds (quotes, `: `,
 * `#`, a leading `@`), in the document's own quoting style where that style can hold it.
 */

/** Quote styles a YAML scalar is written in: plain, single or double quotes. */
export type YamlQuote = '' | "'" | '"';

/** Words YAML 1.1 readers (js-yaml 3, which gray-matter uses) turn into booleans or null when plain. */
const RESERVED = /^(?:y|n|yes|no|on|off|true|false|null|~)$/i;
/** What is safe as a plain scalar in block and flow context: words, digits, spaces inside, `.`, `_`, `-`. */
const PLAIN_SAFE = /^\p{L}[\p{L}\p{M}\p{N} ._-]*$/u;

/**
 * `value` as a YAML scalar in the style of `quote` (`'`, `"` or `''` for plain). A plain value that plain style cannot
 * hold (punctuation, a reserved word, trailing spaces) is single-quoted. Single quotes double an inner `'`; double
 * quotes use JSON's escapes, which YAML reads the same. The value holds no line break (names go through `cleanName`).
 */
export function yamlScalar(value: string, quote: string): string {
  if (quote === '"') return JSON.stringify(value);
  if (quote === '' && PLAIN_SAFE.test(value) && !RESERVED.test(value) && value === value.trim()) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

/** A date as a YAML scalar in the given style (plain dates are YAML timestamps; quoted ones stay strings). */
export function yamlDate(date: string, quote: string): string {
  return quote === '"' || quote === "'" ? `${quote}${date}${quote}` : date;
}
