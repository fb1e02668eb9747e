/**
 * The name a person is known by on this machine, for approval records when none is given and no `defaultApprover` is
 * configured (the rule itself is `approverName` in src/core/approver.ts).
 */
import { execFile } from 'node:child_process';
import { userInfo } from 'node:os';

/** `git config user.name` in `cwd`, or null (no git, not set, or git took over 3 s). */
function gitUserName(cwd: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile('git', ['config', 'user.name'], { cwd, timeout: 3000, encoding: 'utf8' }, (error, stdout) => {
      resolve(error ? null : stdout.trim() || null);
    });
  });
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
