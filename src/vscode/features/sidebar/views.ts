/**
 * The three views of the "Runbooks" container: open incidents by severity (with their open action items), action items
 * by owner or due date (overdue first, "mine only" filter), and runbooks by status with their approvals. In a
 * multi-root workspace each view groups by folder first.
 */
import * as vscode from 'vscode';
import { isoDate } from '../../../core/dates';
import { handoffRows, type HandoffRow } from '../../../core/handoffs';
import { findRecurrences } from '../../../core/recurrence';
import type { ParsedDocument } from '../../../core/model';
import { actionRows, incidentRows, runbookRows, type ActionRow, type IncidentRow, type RunbookRow } from '../../../core/report';
import type { Services } from '../../services';
import type { RunbookWorkspace } from '../../workspace';
import { BaseTreeProvider, GroupNode, revealCommand, TreeNode } from './base';

function today(services: Services): string {
  return isoDate(services.host.clock.now());
}

/**
 * A provider over every folder: each folder's nodes come from `folderRoots`; with several folders they sit under one
 * node per folder (folders with nothing to show are left out). `idPrefix` keeps tree item ids unique across folders.
 */
export abstract class FolderTreeProvider extends BaseTreeProvider {
  constructor(protected readonly workspace: RunbookWorkspace) {
    super();
  }

  /** The nodes of one folder. */
  abstract folderRoots(services: Services, idPrefix: string): TreeNode[];

  override roots(): TreeNode[] {
    const folders = this.workspace.all();
    if (folders.length <= 1) return folders.length === 1 ? this.folderRoots(folders[0], '') : [];
    return folders.flatMap((services) => {
      const prefix = `${services.folder.uri.toString()}|`;
      const children = this.folderRoots(services, prefix);
      if (children.length === 0) return [];
      const count = children.reduce((sum, child) => sum + Math.max(child.getChildren().length, 1), 0);
      return [new GroupNode(services.folder.name, children, new vscode.ThemeIcon('root-folder'), `folder:${prefix}`, count)];
    });
  }
}

/** Whole days from `date` (`YYYY-MM-DD`) to `today`. */
function daysBetween(date: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000);
}

// Labels: the sidebar is narrow (about 35 characters at its default width) and VS Code cuts a row at its end, so each
// row starts with what must stay visible — an incident's open-action count and title, a runbook's approvals and
// title — and the rest goes to the description and the tooltip (which always holds everything).

/** "none open", "1 open", "3 open": an incident's open action items, short enough for the start of a label. */
function openCount(count: number): string {
  if (count === 0) return vscode.l10n.t('none open');
  return count === 1 ? vscode.l10n.t('1 open') : vscode.l10n.t('{0} open', count);
}

/** "1 open action item", "3 open action items" (tooltips). */
function openActionItems(count: number): string {
  return count === 1 ? vscode.l10n.t('1 open action item') : vscode.l10n.t('{0} open action items', count);
}

/** "today", "1 day ago", "23 days ago" (tooltips); "today", "23 d" (descriptions). */
function age(date: string, today: string, short: boolean): string {
  const days = daysBetween(date, today);
  if (days <= 0) return vscode.l10n.t('today');
  if (short) return vscode.l10n.t('{0} d', days);
  return days === 1 ? vscode.l10n.t('1 day ago') : vscode.l10n.t('{0} days ago', days);
}

/** An incident's status in the user's language. */
function statusLabel(status: IncidentRow['status']): string {
  return status === 'open' ? vscode.l10n.t('open') : status === 'mitigated' ? vscode.l10n.t('mitigated') : vscode.l10n.t('resolved');
}

/** A tooltip: the whole title, then one line per detail (plain text: titles are shown as written). */
function tooltip(title: string, lines: readonly string[]): string {
  return [title, ...lines].join('\n');
}

export class ActionNode extends TreeNode {
  constructor(
    readonly row: ActionRow,
    override readonly uri: vscode.Uri,
    private readonly showFile: boolean,
    private readonly idPrefix = '',
  ) {
    super();
    this.line = row.line;
  }

  override getTreeItem(): vscode.TreeItem {
    const text = this.row.text || vscode.l10n.t('(no text)');
    const item = new vscode.TreeItem(text, vscode.TreeItemCollapsibleState.None);
    const parts: string[] = [];
    if (this.row.overdue) parts.push(vscode.l10n.t('overdue'));
    if (this.row.due) parts.push(vscode.l10n.t('due {0}', this.row.due));
    if (this.row.owner) parts.push(`@${this.row.owner}`);
    if (this.showFile) parts.push(this.row.file.split('/').pop() ?? this.row.file);
    item.description = parts.join(' · ');
    const details = [
      this.row.owner ? vscode.l10n.t('Owner: @{0}', this.row.owner) : vscode.l10n.t('No owner'),
      this.row.due ? (this.row.overdue ? vscode.l10n.t('Due {0} (overdue)', this.row.due) : vscode.l10n.t('Due {0}', this.row.due)) : vscode.l10n.t('No due date'),
      `${this.row.file}:${this.row.line}`,
    ];
    item.tooltip = tooltip(text, details);
    item.iconPath = this.row.done
      ? new vscode.ThemeIcon('pass-filled')
      : this.row.overdue
        ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'))
        : new vscode.ThemeIcon('circle-large-outline');
    item.contextValue = this.row.done ? 'action.done' : 'action.open';
    item.command = revealCommand(this.uri, this.row.line);
    item.id = `${this.idPrefix}action:${this.row.file}:${this.row.line}`;
    return item;
  }
}

export class IncidentNode extends TreeNode {
  constructor(
    readonly row: IncidentRow,
    override readonly uri: vscode.Uri,
    readonly actions: ActionNode[],
    private readonly today: string,
    private readonly idPrefix = '',
    /** The similar incidents, when this one is the newest of a recurrence (`incident-recurrence`). */
    private readonly recurrence: string[] = [],
  ) {
    super();
    this.line = row.line;
  }

  override getTreeItem(): vscode.TreeItem {
    // "3 open · title": the count first, since a long title is cut; age and status after it.
    const item = new vscode.TreeItem(
      `${openCount(this.row.openActions)} · ${this.row.title}`,
      this.actions.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    const parts: string[] = [];
    if (this.row.date) parts.push(age(this.row.date, this.today, true));
    if (this.row.status !== 'open') parts.push(statusLabel(this.row.status));
    if (this.recurrence.length > 0) parts.push(vscode.l10n.t('⟳ recurring'));
    item.description = parts.join(' · ');
    const kind = this.row.kind === 'rca' ? vscode.l10n.t('RCA') : vscode.l10n.t('Post-mortem');
    const when = this.row.date ? `${this.row.date} (${age(this.row.date, this.today, false)})` : vscode.l10n.t('no date');
    item.tooltip = tooltip(this.row.title, [
      [this.row.severity ?? vscode.l10n.t('No severity'), kind, statusLabel(this.row.status), when].join(' · '),
      openActionItems(this.row.openActions),
      ...(this.row.responseOverdue && this.row.responseDueAt ? [vscode.l10n.t('First response overdue (due {0})', this.row.responseDueAt.replace('T', ' '))] : []),
      ...(this.recurrence.length > 0 ? [vscode.l10n.t('Recurring: {0} similar incidents ({1})', this.recurrence.length + 1, this.recurrence.join(', '))] : []),
      this.row.file,
    ]);
    // Response overdue outranks mitigated, which outranks the document kind.
    item.iconPath = this.row.responseOverdue
      ? new vscode.ThemeIcon('bell-dot', new vscode.ThemeColor('list.warningForeground'))
      : this.row.status === 'mitigated'
        ? new vscode.ThemeIcon('shield', new vscode.ThemeColor('charts.green'))
        : new vscode.ThemeIcon(this.row.kind === 'rca' ? 'flame' : 'report');
    item.contextValue = `incident.${this.row.status}`;
    item.command = revealCommand(this.uri, this.row.line);
    item.id = `${this.idPrefix}incident:${this.row.file}`;
    return item;
  }

  override getChildren(): TreeNode[] {
    return this.actions;
  }
}

/** An open hand-off in the Open Incidents view; "Record Decision" is its inline action. */
export class HandoffNode extends TreeNode {
  constructor(
    readonly row: HandoffRow,
    override readonly uri: vscode.Uri,
    private readonly idPrefix = '',
  ) {
    super();
    this.line = row.line;
  }

  override getTreeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.row.title, vscode.TreeItemCollapsibleState.None);
    const parts = [this.row.urgency ?? '—'];
    if (this.row.ageDays !== null) parts.push(this.row.ageDays === 0 ? vscode.l10n.t('today') : vscode.l10n.t('{0} d', this.row.ageDays));
    if (this.row.to) parts.push(`@${this.row.to}`);
    item.description = parts.join(' · ');
    item.tooltip = vscode.l10n.t('{0} — waiting for a decision', this.row.file);
    item.iconPath = new vscode.ThemeIcon(
      'comment-discussion',
      this.row.urgency === 'P0' || this.row.urgency === 'P1' ? new vscode.ThemeColor('list.warningForeground') : undefined,
    );
    item.contextValue = 'handoff.open';
    item.command = revealCommand(this.uri, this.row.line);
    item.id = `${this.idPrefix}handoff:${this.row.file}`;
    return item;
  }
}

export class RunbookNode extends TreeNode {
  constructor(
    readonly row: RunbookRow,
    override readonly uri: vscode.Uri,
    private readonly idPrefix = '',
  ) {
    super();
    this.line = row.line;
  }

  /** Approvals that count (present, fresh, authorised) as "4/6". */
  get approvals(): string {
    const { approved, missing, stale, unauthorized } = this.row;
    return `${approved.length}/${approved.length + missing.length + stale.length + unauthorized.length}`;
  }

  override getTreeItem(): vscode.TreeItem {
    // "2/6 · title": the approvals first, since a long title is cut; what stands in the way after it.
    const title = this.row.title ?? this.row.file;
    const item = new vscode.TreeItem(`${this.approvals} · ${title}`, vscode.TreeItemCollapsibleState.None);
    const roles = (list: readonly string[]): string => list.map((role) => `@${role}`).join(', ');
    const lines = [
      ...(this.row.missing.length ? [vscode.l10n.t('Missing approvals: {0}', roles(this.row.missing))] : []),
      ...(this.row.stale.length ? [vscode.l10n.t('Changed since approved: {0}', roles(this.row.stale))] : []),
      ...(this.row.unauthorized.length ? [vscode.l10n.t('Approved by someone not among the approvers: {0}', roles(this.row.unauthorized))] : []),
    ];
    const short = [
      ...(this.row.missing.length ? [vscode.l10n.t('missing {0}', roles(this.row.missing))] : []),
      ...(this.row.stale.length ? [vscode.l10n.t('changed since approved: {0}', roles(this.row.stale))] : []),
      ...(this.row.unauthorized.length ? [vscode.l10n.t('not approvers: {0}', roles(this.row.unauthorized))] : []),
    ];
    item.description = short.join(' · ');
    item.tooltip = tooltip(title, [
      `${this.row.status ?? vscode.l10n.t('No status')} · ${vscode.l10n.t('{0} approvals', this.approvals)}`,
      ...(lines.length ? lines : [vscode.l10n.t('Every approval is in')]),
      ...(this.row.approved.length ? [vscode.l10n.t('Approved: {0}', roles(this.row.approved))] : []),
      this.row.file,
    ]);
    const complete = lines.length === 0;
    item.iconPath = new vscode.ThemeIcon(this.row.status === 'ACCEPTED' ? 'verified-filled' : complete ? 'check-all' : 'checklist');
    item.contextValue = complete && this.row.status === 'PROPOSED' ? 'runbook.complete' : 'runbook';
    item.command = revealCommand(this.uri, this.row.line);
    item.id = `${this.idPrefix}runbook:${this.row.file}`;
    return item;
  }
}

/**
 * Append to a group's list in place: copying the list for each node (as the views did) was quadratic, seconds of
 * extension-host time for 15,000 action items in four due-date groups.
 */
function pushTo<T>(groups: Map<string, T[]>, key: string, node: T): void {
  const nodes = groups.get(key);
  if (nodes) nodes.push(node);
  else groups.set(key, [node]);
}

/** `toUri` once per file: a document's action items share its URI. */
function uriCache(services: Services): (file: string) => vscode.Uri {
  const uris = new Map<string, vscode.Uri>();
  return (file) => {
    let uri = uris.get(file);
    if (!uri) uris.set(file, (uri = services.files.toUri(file)));
    return uri;
  };
}

const SEVERITY_ICONS: Record<string, string> = { SEV1: 'error', P0: 'error', SEV2: 'warning', P1: 'warning' };

export class IncidentsProvider extends FolderTreeProvider {
  /** Whether the "filled" line was logged (once per session: the first paint with incidents). */
  private filled = false;

  override roots(): TreeNode[] {
    const roots = super.roots();
    const folders = this.workspace.all();
    if (!this.filled && roots.length > 0 && folders.length > 0) {
      this.filled = true;
      const source = folders.some((services) => services.store.isProvisional()) ? 'the cache, not yet validated' : 'the index';
      const count = roots.reduce((sum, node) => sum + node.getChildren().length, 0);
      folders[0].log.info(`Open Incidents filled ${folders[0].store.sinceActivation()} ms after activation: ${count} incidents from ${source}`);
    }
    return roots;
  }

  override folderRoots(services: Services, idPrefix: string): TreeNode[] {
    const documents = services.store.all();
    const date = today(services);
    const groups = new Map<string, IncidentNode[]>();
    const recurrences = new Map(findRecurrences(documents, services.config()).map((item) => [item.file, item.others.map((other) => other.file)]));
    // One lookup per incident, not a pass over every document (10,000 documents × thousands of incidents).
    const byFile = new Map(documents.map((doc) => [doc.file, doc]));
    for (const row of incidentRows(documents, services.config(), services.host.clock.now(), { open: true })) {
      const uri = services.files.toUri(row.file);
      // The open items of every document of the incident (an RCA's post-mortem too), each opening its own file.
      const parts = [row.file, ...row.related].map((file) => byFile.get(file)).filter((doc): doc is ParsedDocument => doc !== undefined);
      const actions = actionRows(parts, date, { open: true }).map((action) => new ActionNode(action, services.files.toUri(action.file), false, idPrefix));
      const key = row.severity ?? vscode.l10n.t('No severity');
      pushTo(groups, key, new IncidentNode(row, uri, actions, date, idPrefix, recurrences.get(row.file)));
    }
    const severities = [...groups].map(
      ([severity, nodes]) => new GroupNode(severity, nodes, new vscode.ThemeIcon(SEVERITY_ICONS[severity] ?? 'info'), `${idPrefix}severity:${severity}`),
    );
    // Open hand-offs under their own group, P0 first.
    const handoffs = handoffRows(documents, date, { open: true }).map((row) => new HandoffNode(row, services.files.toUri(row.file), idPrefix));
    return handoffs.length ? [...severities, new GroupNode(vscode.l10n.t('Hand-offs'), handoffs, new vscode.ThemeIcon('comment-discussion'), `${idPrefix}handoffs`)] : severities;
  }
}

/** How the action items view groups its items; a toggle in the view title switches it. */
export type ActionGrouping = 'owner' | 'due';

export class ActionsProvider extends FolderTreeProvider {
  grouping: ActionGrouping = 'owner';
  mineOnly = false;
  /**
   * The owner names "mine" stands for (the `runbook.me` handle, the git user name and e-mail local part), resolved
   * when the filter is turned on; compared with case and accents folded.
   */
  me: string[] = [];

  override folderRoots(services: Services, idPrefix: string): TreeNode[] {
    const date = today(services);
    const rows = actionRows(services.store.all(), date, { open: true, ...(this.mineOnly ? { owners: this.me } : {}) });
    const uriOf = uriCache(services);
    const groups = new Map<string, ActionNode[]>();
    const add = (key: string, row: ActionRow): void => pushTo(groups, key, new ActionNode(row, uriOf(row.file), true, idPrefix));
    if (this.grouping === 'owner') {
      const noOwner = vscode.l10n.t('No owner');
      for (const row of rows) add(row.owner ? `@${row.owner}` : noOwner, row);
      // Owners with overdue items first, then by name; "No owner" last.
      return [...groups]
        .sort(([a, x], [b, y]) => Number(a === noOwner) - Number(b === noOwner) || Number(y.some((n) => n.row.overdue)) - Number(x.some((n) => n.row.overdue)) || a.localeCompare(b))
        .map(([label, nodes]) => new GroupNode(label, nodes, new vscode.ThemeIcon('person'), `${idPrefix}owner:${label}`));
    }
    const weekAhead = isoDate(new Date(Date.parse(`${date}T12:00:00Z`) + 7 * 86_400_000));
    const buckets: Array<[string, string]> = [
      ['overdue', vscode.l10n.t('Overdue')],
      ['week', vscode.l10n.t('Due within 7 days')],
      ['later', vscode.l10n.t('Later')],
      ['none', vscode.l10n.t('No due date')],
    ];
    for (const row of rows) {
      const bucket = row.overdue ? 'overdue' : row.due === null ? 'none' : row.due <= weekAhead ? 'week' : 'later';
      add(bucket, row);
    }
    return buckets
      .filter(([key]) => groups.has(key))
      .map(([key, label]) => new GroupNode(label, groups.get(key) ?? [], new vscode.ThemeIcon(key === 'overdue' ? 'warning' : 'calendar'), `${idPrefix}due:${key}`));
  }
}

export class RunbooksProvider extends FolderTreeProvider {
  override folderRoots(services: Services, idPrefix: string): TreeNode[] {
    const groups = new Map<string, RunbookNode[]>();
    for (const row of runbookRows(services.store.all(), services.config())) {
      const key = row.status ?? vscode.l10n.t('No status');
      pushTo(groups, key, new RunbookNode(row, services.files.toUri(row.file), idPrefix));
    }
    const order = (status: string): number => (status === 'PROPOSED' ? 0 : status === 'ACCEPTED' ? 2 : 1);
    return [...groups]
      .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
      .map(([status, nodes]) => new GroupNode(status, nodes, new vscode.ThemeIcon(status === 'ACCEPTED' ? 'verified' : 'git-pull-request-draft'), `${idPrefix}status:${status}`));
  }
}
