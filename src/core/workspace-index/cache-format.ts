/**
 * The index cache's bytes: one JSON line per file entry, then a one-line JSON header (format version, engine
 * fingerprint, configuration, payload length and checksum). The header comes last so the payload can be encoded entry
 * by entry straight into the final buffer (no whole-payload string, no second copy), and entries are encoded and decoded
 * one line at a time, with a pause between slices, so the extension host never waits on a 15 MB `JSON.parse`.
 * Anything that does not check out — another format version or engine, another configuration, a truncated or altered
 * payload — decodes to null and the index is rebuilt: a cache is never trusted beyond what it can prove.
 */
import type { RunbookConfig } from '../config';
import type { Finding, ParsedDocument } from '../model';
import { TimeSlicer } from './time-slice';

/** Bump when the entry shape or anything the parser returns changes meaning. */
export const INDEX_FORMAT_VERSION = 8;
const MAGIC = 'runbook-kit-index';

/** What the index knows about one file, and the stat and content proof it was made from. */
export interface CacheEntry {
  file: string;
  size: number;
  mtime: number;
  /**
   * Content hash, kept only for entries whose mtime was too close to the moment they were read: a same-size edit in
   * the same mtime tick would otherwise look unchanged. Such entries are re-read and compared on load.
   */
  hash?: string;
  doc?: ParsedDocument;
  finding?: Finding;
}

interface Header {
  magic: string;
  version: number;
  fingerprint: string;
  config: string;
  length: number;
  checksum: string;
}

/** A fast 32-bit FNV-1a style checksum over bytes (4 at a time), as 8 hex digits. */
export function checksum(bytes: Uint8Array): string {
  const words = bytes.length >>> 2;
  return checksumTail(bytes, checksumWords(bytes, 0x811c9dc5 ^ bytes.length, 0, words));
}

/** The word loop of `checksum` over words `from` to `to` (exclusive), continuing from `hash`. */
function checksumWords(bytes: Uint8Array, hash: number, from: number, to: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let index = from; index < to; index += 1) {
    hash = Math.imul(hash ^ view.getUint32(index * 4, true), 0x01000193);
    hash ^= hash >>> 15;
  }
  return hash;
}

function checksumTail(bytes: Uint8Array, hash: number): string {
  for (let index = (bytes.length >>> 2) * 4; index < bytes.length; index += 1) hash = Math.imul(hash ^ bytes[index], 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/** Words hashed between two pauses: 1 MB, a few milliseconds. */
const CHECKSUM_SLICE_WORDS = 1 << 18;

/**
 * `checksum`, pausing between 1 MB slices: over a 15 MB cache the single loop held the extension host for ~50 ms.
 * Same value as `checksum`.
 */
export async function checksumSliced(bytes: Uint8Array, slicer: TimeSlicer): Promise<string> {
  const words = bytes.length >>> 2;
  let hash = 0x811c9dc5 ^ bytes.length;
  for (let from = 0; from < words; from += CHECKSUM_SLICE_WORDS) {
    hash = checksumWords(bytes, hash, from, Math.min(from + CHECKSUM_SLICE_WORDS, words));
    await slicer.pause();
  }
  return checksumTail(bytes, hash);
}

/** Stable text of the configuration the entries were parsed with. */
export function configKey(config: RunbookConfig): string {
  const sorted = Object.fromEntries(Object.entries(config).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify(sorted);
}

/** The cache bytes of `entries`: one JSON line each, then the header line. */
export async function encodeCache(entries: readonly CacheEntry[], config: RunbookConfig, fingerprint: string, slicer = new TimeSlicer()): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [];
  for (const entry of entries) {
    parts.push(encoder.encode(JSON.stringify(entry)));
    await slicer.pause();
  }
  // Entries joined by newlines (a JSON string never holds a raw newline).
  const length = parts.reduce((sum, part) => sum + part.length, 0) + Math.max(parts.length - 1, 0);
  const headerFor = (sum: string): Uint8Array => {
    const header: Header = { magic: MAGIC, version: INDEX_FORMAT_VERSION, fingerprint, config: configKey(config), length, checksum: sum };
    return encoder.encode(JSON.stringify(header));
  };
  const headerLength = headerFor('00000000').length;
  const bytes = new Uint8Array(length + 1 + headerLength);
  let at = 0;
  parts.forEach((part, index) => {
    if (index > 0) bytes[at++] = 0x0a;
    bytes.set(part, at);
    at += part.length;
  });
  bytes[at++] = 0x0a;
  bytes.set(headerFor(await checksumSliced(bytes.subarray(0, length), slicer)), at);
  return bytes;
}

function isEntry(value: unknown): value is CacheEntry {
  if (!value || typeof value !== 'object') return false;
  const entry = value as Record<string, unknown>;
  if (typeof entry.file !== 'string' || typeof entry.size !== 'number' || typeof entry.mtime !== 'number') return false;
  if (entry.hash !== undefined && typeof entry.hash !== 'string') return false;
  const doc = entry.doc as Record<string, unknown> | undefined;
  if (doc !== undefined) return typeof doc === 'object' && doc !== null && doc.file === entry.file && Array.isArray(doc.actions) && Array.isArray(doc.findings);
  const finding = entry.finding as Record<string, unknown> | undefined;
  return typeof finding === 'object' && finding !== null && finding.file === entry.file && typeof finding.rule === 'string';
}

/** The entries of a cache written for this configuration and engine, or null when it cannot be trusted. */
export async function decodeCache(bytes: Uint8Array, config: RunbookConfig, fingerprint: string, slicer = new TimeSlicer()): Promise<CacheEntry[] | null> {
  try {
    const newline = bytes.lastIndexOf(10);
    if (newline === -1 || bytes.length - newline > 1_000_000) return null;
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const header = JSON.parse(decoder.decode(bytes.subarray(newline + 1))) as Partial<Header>;
    if (header.magic !== MAGIC || header.version !== INDEX_FORMAT_VERSION || header.fingerprint !== fingerprint) return null;
    if (header.config !== configKey(config)) return null;
    const payload = bytes.subarray(0, newline);
    if (payload.length !== header.length || (await checksumSliced(payload, slicer)) !== header.checksum) return null;
    const entries: CacheEntry[] = [];
    for (let start = 0; start < payload.length; ) {
      const end = payload.indexOf(10, start);
      const line = payload.subarray(start, end === -1 ? payload.length : end);
      const entry = JSON.parse(decoder.decode(line)) as unknown;
      if (!isEntry(entry)) return null;
      entries.push(entry);
      start = end === -1 ? payload.length : end + 1;
      await slicer.pause();
    }
    return entries;
  } catch {
    return null;
  }
}
