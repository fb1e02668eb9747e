/** Calendar dates as documents write them: `YYYY-MM-DD`, in local time. */
import type { ActionItem } from './model';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Today's date as `YYYY-MM-DD` in local time (a due date "today" is not overdue until tomorrow). */
export function isoDate(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** A real calendar date `YYYY-MM-DD` (not `2026-02-30`). */
export function isValidDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * The one overdue rule, shared by `runbook check` (action-overdue), the listings, the sidebar and the report: an open
 * item (not done, not cancelled) whose due date is before `today` (`YYYY-MM-DD`). An item due today is not overdue
 * until tomorrow.
 */
export function isOverdue(action: Pick<ActionItem, 'done' | 'due' | 'cancelled'>, today: string): boolean {
  return !action.done && !action.cancelled && action.due !== null && action.due < today;
}
