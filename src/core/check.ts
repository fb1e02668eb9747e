/**
 * Lint rules over parsed documents, with stable ids (see `RuleId` in model.ts). Severities are chosen so that
 * `runbook check` fails CI for documents that are wrong (malformed, accepted without approvals), not for dates passing:
 * overdue and missing-owner findings are warnings, so yesterday's green build stays green today.
 */
import { approversOf } from './approver';
import type { RunbookConfig } from './config';
import { isoDate } from './dates';
import { enabledFindings } from './disables';
import { incidentClock } from './incident-policy';
import { formatLocal, localDateTime, type LocalDateTime } from './local-time';
import { unauthorizedApproval } from './gate';
import type { Finding, FindingSeverity, ParsedDocument, RuleId } from './model';
import type { Language } from './errors';
import { isOpenAction } from './parse/actions';
import { isOverdue } from './dates';
import { missingApprovals } from './parse/runbook';
import { overduePostmortems } from './postmortem-deadline';
import { findRecurrences } from './recurrence';

/** Every rule, its severity and what it means: shown by `runbook check --help` and the README. */
export const RULES: Readonly<Record<RuleId, { severity: FindingSeverity; description: string }>> = {
  'action-overdue': { severity: 'warning', description: 'an open action item whose due date has passed' },
  'action-no-owner': { severity: 'warning', description: 'an open action item with no owner' },
  'postmortem-action-no-due': { severity: 'warning', description: 'an open post-mortem action item with no due date' },
  'accepted-missing-approvals': { severity: 'error', description: 'a runbook marked ACCEPTED with compliance approvals missing' },
  'frontmatter-malformed': { severity: 'error', description: 'frontmatter that is not valid YAML or is not closed' },
  'compliance-unknown-role': { severity: 'warning', description: 'a compliance checklist line for a role not in the configured roles' },
  'table-malformed': { severity: 'warning', description: 'an action-item table row with fewer or more cells than its header' },
  'file-unreadable': { severity: 'error', description: 'a markdown file that is not valid UTF-8 (or UTF-16 after a UTF-16 BOM)' },
  'file-too-large': { severity: 'warning', description: 'a markdown file over maxFileSizeKB, skipped' },
  'incident-response-overdue': {
    severity: 'warning',
    description: "an open incident whose first response came later than its severity's target, or has not come and the target has passed",
  },
  'incident-update-overdue': {
    severity: 'warning',
    description: "an open incident whose last timeline entry is older than its severity's update interval (SEV1/SEV2: 30 minutes)",
  },
  'document-too-complex': { severity: 'warning', description: 'a document shaped so that parsing it would not be linear in its size (nesting, long runs of markup), skipped' },
  'path-skipped': { severity: 'warning', description: 'a file or folder the scan did not read: a link out of the workspace or in a loop, a special file, a folder that cannot be listed' },
  'approval-stale': {
    severity: 'warning',
    description: 'an approval given before the runbook last changed (its fingerprint differs); an error once the runbook is ACCEPTED',
  },
  'approval-unauthorized': { severity: 'error', description: 'an approval by someone not among the role\'s configured approvers' },
  'incident-recurrence': {
    severity: 'warning',
    description: 'the newest of recurrenceThreshold (3) similar incidents (same service, a shared tag, the same incident-type runbook) within recurrenceWindowDays (30): escalate',
  },
  'postmortem-overdue': {
    severity: 'warning',
    description: 'a resolved SEV1/SEV2 incident with no post-mortem, or one still holding the template\'s placeholders, more than postmortemDeadlineDays (7) after resolution',
  },
};

/** The language of findings' messages: the CLI's from LANG, the editor's display language. */
export type FindingLanguage = Language;

/**
 * `finding` with its message in `language` and no `french` field left: parse and file findings are written in both
 * languages (the index keeps them for every front end), rule findings in the language `checkDocument` was given.
 */
export function localizedFinding(finding: Finding, language: FindingLanguage): Finding {
  const { french, ...rest } = finding;
  if (french === undefined) return finding;
  return language === 'fr' ? { ...rest, message: french } : rest;
}

/** The response and update rules, on the incident's status line (its title when no status is written). */
function incidentFindings(doc: ParsedDocument, now: LocalDateTime, config: RunbookConfig, fr: boolean): Finding[] {
  const incident = doc.incident;
  if (!incident || incident.status === 'resolved') return [];
  const clock = incidentClock(doc, config, now);
  const severity = incident.severity ?? '';
  const where = { file: doc.file, line: incident.statusField?.line ?? incident.line };
  const findings: Finding[] = [];
  if (clock.responseOverdue && clock.responseDueAt && clock.detectedAt) {
    const target = fr
      ? `${clock.responseTarget?.text} après la détection à ${formatLocal(clock.detectedAt)}`
      : `${clock.responseTarget?.text} after detection at ${formatLocal(clock.detectedAt)}`;
    findings.push({
      rule: 'incident-response-overdue',
      severity: RULES['incident-response-overdue'].severity,
      message: clock.respondedAt
        ? fr
          ? `${severity} première prise en charge à ${formatLocal(clock.respondedAt)}, après son objectif de ${formatLocal(clock.responseDueAt)} (${target})`
          : `${severity} first response came at ${formatLocal(clock.respondedAt)}, after its target of ${formatLocal(clock.responseDueAt)} (${target})`
        : fr
          ? `${severity} prise en charge en retard depuis ${formatLocal(clock.responseDueAt)} (${target}) ; ajoutez une entrée de triage à la chronologie`
          : `${severity} first response overdue since ${formatLocal(clock.responseDueAt)} (${target}); add a triage entry to the timeline`,
      ...where,
      data: { dueAt: clock.responseDueAt, respondedAt: clock.respondedAt, severity: incident.severity },
    });
  }
  if (clock.updateOverdue && clock.updateDueAt) {
    const since = clock.lastEntryAt ?? clock.detectedAt;
    findings.push({
      rule: 'incident-update-overdue',
      severity: RULES['incident-update-overdue'].severity,
      message: fr
        ? `${severity} incident sans mise à jour depuis ${since ? formatLocal(since) : '?'} : une mise à jour était attendue avant ${formatLocal(clock.updateDueAt)} (toutes les ${clock.updateTarget?.text})`
        : `${severity} incident not updated since ${since ? formatLocal(since) : '?'}: an update was due by ${formatLocal(clock.updateDueAt)} (every ${clock.updateTarget?.text})`,
      ...where,
      data: { dueAt: clock.updateDueAt, lastEntryAt: clock.lastEntryAt, severity: incident.severity },
    });
  }
  return findings;
}

/** When a check runs: the host clock's instant, or a day `YYYY-MM-DD` (read as noon that day, as `RUNBOOK_NOW` is). */
export type CheckTime = Date | string;

/**
 * Findings of one parsed document at `when`: its parse findings plus the date, time and approval rules, less those its
 * inline disable comments switch off (disables.ts). Due dates compare with the local day, incident targets with the
 * local wall-clock time. Messages are in `language`, the parse findings' (malformed frontmatter, tables) included.
 */
export function checkDocument(doc: ParsedDocument, when: CheckTime, config: RunbookConfig, language: FindingLanguage = 'en'): Finding[] {
  const fr = language === 'fr';
  const now = typeof when === 'string' ? `${when}T12:00` : localDateTime(when);
  const today = typeof when === 'string' ? when : isoDate(when);
  const findings: Finding[] = [...doc.findings.map((finding) => localizedFinding(finding, language)), ...incidentFindings(doc, now, config, fr)];
  for (const action of doc.actions) {
    if (!isOpenAction(action)) continue;
    const where = { file: doc.file, line: action.line, data: { index: action.index } };
    if (isOverdue(action, today)) {
      const owner = action.owner ? (fr ? ` (responsable @${action.owner})` : ` (owner @${action.owner})`) : '';
      const message = fr ? `action en retard depuis le ${action.due}${owner} : ${action.text}` : `action item overdue since ${action.due}${owner}: ${action.text}`;
      findings.push({ rule: 'action-overdue', severity: RULES['action-overdue'].severity, message, ...where });
    }
    if (!action.owner) {
      const message = fr ? `action sans responsable : ${action.text}` : `action item has no owner: ${action.text}`;
      findings.push({ rule: 'action-no-owner', severity: RULES['action-no-owner'].severity, message, ...where });
    }
    if (doc.kind === 'postmortem' && !action.due) {
      findings.push({
        rule: 'postmortem-action-no-due',
        severity: RULES['postmortem-action-no-due'].severity,
        message: fr ? `action de post-mortem sans échéance : ${action.text}` : `post-mortem action item has no due date: ${action.text}`,
        ...where,
      });
    }
  }
  const status = doc.runbook?.status;
  if (doc.runbook && status?.value === 'ACCEPTED') {
    const missing = missingApprovals(doc.runbook, config.roles);
    if (missing.length > 0) {
      findings.push({
        rule: 'accepted-missing-approvals',
        severity: RULES['accepted-missing-approvals'].severity,
        message: fr
          ? `runbook ACCEPTÉ mais il manque les approbations de ${missing.map((role) => '@' + role).join(', ')}`
          : `runbook is ACCEPTED but approvals are missing from ${missing.map((role) => '@' + role).join(', ')}`,
        file: doc.file,
        line: status.line,
        data: { missing },
      });
    }
  }
  if (doc.runbook) findings.push(...approvalFindings(doc, config, fr));
  return enabledFindings(doc, findings).sort((a, b) => a.line - b.line);
}

/** `approval-stale` and `approval-unauthorized` for each compliance line they apply to. */
function approvalFindings(doc: ParsedDocument, config: RunbookConfig, fr: boolean): Finding[] {
  const runbook = doc.runbook!;
  const accepted = runbook.status?.value === 'ACCEPTED';
  const findings: Finding[] = [];
  for (const item of runbook.compliance) {
    if (item.stale && item.approval) {
      findings.push({
        rule: 'approval-stale',
        severity: accepted ? 'error' : RULES['approval-stale'].severity,
        message: fr
          ? `@${item.role} a été approuvé par ${item.approval.by} le ${item.approval.at} (${item.approval.fingerprint}) ; le runbook a changé depuis (maintenant ${runbook.fingerprint}) : approuvez-le de nouveau${accepted ? ', ou rouvrez le runbook' : ''}`
          : `@${item.role} was approved by ${item.approval.by} on ${item.approval.at} (${item.approval.fingerprint}); the runbook has changed since (now ${runbook.fingerprint}): re-approve it${accepted ? ', or reopen the runbook' : ''}`,
        file: doc.file,
        line: item.line,
        data: { role: item.role, by: item.approval.by, recorded: item.approval.fingerprint, current: runbook.fingerprint },
      });
    }
    const unauthorized = unauthorizedApproval(item, config);
    if (unauthorized) {
      const approvers = approversOf(config, item.role);
      findings.push({
        rule: 'approval-unauthorized',
        severity: RULES['approval-unauthorized'].severity,
        message:
          unauthorized.by === null
            ? fr
              ? `@${item.role} est coché sans approbateur enregistré ; ses approbateurs sont ${approvers.join(', ')}`
              : `@${item.role} is checked with no approver recorded; its approvers are ${approvers.join(', ')}`
            : fr
              ? `@${item.role} a été approuvé par ${unauthorized.by}, qui n'est pas parmi ses approbateurs (${approvers.join(', ')})`
              : `@${item.role} was approved by ${unauthorized.by}, who is not among its approvers (${approvers.join(', ')})`,
        file: doc.file,
        line: item.line,
        data: { role: item.role, by: unauthorized.by, approvers },
      });
    }
  }
  return findings;
}

const SECTION_NAMES = {
  en: { 'root-cause': 'root cause', 'action-items': 'action items', 'lessons-learned': 'lessons learned' },
  fr: { 'root-cause': 'cause racine', 'action-items': 'actions', 'lessons-learned': 'leçons apprises' },
} as const;

/**
 * The rules that need the whole workspace rather than one document: `incident-recurrence` and `postmortem-overdue`.
 * Each finding is on one document; the editor shows a document's share (`file` equal to its path).
 */
export function checkWorkspace(documents: readonly ParsedDocument[], when: CheckTime, config: RunbookConfig, language: FindingLanguage = 'en'): Finding[] {
  const fr = language === 'fr';
  const today = typeof when === 'string' ? when : isoDate(when);
  const findings: Finding[] = [];
  for (const recurrence of findRecurrences(documents, config)) {
    const others = recurrence.others.map((other) => `${other.file} (${other.date})`).join(', ');
    findings.push({
      rule: 'incident-recurrence',
      severity: RULES['incident-recurrence'].severity,
      message: fr
        ? `${recurrence.others.length + 1} incidents similaires en ${config.recurrenceWindowDays} jours (${recurrence.shared.join(', ')}) : ${others} ; escaladez au-delà de l'astreinte`
        : `${recurrence.others.length + 1} similar incidents within ${config.recurrenceWindowDays} days (${recurrence.shared.join(', ')}): ${others}; escalate beyond the on-call`,
      file: recurrence.file,
      line: recurrence.line,
      data: { others: recurrence.others.map((other) => other.file), shared: recurrence.shared },
    });
  }
  for (const overdue of overduePostmortems(documents, config, today)) {
    const sections = overdue.sections.map((section) => SECTION_NAMES[language][section]).join(', ');
    const what = fr
      ? overdue.reason === 'missing'
        ? "n'a pas de post-mortem"
        : `: le post-mortem n'a toujours pas de ${sections}`
      : overdue.reason === 'missing'
        ? ' has no post-mortem'
        : `: its post-mortem still has no ${sections}`;
    findings.push({
      rule: 'postmortem-overdue',
      severity: RULES['postmortem-overdue'].severity,
      message: fr
        ? `incident ${overdue.severity} résolu le ${overdue.resolvedOn} ${what} ; il était attendu avant le ${overdue.dueOn} (${config.postmortemDeadlineDays} jours)`
        : `${overdue.severity} incident resolved on ${overdue.resolvedOn}${what}; it was due by ${overdue.dueOn} (${config.postmortemDeadlineDays} days)`,
      file: overdue.file,
      line: overdue.line,
      data: { reason: overdue.reason, sections: overdue.sections, dueOn: overdue.dueOn },
    });
  }
  // Inline disable comments switch these off too, in the document each finding is on.
  const byFile = new Map(documents.map((doc) => [doc.file, doc]));
  return findings.filter((finding) => {
    const doc = byFile.get(finding.file);
    return !doc || enabledFindings(doc, [finding]).length > 0;
  });
}
