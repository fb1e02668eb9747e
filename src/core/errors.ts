/**
 * Typed errors of the engine. The core never exits or prints: it throws these, and each front end decides what the
 * user sees (the CLI maps `kind` to an exit code, the extension to a message).
 */

/** `domain`: the input is well-formed but the request cannot be met (exit 1). `usage`: the request itself is wrong (exit 2). */
export type ErrorKind = 'domain' | 'usage';

export type ErrorCode =
  | 'story-not-found'
  | 'template-not-found'
  | 'template-invalid'
  | 'file-exists'
  | 'file-not-found'
  | 'outside-workspace'
  | 'unknown-role'
  | 'missing-approvals'
  | 'not-a-runbook'
  | 'already-accepted'
  | 'no-such-action'
  | 'changed-on-disk'
  | 'missing-fields'
  | 'invalid-field'
  | 'invalid-encoding'
  | 'file-too-large'
  | 'invalid-config'
  | 'no-history-table'
  | 'edit-refused'
  | 'not-an-incident'
  | 'invalid-transition'
  | 'not-an-approver'
  | 'stale-approvals'
  | 'wrong-status'
  | 'runbook-accepted'
  | 'file-locked'
  | 'no-model'
  | 'model-failed'
  | 'cancelled'
  | 'draft-invalid'
  | 'document-too-complex'
  | 'not-a-handoff'
  | 'already-decided'
  | 'no-activity-section'
  | 'not-a-regular-file';

export class RunbookError extends Error {
  override readonly name = 'RunbookError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly kind: ErrorKind = 'domain',
    /** Data a front end may use (closest story ids, missing roles, …). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export function isRunbookError(value: unknown): value is RunbookError {
  return value instanceof RunbookError;
}
