/**
 * The workspace index: every markdown document of the workspace parsed once, kept in memory, persisted through a
 * cache the host provides, and updated one file at a time from file-system events.
 *
 * Results are those of `scanWorkspace` (src/core/workspace.ts) — the same files, the same `ParsedDocument`s, the same
 * findings for unreadable and over-size files — only faster: a valid cache entry is reused without reading the file.
 *
 * A cache entry is reused only when the file's size and mtime are unchanged; an entry read within a few seconds of its
 * mtime also carries a content hash and is re-read and compared on load, so a same-size edit inside the file system's
 * mtime granularity is never served stale. Renamed and deleted files are simply not in the new listing.
 */
import type { RunbookConfig } from '../config';
import type { EngineHost, FileRead, FileStat, WorkspaceFiles } from '../host';
import type { Finding, ParsedDocument } from '../model';
import type { IgnoreRule } from '../ignore';
import { decodeDocument, isIndexedPath, tooLargeFinding, walkMarkdownFiles, type WorkspaceScan } from '../workspace';
import { checksum, decodeCache, encodeCache, type CacheEntry } from './cache-format';
import { TimeSlicer } from './time-slice';
import { parseDocument, type ParseStats } from '../parse/document';

export { INDEX_FORMAT_VERSION } from './cache-format';

/** Where the index persists between runs: a file per workspace for the CLI, the extension's storage for VS Code. */
export interface IndexCache {
  /** The bytes last written, or null when there are none. */
  read(): Promise<Uint8Array | null>;
  write(data: Uint8Array): Promise<void>;
}

export interface IndexOptions {
  /** Persisted index; without it every load is a full build (`--no-cache`). */
  cache?: IndexCache;
  /** Called as files are indexed during a load, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Identifies the engine that wrote the cache (e.g. the extension's version); a cache written by another one is
   * discarded. The format version is always checked as well.
   */
  fingerprint?: string;
  /** Files to leave out besides the configured `exclude` (`.gitignore`, `files.exclude`); see `loadIgnoreRule`. */
  ignore?: IgnoreRule;
  /**
   * Resolves on the host's next turn. Given by a host whose event loop must stay responsive (the extension host): long
   * loops then pause every few milliseconds (see time-slice.ts). The CLI gives none and runs straight through.
   */
  yieldToHost?: () => Promise<void>;
  /**
   * Leave writing the cache after a load that changed it to the caller (`persist()` when convenient): the extension
   * then has its index, and paints it, without waiting for 15 MB to be encoded and written. The CLI writes at once.
   */
  persistLater?: boolean;
  /**
   * Called with the cache's documents as soon as it is read and found whole, before any file is checked against it:
   * a view can paint from it at once and be corrected when the load resolves. Not called without a usable cache.
   */
  onCached?: (scan: WorkspaceScan) => void;
  /** Counts of documents parsed by the fast tree and by remark, for the benchmark. */
  stats?: ParseStats & { reused: number };
}

/** An mtime this close to the time of reading could still change within the same tick: keep a content hash. */
const RACY_WINDOW_MS = 3000;
/**
 * Files stat-ed or read per call to the host: small enough that a batch of synchronous reads stays far under the
 * extension host's 50 ms stall line (a page-cached file costs ~20 µs), large enough to make the round trips rare.
 */
const BATCH = 64;

function contentHash(bytes: Uint8Array): string {
  return `${bytes.length}:${checksum(bytes)}`;
}

/** Whether `file` is a document the index follows: the scan's own rule (workspace.ts). */
export { isIndexedPath };

/** What one file of a batch needs: reuse its cache entry, or read it (comparing with the entry when it is unchanged). */
type Plan = { reuse: CacheEntry } | { read: true } | null;

/** `stat` of each path, through the host's batch when it has one. */
function statAll(files: WorkspaceFiles, paths: readonly string[]): Promise<Array<FileStat | null>> {
  if (paths.length === 0) return Promise.resolve([]);
  return files.statMany ? files.statMany(paths) : Promise.all(paths.map((path) => files.stat(path)));
}

/** Stat and bytes of each path, through the host's batch when it has one (null: gone or unreadable). */
function readAll(files: WorkspaceFiles, paths: readonly string[], maxBytes: number): Promise<Array<FileRead | null>> {
  if (paths.length === 0) return Promise.resolve([]);
  if (files.readMany) return files.readMany(paths, maxBytes);
  return Promise.all(
    paths.map(async (path): Promise<FileRead | null> => {
      const stat = await files.stat(path);
      if (!stat || stat.type !== 'file' || stat.size > maxBytes) return stat && { stat, bytes: null };
      return files.readFile(path).then((bytes) => ({ stat, bytes }), () => null);
    }),
  );
}

/**
 * Read and parse a batch of files into cache entries, in order (null for a file that no longer exists or cannot be
 * read). A file with a previous entry is stat-ed first and reused when its size and mtime match (and it carries no
 * hash); every other file is opened, stat-ed and read in one go, and that stat is what its entry records.
 */
async function indexBatch(
  host: EngineHost,
  config: RunbookConfig,
  batch: readonly string[],
  previous: ReadonlyMap<string, CacheEntry>,
  options: IndexOptions,
  slicer?: TimeSlicer,
): Promise<Array<CacheEntry | null>> {
  const known = batch.filter((file) => previous.has(file));
  const stats = await statAll(host.files, known);
  const statOf = new Map(known.map((file, at) => [file, stats[at]]));
  const plans = batch.map((file): Plan => {
    const before = previous.get(file);
    if (!before) return { read: true };
    const stat = statOf.get(file);
    if (!stat || stat.type !== 'file') return null;
    if (before.size === stat.size && before.mtime === stat.mtime && before.hash === undefined) return { reuse: before };
    return { read: true };
  });
  const toRead = batch.filter((_, at) => plans[at] !== null && 'read' in plans[at]!);
  const maxBytes = config.maxFileSizeKB * 1024;
  const readAt = host.clock.now().getTime();
  const reads = await readAll(host.files, toRead, maxBytes);
  const readOf = new Map(toRead.map((file, at) => [file, reads[at]]));
  const entries: Array<CacheEntry | null> = [];
  for (const [at, file] of batch.entries()) {
    const plan = plans[at];
    if (plan === null || 'reuse' in plan) {
      if (plan && options.stats) options.stats.reused += 1;
      entries.push(plan && plan.reuse);
      continue;
    }
    entries.push(entryOf(file, readOf.get(file) ?? null, previous.get(file), readAt, config, options));
    // Parsing is the long part: the host gets its turn between documents, not only between batches.
    await slicer?.pause();
  }
  return entries;
}

/** The cache entry of one file read at `readAt`, or `previous` when its bytes are the ones it was made from. */
function entryOf(file: string, read: FileRead | null, previous: CacheEntry | undefined, readAt: number, config: RunbookConfig, options: IndexOptions): CacheEntry | null {
  if (!read || read.stat.type !== 'file') return null;
  const { stat, bytes } = read;
  if (bytes === null) return { file, size: stat.size, mtime: stat.mtime, finding: tooLargeFinding(file, stat.size, config) };
  const unchanged = previous !== undefined && previous.size === stat.size && previous.mtime === stat.mtime;
  const racy = Math.abs(readAt - stat.mtime) < RACY_WINDOW_MS;
  const hash = racy || unchanged ? contentHash(bytes) : undefined;
  if (unchanged && previous.hash === hash) {
    if (options.stats) options.stats.reused += 1;
    return racy ? previous : { ...previous, hash: undefined };
  }
  // Size and mtime describe the bytes read only when the file did not change in between; otherwise keep a hash.
  const entry: CacheEntry = { file, size: bytes.length, mtime: stat.mtime, hash: racy || bytes.length !== stat.size ? contentHash(bytes) : undefined };
  const outcome = decodeDocument(bytes, file);
  if ('finding' in outcome) entry.finding = outcome.finding;
  else entry.doc = parseDocument(outcome.text, { file, config }, options.stats);
  return entry;
}

function scanOf(entries: Iterable<CacheEntry>): WorkspaceScan {
  const scan: WorkspaceScan = { documents: [], findings: [] };
  for (const entry of entries) {
    if (entry.doc) scan.documents.push(entry.doc);
    else if (entry.finding) scan.findings.push(entry.finding);
  }
  return scan;
}

/**
 * The index over `host`'s workspace. Open it with `WorkspaceIndex.open`, read `documents()` / `findings()`, feed it
 * file-system events (`update`, `remove`, `rename`) and `persist()` when convenient.
 */
export class WorkspaceIndex {
  private sorted: CacheEntry[] | null = null;
  private dirty = false;

  private constructor(
    private readonly host: EngineHost,
    private readonly config: RunbookConfig,
    private readonly options: IndexOptions,
    private readonly entries: Map<string, CacheEntry>,
    /** What the walk could not read (special files, links out, unreadable folders), as of the last load. */
    private readonly walkFindings: readonly Finding[] = [],
  ) {}

  /** Load the index: valid cache entries are reused, every other file is read and parsed. */
  static async open(host: EngineHost, config: RunbookConfig, options: IndexOptions = {}): Promise<WorkspaceIndex> {
    const fingerprint = options.fingerprint ?? '';
    const slicer = new TimeSlicer(options.yieldToHost);
    // The cache is read and decoded while the folders are listed, and shown (onCached) as soon as it is.
    const readCache = async (): Promise<CacheEntry[] | null> => {
      const bytes = options.cache ? await options.cache.read().catch(() => null) : null;
      const entries = bytes ? await decodeCache(bytes, config, fingerprint, slicer) : null;
      if (entries && options.onCached) options.onCached(scanOf(entries));
      return entries;
    };
    const [walk, cached] = await Promise.all([walkMarkdownFiles(host.files, config, options.ignore), readCache()]);
    const files = walk.files;
    const previous = new Map((cached ?? []).map((entry) => [entry.file, entry]));
    let changed = cached === null || cached.length !== files.length;
    const entries = new Map<string, CacheEntry>();
    for (let start = 0; start < files.length; start += BATCH) {
      const batch = files.slice(start, start + BATCH);
      const results = await indexBatch(host, config, batch, previous, options, slicer);
      results.forEach((entry, at) => {
        if (entry !== previous.get(batch[at])) changed = true;
        if (entry) entries.set(entry.file, entry);
      });
      options.onProgress?.(start + batch.length, files.length);
      await slicer.pause();
    }
    const index = new WorkspaceIndex(host, config, options, entries, walk.findings);
    index.dirty = changed;
    if (changed && !options.persistLater) {
      // The cache only saves time: a cache that cannot be written (read-only folder, full disk) must not fail the load.
      await index.persist().catch(() => undefined);
    }
    return index;
  }

  private ordered(): CacheEntry[] {
    this.sorted ??= [...this.entries.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return this.sorted;
  }

  /** Parsed documents, by path, as `scanWorkspace` lists them. */
  documents(): ParsedDocument[] {
    return scanOf(this.ordered()).documents;
  }

  /** Files that could not be indexed (not UTF-8, over the size limit) and paths the walk skipped. */
  findings(): Finding[] {
    return this.scan().findings;
  }

  /** Both, in `scanWorkspace`'s shape. */
  scan(): WorkspaceScan {
    const scan = scanOf(this.ordered());
    if (this.walkFindings.length > 0) scan.findings = [...this.walkFindings, ...scan.findings].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return scan;
  }

  /** The parsed document at `file`, if indexed. */
  document(file: string): ParsedDocument | undefined {
    return this.entries.get(file)?.doc;
  }

  /**
   * Re-read one changed or created file (a deleted one is removed). Files outside the indexed folders are ignored.
   * Returns the document as now indexed, or null.
   */
  async update(file: string): Promise<ParsedDocument | null> {
    if (!isIndexedPath(file, this.config, this.options.ignore)) return null;
    const [entry] = await indexBatch(this.host, this.config, [file], new Map(), this.options);
    this.set(file, entry);
    return entry?.doc ?? null;
  }

  /**
   * Index the parse of an open editor's text (unsaved changes included) for `file`, parsed by the caller with this
   * index's configuration. It is not persisted as file content: the next `update` or load reads the file again.
   */
  setOpenDocument(file: string, doc: ParsedDocument): ParsedDocument | null {
    if (!isIndexedPath(file, this.config, this.options.ignore)) return null;
    // size -1 never matches a stat, so the cache entry is re-read on the next load.
    this.set(file, { file, size: -1, mtime: -1, doc });
    return doc;
  }

  /** Forget a deleted file. */
  remove(file: string): void {
    this.set(file, null);
  }

  /** A file (or folder) moved: forget the old paths, index the new ones. */
  async rename(from: string, to: string): Promise<void> {
    const prefix = from + '/';
    const moved = [...this.entries.keys()].filter((file) => file === from || file.startsWith(prefix));
    for (const file of moved) this.set(file, null);
    const targets = moved.length > 0 && moved[0] !== from ? moved.map((file) => to + file.slice(from.length)) : [to];
    for (const file of targets) await this.update(file);
  }

  /** Write the index through the cache, if one was given and anything changed since the last write. */
  async persist(): Promise<void> {
    if (!this.options.cache || !this.dirty) return;
    const entries = this.ordered().filter((entry) => entry.size >= 0);
    const slicer = new TimeSlicer(this.options.yieldToHost);
    await this.options.cache.write(await encodeCache(entries, this.config, this.options.fingerprint ?? '', slicer));
    this.dirty = false;
  }

  private set(file: string, entry: CacheEntry | null): void {
    if (entry) this.entries.set(file, entry);
    else if (!this.entries.delete(file)) return;
    this.sorted = null;
    this.dirty = true;
  }
}

/**
 * Same result as `scanWorkspace` (src/core/workspace.ts), through the cache when one is given (and written back when
 * anything changed). Without a cache it is a full build: the CLI's `--no-cache`.
 */
export async function loadDocuments(
  host: EngineHost,
  config: RunbookConfig,
  options: IndexOptions = {},
): Promise<WorkspaceScan> {
  return (await WorkspaceIndex.open(host, config, options)).scan();
}
