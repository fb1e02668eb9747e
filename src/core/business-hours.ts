/**
 * Business-hours arithmetic for response targets such as seed 002's "< 4h ouvrées": a clock that only runs on business
 * days between the opening and closing time. A SEV2 detected on Friday at 17:00 with 4 business hours (Mon–Fri
 * 09:00–18:00) is due on Monday at 12:00. Pure: every input is a value, never the real clock.
 */
import { fromMinutes, toMinutes, type LocalDateTime } from './local-time';

/** When the business clock runs. */
export interface BusinessSchedule {
  /** Days the clock runs, 0 = Sunday … 6 = Saturday (as `Date.getUTCDay` of the naive calendar). */
  days: ReadonlySet<number>;
  /** Opening and closing time, minutes after midnight (`open < close`). */
  open: number;
  close: number;
}

const DAY_NAMES: ReadonlyArray<readonly string[]> = [
  ['sun', 'sunday', 'dim', 'dimanche'],
  ['mon', 'monday', 'lun', 'lundi'],
  ['tue', 'tuesday', 'mar', 'mardi'],
  ['wed', 'wednesday', 'mer', 'mercredi'],
  ['thu', 'thursday', 'jeu', 'jeudi'],
  ['fri', 'friday', 'ven', 'vendredi'],
  ['sat', 'saturday', 'sam', 'samedi'],
];

/** `Mon`, `monday`, `lun`, `Lundi` → 1; null when it names no day. */
export function dayNumber(name: string): number | null {
  const key = name.trim().toLowerCase();
  const index = DAY_NAMES.findIndex((names) => names.includes(key));
  return index === -1 ? null : index;
}

const HOURS = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/;

/** `09:00-18:00` → `{ open: 540, close: 1080 }`; null when malformed or not opening before it closes. */
export function parseHours(value: string): { open: number; close: number } | null {
  const match = HOURS.exec(value.trim());
  if (!match) return null;
  const [openHour, openMinute, closeHour, closeMinute] = match.slice(1).map(Number);
  if (openHour > 23 || closeHour > 24 || openMinute > 59 || closeMinute > 59) return null;
  const open = openHour * 60 + openMinute;
  const close = closeHour * 60 + closeMinute;
  return open < close && close <= 24 * 60 ? { open, close } : null;
}

/** The schedule from the configuration's `businessDays` and `businessHours` (both validated by config.ts). */
export function businessSchedule(days: readonly string[], hours: string): BusinessSchedule {
  const parsed = parseHours(hours) ?? { open: 9 * 60, close: 18 * 60 };
  return { days: new Set(days.map(dayNumber).filter((day): day is number => day !== null)), ...parsed };
}

const DAY = 24 * 60;

/**
 * The moment `minutes` business minutes after `start`. Time outside business hours does not count: a start on a
 * Saturday begins counting at Monday's opening. Bounded: with no business day at all the result is null.
 */
export function addBusinessMinutes(start: LocalDateTime, minutes: number, schedule: BusinessSchedule): LocalDateTime | null {
  if (schedule.days.size === 0 || schedule.open >= schedule.close) return null;
  const startMinutes = toMinutes(start);
  if (Number.isNaN(startMinutes)) return null;
  let left = Math.max(0, minutes);
  let dayStart = Math.floor(startMinutes / DAY) * DAY;
  let from = startMinutes - dayStart;
  // Each business day consumes at least one minute of a positive budget, and at most 6 other days pass between two.
  const limit = Math.ceil(left / (schedule.close - schedule.open) + 1) * 7 + 7;
  for (let step = 0; step < limit; step += 1) {
    const weekday = new Date(dayStart * 60_000).getUTCDay();
    if (schedule.days.has(weekday)) {
      const begin = Math.max(from, schedule.open);
      if (begin < schedule.close) {
        // A zero budget lands on the start when it is inside business hours, else on the next opening.
        if (left <= schedule.close - begin) return fromMinutes(dayStart + begin + left);
        left -= schedule.close - begin;
      }
    }
    dayStart += DAY;
    from = 0;
  }
  return null;
}

/** Business minutes between `from` and `to` (0 when `to` is not after `from`). */
export function businessMinutesBetween(from: LocalDateTime, to: LocalDateTime, schedule: BusinessSchedule): number {
  const start = toMinutes(from);
  const end = toMinutes(to);
  if (!(end > start) || schedule.days.size === 0) return 0;
  let total = 0;
  for (let dayStart = Math.floor(start / DAY) * DAY; dayStart < end; dayStart += DAY) {
    if (!schedule.days.has(new Date(dayStart * 60_000).getUTCDay())) continue;
    const begin = Math.max(start, dayStart + schedule.open);
    const finish = Math.min(end, dayStart + schedule.close);
    if (finish > begin) total += finish - begin;
  }
  return total;
}
