/**
 * The name a person is known by on this machine, for approval records when none is given and no `defaultApprover` is
 * configured (the rule itself is `approverName` in src/core/approver.ts).
 */
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';

/** `git config <key>` in `cwd`, or null (no git, not set, or git took over 3 s). */
function gitConfig(cwd: string, key: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', ['config', key], { cwd, timeout: 3000, encoding: 'utf8' }, (error, stdout) => {
      resolve(error ? null : stdout.trim() || null);
    });
  });
}

function gitUserName(cwd: string): Promise<string | null> {
  return gitConfig(cwd, 'user.name');
}

/**
 * The names an action item's owner may go by for the person on this machine: `git config user.name`, the local part of
 * `git config user.email` (`emilie.durand@example.com` → `emilie.durand`, the usual `@handle`), and the OS user.
 */
export async function ownHandles(cwd: string | null): Promise<string[]> {
  const [name, email] = cwd ? await Promise.all([gitUserName(cwd), gitConfig(cwd, 'user.email')]) : [null, null];
  const local = email?.split('@')[0]?.trim();
  return [...new Set([name, local, osUserName()].filter((value): value is string => !!value))];
}

/** The OS account name, else `$USER`/`$USERNAME`, else "unknown". */
export function osUserName(): string {
  try {
    return userInfo().username || 'unknown';
  } catch {
    return process.env.USER || process.env.USERNAME || 'unknown';
  }
}

/** `git config user.name`, else the OS user name. */
export async function defaultUserName(cwd: string): Promise<string> {
  return (await gitUserName(cwd)) ?? osUserName();
}
