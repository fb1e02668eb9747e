/**
 * The workspace's rules a draft is grounded in: every file under `config.governanceFolders` (seed 004:
 * `.agent/rules/**`, `.agent/adrs/**`, `.agent/compliance/**`), read in folder order then path order until
 * `governanceMaxKB` is spent. Files that do not fit, are not UTF-8 or lie too deep are left out and named, so the
 * prompt and the draft can say what the panel did not see.
 */
import { normalizeFolder, type RunbookConfig } from '../config';
import { bilingual } from '../errors';
import type { EngineHost } from '../host';
import { joinPath, workspacePath } from '../generate/paths';

/** A governance file given to the panel. */
export interface GovernanceFile {
  /** Workspace-relative path. */
  path: string;
  text: string;
}

/** Why a governance file was not given to the panel. */
export type LeftOutReason = 'over-budget' | 'not-utf8' | 'too-many-files';

/** A governance file the panel did not see. */
export interface LeftOutFile {
  path: string;
  /** Size in bytes. */
  size: number;
  reason: LeftOutReason;
}

/** What the panel reads besides the story. */
export interface Governance {
  files: GovernanceFile[];
  leftOut: LeftOutFile[];
  /** The budget the files were read under, in bytes. */
  budget: number;
}

/** Folders deeper than this under a governance folder are not walked. */
const MAX_DEPTH = 8;
/** At most this many files are considered; the rest are left out by name. */
const MAX_FILES = 500;

async function walk(host: EngineHost, config: RunbookConfig, root: string): Promise<string[]> {
  const excluded = new Set(config.exclude);
  const found: string[] = [];
  const visit = async (folder: string, depth: number): Promise<void> => {
    for (const [name, type] of await host.files.readDirectory(folder)) {
      if (name.startsWith('.') || excluded.has(name)) continue;
      const path = joinPath(folder, name);
      if (type === 'directory') {
        if (depth < MAX_DEPTH) await visit(path, depth + 1);
      } else {
        found.push(path);
      }
    }
  };
  await visit(root, 0);
  return found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Read the governance files under the configured folders, at most `config.governanceMaxKB` of text in all. A folder
 * that does not exist is skipped; one outside the workspace throws `outside-workspace`.
 */
export async function readGovernance(host: EngineHost, config: RunbookConfig): Promise<Governance> {
  const budget = Math.floor(config.governanceMaxKB * 1024);
  const files: GovernanceFile[] = [];
  const leftOut: LeftOutFile[] = [];
  const seen = new Set<string>();
  let spent = 0;
  let considered = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const configured of config.governanceFolders) {
    const normalized = normalizeFolder(configured);
    // `.` (the whole workspace) is allowed; anything outside it is refused.
    const folder = normalized === '' ? '' : workspacePath(normalized, bilingual('the governance folder', 'le dossier de gouvernance'));
    for (const path of await walk(host, config, folder)) {
      if (seen.has(path)) continue; // nested configured folders
      seen.add(path);
      const stat = await host.files.stat(path);
      const size = stat?.size ?? 0;
      considered += 1;
      if (considered > MAX_FILES) {
        leftOut.push({ path, size, reason: 'too-many-files' });
        continue;
      }
      // Stat first: a file that cannot fit is never read.
      if (spent + size > budget) {
        leftOut.push({ path, size, reason: 'over-budget' });
        continue;
      }
      const bytes = await host.files.readFile(path);
      if (spent + bytes.byteLength > budget) {
        leftOut.push({ path, size: bytes.byteLength, reason: 'over-budget' });
        continue;
      }
      let text: string;
      try {
        text = decoder.decode(bytes).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      } catch {
        leftOut.push({ path, size: bytes.byteLength, reason: 'not-utf8' });
        continue;
      }
      spent += bytes.byteLength;
      files.push({ path, text });
    }
  }
  return { files, leftOut, budget };
}

/** `a.md (40 KB), b.md (12 KB) and 3 more`: the left-out files for a note, at most `limit` named. */
export function describeLeftOut(leftOut: readonly LeftOutFile[], limit = 10): string {
  const named = leftOut.slice(0, limit).map((file) => {
    const why = file.reason === 'not-utf8' ? 'not UTF-8' : file.reason === 'too-many-files' ? `over ${MAX_FILES} files` : `${Math.ceil(file.size / 1024)} KB`;
    return `${file.path} (${why})`;
  });
  const more = leftOut.length - named.length;
  return more > 0 ? `${named.join(', ')} and ${more} more` : named.join(', ');
}
