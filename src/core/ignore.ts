/**
 * Which files a scan leaves out besides the configured `exclude` folder names: the workspace's root `.gitignore` and,
 * in VS Code, the `files.exclude` globs. Patterns use gitignore syntax through the `ignore` package (the globs of
 * `files.exclude` such as `**\/.git` or `**\/build` read the same way).
 */
import ignore from 'ignore';
import type { WorkspaceFiles } from './host';

/** True when a workspace-relative path is ignored; folders are asked with a trailing `/`. */
export type IgnoreRule = (path: string) => boolean;

/** Nothing ignored. */
export const IGNORE_NOTHING: IgnoreRule = () => false;

/** A rule from gitignore-syntax pattern lines (comments and blank lines allowed). */
export function ignoreRuleFrom(patterns: readonly string[]): IgnoreRule {
  const lines = patterns.map((pattern) => pattern.trim()).filter((pattern) => pattern !== '' && !pattern.startsWith('#'));
  if (lines.length === 0) return IGNORE_NOTHING;
  const matcher = ignore().add(lines);
  return (path) => path !== '' && path !== '/' && matcher.ignores(path);
}

/** The rule of the root `.gitignore` (if any) plus `extraPatterns`. An unreadable `.gitignore` ignores nothing. */
export async function loadIgnoreRule(files: WorkspaceFiles, extraPatterns: readonly string[] = []): Promise<IgnoreRule> {
  let gitignore: string[] = [];
  try {
    if (await files.stat('.gitignore')) gitignore = new TextDecoder().decode(await files.readFile('.gitignore')).split(/\r?\n/);
  } catch {
    // A .gitignore that cannot be read is not a reason to fail a listing.
  }
  return ignoreRuleFrom([...gitignore, ...extraPatterns]);
}
