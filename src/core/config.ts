/**
 * One configuration, read by the CLI (from `.runbook/config.json` at the workspace root) and by the extension (from the
 * `runbook.*` settings, same keys). Defaults follow the seeds' folder conventions.
 */
import { dayNumber, parseHours } from './business-hours';
import { validateConfigFile } from './config-schema';
import { RunbookError } from './errors';
import type { Language } from './errors';
import { isTargetTable, normalizeTargetTable } from './incident-policy';
import { DEFAULT_TIMELINE_KEYWORDS, ENTRY_KINDS, type TimelineKeywords } from './incident-times';

export interface RunbookConfig {
  /** Where stories live: `<storiesFolder>/<STORY-ID>.md` (or in a scope subfolder). */
  storiesFolder: string;
  /** Where runbooks are written: `<runbooksFolder>/<SCOPE>/<STORY-ID>-runbook.md`. */
  runbooksFolder: string;
  /** Scope used when a story names none (no `scope` frontmatter, no subfolder). */
  defaultScope: string;
  /** Where RCAs are written (seed 003: `DOCS/incidents`). */
  incidentsFolder: string;
  /** Where post-mortems are written (seed 002: `docs/post-mortems`). */
  postmortemsFolder: string;
  /** Where hand-offs are written. */
  handoffsFolder: string;
  /** Where incident-type runbooks are written (seed 002: `docs/runbooks`). */
  incidentRunbooksFolder: string;
  /**
   * A document with an "Incident History" table (seed 003) that gets a row for every RCA or post-mortem created;
   * empty to turn the side update off.
   */
  incidentHistoryFile: string;
  /**
   * A document with a "Recent Activity" section (seed 003: `fleet-status.md`) that gets a line when an RCA or
   * post-mortem is created and when an incident is resolved; empty to turn the side update off.
   */
  activityFile: string;
  /**
   * The language of the built-in templates `new` writes: `en`, `fr`, or empty for the default (English in the CLI,
   * the display language in VS Code). `runbook new --lang` wins over it.
   */
  language: string;
  /** Folder of workspace templates that add to or override the built-in ones by name. */
  templatesFolder: string;
  /** Folders scanned for documents (workspace-relative; `.` is the whole workspace). */
  folders: string[];
  /** Folder names never scanned. */
  exclude: string[];
  /** The compliance roles every runbook must carry (without `@`). */
  roles: string[];
  /** Headings under which task-list items are action items (compared case- and accent-insensitively). */
  actionHeadings: string[];
  /**
   * Name recorded on approvals when none is given and the person set none for themself (`runbook.approverName` in
   * VS Code, `RUNBOOK_APPROVER` for the CLI); empty means `git config user.name`, else the OS user. See approver.ts.
   */
  defaultApprover: string;
  /**
   * Who may approve each role: role (without `@`, any case) → names or handles (`Alice Martin`, `@alice`, CODEOWNERS
   * style `@org/security` taken as a name), compared without case or a leading `@`. A role absent or with an empty list
   * may be approved by anyone.
   */
  approvers: Record<string, string[]>;
  /** Files larger than this are skipped by listings and refused by edits, with a note. */
  maxFileSizeKB: number;
  /**
   * First-response target per severity, from detection: `15m` on the wall clock, `4h business` on the business clock,
   * `none`. Keys are severities in any spelling (`SEV1`, `P0` …); P0–P3 share SEV1–SEV4's targets.
   */
  responseTargets: Record<string, string>;
  /** How often a running incident's timeline must get an entry, per severity, in the same form. */
  updateTargets: Record<string, string>;
  /** Days the business clock runs (`Mon` … `Sun`, or the full names, English or French). */
  businessDays: string[];
  /** When the business clock runs on those days: `HH:MM-HH:MM`. */
  businessHours: string;
  /** What a timeline entry records, decided by these words (a trailing `*` matches any ending). */
  timelineKeywords: TimelineKeywords;
  /** The channel status updates are posted to (seed 002: `#ops`); empty when the document does not name one. */
  incidentChannel: string;
  /**
   * Folders of the workspace's rules a drafted runbook is grounded in (seed 004: `.agent/rules`, `.agent/adrs`,
   * `.agent/compliance`), read in this order until `governanceMaxKB` is reached.
   */
  governanceFolders: string[];
  /** At most this much governance text (in KB) goes into each prompt of a draft; the files left out are named. */
  governanceMaxKB: number;
  /** This many similar incidents (same service, a shared tag, or the same incident-type runbook) make a recurrence (seed 002: 3). */
  recurrenceThreshold: number;
  /** …within this many days (seed 002: "in a month", 30). */
  recurrenceWindowDays: number;
  /** Severities whose resolved incidents need a post-mortem (seed 002: SEV1 and SEV2; P0/P1 follow). Empty: no rule. */
  postmortemSeverities: string[];
  /** Days after resolution the post-mortem is due (seed 002: 7). */
  postmortemDeadlineDays: number;
}

export const DEFAULT_CONFIG: Readonly<RunbookConfig> = Object.freeze({
  storiesFolder: '.agent/cache/stories',
  runbooksFolder: '.agent/cache/runbooks',
  defaultScope: 'general',
  incidentsFolder: 'DOCS/incidents',
  postmortemsFolder: 'docs/post-mortems',
  handoffsFolder: 'docs/handoffs',
  incidentRunbooksFolder: 'docs/runbooks',
  incidentHistoryFile: '',
  activityFile: '',
  language: '',
  templatesFolder: '.runbook/templates',
  folders: ['.'],
  exclude: ['node_modules', '.git', 'dist', 'out', '.vscode-test'],
  roles: ['Security', 'Architect', 'QA', 'Docs', 'Compliance', 'Observability'],
  actionHeadings: ['Action items', 'Follow-ups', 'Actions', 'Actions correctives', "Plan d'action"],
  defaultApprover: '',
  approvers: {},
  maxFileSizeKB: 2048,
  responseTargets: { SEV1: '15m', SEV2: '4h business', SEV3: '24h business', SEV4: 'none' },
  updateTargets: { SEV1: '30m', SEV2: '30m', SEV3: 'none', SEV4: 'none' },
  businessDays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'],
  businessHours: '09:00-18:00',
  timelineKeywords: DEFAULT_TIMELINE_KEYWORDS,
  incidentChannel: '',
  governanceFolders: ['.agent/rules', '.agent/adrs', '.agent/compliance'],
  governanceMaxKB: 32,
  recurrenceThreshold: 3,
  recurrenceWindowDays: 30,
  postmortemSeverities: ['SEV1', 'SEV2'],
  postmortemDeadlineDays: 7,
}) as Readonly<RunbookConfig>;

/**
 * A configured folder as a workspace-relative path: `\` read as `/`, no leading `./`, no trailing `/`, and `.` (the
 * whole workspace) as the empty string.
 */
export function normalizeFolder(folder: string): string {
  return folder.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '').replace(/^\.$/, '');
}

/** Name of the configuration file, relative to the workspace root; its folder also marks the root. */
export const CONFIG_FILE = '.runbook/config.json';

type Check = (value: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string';
const isStringList: Check = (v) => Array.isArray(v) && v.every((item) => typeof item === 'string');
const isStringListMap: Check = (v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isStringList);
const isPositive: Check = (v) => typeof v === 'number' && Number.isFinite(v) && v > 0;
const isDayList: Check = (v) => isStringList(v) && (v as string[]).length > 0 && (v as string[]).every((day) => dayNumber(day) !== null);
const isHours: Check = (v) => typeof v === 'string' && parseHours(v) !== null;
const isKeywords: Check = (v) =>
  !!v && typeof v === 'object' && !Array.isArray(v) &&
  Object.entries(v as Record<string, unknown>).every(([kind, words]) => (ENTRY_KINDS as readonly string[]).includes(kind) && isStringList(words));
const isWholePositive: Check = (v) => typeof v === 'number' && Number.isInteger(v) && v > 0;
const isCount: Check = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 2;
/** `SEV1`, `sev-2`, `P0`, `3`: a severity alone (schemas/runbook-config.schema.json holds the same pattern). */
const SEVERITY_ITEM = /^\s*(?:SEV[- ]?[1-4]|P[0-3]|[0-4])\s*$/i;
const isSeverityList: Check = (v) => isStringList(v) && (v as string[]).every((item) => SEVERITY_ITEM.test(item));
const TARGETS = 'an object of severities (SEV1…SEV4, P0…P3) to targets such as "15m", "4h business" or "none"';

const KEY_CHECKS: Record<keyof RunbookConfig, [Check, string]> = {
  storiesFolder: [isString, 'a string'],
  runbooksFolder: [isString, 'a string'],
  defaultScope: [isString, 'a string'],
  incidentsFolder: [isString, 'a string'],
  postmortemsFolder: [isString, 'a string'],
  handoffsFolder: [isString, 'a string'],
  incidentRunbooksFolder: [isString, 'a string'],
  incidentHistoryFile: [isString, 'a string'],
  activityFile: [isString, 'a string'],
  language: [(v) => v === '' || v === 'en' || v === 'fr', '"en", "fr" or "" (the default)'],
  templatesFolder: [isString, 'a string'],
  folders: [isStringList, 'a list of strings'],
  exclude: [isStringList, 'a list of strings'],
  roles: [isStringList, 'a list of strings'],
  actionHeadings: [isStringList, 'a list of strings'],
  defaultApprover: [isString, 'a string'],
  approvers: [isStringListMap, 'an object mapping each role to a list of names'],
  maxFileSizeKB: [isPositive, 'a positive number'],
  responseTargets: [isTargetTable, TARGETS],
  updateTargets: [isTargetTable, TARGETS],
  businessDays: [isDayList, 'a non-empty list of day names ("Mon" … "Sun")'],
  businessHours: [isHours, 'a time range "HH:MM-HH:MM" that opens before it closes'],
  timelineKeywords: [isKeywords, `an object of ${ENTRY_KINDS.join(', ')} to lists of words`],
  incidentChannel: [isString, 'a string'],
  governanceFolders: [isStringList, 'a list of strings'],
  governanceMaxKB: [isPositive, 'a positive number'],
  recurrenceThreshold: [isCount, 'a whole number of incidents, 2 or more'],
  recurrenceWindowDays: [isWholePositive, 'a whole number of days greater than 0'],
  postmortemSeverities: [isSeverityList, 'a list of severities (SEV1…SEV4, P0…P3)'],
  postmortemDeadlineDays: [isWholePositive, 'a whole number of days greater than 0'],
};

/** Object-valued keys are merged over their defaults: setting SEV1's target keeps the others. */
function mergedValue(key: keyof RunbookConfig, value: unknown, config: RunbookConfig): unknown {
  if (key === 'responseTargets' || key === 'updateTargets') {
    return { ...normalizeTargetTable(config[key]), ...normalizeTargetTable(value as Record<string, string>) };
  }
  if (key === 'timelineKeywords') return { ...config.timelineKeywords, ...(value as Partial<TimelineKeywords>) };
  return value;
}

/**
 * Keys a workspace file may hold but that are never read from it: a cloned repository must not be able to choose a
 * program for the CLI to run. The draft command comes only from `--with` or `RUNBOOK_DRAFT_COMMAND`.
 */
export const NEVER_FROM_WORKSPACE: readonly string[] = ['draftCommand', 'draftTimeout'];

/** The `$schema` key a configuration file may hold for editors (schemas/runbook-config.schema.json); never a setting. */
export const SCHEMA_KEY = '$schema';

/**
 * Merge user values over the defaults, rejecting unknown keys and wrong types with a message naming the key, the value
 * found and what was expected. `source` names where the values came from (a file path, "settings").
 */
export function resolveConfig(values: Record<string, unknown> | undefined, source: string, onIgnored?: (key: string) => void): RunbookConfig {
  const config: RunbookConfig = { ...DEFAULT_CONFIG, folders: [...DEFAULT_CONFIG.folders] };
  if (!values) return config;
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || key === SCHEMA_KEY) continue;
    if (NEVER_FROM_WORKSPACE.includes(key)) {
      onIgnored?.(key);
      continue;
    }
    // An own-key test: `__proto__` or `constructor` are unknown settings, not the prototype's members.
    if (!Object.hasOwn(KEY_CHECKS, key)) {
      throw new RunbookError(
        'invalid-config',
        `${source}: unknown setting "${key}" (known: ${Object.keys(KEY_CHECKS).join(', ')})`,
      );
    }
    const [check, expected] = KEY_CHECKS[key as keyof RunbookConfig];
    if (!check(value)) {
      throw new RunbookError('invalid-config', `${source}: "${key}" must be ${expected}, found ${JSON.stringify(value)}`);
    }
    (config as unknown as Record<string, unknown>)[key] = mergedValue(key as keyof RunbookConfig, value, config);
  }
  refuseFoldersDifferingInCase(config, source);
  return config;
}

/** The folders that decide a document's kind; each must name its own folder on every file system. */
const KIND_FOLDER_KEYS = ['storiesFolder', 'runbooksFolder', 'incidentsFolder', 'postmortemsFolder', 'handoffsFolder', 'incidentRunbooksFolder'] as const;

/**
 * Two kind folders equal but for case (`docs/incidents` and `DOCS/incidents`) are one folder on macOS and Windows, where
 * RCAs and post-mortems would mix; the kind of a document there would depend on the file system. Refused everywhere,
 * so a workspace means the same on every machine. (The defaults `DOCS/incidents` and `docs/post-mortems` differ by
 * more than case: on a case-insensitive disk they share the `docs` folder, and folders are matched without case.)
 */
function refuseFoldersDifferingInCase(config: RunbookConfig, source: string): void {
  const seen = new Map<string, (typeof KIND_FOLDER_KEYS)[number]>();
  for (const key of KIND_FOLDER_KEYS) {
    const folded = normalizeFolder(config[key]).toLowerCase();
    const other = seen.get(folded);
    if (other !== undefined && folded !== '') {
      throw new RunbookError(
        'invalid-config',
        `${source}: "${other}" (${JSON.stringify(config[other])}) and "${key}" (${JSON.stringify(config[key])}) name the same folder on case-insensitive file systems (macOS, Windows): give each kind its own folder`,
      );
    }
    seen.set(folded, key);
  }
}

/**
 * Parse the text of `.runbook/config.json` and validate it with the JSON Schema VS Code uses for the same file
 * (config-schema.ts); `onIgnored` hears each `NEVER_FROM_WORKSPACE` key found (and skipped).
 */
export function configFromJson(text: string, source: string, onIgnored?: (key: string) => void): RunbookConfig {
  let values: unknown;
  try {
    values = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new RunbookError('invalid-config', `${source}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new RunbookError('invalid-config', `${source}: expected a JSON object of settings`);
  }
  validateConfigFile(values, source);
  return resolveConfig(values as Record<string, unknown>, source, onIgnored);
}

/**
 * The language of the built-in templates: `runbook new --lang` (`chosen`) first, then the `language` setting, then the
 * front end's default — English for the CLI, the display language in VS Code.
 */
export function templateLanguage(config: Pick<RunbookConfig, 'language'>, fallback: Language, chosen?: Language): Language {
  if (chosen) return chosen;
  return config.language === 'en' || config.language === 'fr' ? config.language : fallback;
}
