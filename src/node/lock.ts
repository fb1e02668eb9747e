/**
 * A cross-process lock on one file, so that "read, compute the edit, write" is one step for every writer that takes it
 * (each `runbook` command, the extension's saves): without it two `runbook approve` processes both read the same text
 * and the second write loses the first approval.
 *
 * The lock is a file next to the target (`doc.md.lock`) created with O_EXCL (`wx`), holding the holder's pid, host and
 * start time. A waiter retries every 15–45 ms up to `timeoutMs` (then refuses: nothing is written). A lock is stale —
 * and broken — when its holder is a process of this host that no longer runs, or when it is older than `staleMs`
 * (a holder keeps it for milliseconds). Breaking goes through a second exclusive file (`doc.md.lock.break`), and the
 * lock is only removed if it still holds what was judged stale, so two waiters never break a fresh lock between them.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { bilingual, RunbookError } from '../core/errors';

export interface LockOptions {
  /** How long to wait for another holder before refusing (default 10 s). */
  timeoutMs?: number;
  /** Age past which a lock is stale whoever holds it (default 30 s). */
  staleMs?: number;
}

interface LockInfo {
  pid: number;
  host: string;
  /** Milliseconds since the epoch. */
  since: number;
  token: string;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_STALE_MS = 30_000;
/** A breaker file older than this belongs to a process that died while breaking: remove it. */
const BREAKER_STALE_MS = 5_000;

/** The lock file of `path`. */
export function lockPathOf(path: string): string {
  return `${path}.lock`;
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | null)?.code;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The lock's content and age, or null when it vanished. Content not yet written (a holder between create and write) is read as unknown. */
async function readLock(lockPath: string): Promise<{ info: LockInfo | null; raw: string; mtime: number } | null> {
  try {
    const [raw, stat] = await Promise.all([fs.readFile(lockPath, 'utf8'), fs.stat(lockPath)]);
    let info: LockInfo | null = null;
    try {
      const parsed = JSON.parse(raw) as Partial<LockInfo>;
      if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.since === 'number' && typeof parsed.token === 'string') info = parsed as LockInfo;
    } catch {
      // Being written: judged by its age alone.
    }
    return { info, raw, mtime: stat.mtimeMs };
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null;
    throw error;
  }
}

/** Whether a process of this host with this pid is running (EPERM: it runs under another user). */
function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

function isStale(lock: { info: LockInfo | null; mtime: number }, staleMs: number, now: number): boolean {
  const since = lock.info?.since ?? lock.mtime;
  if (now - since > staleMs) return true;
  return lock.info !== null && lock.info.host === hostname() && lock.info.pid !== process.pid && !processRuns(lock.info.pid);
}

/** Remove a stale lock if it still holds `raw` (nothing happens while another process is breaking it). */
async function breakStaleLock(lockPath: string, raw: string): Promise<void> {
  const breaker = `${lockPath}.break`;
  try {
    await fs.writeFile(breaker, String(process.pid), { flag: 'wx' });
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    const stat = await fs.stat(breaker).catch(() => null);
    if (stat && Date.now() - stat.mtimeMs > BREAKER_STALE_MS) await fs.rm(breaker, { force: true });
    return;
  }
  try {
    const again = await readLock(lockPath);
    if (again && again.raw === raw) await fs.rm(lockPath, { force: true });
  } finally {
    await fs.rm(breaker, { force: true });
  }
}

/** Take the lock of `path` (absolute), waiting for another holder up to the timeout; returns the token to release it with. */
async function acquire(path: string, name: string, options: LockOptions): Promise<string> {
  const lockPath = lockPathOf(path);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const staleMs = options.staleMs ?? DEFAULT_STALE_MS;
  const deadline = Date.now() + timeoutMs;
  const token = randomBytes(8).toString('hex');
  const content = JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now(), token } satisfies LockInfo);
  for (;;) {
    try {
      const handle = await fs.open(lockPath, 'wx');
      try {
        await handle.writeFile(content);
      } finally {
        await handle.close();
      }
      return token;
    } catch (error) {
      if (errorCode(error) === 'ENOENT') {
        const folder = name.replace(/\/[^/]*$/, '');
        throw new RunbookError('file-not-found', bilingual(`${name} does not exist (no folder ${folder})`, `${name} n'existe pas (pas de dossier ${folder})`));
      }
      if (errorCode(error) !== 'EEXIST') throw error;
    }
    const held = await readLock(lockPath);
    if (!held) continue; // released meanwhile: try again at once
    if (isStale(held, staleMs, Date.now())) {
      await breakStaleLock(lockPath, held.raw);
      continue;
    }
    if (Date.now() >= deadline) {
      const info = held.info;
      const elsewhere = info !== null && info.host !== hostname();
      const holder = info ? `process ${info.pid}${elsewhere ? ` on ${info.host}` : ''} since ${new Date(info.since).toISOString()}` : 'another process';
      const holderFr = info ? `le processus ${info.pid}${elsewhere ? ` sur ${info.host}` : ''} depuis ${new Date(info.since).toISOString()}` : 'un autre processus';
      throw new RunbookError(
        'file-locked',
        bilingual(
          `${name} is being changed by ${holder} (lock ${lockPathOf(name)}); nothing was written, try again`,
          `${name} est en cours de modification par ${holderFr} (verrou ${lockPathOf(name)}) ; rien n'a été écrit, réessayez`,
        ),
        'domain',
        { lock: lockPath },
      );
    }
    await sleep(15 + Math.floor(Math.random() * 30));
  }
}

/** Remove the lock if it is still ours (a lock broken as stale and taken by another process is left to it). */
async function release(path: string, token: string): Promise<void> {
  const lockPath = lockPathOf(path);
  const held = await readLock(lockPath);
  if (held?.info?.token === token) await fs.rm(lockPath, { force: true });
}

/**
 * Run `task` holding the lock of the file at `path` (absolute); `name` is how messages name the file. Refuses with
 * `file-locked` (exit 1) when another holder keeps it past the timeout.
 */
export async function withFileLock<T>(path: string, name: string, task: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const token = await acquire(path, name, options);
  try {
    return await task();
  } finally {
    await release(path, token);
  }
}
