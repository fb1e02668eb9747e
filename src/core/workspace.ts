/**
 * Reading the workspace's markdown documents through the host: discovery, decoding (UTF-8 only, with a clear finding
 * otherwise), the size limit, and parsing. The index (src/core/index/) builds on these to avoid re-parsing.
 */
import { normalizeFolder, type RunbookConfig } from './config';
import { bilingual, RunbookError, type Bilingual } from './errors';
import type { DirectoryEntry, EngineHost, WorkspaceFiles } from './host';
import { IGNORE_NOTHING, type IgnoreRule } from './ignore';
import type { Finding, ParsedDocument } from './model';
import { parseDocument } from './parse/document';

const MARKDOWN = /\.(?:md|markdown)$/i;

/** Whether the folder at `path` (workspace-relative, no trailing `/`) is never scanned. */
function skipsFolder(path: string, config: RunbookConfig, ignored: IgnoreRule): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return config.exclude.includes(name) || path === normalizeFolder(config.templatesFolder) || ignored(`${path}/`);
}

/** What a walk of the workspace found: markdown files, and what it could not read (`path-skipped` findings). */
export interface MarkdownWalk {
  files: string[];
  findings: Finding[];
}

function skippedFinding(path: string, reason: Bilingual): Finding {
  return { rule: 'path-skipped', severity: 'warning', message: `not read: ${reason.en}`, french: `non lu : ${reason.fr}`, file: path === '' ? '.' : path, line: 1 };
}

/** The short reason of a failed listing, for a finding (`EACCES`, `ENAMETOOLONG`, …). */
function failureReason(error: unknown): Bilingual {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENAMETOOLONG') return bilingual('the path is too long for the system to read (ENAMETOOLONG)', 'le chemin est trop long pour que le système le lise (ENAMETOOLONG)');
  const why = typeof code === 'string' ? code : error instanceof Error ? error.message.split('\n')[0] : String(error);
  return bilingual(`the folder cannot be listed (${why})`, `le dossier ne peut pas être listé (${why})`);
}

/**
 * Every markdown file under the configured folders, sorted, and a `path-skipped` finding for each folder that could not
 * be listed and each entry that is not read (a special file, a link out of the workspace or to nothing); excluded
 * folder names and whatever `ignored` says (`.gitignore`, `files.exclude`, see ignore.ts) are left out silently.
 *
 * Each real folder is visited once (the host's `folderIdentity`: device and inode), real folders before folders
 * reached through a link, so link loops (`a -> .`) end and a linked folder never lists its documents twice. The walk
 * keeps its own stack: a tree thousands of folders deep does not recurse.
 */
export async function walkMarkdownFiles(files: WorkspaceFiles, config: RunbookConfig, ignored: IgnoreRule = IGNORE_NOTHING): Promise<MarkdownWalk> {
  const found = new Set<string>();
  const findings: Finding[] = [];
  const visited = new Set<string>();
  const pending = config.folders.map(normalizeFolder).reverse();
  const linked: string[] = [];
  while (pending.length > 0 || linked.length > 0) {
    const folder = pending.length > 0 ? pending.pop()! : linked.shift()!;
    let entries: DirectoryEntry[];
    try {
      const identity = files.folderIdentity ? await files.folderIdentity(folder) : null;
      if (identity !== null) {
        if (visited.has(identity)) continue;
        visited.add(identity);
      }
      entries = await files.readDirectory(folder);
    } catch (error) {
      findings.push(skippedFinding(folder, failureReason(error)));
      continue;
    }
    const children: string[] = [];
    for (const [name, type, detail] of entries) {
      const path = folder === '' ? name : `${folder}/${name}`;
      if (type === 'directory') {
        if (skipsFolder(path, config, ignored)) continue;
        if (detail?.link) linked.push(path);
        else children.push(path);
      } else if (type === 'file') {
        if (MARKDOWN.test(name) && !ignored(path)) found.add(path);
      } else if (!ignored(path) && !(detail?.link && skipsFolder(path, config, ignored))) {
        findings.push(skippedFinding(path, detail?.reason ?? bilingual('not a regular file', 'pas un fichier ordinaire')));
      }
    }
    for (let index = children.length - 1; index >= 0; index -= 1) pending.push(children[index]);
  }
  findings.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return { files: [...found].sort(), findings };
}

/** Workspace-relative paths of every markdown file under the configured folders, sorted (see `walkMarkdownFiles`). */
export async function findMarkdownFiles(files: WorkspaceFiles, config: RunbookConfig, ignored: IgnoreRule = IGNORE_NOTHING): Promise<string[]> {
  return (await walkMarkdownFiles(files, config, ignored)).files;
}

/** Whether `file` is a document `findMarkdownFiles` would list: the same rule, for one path (file-system events). */
export function isIndexedPath(file: string, config: RunbookConfig, ignored: IgnoreRule = IGNORE_NOTHING): boolean {
  if (!MARKDOWN.test(file) || ignored(file)) return false;
  const inFolder = config.folders.some((folder) => {
    const prefix = normalizeFolder(folder);
    return prefix === '' || file.startsWith(`${prefix}/`);
  });
  if (!inFolder) return false;
  const parts = file.split('/');
  for (let depth = 1; depth < parts.length; depth += 1) {
    if (skipsFolder(parts.slice(0, depth).join('/'), config, ignored)) return false;
  }
  return true;
}

/** How a document's bytes are text: UTF-8, or UTF-16 when the file starts with a UTF-16 BOM (as VS Code reads it). */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The outcome of reading one file: its text (and how it was encoded), or a finding saying why it was not read. */
export type ReadOutcome = { text: string; encoding?: TextEncoding } | { finding: Finding };

function encodingOf(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/**
 * Decode a document: UTF-16 when it starts with a UTF-16 BOM, UTF-8 otherwise; invalid bytes become a
 * `file-unreadable` finding that names the first bad line. The BOM stays in the text (offsets match the file, and a
 * write-back keeps it).
 */
export function decodeDocument(bytes: Uint8Array, file: string): ReadOutcome {
  const encoding = encodingOf(bytes);
  try {
    return { text: new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes), encoding };
  } catch {
    const lossy = new TextDecoder(encoding).decode(bytes);
    const bad = lossy.indexOf('\uFFFD');
    const line = bad === -1 ? 1 : lossy.slice(0, bad).split('\n').length;
    const name = encoding === 'utf-8' ? 'UTF-8' : 'UTF-16';
    return {
      finding: {
        rule: 'file-unreadable',
        severity: 'error',
        message: `not valid ${name} (first bad byte on line ${line}); save the file as ${name}`,
        french: `pas en ${name} valide (premier octet invalide en ligne ${line}) ; enregistrez le fichier en ${name}`,
        file,
        line,
      },
    };
  }
}

/** Text back to bytes in the encoding it was read in (see `decodeDocument`). */
export function encodeText(text: string, encoding: TextEncoding = 'utf-8'): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  const bytes = new Uint8Array(text.length * 2);
  const [low, high] = encoding === 'utf-16le' ? [0, 1] : [1, 0];
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    bytes[index * 2 + low] = code & 0xff;
    bytes[index * 2 + high] = code >> 8;
  }
  return bytes;
}

export function tooLargeFinding(file: string, size: number, config: RunbookConfig): Finding {
  const why = tooLargeReason(size, config);
  return {
    rule: 'file-too-large',
    severity: 'warning',
    message: `skipped: ${why.en}`,
    french: `ignoré : ${why.fr}`,
    file,
    line: 1,
  };
}

/** "2.5 MB is over the 1024 KB limit (maxFileSizeKB)", in both languages. */
function tooLargeReason(size: number, config: RunbookConfig): Bilingual {
  const megabytes = (size / 1024 / 1024).toFixed(1);
  return bilingual(
    `${megabytes} MB is over the ${config.maxFileSizeKB} KB limit (maxFileSizeKB)`,
    `${megabytes.replace('.', ',')} Mo dépasse la limite de ${config.maxFileSizeKB} Ko (maxFileSizeKB)`,
  );
}

/** Read a file for listing: over-size and non-UTF-8 files come back as findings, never as errors. */
export async function readForListing(files: WorkspaceFiles, config: RunbookConfig, file: string): Promise<ReadOutcome> {
  const stat = await files.stat(file);
  if (stat && stat.size > config.maxFileSizeKB * 1024) return { finding: tooLargeFinding(file, stat.size, config) };
  return decodeDocument(await files.readFile(file), file);
}

/** Read a file that a command edits: a missing, over-size or non-UTF-8 file is a domain error naming the file. */
export async function readForEdit(files: WorkspaceFiles, config: RunbookConfig, file: string): Promise<{ text: string; bytes: Uint8Array; encoding: TextEncoding }> {
  const stat = await files.stat(file);
  if (!stat) throw new RunbookError('file-not-found', bilingual(`${file} does not exist`, `${file} n’existe pas`));
  if (stat.type !== 'file') {
    throw new RunbookError(
      'not-a-regular-file',
      stat.type === 'directory'
        ? bilingual(`${file} is a folder, not a document`, `${file} est un dossier, pas un document`)
        : bilingual(`${file} is not a regular file, not a document`, `${file} n’est pas un fichier ordinaire, pas un document`),
    );
  }
  if (stat.size > config.maxFileSizeKB * 1024) {
    const why = tooLargeReason(stat.size, config);
    throw new RunbookError('file-too-large', bilingual(`${file}: ${why.en}`, `${file} : ${why.fr}`));
  }
  const bytes = await files.readFile(file);
  const outcome = decodeDocument(bytes, file);
  if ('finding' in outcome) {
    const { message, french } = outcome.finding;
    throw new RunbookError('invalid-encoding', bilingual(`${file}: ${message}`, `${file} : ${french ?? message}`));
  }
  return { text: outcome.text, bytes, encoding: outcome.encoding ?? 'utf-8' };
}

export interface WorkspaceScan {
  documents: ParsedDocument[];
  /** Files and folders that could not be read (encoding, size, special files, links out). Per-document findings are in each document. */
  findings: Finding[];
}

/** Parse every markdown document of the workspace (the straightforward path; the index caches this). */
export async function scanWorkspace(host: EngineHost, config: RunbookConfig): Promise<WorkspaceScan> {
  const walk = await walkMarkdownFiles(host.files, config);
  const scan: WorkspaceScan = { documents: [], findings: [...walk.findings] };
  for (const file of walk.files) {
    const outcome = await readForListing(host.files, config, file);
    if ('finding' in outcome) scan.findings.push(outcome.finding);
    else scan.documents.push(parseDocument(outcome.text, { file, config }));
  }
  return scan;
}
