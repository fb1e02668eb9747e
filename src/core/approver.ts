/**
 * Who an approval, acceptance or decision is recorded as, when the command does not say: the one rule both front ends
 * follow.
 */
import type { RunbookConfig } from './config';
import type { EngineHost } from './host';

/**
 * `given` when a name was given (`--by`, a command argument), else the configured `defaultApprover`, else the host's
 * user name (`git config user.name`, else the OS user).
 */
export async function approverName(given: string | undefined, config: RunbookConfig, host: Pick<EngineHost, 'userName'>): Promise<string> {
  if (given !== undefined) return given; // an empty name is refused where it is written (cleanName)
  return config.defaultApprover.trim() || (await host.userName());
}
