/**
 * Severity spellings and levels, one rule everywhere: `1`, `SEV1`, `SEV-1`, `sev 1`, `Sev-1` are SEV1; `P0`…`P3` are
 * seed 000's priorities, mapped onto the same four levels (P0↔SEV1 … P3↔SEV4) so one policy covers both.
 */
import type { Severity } from './model';

/** 1 is the most severe (SEV1, P0), 4 the least (SEV4, P3). */
export type SeverityLevel = 1 | 2 | 3 | 4;

/** The policy keys, one per level. */
export const SEVERITY_KEYS = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
export type SeverityKey = (typeof SEVERITY_KEYS)[number];

const SEVERITY = /(?<![\p{L}\p{N}])(?:SEV[- ]?([1-4])|P([0-3]))(?![\p{L}\p{N}])/iu;

/** The first severity written in `text` (a title, a `Severity:` value), or null. */
export function findSeverity(text: string): Severity | null {
  const match = SEVERITY.exec(text);
  if (!match) return null;
  return (match[1] !== undefined ? `SEV${match[1]}` : `P${match[2]}`) as Severity;
}

/** `SEV-2`, `sev2`, `Sev 2`, `2` (taken as SEV), `p1` → the canonical `SEV2` / `P1`; null when it is none of these. */
export function normalizeSeverity(value: unknown): Severity | null {
  if (typeof value === 'number') {
    if (value === 0) return 'P0';
    return Number.isInteger(value) && value >= 1 && value <= 4 ? (`SEV${value}` as Severity) : null;
  }
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  if (/^[1-4]$/.test(trimmed)) return `SEV${trimmed}` as Severity;
  if (trimmed === '0') return 'P0';
  return findSeverity(trimmed);
}

/** SEVn → n, Pn → n + 1. */
export function severityLevel(severity: Severity): SeverityLevel {
  const digit = Number(severity.slice(-1));
  return (severity.startsWith('P') ? digit + 1 : digit) as SeverityLevel;
}

/** The policy key of a severity: `P0` → `SEV1`. */
export function severityKey(severity: Severity): SeverityKey {
  return SEVERITY_KEYS[severityLevel(severity) - 1];
}
