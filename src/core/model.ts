/**
 * The document model shared by the CLI, the extension and the workspace index.
 *
 * Every position is a source position from the parser: `offset` is a 0-based UTF-16 offset into the text exactly as it
 * was read (BOM and CRLF included), `line` is 1-based. Edits are computed from these positions, never by searching.
 */
import type { DocumentLanguage } from './language';

/** A half-open range of UTF-16 offsets `[start, end)` into the document text as read. */
export interface OffsetRange {
  start: number;
  end: number;
}

/** What kind of document a file is, decided from frontmatter `kind`, its folder, or its title. */
export type DocumentKind = 'runbook' | 'rca' | 'postmortem' | 'handoff' | 'incident-runbook' | 'story' | 'other';

/** Who approved (or accepted) and when; written on the line itself so it survives in git history. */
export interface ApprovalRecord {
  by: string;
  /** `YYYY-MM-DD`. */
  at: string;
  /**
   * The content fingerprint written with an approval (`(a1b2c3d)`, see fingerprint.ts): what the approver saw. Absent
   * on records written before fingerprints existed, which stay valid.
   */
  fingerprint?: string;
}

/** One `- [ ] @Role approved?` line of a runbook's compliance checklist. */
export interface ComplianceItem {
  /** The role without `@`, as written (`Security`, `QA`, …). */
  role: string;
  checked: boolean;
  /** Parsed from the line's `— approved by NAME on DATE` suffix, when present. */
  approval: ApprovalRecord | null;
  /** Whether the role is one of the configured roles (`roles` in the configuration). */
  known: boolean;
  line: number;
  /** Offset of the single character inside the `[ ]` / `[x]` box. */
  checkboxOffset: number;
  /** End of the line's text, before the line ending: where an approval record is appended. */
  lineEndOffset: number;
  /** The range of an existing approval record suffix (including its leading separator), or null. */
  approvalRange: OffsetRange | null;
  /** The approval records a fingerprint that is not the runbook's current one: the content changed since. */
  stale: boolean;
}

export type RunbookStatus = 'PROPOSED' | 'ACCEPTED';

/** The `Status:` of a runbook and where it is written. */
export interface StatusField {
  /**
   * The state: `PROPOSED` or `ACCEPTED` for either language's spelling in any case (`PROPOSÉ`, `Accepté`), otherwise
   * the word as written, upper-cased (`DRAFT`).
   */
  value: string;
  /** The word exactly as written (`Proposé`): an edit keeps its language and letter case. */
  written: string;
  /** The key as written (`Status`, `Statut`, `status`). */
  key: string;
  /** `body` for a `Status: X` line, `frontmatter` for a `status: X` key. */
  source: 'body' | 'frontmatter';
  line: number;
  /** The range of the value word itself. */
  valueRange: OffsetRange;
  /** In frontmatter, the quote around the value (`'` or `"`), or `''` when plain: the style a written name follows. */
  quote: string;
  /** Who accepted it and when: `— accepted by NAME on DATE` after the value, or frontmatter `accepted: {by, at}`. */
  acceptance: ApprovalRecord | null;
  /** Who moved it back from ACCEPTED to PROPOSED: `— reopened by NAME on DATE`, or frontmatter `reopened: {by, at}`. */
  reopening: ApprovalRecord | null;
  /**
   * The range of that record: in the body, the suffix after the value (separator included); in frontmatter, the
   * `accepted:`/`reopened:` key's lines (line ending of the last excluded). Null when there is none.
   */
  recordRange: OffsetRange | null;
  /** 1-based lines the record occupies besides the status line (frontmatter record keys), for the fingerprint. */
  recordLines: number[];
}

export interface Runbook {
  status: StatusField | null;
  compliance: ComplianceItem[];
  /** The end of the compliance list (offset after its last item's line), for inserting a missing role. */
  complianceHeadingLine: number | null;
  /** Fingerprint of the content approvals vouch for (7 hex digits; what is hashed is defined in fingerprint.ts). */
  fingerprint: string;
}

/** What an audit-trail entry records. */
export type HistoryEvent = 'approved' | 'revoked' | 'accepted' | 'reopened' | 'done';

/** One `- 2026-11-23 14:05 @QA approved by Alice (a1b2c3d)` line of a document's `## History` section. */
export interface HistoryEntry {
  line: number;
  /** The entry as written, without its list marker. */
  text: string;
  /** `YYYY-MM-DD`, or null when the entry does not start with a date. */
  date: string | null;
  /** `HH:MM`, or null. */
  time: string | null;
  /** What happened, when the entry is one this tool writes (in English or French); null for a hand-written line. */
  event: HistoryEvent | null;
  /** The role, without `@`, for approvals and revocations. */
  role: string | null;
  /** The action item's number, for `done`. */
  action: number | null;
  by: string | null;
  fingerprint: string | null;
}

/** The `## History` (`## Historique`) section: the audit trail edits append to. */
export interface HistorySection {
  /** 1-based line of its heading. */
  line: number;
  /** 1-based last line of the section (before the next heading of the same or a higher level, or the end). */
  endLine: number;
  entries: HistoryEntry[];
  /** Where the next entry goes: the end of the section's last non-blank line (before its line ending). */
  appendOffset: number;
  /** Whether anything but blank lines follows the heading inside the section. */
  hasContent: boolean;
}

/** How an action item is written, which decides how it is marked done. */
export type ActionItemForm = 'task' | 'table';

/** An Obsidian Tasks or Dataview priority (`🔺` `⏫` `🔼` `🔽` `⏬`, `[priority:: high]`). */
export type ActionPriority = 'highest' | 'high' | 'medium' | 'low' | 'lowest';

/**
 * The convention an item's dates are written in (parse/task-syntax.ts): Obsidian Tasks emoji, Dataview inline fields,
 * or plain words. `done` writes the completion date the same way (`✅ 2026-12-02`, `[completion:: 2026-12-02]`).
 */
export type ActionStyle = 'obsidian' | 'dataview' | 'plain';

export interface ActionItem {
  /** 1-based position among the document's action items, as `runbook done <file> <n>` counts them. */
  index: number;
  text: string;
  /** Without `@`, or null when none is named. */
  owner: string | null;
  /** `YYYY-MM-DD`, or null. */
  due: string | null;
  done: boolean;
  /** Cancelled (`- [-]`, as Obsidian Tasks writes it): neither open nor done, never overdue. */
  cancelled: boolean;
  /** `YYYY-MM-DD` the item was done (`✅ 2026-12-02`, `[completion:: 2026-12-02]`), or null. */
  completed: string | null;
  priority: ActionPriority | null;
  style: ActionStyle;
  form: ActionItemForm;
  /** Workspace-relative path with `/` separators (empty when parsed without a path). */
  file: string;
  line: number;
  /** For `task`: offset of the character inside `[ ]`. */
  checkboxOffset?: number;
  /** For `table`: the trimmed content range of the Status cell (empty range where the cell is empty). */
  statusCellRange?: OffsetRange;
  /** For `table`: whether the table has a Status column at all. */
  hasStatusColumn?: boolean;
  /**
   * For a `table` whose done state is a word at the start of another cell (the Google SRE template's Bug column:
   * `**TODO** [Bug 123](…)`): the range of that word, or an empty range at the cell's start when it has none.
   */
  statusWordRange?: OffsetRange;
  /** Offset where an owner or due date can be appended (end of the task text, or end of the Action cell). */
  appendOffset: number;
}

export type Severity = 'SEV1' | 'SEV2' | 'SEV3' | 'SEV4' | 'P0' | 'P1' | 'P2' | 'P3';
export type IncidentStatus = 'open' | 'mitigated' | 'resolved';

export interface TimelineEntry {
  /** `HH:MM`, or a date-time as written. */
  time: string;
  text: string;
  line: number;
  /**
   * When it happened, `YYYY-MM-DDTHH:MM` local time: an `HH:MM` entry is on the incident's date (the next day once the
   * times go back past midnight); null when the time is not one or there is no date to put it on.
   */
  at: string | null;
  /** A list item (`- 14:02 text`) or a table row (`| 14:02 | text |`). */
  form: 'list' | 'table';
  /** Offset of the start of the entry's first line. */
  start: number;
  /** Offset of the end of its last line (before the line ending): a following entry is inserted after it. */
  end: number;
}

/** Where an incident keeps its status: a frontmatter `status:` key or a `Status:` line, and the value's range. */
export interface IncidentStatusField {
  source: 'frontmatter' | 'body';
  /** As written (`mitigated`, `Résolu`, `OPEN`). */
  value: string;
  line: number;
  valueRange: OffsetRange;
}

/** The Timeline section: where its heading is and where its content ends. */
export interface TimelineSection {
  headingLine: number;
  /** Offset of the end of the heading line. */
  headingEnd: number;
  /** Offset of the start of the next heading's line (or the end of the text): the section's content ends before it. */
  contentEnd: number;
}

export interface Incident {
  kind: 'rca' | 'postmortem';
  title: string;
  /** `YYYY-MM-DD`, from frontmatter, the file name or a `Date:` line. */
  date: string | null;
  severity: Severity | null;
  status: IncidentStatus;
  /** Whether `status` was written in the document (otherwise derived from open action items). */
  statusExplicit: boolean;
  /** Where the status is written (even a value that is not a known status), or null when it is not. */
  statusField: IncidentStatusField | null;
  timeline: TimelineEntry[];
  /** The first Timeline section, or null when the document has none. */
  timelineSection: TimelineSection | null;
  /**
   * Where a missing Timeline section goes: the start of the line of the first heading after the title (the end of the
   * title block), or the end of the text.
   */
  sectionInsertOffset: number;
  /** `Impact` section bullet fields, e.g. `{ "Duree downtime": "2h 10m" }`. */
  impact: Record<string, string>;
  /** The first sentence of the Root cause section, or null. */
  rootCause: string | null;
  /** `Symptom:`, `ETA:` and `Channel:` as the document writes them (a field line or frontmatter), for status updates. */
  symptom: string | null;
  eta: string | null;
  channel: string | null;
  line: number;
  /**
   * The post-mortem sections (root cause, action items, lessons learned) missing or holding nothing but the template's
   * comments, each with its heading's line (null when missing): the `postmortem-overdue` rule reads them.
   */
  unfilledSections: Array<{ section: 'root-cause' | 'action-items' | 'lessons-learned'; line: number | null }>;
}

/** A hand-off's urgency (seed 000 §2): P0 page now, P1 today, P2 this week, P3 when convenient. */
export type Urgency = 'P0' | 'P1' | 'P2' | 'P3';

/** An escalation hand-off (seed 000 §2): open until its Decision section is filled. */
export interface Handoff {
  title: string;
  /** `YYYY-MM-DD`, from frontmatter or the file name. */
  date: string | null;
  /** From frontmatter `urgency` (or `priority`), `P0`–`P3`. */
  urgency: Urgency | null;
  /** Who must decide (frontmatter `to`, without `@`). */
  to: string | null;
  line: number;
  /** The Decision section (offsets into the text as read), or null when the document has none. */
  decisionSection: { line: number; contentStart: number; contentEnd: number } | null;
  /** The Decision section holds something besides blank lines and comments. */
  decided: boolean;
  /** The decision's words (its lines but the record, joined), or null. */
  decision: string | null;
  /** From a `Decided by NAME on DATE` line (French `Décidé par NAME le DATE`). */
  decidedBy: string | null;
  decidedOn: string | null;
  /** A frontmatter `status:` (or `Status:` line) to set when the decision is recorded, or null. */
  statusField: IncidentStatusField | null;
}

export interface Story {
  id: string;
  title: string;
  scope: string | null;
  acceptanceCriteria: string[];
  /** The body without frontmatter, for templates that quote it. */
  body: string;
  /** Workspace-relative path. */
  file: string;
}

/** Stable ids of the check rules; never rename one, tools and CI filters depend on them. */
export type RuleId =
  | 'action-overdue'
  | 'action-no-owner'
  | 'postmortem-action-no-due'
  | 'accepted-missing-approvals'
  | 'frontmatter-malformed'
  | 'compliance-unknown-role'
  | 'table-malformed'
  | 'file-unreadable'
  | 'file-too-large'
  | 'incident-response-overdue'
  | 'incident-update-overdue'
  | 'document-too-complex'
  | 'path-skipped'
  | 'approval-stale'
  | 'approval-unauthorized'
  | 'incident-recurrence'
  | 'postmortem-overdue';

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface Finding {
  rule: RuleId;
  severity: FindingSeverity;
  message: string;
  /**
   * The message in French, written by the producers of findings kept in the index (parse and file findings, in both
   * languages since the index serves both); `localizedFinding` picks one. The check rules take a language instead.
   */
  french?: string;
  /** Workspace-relative path with `/` separators. */
  file: string;
  line: number;
  /** 1-based column, when known. */
  column?: number;
  /** Rule-specific data for quick fixes (e.g. the action index, the missing roles). */
  data?: Record<string, unknown>;
}

/** What a `<!-- runbook-… -->` comment does (markdownlint's inline configuration, with our prefix). */
export type DisableKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line' | 'disable-file' | 'enable-file';

/**
 * An inline disable comment, e.g. `<!-- runbook-disable-next-line action-overdue -->`, found by the parser as an HTML
 * comment (so one inside a code block is never read). See core/disables.ts for what each kind does.
 */
export interface DisableDirective {
  kind: DisableKind;
  /** Rule ids named, lower-cased; empty means every rule. */
  rules: string[];
  /** 1-based lines where the comment starts and ends. */
  line: number;
  endLine: number;
}

/** Everything parsed from one markdown file. */
export interface ParsedDocument {
  file: string;
  kind: DocumentKind;
  title: string | null;
  /** 1-based line of the title heading, or 1. */
  titleLine: number;
  frontmatter: Record<string, unknown>;
  runbook: Runbook | null;
  incident: Incident | null;
  actions: ActionItem[];
  /** Problems found while parsing (malformed frontmatter, unknown roles, broken tables). */
  findings: Finding[];
  /** Inline disable comments, in reading order. */
  disables: DisableDirective[];
  /** The language the document is written in, which every record an edit writes follows (see language.ts). */
  language: DocumentLanguage;
  /** The audit trail, or null before the first edit that writes one. */
  history: HistorySection | null;
  /**
   * Workspace-relative `.md` paths the document links to (relative links and frontmatter `runbook:`), at most 50: an
   * incident linking an incident-type runbook is similar to others linking it (recurrence).
   */
  links: string[];
  /** The hand-off, for a document of kind `handoff`. */
  handoff: Handoff | null;
}

/** A minimal text change: replace `[start, end)` with `newText`. Offsets refer to the text the edit was computed on. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}
