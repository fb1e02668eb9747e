/**
 * What the core needs from its host, passed in and never imported: the CLI gives a Node `fs` implementation
 * (`src/cli/node-host.ts`), the extension one over `vscode.workspace.fs` so remote and virtual workspaces work.
 *
 * All paths here are workspace-relative with `/` separators; the host maps them to its own paths or URIs.
 */

export interface FileStat {
  /** Modification time in milliseconds. */
  mtime: number;
  size: number;
  type: 'file' | 'directory';
}

export interface WorkspaceFiles {
  /** Raw bytes of a file; rejects when it does not exist. */
  readFile(relativePath: string): Promise<Uint8Array>;
  /** Stat of a file or folder, or null when it does not exist. */
  stat(relativePath: string): Promise<FileStat | null>;
  /** Entries of a folder (names only, with their type), or an empty list when it does not exist. */
  readDirectory(relativePath: string): Promise<Array<[name: string, type: 'file' | 'directory']>>;
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
