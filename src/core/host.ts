/**
 * What the core needs from its host, passed in and never imported: the CLI gives a Node `fs` implementation
 * (`src/node/files.ts`), the extension one over `vscode.workspace.fs` so remote and virtual workspaces work.
 *
 * All paths here are workspace-relative with `/` separators; the host maps them to its own paths or URIs.
 */

import type { Bilingual } from './errors';

/**
 * What a path is: a regular file, a folder, or anything else (a FIFO, a socket, a device, a link that leads nowhere
 * or out of the workspace) — which is never opened, since opening a FIFO blocks until someone writes to it.
 */
export type EntryType = 'file' | 'directory' | 'other';

export interface FileStat {
  /** Modification time in milliseconds. */
  mtime: number;
  size: number;
  type: EntryType;
}

/** One file as the index reads it: its stat, and its bytes when it is a regular file within the size limit. */
export interface FileRead {
  /** The stat of the file as opened (fstat), which the bytes belong to. */
  stat: FileStat;
  /** Null when the file is not a regular file or is over the size limit (it is then not read at all). */
  bytes: Uint8Array | null;
}

/** What a host knows of an entry besides its type. */
export interface EntryDetail {
  /** Reached through a symbolic link (the walk visits real folders first, then linked ones not seen yet). */
  link?: boolean;
  /** For an `other` entry: why it is not read, in words for a finding (English and French; the index serves both). */
  reason?: Bilingual;
}

/** A folder entry: its name, its type (links inside the workspace resolved), and what else the host knows. */
export type DirectoryEntry = [name: string, type: EntryType, detail?: EntryDetail];

export interface WorkspaceFiles {
  /** Raw bytes of a regular file; rejects when it does not exist or is not a regular file (never blocks on a FIFO). */
  readFile(relativePath: string): Promise<Uint8Array>;
  /** Stat of a file or folder, or null when it does not exist. */
  stat(relativePath: string): Promise<FileStat | null>;
  /**
   * Entries of a folder, or an empty list when it does not exist; rejects when it exists but cannot be listed
   * (permissions, a path too long for the system), so the walk can say so.
   */
  readDirectory(relativePath: string): Promise<DirectoryEntry[]>;
  /**
   * `stat` of many files at once, in their order (null for each that is gone or cannot be reached): what a warm load
   * checks its cache against. Optional: a host that can do it without a round trip per file gives it (the Node host
   * makes one synchronous call per file, each a few microseconds, where an asynchronous call costs ~50).
   */
  statMany?(relativePaths: readonly string[]): Promise<Array<FileStat | null>>;
  /**
   * Open, stat and read many files at once, in their order (null for each that is gone or cannot be read): what a
   * cold load reads. A file that is not regular, or is over `maxBytes`, comes back with its stat and no bytes. Optional,
   * for the same reason as `statMany`; without it the index calls `stat` and `readFile` per file.
   */
  readMany?(relativePaths: readonly string[], maxBytes: number): Promise<Array<FileRead | null>>;
  /**
   * The identity of the real folder at a path (device and inode, or its real path): two paths that reach one folder
   * through links give the same. Null when the host cannot tell; a host without it follows no folder link at all.
   */
  folderIdentity?(relativePath: string): Promise<string | null>;
  /**
   * Create a new file with these bytes, creating parent folders; must fail (resolve `false`) rather than replace a file
   * that already exists.
   */
  createFile(relativePath: string, data: Uint8Array): Promise<boolean>;
}

export interface Clock {
  /** The current time; tests pass a fixed one. */
  now(): Date;
}

export interface EngineHost {
  files: WorkspaceFiles;
  clock: Clock;
  /** The name recorded on approvals when nothing else names one: `git config user.name`, else the OS user name. */
  userName(): Promise<string>;
  /**
   * The name the person at this front end set for themself (VS Code `runbook.approverName`, the CLI's
   * `RUNBOOK_APPROVER`), or undefined; it wins over the configuration's `defaultApprover` (approver.ts).
   */
  personalName?(): string | undefined;
}
