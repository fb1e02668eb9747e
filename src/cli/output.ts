/**
 * How the CLI's text output looks: aligned columns, and colour only where a person reads it. Colour is on for a
 * terminal and off when the output is piped or redirected; `NO_COLOR` (https://no-color.org) turns it off and the
 * `--color` / `--no-color` options win over both. Every listing builds rows of cells and prints them with
 * `formatTable`, so columns line up the same way in every command.
 */

import { escapeControl } from './escape';

/** What a piece of text means; each meaning has one colour. */
export type Style =
  /** Something is wrong: an error finding, an overdue item, a SEV1. */
  | 'error'
  /** Needs attention: a warning, missing approvals, a SEV2. */
  | 'warning'
  /** Done, approved, resolved. */
  | 'ok'
  /** Names a person or a value to act on: an owner, a template name. */
  | 'accent'
  /** Secondary: file locations, done items, headings' details. */
  | 'dim'
  /** A heading. */
  | 'strong';

/** SGR codes, with the code that ends each (so nested styles are not cut short). */
const SGR: Record<Style, [number, number]> = {
  error: [31, 39],
  warning: [33, 39],
  ok: [32, 39],
  accent: [36, 39],
  dim: [2, 22],
  strong: [1, 22],
};

/** `text` in `style` when `color` is on; the text unchanged otherwise. */
export function paint(style: Style | undefined, text: string, color: boolean): string {
  if (!color || !style || text === '') return text;
  const [open, close] = SGR[style];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

/** What decides colour: the option (`--color` true, `--no-color` false, neither undefined), the environment, the stream. */
export interface ColorInputs {
  option: boolean | undefined;
  env: NodeJS.ProcessEnv;
  isTTY: boolean | undefined;
}

/** Colour on a terminal; never when piped, when `NO_COLOR` is set (non-empty) or `TERM=dumb`; the option wins over all. */
export function colorEnabled({ option, env, isTTY }: ColorInputs): boolean {
  if (option !== undefined) return option;
  if (env.NO_COLOR) return false;
  if (env.TERM === 'dumb') return false;
  return isTTY === true;
}

/** `--color` / `--no-color` as given on a command line (the last one wins), for output written before options are parsed. */
export function colorOptionFromArgv(argv: readonly string[]): boolean | undefined {
  let option: boolean | undefined;
  for (const arg of argv) {
    if (arg === '--') break;
    if (arg === '--color') option = true;
    else if (arg === '--no-color') option = false;
  }
  return option;
}

/** One cell of a table row: text, and how it looks on a terminal. */
export interface Cell {
  text: string;
  style?: Style;
}

/** A row: plain strings or styled cells. An empty cell still takes its column's width. */
export type Row = ReadonlyArray<string | Cell>;

// Characters a terminal shows two columns wide (CJK, full-width forms, most emoji), and ones it shows as nothing.
const WIDE = /[\u1100-\u115F\u2E80-\u303E\u3041-\u33FF\u3400-\u4DBF\u4E00-\u9FFF\uA000-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6\u2705\u274C\u2B50\u{1F300}-\u{1F64F}\u{1F900}-\u{1F9FF}]/u;
const ZERO_WIDTH = /[\u0300-\u036F\u200B-\u200F\uFE0F]/u;

/** Columns `text` takes on a terminal: a combining accent takes none, `✅` and CJK take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (ZERO_WIDTH.test(char)) continue;
    width += WIDE.test(char) ? 2 : 1;
  }
  return width;
}

/** The columns between two cells. */
const GAP = '  ';

/**
 * Rows as lines with aligned columns: each column as wide as its widest cell, two spaces between columns, the last
 * cell of each line never padded (so lines carry no trailing blanks). Colour is added after padding, so escape codes
 * never count as width. Columns empty in every row are left out.
 */
export function formatTable(rows: readonly Row[], color: boolean): string[] {
  // Text from documents may hold control characters: shown escaped, so a row stays one line and escapes stay ours.
  const cells = rows.map((row) => row.map((cell): Cell => (typeof cell === 'string' ? { text: escapeControl(cell) } : { ...cell, text: escapeControl(cell.text) })));
  const columns = Math.max(0, ...cells.map((row) => row.length));
  const widths = Array.from({ length: columns }, (_, column) => Math.max(0, ...cells.map((row) => displayWidth(row[column]?.text ?? ''))));
  const used = widths.map((width) => width > 0);
  return cells.map((row) => {
    const last = row.reduce((found, cell, index) => (cell.text !== '' && used[index] ? index : found), -1);
    const parts: string[] = [];
    for (let column = 0; column <= last; column++) {
      if (!used[column]) continue;
      const cell = row[column] ?? { text: '' };
      const padding = column === last ? '' : ' '.repeat(widths[column] - displayWidth(cell.text));
      parts.push(paint(cell.style, cell.text, color) + padding);
    }
    return parts.join(GAP);
  });
}
