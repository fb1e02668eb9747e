/**
 * The task conventions people already write in their markdown, read from an action item's text:
 * - Obsidian Tasks: `📅 2026-12-01` due (also `📆`, `🗓`), `✅ 2026-12-02` done on, priorities `🔺` `⏫` `🔼` `🔽` `⏬`,
 *   and the other dated markers (`⏳` scheduled, `🛫` start, `➕` created, `❌` cancelled on), kept out of the text;
 * - Dataview inline fields: `[due:: 2026-12-01]` or `(due:: 2026-12-01)`, `[completion:: 2026-12-02]`, `[priority:: high]`;
 * - todo.txt: `due:2026-12-01`;
 * - and the plain keyword forms of actions.ts (`due 2026-12-01`, `échéance : 2026-12-01`, `(owner @x, due …)`).
 * A cancelled item (`- [-]`, Obsidian Tasks) is read from the list item's source in actions.ts.
 */
import type { ActionPriority, ActionStyle } from '../model';

const DATE = String.raw`(\d{4}-\d{2}-\d{2})(?!\d)`;
/** Before a keyword: not inside a longer word (`overdue`), in any script. */
const START = String.raw`(?<![\p{L}\p{N}_])`;

/** Obsidian Tasks' due-date markers (📅 with its 📆 and 🗓 aliases; an emoji may carry a variation selector). */
const OBSIDIAN_DUE = new RegExp(String.raw`(?:📅|📆|🗓)\uFE0F?\s*${DATE}`, 'u');
const OBSIDIAN_DONE = new RegExp(String.raw`✅\uFE0F?\s*${DATE}`, 'u');
const OBSIDIAN_DATED_SOURCE = String.raw`(?:📅|📆|🗓|⏳|⌛|🛫|➕|✅|❌)\uFE0F?\s*\d{4}-\d{2}-\d{2}(?!\d)`;
const OBSIDIAN_DATED = new RegExp(OBSIDIAN_DATED_SOURCE, 'gu');
const HAS_OBSIDIAN_DATE = new RegExp(OBSIDIAN_DATED_SOURCE, 'u');
const OBSIDIAN_PRIORITY: ReadonlyArray<[string, ActionPriority]> = [
  ['🔺', 'highest'],
  ['⏫', 'high'],
  ['🔼', 'medium'],
  ['🔽', 'low'],
  ['⏬', 'lowest'],
];
const PRIORITY_MARK = /🔺|⏫|🔼|🔽|⏬/gu;
/** A recurrence (`🔁 every week`) runs to the next marker or the end. */
const RECURRENCE = /🔁\uFE0F?[^📅📆🗓⏳⌛🛫➕✅❌🔺⏫🔼🔽⏬]*/gu;

/** `[key:: value]` or `(key:: value)`: a Dataview inline field. */
const DATAVIEW_FIELD = /[[(]\s*([\p{L}\p{N}_ -]+?)\s*::\s*([^\])]*?)\s*[\])]/gu;
const TODO_TXT_DUE = new RegExp(String.raw`${START}due:${DATE}`, 'u');
const TODO_TXT_FIELD = new RegExp(String.raw`${START}due:\d{4}-\d{2}-\d{2}(?!\d)`, 'gu');

const PRIORITY_WORDS: Readonly<Record<string, ActionPriority>> = {
  highest: 'highest',
  high: 'high',
  haute: 'high',
  medium: 'medium',
  moyenne: 'medium',
  low: 'low',
  basse: 'low',
  lowest: 'lowest',
};

/** What an item's text says in one of these conventions; null where it says nothing. */
export interface TaskMetadata {
  due: string | null;
  completed: string | null;
  priority: ActionPriority | null;
  /** The convention the item is written in, so `done` writes its completion date the same way. */
  style: ActionStyle;
}

function dataviewFields(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const match of text.matchAll(DATAVIEW_FIELD)) {
    const key = match[1].trim().toLowerCase();
    if (!fields.has(key)) fields.set(key, match[2].trim());
  }
  return fields;
}

const ISO_DATE = new RegExp(`^${DATE}$`, 'u');

/** The due date, done date, priority and style written in `text` (an action item's plain text). */
export function taskMetadata(text: string): TaskMetadata {
  const fields = text.includes('::') ? dataviewFields(text) : new Map<string, string>();
  const dataviewDue = ISO_DATE.exec(fields.get('due') ?? '')?.[1] ?? null;
  const dataviewDone = ISO_DATE.exec(fields.get('completion') ?? '')?.[1] ?? null;
  const dataviewPriority = PRIORITY_WORDS[(fields.get('priority') ?? '').toLowerCase()] ?? null;
  const obsidianDue = OBSIDIAN_DUE.exec(text)?.[1] ?? null;
  const obsidianDone = OBSIDIAN_DONE.exec(text)?.[1] ?? null;
  const obsidianPriority = OBSIDIAN_PRIORITY.find(([mark]) => text.includes(mark))?.[1] ?? null;
  const obsidian = obsidianPriority !== null || HAS_OBSIDIAN_DATE.test(text) || /🔁/u.test(text);
  const dataview = dataviewDue !== null || dataviewDone !== null || dataviewPriority !== null;
  return {
    due: obsidianDue ?? dataviewDue ?? TODO_TXT_DUE.exec(text)?.[1] ?? null,
    completed: obsidianDone ?? dataviewDone,
    priority: obsidianPriority ?? dataviewPriority,
    style: obsidian ? 'obsidian' : dataview ? 'dataview' : 'plain',
  };
}

/** `text` without the markers these conventions add: what the item says, as a listing shows it. */
export function withoutTaskMetadata(text: string): string {
  if (!/[\u{1F300}-\u{1FAFF}\u2190-\u2BFF\u2700-\u27BF]|::|due:/u.test(text)) return text;
  return text
    .replace(OBSIDIAN_DATED, ' ')
    .replace(RECURRENCE, ' ')
    .replace(PRIORITY_MARK, ' ')
    .replace(DATAVIEW_FIELD, (field, key: string) => (['due', 'completion', 'priority', 'created', 'start', 'scheduled'].includes(key.trim().toLowerCase()) ? ' ' : field))
    .replace(TODO_TXT_FIELD, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** What `done` appends to an item of `style` finished on `date`: `✅ 2026-12-02`, `[completion:: 2026-12-02]`, or nothing. */
export function completionMark(style: ActionStyle, date: string): string | null {
  if (style === 'obsidian') return `✅ ${date}`;
  if (style === 'dataview') return `[completion:: ${date}]`;
  return null;
}
