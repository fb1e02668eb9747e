/**
 * The words the document parsers look for, in one place: the section headings whose content they read and the shape of
 * a `Key: value` field line. The fast tree builder (src/core/parse/fast/) decides what it can leave out
 * of a tree from these same patterns, so a parser that reads a new section adds its heading here and both follow.
 *
 * Headings are matched against `normalizeLabel` of their text (lower case, accents folded), so the patterns are ASCII.
 */

/** A runbook's compliance checklist (seed 004: `## Compliance Checklist`; French `Conformité`). */
export const COMPLIANCE_HEADING = /\b(?:compliance|conformite)\b/;

/** An incident's timeline (seed 002: `## Timeline`; French `Chronologie`, `Déroulé`). */
export const TIMELINE_HEADING = /^(?:timeline|chronologie|deroule)\b/;

/** An incident's impact section. */
export const IMPACT_HEADING = /^impact\b/;

/**
 * An incident's root cause (seed 002: `## Root cause`; seed 003: `Root cause(s)`; French `Cause racine`), whose first
 * sentence a status update quotes.
 */
export const ROOT_CAUSE_HEADING = /^(?:root causes?|causes? racines?|causes? profondes?)$/;

/**
 * The audit trail edits append to (`## History`; French `## Historique`). Read line by line (parse/history.ts), so the
 * fast scanner need not keep its lists.
 */
export const HISTORY_HEADING = /^(?:history|historique)$/;

/** Every section heading a parser reads lists or tables under, besides the configured action headings. */
export const SECTION_HEADINGS: readonly RegExp[] = [COMPLIANCE_HEADING, TIMELINE_HEADING, IMPACT_HEADING, ROOT_CAUSE_HEADING];

/**
 * The start of a `Key: value` line of a top-level paragraph (`Status: PROPOSED`, `**Severity:** SEV2`, `Date : …`):
 * an optional bold marker, a key of up to 30 characters, the colon.
 */
export const FIELD_KEY_PREFIX = /^[ \t]*(?:\*\*|__)?[^:*_]{1,30}?[ \t]*(?:\*\*|__)?[ \t]*:/;

/** A whole field line: group 1 the key, group 2 the value (bold markers around either are dropped). */
export const FIELD_LINE = /^[ \t]*(?:\*\*|__)?([^:*_]{1,30}?)[ \t]*(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*(.+?)[ \t]*$/;
