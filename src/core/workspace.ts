/**
 * Reading the workspace's markdown documents through the host: discovery, decoding (UTF-8 only, with a clear finding
 * otherwise), the size limit, and parsing. The index (src/core/index/) builds on these to avoid re-parsing.
 */
import { normalizeFolder, type RunbookConfig } from './config';
import { RunbookError } from './errors';
import type { EngineHost, WorkspaceFiles } from './host';
import { IGNORE_NOTHING, type IgnoreRule } from './ignore';
import type { Finding, ParsedDocument } from './model';
import { parseDocument } from './parse/document';

const MARKDOWN = /\.(?:md|markdown)$/i;

/** Whether the folder at `path` (workspace-relative, no trailing `/`) is never scanned. */
function skipsFolder(path: string, config: RunbookConfig, ignored: IgnoreRule): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return config.exclude.includes(name) || path === normalizeFolder(config.templatesFolder) || ignored(`${path}/`);
}

/**
 * Workspace-relative paths of every markdown file under the configured folders, sorted; excluded folder names and
 * whatever `ignored` says (`.gitignore`, `files.exclude`, see ignore.ts) are skipped.
 */
export async function findMarkdownFiles(files: WorkspaceFiles, config: RunbookConfig, ignored: IgnoreRule = IGNORE_NOTHING): Promise<string[]> {
  const found = new Set<string>();
  const walk = async (folder: string): Promise<void> => {
    for (const [name, type] of await files.readDirectory(folder)) {
      const path = folder === '' ? name : `${folder}/${name}`;
      if (type === 'directory') {
        if (!skipsFolder(path, config, ignored)) await walk(path);
      } else if (MARKDOWN.test(name) && !ignored(path)) {
        found.add(path);
      }
    }
  };
  for (const folder of config.folders) await walk(normalizeFolder(folder));
  return [...found].sort();
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

/** The outcome of reading one file: its text, or a finding saying why it was not read. */
export type ReadOutcome = { text: string } | { finding: Finding };

/** Decode bytes as UTF-8; invalid bytes become a `file-unreadable` finding that names the first bad line. */
export function decodeDocument(bytes: Uint8Array, file: string): ReadOutcome {
  try {
    // ignoreBOM keeps a BOM in the text, so offsets match the file and a write-back keeps it.
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes) };
  } catch {
    const lossy = new TextDecoder('utf-8').decode(bytes);
    const bad = lossy.indexOf('\uFFFD');
    const line = bad === -1 ? 1 : lossy.slice(0, bad).split('\n').length;
    return {
      finding: {
        rule: 'file-unreadable',
        severity: 'error',
        message: `not valid UTF-8 (first bad byte on line ${line}); save the file as UTF-8`,
        file,
        line,
      },
    };
  }
}

export function tooLargeFinding(file: string, size: number, config: RunbookConfig): Finding {
  return {
    rule: 'file-too-large',
    severity: 'warning',
    message: `skipped: ${(size / 1024 / 1024).toFixed(1)} MB is over the ${config.maxFileSizeKB} KB limit (maxFileSizeKB)`,
    file,
    line: 1,
  };
}

/** Read a file for listing: over-size and non-UTF-8 files come back as findings, never as errors. */
export async function readForListing(files: WorkspaceFiles, config: RunbookConfig, file: string): Promise<ReadOutcome> {
  const stat = await files.stat(file);
  if (stat && stat.size > config.maxFileSizeKB * 1024) return { finding: tooLargeFinding(file, stat.size, config) };
  return decodeDocument(await files.readFile(file), file);
}

/** Read a file that a command edits: a missing, over-size or non-UTF-8 file is a domain error naming the file. */
export async function readForEdit(files: WorkspaceFiles, config: RunbookConfig, file: string): Promise<{ text: string; bytes: Uint8Array }> {
  const stat = await files.stat(file);
  if (!stat || stat.type !== 'file') throw new RunbookError('file-not-found', `${file} does not exist`);
  if (stat.size > config.maxFileSizeKB * 1024) {
    throw new RunbookError('file-too-large', `${file}: ${tooLargeFinding(file, stat.size, config).message.replace(/^skipped: /, '')}`);
  }
  const bytes = await files.readFile(file);
  const outcome = decodeDocument(bytes, file);
  if ('finding' in outcome) throw new RunbookError('invalid-encoding', `${file}: ${outcome.finding.message}`);
  return { text: outcome.text, bytes };
}

export interface WorkspaceScan {
  documents: ParsedDocument[];
  /** Files that could not be read (encoding, size). Per-document findings are in each document. */
  findings: Finding[];
}

/** Parse every markdown document of the workspace (the straightforward path; the index caches this). */
export async function scanWorkspace(host: EngineHost, config: RunbookConfig): Promise<WorkspaceScan> {
  const scan: WorkspaceScan = { documents: [], findings: [] };
  for (const file of await findMarkdownFiles(host.files, config)) {
    const outcome = await readForListing(host.files, config, file);
    if ('finding' in outcome) scan.findings.push(outcome.finding);
    else scan.documents.push(parseDocument(outcome.text, { file, config }));
  }
  return scan;
}
