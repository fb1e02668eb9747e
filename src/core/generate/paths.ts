/**
 * Output paths of new documents: workspace-relative, normalised, and never outside the workspace whatever a template,
 * a title, a story ID or a scope says.
 */
import { bilingual, RunbookError, type Bilingual } from '../errors';
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
export function workspacePath(path: string, what: string | Bilingual): string {
  const unified = path.replace(/\\/g, '/').trim();
  const named = typeof what === 'string' ? bilingual(what, what) : what;
  const refuse = (why: string, whyFr: string): never => {
    throw new RunbookError('outside-workspace', bilingual(`${named.en} "${path}" ${why}; nothing was written`, `${named.fr} « ${path} » ${whyFr} ; rien n'a été écrit`), 'usage', { path });
  };
  if (unified === '') refuse('is empty', 'est vide');
  if (/[\u0000-\u001f]/.test(unified)) refuse('contains control characters', 'contient des caractères de contrôle');
  if (unified.startsWith('/') || /^[A-Za-z]:/.test(unified) || unified.startsWith('~')) {
    refuse('is absolute; paths are relative to the workspace root', "est absolu ; les chemins sont relatifs à la racine de l'espace de travail");
  }
  const parts: string[] = [];
  for (const part of unified.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) refuse('is outside the workspace', "est hors de l'espace de travail");
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  if (parts.length === 0) refuse('names the workspace root, not a file', "désigne la racine de l'espace de travail, pas un fichier");
  const vcs = parts.find((part) => VCS_FOLDERS.has(part.toLowerCase()));
  if (vcs) refuse(`is inside the version-control folder ${vcs}`, `est dans le dossier de gestion de versions ${vcs}`);
  return parts.join('/');
}

/** A story ID or scope used in a path must be one plain name: refused (`outside-workspace`) otherwise. */
export function checkPathName(value: string, what: 'story ID' | 'scope'): string {
  if (!STORY_ID.test(value) || value.includes('..')) {
    throw new RunbookError(
      'outside-workspace',
      bilingual(
        `invalid ${what} "${value}": it becomes part of a file path, so it must be letters, digits, ".", "_" or "-", starting with a letter or digit`,
        `${what === 'scope' ? 'périmètre' : 'ID de story'} invalide « ${value} » : il fait partie d'un chemin de fichier, il doit donc être fait de lettres, chiffres, « . », « _ » ou « - », en commençant par une lettre ou un chiffre`,
      ),
      'usage',
      { [what === 'scope' ? 'scope' : 'storyId']: value },
    );
  }
  return value;
}

