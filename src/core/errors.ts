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
  | 'not-a-regular-file'
  | 'side-update-failed';

/** The languages the product speaks to its users: the CLI's from LANG, the editor's from its display language. */
export type Language = 'en' | 'fr';

/** A message in both languages. The engine returns data, not prose in one language: each front end picks. */
export interface Bilingual {
  en: string;
  fr: string;
}

/** `{ en, fr }`, for a `RunbookError` (or a finding) whose message a French user reads in French. */
export function bilingual(en: string, fr: string): Bilingual {
  return { en, fr };
}

export class RunbookError extends Error {
  override readonly name = 'RunbookError';
  /** The French message, when the error has one; `message` is the English one (logs, tests, JSON output). */
  readonly french: string | undefined;
  constructor(
    readonly code: ErrorCode,
    message: string | Bilingual,
    readonly kind: ErrorKind = 'domain',
    /** Data a front end may use (closest story ids, missing roles, …). */
    readonly details: Record<string, unknown> = {},
  ) {
    super(typeof message === 'string' ? message : message.en);
    this.french = typeof message === 'string' ? undefined : message.fr;
  }

  /** The message in `language` (English when the error has no French). */
  messageIn(language: Language): string {
    return language === 'fr' && this.french !== undefined ? this.french : this.message;
  }

  /** Both messages, to rethrow the error with more context (`error.text` → `bilingual(…)`). */
  get text(): Bilingual {
    return { en: this.message, fr: this.french ?? this.message };
  }
}

export function isRunbookError(value: unknown): value is RunbookError {
  return value instanceof RunbookError;
}
