/**
 * Runbook parts (seed 004): the `Status:` line (or frontmatter `status`) and the compliance checklist
 * `- [ ] @Security approved?`, with the approval and acceptance records this tool writes on those lines:
 * `- [x] @Security approved? — approved by Alice on 2026-11-23` and `Status: ACCEPTED — accepted by Bob on 2026-11-24`.
 */
import type { ApprovalRecord, ComplianceItem, Finding, OffsetRange, Runbook, StatusField } from '../model';
import { checkboxOffsetOf } from './actions';
import type { ParseContext } from './context';
import { visitNodes } from './mdast';
import { lineEndOffset, type FrontmatterBlock } from './source';
import { COMPLIANCE_HEADING } from './vocabulary';

const STATUS_PREFIX = /^([ \t]*(?:\*\*|__)?(?:status|statut)[ \t]*(?:\*\*|__)?[ \t]*:[ \t]*(?:\*\*|__)?[ \t]*(?:`)?)([A-Za-z][A-Za-z_-]*)/i;
const ACCEPTANCE_RECORD = /^([ \t]+[—–-][ \t]+(?:accepted by|accepté par|accepte par)[ \t]+(.+?)[ \t]+(?:on|le)[ \t]+(\d{4}-\d{2}-\d{2}))/i;
/** The record ending the line; its name never spans an earlier record (`— approved by A on 2026-01-01x — approved by B …`). */
const APPROVAL_RECORD = /([ \t]+[—–-][ \t]+(?:approved by|approuvé par|approuve par)[ \t]+((?:(?![ \t][—–-][ \t]+(?:approved by|approuvé par|approuve par)).)+?)[ \t]+(?:on|le)[ \t]+(\d{4}-\d{2}-\d{2}))[ \t]*$/i;
/**
 * The role at the start of a compliance line, read from the line's own text after the checkbox (`**@QA**` allowed):
 * not from the item's inline text, where a hard break at the line's end would glue the next line onto the name.
 */
const ROLE = /^[ \t]*[*_`]*@([\p{L}\p{N}_-]+)/u;

/** The separator this tool writes before approval and acceptance records. */
export const RECORD_SEPARATOR = ' — ';

function recordFrom(match: RegExpExecArray, at: number, group = 1): { record: ApprovalRecord; range: OffsetRange } {
  return {
    record: { by: match[group + 1].trim(), at: match[group + 2] },
    range: { start: at, end: at + match[group].length },
  };
}

/**
 * The status field for a `[prefix, value]` match at the start of a line (offset `lineOffset` in `text`), with an
 * acceptance record read from the rest of that line.
 */
function statusFromMatch(text: string, match: RegExpExecArray, lineOffset: number, line: number, source: StatusField['source']): StatusField {
  const valueStart = lineOffset + match[1].length;
  const valueEnd = valueStart + match[2].length;
  const acceptance = ACCEPTANCE_RECORD.exec(text.slice(valueEnd, lineEndOffset(text, valueEnd)));
  const recorded = acceptance ? recordFrom(acceptance, valueEnd) : null;
  return {
    value: match[2].toUpperCase(),
    source,
    line,
    valueRange: { start: valueStart, end: valueEnd },
    acceptance: recorded?.record ?? null,
    acceptanceRange: recorded?.range ?? null,
  };
}

/** A status written at the start of a line of a top-level paragraph in the body: `Status: PROPOSED`. */
function statusFromBody(context: ParseContext): StatusField | null {
  for (const field of context.fieldLines) {
    const match = STATUS_PREFIX.exec(field.text);
    if (match) return statusFromMatch(context.text, match, field.offset, field.line, 'body');
  }
  return null;
}

/** `status: PROPOSED` in frontmatter: located on its own line of the block gray-matter parsed. */
function statusFromFrontmatter(text: string, frontmatter: FrontmatterBlock | null): StatusField | null {
  if (!frontmatter || typeof frontmatter.data.status !== 'string') return null;
  for (const line of frontmatter.lines) {
    const match = /^(status[ \t]*:[ \t]*["']?)([A-Za-z][A-Za-z_-]*)/i.exec(line.text);
    if (match) return statusFromMatch(text, match, line.offset, line.line, 'frontmatter');
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
      const recorded = approval ? recordFrom(approval, lineStart + approval.index) : null;
      const known = context.roles.has(role[1].toLowerCase());
      const line = item.position?.start.line ?? 1;
      if (!known) {
        findings.push({
          rule: 'compliance-unknown-role',
          severity: 'warning',
          message: `unknown role @${role[1]} in the compliance checklist (known roles: ${[...context.roles.values()].map((r) => '@' + r).join(', ')})`,
          file,
          line,
          data: { role: role[1] },
        });
      }
      items.push({
        role: known ? context.roles.get(role[1].toLowerCase())! : role[1],
        checked: item.checked,
        approval: recorded?.record ?? null,
        known,
        line,
        checkboxOffset,
        lineEndOffset: lineEnd,
        approvalRange: recorded?.range ?? null,
      });
    });
  }
  return { items, headingLine };
}

/** Runbook parts of a document; null when it has neither a status nor a compliance checklist. */
export function parseRunbookParts(
  context: ParseContext,
  frontmatter: FrontmatterBlock | null,
  file: string,
  findings: Finding[],
): Runbook | null {
  const status = statusFromBody(context) ?? statusFromFrontmatter(context.text, frontmatter);
  const compliance = complianceItems(context, file, findings);
  if (!status && compliance.items.length === 0) return null;
  return { status, compliance: compliance.items, complianceHeadingLine: compliance.headingLine };
}

/** Roles that block acceptance: configured roles not approved, and any listed role left unchecked. */
export function missingApprovals(runbook: Runbook, roles: readonly string[]): string[] {
  const missing: string[] = [];
  for (const role of roles) {
    const item = runbook.compliance.find((c) => c.role.toLowerCase() === role.toLowerCase());
    if (!item || !item.checked) missing.push(role);
  }
  for (const item of runbook.compliance) {
    if (!item.checked && !missing.some((role) => role.toLowerCase() === item.role.toLowerCase())) missing.push(item.role);
  }
  return missing;
}

export function approvedRoles(runbook: Runbook): string[] {
  return runbook.compliance.filter((item) => item.checked).map((item) => item.role);
}
