/**
 * Wall-clock date-times as incident documents write them: `YYYY-MM-DDTHH:MM`, local time, no time zone. Timelines say
 * "14:02" in the team's local time; arithmetic is done on these naive values (minutes since 1970-01-01T00:00 of the
 * same calendar), so a duration across a daylight-saving change may be off by that hour — never by a time zone.
 */
import { isValidDate } from './dates';
import { bilingual, RunbookError } from './errors';

/** `YYYY-MM-DDTHH:MM`, local wall-clock time. */
export type LocalDateTime = string;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Minutes since 1970-01-01T00:00 of the same (naive) calendar; NaN when `value` is not a `LocalDateTime`. */
export function toMinutes(value: LocalDateTime): number {
  const match = LOCAL.exec(value);
  if (!match) return Number.NaN;
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  return Date.UTC(year, month - 1, day, hour, minute) / 60_000;
}

/** The `LocalDateTime` `minutes` after 1970-01-01T00:00. */
export function fromMinutes(minutes: number): LocalDateTime {
  return new Date(minutes * 60_000).toISOString().slice(0, 16);
}

/** The local wall-clock time of an instant (what the clock on the wall says where the tool runs). */
export function localDateTime(date: Date): LocalDateTime {
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** `H:MM`, `HH:MM`, `HHhMM`, `HH:MM:SS` → minutes after midnight; null when it is not a time of day. */
export function timeOfDay(value: string): number | null {
  const match = /^(\d{1,2})[:h](\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  if (hour > 23 || minute > 59 || (match[3] !== undefined && Number(match[3]) > 59)) return null;
  return hour * 60 + minute;
}

/** A date and minutes after its midnight as a `LocalDateTime`. */
export function atTimeOfDay(date: string, minutes: number): LocalDateTime {
  return fromMinutes(toMinutes(`${date}T00:00`) + minutes);
}

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[ T]+(\d{1,2}[:h]\d{2}(?::\d{2})?)$/;

/**
 * `YYYY-MM-DD HH:MM` (or with a `T`, or `HHhMM`) → `LocalDateTime`; null when it is not one. Used for frontmatter
 * times (`detected: 2026-11-12 14:02`) and dated timeline entries.
 */
export function parseDateTime(value: string): LocalDateTime | null {
  const match = DATE_TIME.exec(value.trim());
  if (!match || !isValidDate(match[1])) return null;
  const minutes = timeOfDay(match[2]);
  return minutes === null ? null : atTimeOfDay(match[1], minutes);
}

/**
 * A time given on the command line or to a command: `HH:MM` (on `today`) or `YYYY-MM-DD HH:MM`. Anything else is a
 * usage error that says what was expected.
 */
export function parseTimeArgument(value: string, today: string): LocalDateTime {
  const trimmed = value.trim();
  const minutes = timeOfDay(trimmed);
  const parsed = minutes !== null ? atTimeOfDay(today, minutes) : parseDateTime(trimmed);
  if (parsed === null) {
    throw new RunbookError(
      'invalid-field',
      bilingual(`a time is HH:MM (today) or YYYY-MM-DD HH:MM, found "${value}"`, `une heure s'écrit HH:MM (aujourd'hui) ou AAAA-MM-JJ HH:MM, trouvé « ${value} »`),
      'usage',
      { value },
    );
  }
  return parsed;
}

/** `2026-11-12T14:02` → `2026-11-12 14:02`, as messages and status updates show it. */
export function formatLocal(value: LocalDateTime): string {
  return value.replace('T', ' ');
}

/** 88 → `1h28m` (seed 002's "Duration down: XhYm"). */
export function formatDuration(minutes: number): string {
  return `${Math.floor(minutes / 60)}h${String(minutes % 60)}m`;
}
