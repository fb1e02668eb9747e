/**
 * One configuration, read by the CLI (from `.runbook/config.json` at the workspace root) and by the extension (from the
 * `runbook.*` settings, same keys). Defaults follow the seeds' folder conventions.
 */
import { dayNumber, parseHours } from './business-hours';
import { validateConfigFile } from './config-schema';
import { bilingual, RunbookError, type Bilingual, type Language } from './errors';
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
const TARGETS = bilingual(
  'an object of severities (SEV1…SEV4, P0…P3) to targets such as "15m", "4h business" or "none"',
  'un objet associant des sévérités (SEV1…SEV4, P0…P3) à des objectifs comme « 15m », « 4h business » ou « none »',
);
const A_STRING = bilingual('a string', 'une chaîne');
const A_STRING_LIST = bilingual('a list of strings', 'une liste de chaînes');
const A_POSITIVE_NUMBER = bilingual('a positive number', 'un nombre positif');
const DAYS_OVER_ZERO = bilingual('a whole number of days greater than 0', 'un nombre entier de jours supérieur à 0');

/** Each key's check, and what it expects in words (English and French) for the error that names it. */
const KEY_CHECKS: Record<keyof RunbookConfig, [Check, Bilingual]> = {
  storiesFolder: [isString, A_STRING],
  runbooksFolder: [isString, A_STRING],
  defaultScope: [isString, A_STRING],
  incidentsFolder: [isString, A_STRING],
  postmortemsFolder: [isString, A_STRING],
  handoffsFolder: [isString, A_STRING],
  incidentRunbooksFolder: [isString, A_STRING],
  incidentHistoryFile: [isString, A_STRING],
  activityFile: [isString, A_STRING],
  language: [(v) => v === '' || v === 'en' || v === 'fr', bilingual('"en", "fr" or "" (the default)', '"en", "fr" ou "" (la valeur par défaut)')],
  templatesFolder: [isString, A_STRING],
  folders: [isStringList, A_STRING_LIST],
  exclude: [isStringList, A_STRING_LIST],
  roles: [isStringList, A_STRING_LIST],
  actionHeadings: [isStringList, A_STRING_LIST],
  defaultApprover: [isString, A_STRING],
  approvers: [isStringListMap, bilingual('an object mapping each role to a list of names', 'un objet associant à chaque rôle une liste de noms')],
  maxFileSizeKB: [isPositive, A_POSITIVE_NUMBER],
  responseTargets: [isTargetTable, TARGETS],
  updateTargets: [isTargetTable, TARGETS],
  businessDays: [isDayList, bilingual('a non-empty list of day names ("Mon" … "Sun")', 'une liste non vide de noms de jours (« Mon » … « Sun »)')],
  businessHours: [isHours, bilingual('a time range "HH:MM-HH:MM" that opens before it closes', "une plage horaire « HH:MM-HH:MM » qui ouvre avant de fermer")],
  timelineKeywords: [isKeywords, bilingual(`an object of ${ENTRY_KINDS.join(', ')} to lists of words`, `un objet associant ${ENTRY_KINDS.join(', ')} à des listes de mots`)],
  incidentChannel: [isString, A_STRING],
  governanceFolders: [isStringList, A_STRING_LIST],
  governanceMaxKB: [isPositive, A_POSITIVE_NUMBER],
  recurrenceThreshold: [isCount, bilingual('a whole number of incidents, 2 or more', "un nombre entier d'incidents, 2 ou plus")],
  recurrenceWindowDays: [isWholePositive, DAYS_OVER_ZERO],
  postmortemSeverities: [isSeverityList, bilingual('a list of severities (SEV1…SEV4, P0…P3)', 'une liste de sévérités (SEV1…SEV4, P0…P3)')],
  postmortemDeadlineDays: [isWholePositive, DAYS_OVER_ZERO],
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
      const known = Object.keys(KEY_CHECKS).join(', ');
      throw new RunbookError(
        'invalid-config',
        bilingual(`${source}: unknown setting "${key}" (known: ${known})`, `${source} : réglage inconnu « ${key} » (connus : ${known})`),
      );
    }
    const [check, expected] = KEY_CHECKS[key as keyof RunbookConfig];
    if (!check(value)) {
      const found = JSON.stringify(value);
      throw new RunbookError('invalid-config', bilingual(`${source}: "${key}" must be ${expected.en}, found ${found}`, `${source} : « ${key} » doit être ${expected.fr}, trouvé ${found}`));
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
        bilingual(
          `${source}: "${other}" (${JSON.stringify(config[other])}) and "${key}" (${JSON.stringify(config[key])}) name the same folder on case-insensitive file systems (macOS, Windows): give each kind its own folder`,
          `${source} : « ${other} » (${JSON.stringify(config[other])}) et « ${key} » (${JSON.stringify(config[key])}) désignent le même dossier sur les systèmes de fichiers insensibles à la casse (macOS, Windows) : donnez à chaque type son propre dossier`,
        ),
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
    const reason = (error as Error).message;
    throw new RunbookError('invalid-config', bilingual(`${source}: not valid JSON (${reason})`, `${source} : JSON invalide (${reason})`));
  }
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    throw new RunbookError('invalid-config', bilingual(`${source}: expected a JSON object of settings`, `${source} : un objet JSON de réglages est attendu`));
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
