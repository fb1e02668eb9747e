/**
 * What inline disable comments do to findings (markdownlint's semantics): `disable` / `enable` switch rules off and on
 * from their line to the end of the document (no rule named: every rule); `disable-line` covers the comment's own
 * lines; `disable-next-line` the line after the comment; `disable-file` / `enable-file` the whole document, the last
 * one for a rule winning. `check`, the Problems panel and the listings all go through `isRuleDisabled`, so a disabled
 * finding disappears everywhere at once.
 */
import type { DisableDirective, Finding, ParsedDocument, RuleId } from './model';

function names(directive: DisableDirective, rule: string): boolean {
  return directive.rules.length === 0 || directive.rules.includes(rule);
}

/** Whether `rule` is switched off at `line` (1-based) by the document's disable comments. */
export function isRuleDisabled(disables: readonly DisableDirective[] | undefined, rule: RuleId, line: number): boolean {
  if (!disables || disables.length === 0) return false;
  let fileWide = false;
  let ranged = false;
  for (const directive of disables) {
    if (!names(directive, rule)) continue;
    switch (directive.kind) {
      case 'disable-file':
        fileWide = true;
        break;
      case 'enable-file':
        fileWide = false;
        break;
      case 'disable':
        if (directive.line <= line) ranged = true;
        break;
      case 'enable':
        if (directive.line <= line) ranged = false;
        break;
      case 'disable-line':
        if (line >= directive.line && line <= directive.endLine) return true;
        break;
      case 'disable-next-line':
        if (line === directive.endLine + 1) return true;
        break;
    }
  }
  return fileWide || ranged;
}

/** The findings of `doc` that its disable comments leave on. */
export function enabledFindings(doc: Pick<ParsedDocument, 'disables'>, findings: readonly Finding[]): Finding[] {
  if (!doc.disables || doc.disables.length === 0) return [...findings];
  return findings.filter((finding) => !isRuleDisabled(doc.disables, finding.rule, finding.line));
}
