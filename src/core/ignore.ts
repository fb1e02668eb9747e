/**
 * Which files a scan leaves out besides the configured `exclude` folder names: the workspace's root `.gitignore` and,
 * in VS Code, the `files.exclude` globs (`**\/.git`, `**\/build` read the same way).
 *
 * Patterns follow gitignore: `#` comments, `!` negation (the last matching line wins), a trailing `/` for folders only,
 * a `/` at the start or in the middle anchors to the root, `*` `?` `[a-z]` within a name, `**` across folders. They
 * are matched case-sensitively, as git does on a case-sensitive file system (`ignoreCase` for the others). Each pattern
 * runs as a small automaton over the path — time proportional to pattern length × path length, never the backtracking
 * of a regular expression (a line of 1,000 `**\/` used to hang) — and lines over `MAX_PATTERN_LENGTH` are skipped with
 * a problem reported, never an "Invalid regular expression".
 */
import type { WorkspaceFiles } from './host';

/** True when a workspace-relative path is ignored; folders are asked with a trailing `/`. */
export type IgnoreRule = (path: string) => boolean;

/** Nothing ignored. */
export const IGNORE_NOTHING: IgnoreRule = () => false;

/** Longer pattern lines are skipped (and reported): no path a file system holds is that long. */
export const MAX_PATTERN_LENGTH = 4096;

type Token =
  | { kind: 'char'; char: string }
  | { kind: 'any' } // `?`: one character, not `/`
  | { kind: 'class'; negated: boolean; ranges: Array<[string, string]> }
  | { kind: 'star' } // `*`: any run without `/`
  | { kind: 'globstar'; skipTo: number; atLeastOne: boolean }; // `**`: any run; `skipTo` when it may match no folder at all

interface Pattern {
  tokens: Token[];
  negated: boolean;
  folderOnly: boolean;
}

/** `[...]` at `start` (the `[`): the class and the index after its `]`, or null when it is not closed. */
function readClass(source: string, start: number): { token: Token; end: number } | null {
  let index = start + 1;
  const negated = source[index] === '!' || source[index] === '^';
  if (negated) index += 1;
  const ranges: Array<[string, string]> = [];
  let first = true;
  while (index < source.length && (first || source[index] !== ']')) {
    first = false;
    let low = source[index];
    if (low === '\\' && index + 1 < source.length) low = source[++index];
    let high = low;
    if (source[index + 1] === '-' && index + 2 < source.length && source[index + 2] !== ']') {
      high = source[index + 2] === '\\' && index + 3 < source.length ? source[index + 3] : source[index + 2];
      index += source[index + 2] === '\\' ? 3 : 2;
    }
    ranges.push([low, high]);
    index += 1;
  }
  if (index >= source.length) return null;
  return { token: { kind: 'class', negated, ranges }, end: index + 1 };
}

/** Compile one gitignore line (already trimmed of its line ending), or null for a blank line or a comment. */
function compile(line: string, ignoreCase: boolean): Pattern | null {
  let text = line.replace(/(?<!\\)[ \t]+$/, '');
  if (text === '' || text.startsWith('#')) return null;
  const negated = text.startsWith('!');
  if (negated) text = text.slice(1);
  else if (text.startsWith('\\!') || text.startsWith('\\#')) text = text.slice(1);
  const folderOnly = text.endsWith('/') && !text.endsWith('\\/');
  if (folderOnly) text = text.replace(/\/+$/, '');
  if (text === '') return null;
  if (ignoreCase) text = text.toLowerCase();
  // A slash at the start or in the middle anchors the pattern to the root; otherwise it matches at any depth.
  const anchored = text.includes('/');
  if (text.startsWith('/')) text = text.slice(1);
  if (!anchored) text = `**/${text}`;
  const tokens: Token[] = [];
  for (let index = 0; index < text.length; ) {
    const char = text[index];
    if (char === '*' && text[index + 1] === '*' && (index === 0 || text[index - 1] === '/') && (index + 2 === text.length || text[index + 2] === '/')) {
      let end = index + 2;
      // `**/**/` is `**/`: consecutive globstars collapse, so a line of them costs one.
      while (text.startsWith('/**', end) && (end + 3 === text.length || text[end + 3] === '/')) end += 3;
      if (end === text.length) {
        // A trailing `/**` matches everything inside (at least one character); `**` alone matches everything.
        tokens.push({ kind: 'globstar', skipTo: -1, atLeastOne: index > 0 });
        index = end;
      } else {
        // `**/` matches zero or more whole folders: skip straight past its `/`, or run and then need the `/`.
        const at = tokens.length;
        tokens.push({ kind: 'globstar', skipTo: at + 2, atLeastOne: false }, { kind: 'char', char: '/' });
        index = end + 1;
      }
      continue;
    }
    if (char === '*') {
      while (text[index] === '*') index += 1;
      tokens.push({ kind: 'star' });
    } else if (char === '?') {
      tokens.push({ kind: 'any' });
      index += 1;
    } else if (char === '[') {
      const read = readClass(text, index);
      if (read) {
        tokens.push(read.token);
        index = read.end;
      } else {
        tokens.push({ kind: 'char', char });
        index += 1;
      }
    } else if (char === '\\' && index + 1 < text.length) {
      tokens.push({ kind: 'char', char: text[index + 1] });
      index += 2;
    } else {
      tokens.push({ kind: 'char', char });
      index += 1;
    }
  }
  return { tokens, negated, folderOnly };
}

function classMatches(token: Extract<Token, { kind: 'class' }>, char: string): boolean {
  const inside = token.ranges.some(([low, high]) => char >= low && char <= high);
  return inside !== token.negated;
}

/** Whether `pattern` matches all of `path` (no trailing `/`): the set of automaton states, advanced one character at a time. */
function matches(pattern: Pattern, path: string): boolean {
  const { tokens } = pattern;
  const end = tokens.length;
  let states = new Set<number>();
  const add = (set: Set<number>, state: number): void => {
    if (set.has(state)) return;
    set.add(state);
    const token = tokens[state];
    if (token?.kind === 'star' || (token?.kind === 'globstar' && !token.atLeastOne)) add(set, state + 1);
    if (token?.kind === 'globstar' && token.skipTo >= 0) add(set, token.skipTo);
  };
  add(states, 0);
  for (let index = 0; index < path.length && states.size > 0; index += 1) {
    const char = path[index];
    const next = new Set<number>();
    for (const state of states) {
      const token = tokens[state];
      if (!token) continue;
      if (token.kind === 'char') {
        if (token.char === char) add(next, state + 1);
      } else if (token.kind === 'any' || token.kind === 'class') {
        if (char !== '/' && (token.kind === 'any' || classMatches(token, char))) add(next, state + 1);
      } else if (token.kind === 'star') {
        if (char !== '/') add(next, state);
      } else {
        // A globstar that needs at least one character has had it: from now on it may also end.
        if (token.atLeastOne) add(next, state + 1);
        add(next, state);
      }
    }
    states = next;
  }
  return states.has(end);
}

export interface IgnoreOptions {
  /** Compare without case, as git does with `core.ignorecase` on a case-insensitive file system. */
  ignoreCase?: boolean;
  /** Told about each line that is skipped (too long). */
  onProblem?: (message: string) => void;
}

/** A rule from gitignore-syntax pattern lines (comments and blank lines allowed). */
export function ignoreRuleFrom(patterns: readonly string[], options: IgnoreOptions = {}): IgnoreRule {
  const compiled: Pattern[] = [];
  patterns.forEach((line, index) => {
    if (line.length > MAX_PATTERN_LENGTH) {
      options.onProblem?.(`pattern ${index + 1} is ${line.length} characters long (limit ${MAX_PATTERN_LENGTH}); skipped`);
      return;
    }
    const pattern = compile(line, options.ignoreCase === true);
    if (pattern) compiled.push(pattern);
  });
  if (compiled.length === 0) return IGNORE_NOTHING;
  /** Whether one path (a folder when `folder`) is ignored by its own last matching line. */
  const ignoredItself = (path: string, folder: boolean): boolean => {
    let ignored = false;
    for (const pattern of compiled) {
      if (pattern.negated !== ignored) continue;
      if (pattern.folderOnly && !folder) continue;
      if (matches(pattern, path)) ignored = !pattern.negated;
    }
    return ignored;
  };
  return (path) => {
    const folder = path.endsWith('/');
    const clean = path.replace(/\/+$/, '');
    if (clean === '') return false;
    const subject = options.ignoreCase ? clean.toLowerCase() : clean;
    // As in git, nothing inside an ignored folder can be brought back.
    for (let slash = subject.indexOf('/'); slash !== -1; slash = subject.indexOf('/', slash + 1)) {
      if (ignoredItself(subject.slice(0, slash), true)) return true;
    }
    return ignoredItself(subject, folder);
  };
}

/**
 * The rule of the root `.gitignore` (if any) plus `extraPatterns`. A `.gitignore` that cannot be read (a folder, a
 * FIFO, not UTF-8) ignores nothing and is reported through `onProblem`, like a line that is skipped.
 */
export async function loadIgnoreRule(files: WorkspaceFiles, extraPatterns: readonly string[] = [], options: IgnoreOptions = {}): Promise<IgnoreRule> {
  let gitignore: string[] = [];
  try {
    const stat = await files.stat('.gitignore');
    if (stat && stat.type !== 'file') options.onProblem?.('.gitignore is not a regular file; nothing is ignored by it');
    else if (stat) gitignore = new TextDecoder().decode(await files.readFile('.gitignore')).split(/\r\n|\r|\n/);
  } catch (error) {
    options.onProblem?.(`.gitignore cannot be read (${error instanceof Error ? error.message : String(error)}); nothing is ignored by it`);
  }
  const onProblem = options.onProblem;
  return ignoreRuleFrom([...gitignore, ...extraPatterns], {
    ...options,
    ...(onProblem ? { onProblem: (message: string) => onProblem(`.gitignore: ${message}`) } : {}),
  });
}
