/**
 * The document model shared by the CLI, the extension and the workspace index.
 *
 * Every position is a source position from the parser: `offset` is a 0-based UTF-16 offset into the text exactly as it
 * was read (BOM and CRLF included), `line` is 1-based. Edits are computed from these positions, never by searching.
 */

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
}

export type RunbookStatus = 'PROPOSED' | 'ACCEPTED';

/** The `Status:` of a runbook and where it is written. */
export interface StatusField {
  /** As written, upper-cased (`PROPOSED`, `ACCEPTED`, or something else such as `DRAFT`). */
  value: string;
  /** `body` for a `Status: X` line, `frontmatter` for a `status: X` key. */
  source: 'body' | 'frontmatter';
  line: number;
  /** The range of the value word itself. */
  valueRange: OffsetRange;
  /** An `— accepted by NAME on DATE` record following the value, when present. */
  acceptance: ApprovalRecord | null;
  /** The range of that record (including its separator), or null. */
  acceptanceRange: OffsetRange | null;
}

export interface Runbook {
  status: StatusField | null;
  compliance: ComplianceItem[];
  /** The end of the compliance list (offset after its last item's line), for inserting a missing role. */
  complianceHeadingLine: number | null;
}

/** How an action item is written, which decides how it is marked done. */
export type ActionItemForm = 'task' | 'table';

export interface ActionItem {
  /** 1-based position among the document's action items, as `runbook done <file> <n>` counts them. */
  index: number;
  text: string;
  /** Without `@`, or null when none is named. */
  owner: string | null;
  /** `YYYY-MM-DD`, or null. */
  due: string | null;
  done: boolean;
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
  timeline: TimelineEntry[];
  /** `Impact` section bullet fields, e.g. `{ "Duree downtime": "2h 10m" }`. */
  impact: Record<string, string>;
  line: number;
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
  | 'file-too-large';

export type FindingSeverity = 'error' | 'warning' | 'info';

export interface Finding {
  rule: RuleId;
  severity: FindingSeverity;
  message: string;
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
}

/** A minimal text change: replace `[start, end)` with `newText`. Offsets refer to the text the edit was computed on. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}
