/**
 * What the core needs from its host, passed in and never imported: the CLI gives a Node `fs` implementation
 * (`src/node/files.ts`), the extension one over `vscode.workspace.fs` so remote and virtual workspaces work.
 *
 * All paths here are workspace-relative with `/` separators; the host maps them to its own paths or URIs.
 */

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

/** What a host knows of an entry besides its type. */
export interface EntryDetail {
  /** Reached through a symbolic link (the walk visits real folders first, then linked ones not seen yet). */
  link?: boolean;
  /** For an `other` entry: why it is not read, in words for a finding. */
  reason?: string;
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
