/**
 * Runbook parts (seed 004): the `Status:` line (or frontmatter `status`) and the compliance checklist
 * `- [ ] @Security approved?`, with the records this tool writes on those lines, in English or French:
 * `- [x] @Security approved? — approved by Alice on 2026-11-23 (a1b2c3d)`, `Status: ACCEPTED — accepted by Bob on
 * 2026-11-24`, `Statut : PROPOSÉ — rouvert par Léa le 2026-11-25`; in frontmatter the status record is its own key,
 * `accepted: { by: Bob, at: '2026-11-24' }`, so the YAML stays valid for any name.
 *
 * Status words are Unicode words in any case (`PROPOSÉ`, `Accepté`); `value` is the state they stand for.
 */
import { canonicalStatus } from '../language';
import type { ApprovalRecord, ComplianceItem, Finding, OffsetRange, Runbook, StatusField } from '../model';
import { checkboxOffsetOf } from './actions';
import type { ParseContext } from './context';
import { visitNodes } from './mdast';
import { lineEndOffset, type FrontmatterBlock } from './source';
import { COMPLIANCE_HEADING } from './vocabulary';

const STATUS_WORD = String.raw`\p{L}[\p{L}\p{M}_-]*`;
const STATUS_PREFIX = new RegExp(
  String.raw`^([ \t]*(?:\*\*|__)?(status|statut)[ \t]*(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*(?:\x60)?)(${STATUS_WORD})`,
  'iu',
);
const FRONTMATTER_STATUS = new RegExp(String.raw`^((status|statut)[ \t]*:[ \t]*(["']?))(${STATUS_WORD})`, 'iu');
const NAME_AND_DATE = String.raw`[ \t]+(.+?)[ \t]+(?:on|le)[ \t]+(\d{4}-\d{2}-\d{2})`;
const STATUS_RECORD = new RegExp(
  String.raw`^([ \t]+[—–-][ \t]+(accepted by|accept[ée]e? par|reopened by|rouverte? par|r[ée]ouverte? par)${NAME_AND_DATE})`,
  'iu',
);
const APPROVED_BY = String.raw`(?:approved by|approuv[ée]e? par)`;
/**
 * The approval record ending a compliance line. Its name never spans an earlier `— approved by` (a line with a
 * non-record tail such as `— approved by A on 2026-01-01x` and then this tool's record reads back the record's name).
 */
const APPROVAL_RECORD = new RegExp(
  String.raw`([ \t]+[—–-][ \t]+${APPROVED_BY}[ \t]+((?:(?![ \t][—–-][ \t]+${APPROVED_BY}).)+?)[ \t]+(?:on|le)[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+\(([0-9a-fA-F]{7})\))?)[ \t]*$`,
  'iu',
);
/**
 * The role at the start of a compliance line, read from the line's own text after the checkbox (`**@QA**` allowed):
 * not from the item's inline text, where a hard break at the line's end would glue the next line onto the name.
 */
const ROLE = /^[ \t]*[*_`]*@([\p{L}\p{N}_-]+)/u;

/** The separator this tool writes before approval and acceptance records. */
export const RECORD_SEPARATOR = ' — ';

/** The frontmatter keys that hold the status record. */
const STATUS_RECORD_KEYS = ['accepted', 'reopened'] as const;

/** A status record: accepted or reopened, by whom, when. */
interface StatusRecord {
  kind: 'accepted' | 'reopened';
  record: ApprovalRecord;
  range: OffsetRange;
}

/** The record after the status value on its line, when present. */
function bodyRecord(text: string, valueEnd: number): StatusRecord | null {
  const match = STATUS_RECORD.exec(text.slice(valueEnd, lineEndOffset(text, valueEnd)));
  if (!match) return null;
  const folded = match[2].normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  return {
    kind: folded.startsWith('accept') ? 'accepted' : 'reopened',
    record: { by: match[3].trim(), at: match[4] },
    range: { start: valueEnd, end: valueEnd + match[1].length },
  };
}

function statusField(
  parts: { prefix: string; key: string; quote: string; word: string },
  lineOffset: number,
  line: number,
  source: StatusField['source'],
): StatusField {
  const valueStart = lineOffset + parts.prefix.length;
  const valueEnd = valueStart + parts.word.length;
  return {
    value: canonicalStatus(parts.word),
    written: parts.word,
    key: parts.key,
    source,
    line,
    valueRange: { start: valueStart, end: valueEnd },
    quote: parts.quote,
    acceptance: null,
    reopening: null,
    recordRange: null,
    recordLines: [],
  };
}

function withRecord(field: StatusField, record: StatusRecord | null, lines: number[] = []): StatusField {
  if (!record) return field;
  return {
    ...field,
    acceptance: record.kind === 'accepted' ? record.record : null,
    reopening: record.kind === 'reopened' ? record.record : null,
    recordRange: record.range,
    recordLines: lines,
  };
}

/** A status written at the start of a line of a top-level paragraph in the body: `Status: PROPOSED`. */
function statusFromBody(context: ParseContext): StatusField | null {
  for (const field of context.fieldLines) {
    const match = STATUS_PREFIX.exec(field.text);
    if (!match) continue;
    const status = statusField({ prefix: match[1], key: match[2], quote: '', word: match[3] }, field.offset, field.line, 'body');
    return withRecord(status, bodyRecord(context.text, status.valueRange.end));
  }
  return null;
}

/** A `{ by, at }` mapping of frontmatter, as a record. */
function recordFromValue(value: unknown): ApprovalRecord | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const { by, at } = value as Record<string, unknown>;
  return typeof by === 'string' && typeof at === 'string' ? { by: by.trim(), at } : null;
}

/** The lines of a top-level frontmatter key: its own line and the indented lines under it. */
function frontmatterKeyLines(frontmatter: FrontmatterBlock, key: string): FrontmatterBlock['lines'] {
  const index = frontmatter.lines.findIndex((line) => new RegExp(`^${key}[ \\t]*:`).test(line.text));
  if (index === -1) return [];
  let last = index;
  while (last + 1 < frontmatter.lines.length && /^[ \t]+\S/.test(frontmatter.lines[last + 1].text)) last += 1;
  return frontmatter.lines.slice(index, last + 1);
}

/**
 * `status: PROPOSED` in frontmatter, located on its own line of the block gray-matter parsed, with its record from
 * an `accepted:` or `reopened:` key (or, as older versions wrote it, after the value on the status line).
 */
function statusFromFrontmatter(text: string, frontmatter: FrontmatterBlock | null): StatusField | null {
  if (!frontmatter || (typeof frontmatter.data.status !== 'string' && typeof frontmatter.data.statut !== 'string')) return null;
  for (const line of frontmatter.lines) {
    const match = FRONTMATTER_STATUS.exec(line.text);
    if (!match) continue;
    const status = statusField({ prefix: match[1], key: match[2], quote: match[3], word: match[4] }, line.offset, line.line, 'frontmatter');
    for (const key of STATUS_RECORD_KEYS) {
      const record = recordFromValue(frontmatter.data[key]);
      const lines = frontmatterKeyLines(frontmatter, key);
      if (!record || lines.length === 0) continue;
      const last = lines[lines.length - 1];
      const range = { start: lines[0].offset, end: last.offset + last.text.length };
      return withRecord(status, { kind: key, record, range }, lines.map((entry) => entry.line));
    }
    return withRecord(status, bodyRecord(text, status.valueRange.end));
  }
  return null;
}

function complianceItems(context: ParseContext, file: string, findings: Finding[]): { items: ComplianceItem[]; headingLine: number | null } {
  const items: ComplianceItem[] = [];
  let headingLine: number | null = null;
  for (const block of context.sections) {
    const heading = block.headings.find((_h, index) => COMPLIANCE_HEADING.test(block.labels[index]));
    if (!heading) continue;
    headingLine ??= heading.position?.start.line ?? null;
    visitNodes(block.node, 'listItem', (item) => {
      if (item.checked === null || item.checked === undefined) return;
      const checkboxOffset = checkboxOffsetOf(item, context);
      if (item.children.length === 0 || checkboxOffset === null) return;
      const lineEnd = lineEndOffset(context.text, checkboxOffset);
      const role = ROLE.exec(context.text.slice(checkboxOffset + 2, lineEnd));
      if (!role) return;
      const lineStart = (item.position?.start.offset ?? 0) + context.bomLength;
      const lineText = context.text.slice(lineStart, lineEnd);
      const approval = APPROVAL_RECORD.exec(lineText);
      const at = lineStart + (approval?.index ?? 0);
      const known = context.roles.has(role[1].toLowerCase());
      const line = item.position?.start.line ?? 1;
      if (!known) {
        const knownRoles = [...context.roles.values()].map((r) => '@' + r).join(', ');
        findings.push({
          rule: 'compliance-unknown-role',
          severity: 'warning',
          message: `unknown role @${role[1]} in the compliance checklist (known roles: ${knownRoles})`,
          french: `rôle inconnu @${role[1]} dans la liste de conformité (rôles connus : ${knownRoles})`,
          file,
          line,
          data: { role: role[1] },
        });
      }
      items.push({
        role: known ? context.roles.get(role[1].toLowerCase())! : role[1],
        checked: item.checked,
        approval: approval
          ? { by: approval[2].trim(), at: approval[3], ...(approval[4] ? { fingerprint: approval[4].toLowerCase() } : {}) }
          : null,
        known,
        line,
        checkboxOffset,
        lineEndOffset: lineEnd,
        approvalRange: approval ? { start: at, end: at + approval[1].length } : null,
        stale: false,
      });
    });
  }
  return { items, headingLine };
}

/**
 * Runbook parts of a document, before its fingerprint is known (a status or a checklist may be absent). The compliance
 * heading's line is kept even when neither is written yet, so it does not depend on whether a status line exists.
 */
export function parseRunbookParts(
  context: ParseContext,
  frontmatter: FrontmatterBlock | null,
  file: string,
  findings: Finding[],
): Omit<Runbook, 'fingerprint'> {
  const status = statusFromBody(context) ?? statusFromFrontmatter(context.text, frontmatter);
  const compliance = complianceItems(context, file, findings);
  return { status, compliance: compliance.items, complianceHeadingLine: compliance.headingLine };
}

/** The checklist lines of `role` (any case, with or without `@`): a duplicated role has several. */
export function linesOfRole(runbook: Pick<Runbook, 'compliance'>, role: string): ComplianceItem[] {
  const wanted = role.replace(/^@/, '').toLowerCase();
  return runbook.compliance.filter((item) => item.role.toLowerCase() === wanted);
}

/**
 * Every role a runbook must carry, once each, in order: the configured roles, then roles only the checklist names.
 */
export function rolesOf(runbook: Pick<Runbook, 'compliance'>, roles: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const role of roles) if (!seen.has(role.toLowerCase())) seen.set(role.toLowerCase(), role);
  for (const item of runbook.compliance) if (!seen.has(item.role.toLowerCase())) seen.set(item.role.toLowerCase(), item.role);
  return [...seen.values()];
}

/**
 * Roles that block acceptance: configured roles with no line, and roles with a line left unchecked (a role written
 * twice is approved only when every one of its lines is).
 */
export function missingApprovals(runbook: Pick<Runbook, 'compliance'>, roles: readonly string[]): string[] {
  return rolesOf(runbook, roles).filter((role) => {
    const lines = linesOfRole(runbook, role);
    return lines.length === 0 || lines.some((item) => !item.checked);
  });
}
