/**
 * Who an approval, acceptance or decision is recorded as, when the command does not say — the one rule both front
 * ends follow — and who may approve a role (`approvers` in the configuration).
 *
 * The rule, first that gives a name:
 * 1. the name the command was given (`--by`, a command argument, the name a CodeLens showed);
 * 2. the name the person set for themself: `runbook.approverName` in VS Code (a user setting, never a workspace one),
 *    `RUNBOOK_APPROVER` for the CLI;
 * 3. `defaultApprover` from the configuration (shared by everyone who uses the workspace: for a one-person repository
 *    or a bot, not a team);
 * 4. the host's user name: `git config user.name`, else the OS user.
 * A personal setting wins over the shared one because the configuration is committed with the documents and would
 * otherwise record every teammate under one name.
 */
import type { RunbookConfig } from './config';
import type { EngineHost } from './host';

/** Where a recorded name came from (the editor says it beside the name). */
export type ApproverSource = 'given' | 'personal' | 'config' | 'user';

export interface Approver {
  name: string;
  source: ApproverSource;
}

/** The name to record and where it came from: see the module comment for the rule. */
export async function resolveApprover(
  given: string | undefined,
  config: RunbookConfig,
  host: Pick<EngineHost, 'userName' | 'personalName'>,
): Promise<Approver> {
  if (given !== undefined) return { name: given, source: 'given' }; // an empty name is refused where it is written (cleanName)
  const personal = host.personalName?.()?.trim();
  if (personal) return { name: personal, source: 'personal' };
  const configured = config.defaultApprover.trim();
  if (configured) return { name: configured, source: 'config' };
  return { name: await host.userName(), source: 'user' };
}

/** The name to record: `resolveApprover` without its source. */
export async function approverName(given: string | undefined, config: RunbookConfig, host: Pick<EngineHost, 'userName' | 'personalName'>): Promise<string> {
  return (await resolveApprover(given, config, host)).name;
}

/** A name or handle as compared with the `approvers` lists: no leading `@`, spaces collapsed, any case. */
function comparable(name: string): string {
  return name.normalize('NFC').trim().replace(/^@/, '').replace(/\s+/g, ' ').toLowerCase();
}

/** Who may approve `role` (as configured, without `@` for the role); an empty list means anyone. */
export function approversOf(config: RunbookConfig, role: string): string[] {
  const wanted = role.replace(/^@/, '').toLowerCase();
  for (const [key, names] of Object.entries(config.approvers)) {
    if (key.replace(/^@/, '').toLowerCase() === wanted) return names.filter((name) => name.trim() !== '');
  }
  return [];
}

/** Whether `name` may approve `role`: always when no approvers are configured for it. */
export function mayApprove(config: RunbookConfig, role: string, name: string): boolean {
  const allowed = approversOf(config, role);
  if (allowed.length === 0) return true;
  const who = comparable(name);
  return allowed.some((entry) => comparable(entry) === who);
}
