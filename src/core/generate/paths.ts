/**
 * Output paths of new documents: workspace-relative, normalised, and never outside the workspace whatever a template,
 * a title, a story ID or a scope says.
 */
import { RunbookError } from '../errors';
import { STORY_ID } from '../parse/story';

/**
 * Folders of version-control systems: a document is never written there (a template path or field leading into
 * `.git/hooks/` would plant code git runs). Compared without case, since a case-insensitive file system reads
 * `.GIT` as `.git`.
 */
export const VCS_FOLDERS: ReadonlySet<string> = new Set(['.git', '.hg', '.svn', '.bzr', '_darcs', 'cvs', '.jj', '.pijul', '.fslckout']);

/** `folder/name`, or `name` alone when the folder is the workspace root. */
export function joinPath(folder: string, name: string): string {
  return folder === '' || folder === '.' ? name : `${folder}/${name}`;
}

/**
 * A workspace-relative path, normalised (`a/./b/../c` → `a/c`, `\` read as `/`), or `outside-workspace` when it is
 * absolute or climbs above the workspace root. `what` says where the path came from, for the message.
 */
export function workspacePath(path: string, what: string): string {
  const unified = path.replace(/\\/g, '/').trim();
  const refuse = (why: string): never => {
    throw new RunbookError('outside-workspace', `${what} "${path}" ${why}; nothing was written`, 'usage', { path });
  };
  if (unified === '') refuse('is empty');
  if (/[\u0000-\u001f]/.test(unified)) refuse('contains control characters');
  if (unified.startsWith('/') || /^[A-Za-z]:/.test(unified) || unified.startsWith('~')) {
    refuse('is absolute; paths are relative to the workspace root');
  }
  const parts: string[] = [];
  for (const part of unified.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) refuse('is outside the workspace');
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  if (parts.length === 0) refuse('names the workspace root, not a file');
  const vcs = parts.find((part) => VCS_FOLDERS.has(part.toLowerCase()));
  if (vcs) refuse(`is inside the version-control folder ${vcs}`);
  return parts.join('/');
}

/** A story ID or scope used in a path must be one plain name: refused (`outside-workspace`) otherwise. */
export function checkPathName(value: string, what: 'story ID' | 'scope'): string {
  if (!STORY_ID.test(value) || value.includes('..')) {
    throw new RunbookError(
      'outside-workspace',
      `invalid ${what} "${value}": it becomes part of a file path, so it must be letters, digits, ".", "_" or "-", starting with a letter or digit`,
      'usage',
      { [what === 'scope' ? 'scope' : 'storyId']: value },
    );
  }
  return value;
}

