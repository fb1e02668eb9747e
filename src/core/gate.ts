/**
 * The compliance gate, once for every reader: which roles count as approved (checked, fresh and by an allowed
 * approver), which are missing, stale or unauthorised, and whether the runbook passes — ACCEPTED with every approval
 * counting. `accept`, `runbook status`, `check`, the listings, the sidebar and the CodeLens all read it from here.
 */
import { approversOf, mayApprove } from './approver';
import { normalizeFolder, type RunbookConfig } from './config';
import { bilingual, RunbookError } from './errors';
import { checkPathName, joinPath } from './generate/paths';
import type { WorkspaceFiles } from './host';
import type { ComplianceItem, Runbook } from './model';
import { linesOfRole, rolesOf } from './parse/runbook';

/** A role whose approval does not count, with the line and the name that make it so. */
export interface RoleProblem {
  role: string;
  line: number;
  /** Who approved it (null when the box is checked with no name recorded). */
  by: string | null;
}

export interface RunbookGate {
  /** The status state (`PROPOSED`, `ACCEPTED`, or another word upper-cased), or null when there is none. */
  status: string | null;
  /** Every role the runbook must carry, in order (configured roles, then roles only its checklist names). */
  roles: string[];
  /** Roles checked on every line, fresh, and approved by someone allowed to. */
  approved: string[];
  /** Roles with no line, or a line left unchecked. */
  missing: string[];
  /** Checked roles whose approval recorded another content fingerprint: the runbook changed since. */
  stale: RoleProblem[];
  /** Checked roles approved by someone not in `approvers` for the role (or with no name recorded where a list exists). */
  unauthorized: RoleProblem[];
  /** ACCEPTED with nothing missing, stale or unauthorised: what `runbook status` exits 0 for. */
  passes: boolean;
}

/** Why an approval on `item` is not one an allowed approver gave, or null when it is (or anyone may approve). */
export function unauthorizedApproval(item: ComplianceItem, config: RunbookConfig): RoleProblem | null {
  if (!item.checked || approversOf(config, item.role).length === 0) return null;
  const by = item.approval?.by ?? null;
  return by !== null && mayApprove(config, item.role, by) ? null : { role: item.role, line: item.line, by };
}

/** The gate of one runbook under `config`. */
export function runbookGate(runbook: Runbook, config: RunbookConfig): RunbookGate {
  const gate: RunbookGate = { status: runbook.status?.value ?? null, roles: rolesOf(runbook, config.roles), approved: [], missing: [], stale: [], unauthorized: [], passes: false };
  for (const role of gate.roles) {
    const lines = linesOfRole(runbook, role);
    if (lines.length === 0 || lines.some((item) => !item.checked)) {
      gate.missing.push(role);
      continue;
    }
    const stale = lines.find((item) => item.stale);
    if (stale) gate.stale.push({ role, line: stale.line, by: stale.approval?.by ?? null });
    const unauthorized = lines.map((item) => unauthorizedApproval(item, config)).find((problem) => problem !== null);
    if (unauthorized) gate.unauthorized.push(unauthorized);
    if (!stale && !unauthorized) gate.approved.push(role);
  }
  gate.passes = gate.status === 'ACCEPTED' && gate.missing.length === 0 && gate.stale.length === 0 && gate.unauthorized.length === 0;
  return gate;
}

/** Deepest folder level searched under `runbooksFolder` for a story's runbook (`<SCOPE>/<ID>-runbook.md` is 1). */
const MAX_RUNBOOK_DEPTH = 4;

/**
 * The workspace path of the runbook of story `storyId`: `<runbooksFolder>/**\/<ID>-runbook.md` (any scope, the ID
 * compared without case). `file-not-found` when there is none, `invalid-field` naming them when several scopes have one.
 */
export async function locateRunbook(files: WorkspaceFiles, config: RunbookConfig, storyId: string): Promise<string> {
  const id = checkPathName(storyId.trim(), 'story ID');
  const wanted = `${id}-runbook.md`.toLowerCase();
  const root = normalizeFolder(config.runbooksFolder);
  const found: string[] = [];
  const walk = async (folder: string, depth: number): Promise<void> => {
    for (const [name, type] of await files.readDirectory(folder)) {
      const path = joinPath(folder, name);
      if (type === 'directory' && depth < MAX_RUNBOOK_DEPTH && !config.exclude.includes(name)) await walk(path, depth + 1);
      else if (type === 'file' && name.toLowerCase() === wanted) found.push(path);
    }
  };
  await walk(root, 0);
  if (found.length === 1) return found[0];
  if (found.length === 0) {
    throw new RunbookError(
      'file-not-found',
      bilingual(`no runbook for ${id}: no ${id}-runbook.md under ${root || '.'}`, `aucun runbook pour ${id} : pas de ${id}-runbook.md sous ${root || '.'}`),
      'domain',
      { storyId: id },
    );
  }
  const listed = found.sort().join(', ');
  throw new RunbookError(
    'invalid-field',
    bilingual(`${id} has ${found.length} runbooks (${listed}): name the file instead`, `${id} a ${found.length} runbooks (${listed}) : indiquez plutôt le fichier`),
    'domain',
    { files: found },
  );
}
