/**
 * The two languages documents are written in here (seeds 002 and 003 are French): the spellings of a runbook's two
 * states, the words of the records this tool writes, and how a document's language is decided — so that an edit keeps
 * the document's language (`Statut : PROPOSÉ` is accepted as `ACCEPTÉ — accepté par Léa le 2026-11-23`).
 *
 * Every pattern over user text here is Unicode-aware: `\b` before `é` never matches and `[A-Za-z]` cuts `PROPOSÉ`.
 */

export type DocumentLanguage = 'en' | 'fr';

/** The two states the compliance gate knows, by their English names (how the model and the CLI name them). */
export type RunbookState = 'PROPOSED' | 'ACCEPTED';

const SPELLING: Record<DocumentLanguage, Record<RunbookState, string>> = {
  en: { PROPOSED: 'PROPOSED', ACCEPTED: 'ACCEPTED' },
  fr: { PROPOSED: 'PROPOSÉ', ACCEPTED: 'ACCEPTÉ' },
};

/** Upper case with accents folded: `Proposé`, `PROPOSÉ` and `propose` all become `PROPOSE`. */
function folded(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toUpperCase();
}

/** Each known spelling (folded) → its state and language; French feminine forms included (`Acceptée`). */
const KNOWN: ReadonlyMap<string, [RunbookState, DocumentLanguage]> = new Map([
  ['PROPOSED', ['PROPOSED', 'en']],
  ['ACCEPTED', ['ACCEPTED', 'en']],
  ['PROPOSE', ['PROPOSED', 'fr']],
  ['PROPOSEE', ['PROPOSED', 'fr']],
  ['ACCEPTE', ['ACCEPTED', 'fr']],
  ['ACCEPTEE', ['ACCEPTED', 'fr']],
]);

/**
 * The state a status word stands for: `PROPOSED` or `ACCEPTED` for either language's spelling in any case, otherwise
 * the word as written, upper-cased (`DRAFT`, `REJETÉ`), which no rule treats as either state.
 */
export function canonicalStatus(word: string): string {
  return KNOWN.get(folded(word))?.[0] ?? word.toUpperCase();
}

/** The language of a known status spelling, or null for any other word. */
export function statusLanguage(word: string): DocumentLanguage | null {
  return KNOWN.get(folded(word))?.[1] ?? null;
}

/** `state` spelled in `language`, in the letter case of `like` (the word it replaces): `Proposé` → `Accepté`. */
export function statusWord(state: RunbookState, language: DocumentLanguage, like: string): string {
  const word = SPELLING[language][state];
  if (like !== '' && like === like.toLowerCase()) return word.toLowerCase();
  const first = like.charAt(0);
  const rest = like.slice(1);
  if (first === first.toUpperCase() && rest !== '' && rest === rest.toLowerCase()) return word.charAt(0) + word.slice(1).toLowerCase();
  return word;
}

/** The words of the records this tool writes, per language. */
export interface RecordWords {
  approvedBy: string;
  acceptedBy: string;
  reopenedBy: string;
  /** Between the name and the date: `on` / `le`. */
  on: string;
  /** The audit trail's heading. */
  history: string;
  /** History entries. */
  approvalRevokedBy: string;
  actionDoneBy: (index: number) => string;
  /** Between a done entry's name and the action's text: `: ` / ` : ` (French puts a space before a colon). */
  colon: string;
}

export const RECORD_WORDS: Readonly<Record<DocumentLanguage, RecordWords>> = {
  en: {
    approvedBy: 'approved by',
    acceptedBy: 'accepted by',
    reopenedBy: 'reopened by',
    on: 'on',
    history: 'History',
    approvalRevokedBy: 'approval revoked by',
    actionDoneBy: (index) => `action ${index} done by`,
    colon: ': ',
  },
  fr: {
    approvedBy: 'approuvé par',
    acceptedBy: 'accepté par',
    reopenedBy: 'rouvert par',
    on: 'le',
    history: 'Historique',
    approvalRevokedBy: 'approbation retirée par',
    actionDoneBy: (index) => `action ${index} faite par`,
    colon: ' : ',
  },
};

/**
 * Headings (as `normalizeLabel` gives them: lower case, accents folded) that only a French document has: its
 * compliance, timeline, action, history or analysis sections.
 */
const FRENCH_HEADING =
  /^(?:conformite|chronologie|deroule|plan d'action|actions correctives|historique|causes? racines?|resume|contexte|lecons apprises|enseignements|description de l'objectif|modifications proposees|plan de verification)\b/;

/** What a document says about its language, strongest first. */
export interface LanguageSignals {
  /** Frontmatter `lang` or `language`, when it is a string. */
  declared: string | null;
  /** The runbook status word as written. */
  statusWord: string | null;
  /** The status key as written (`Status`, `Statut`). */
  statusKey: string | null;
  /** `normalizeLabel` of every heading. */
  headingLabels: readonly string[];
}

/**
 * The language records are written in: a declared `lang`/`language` (`fr`, `fr-FR`, `en`), else the status word's
 * language (`PROPOSÉ`), else the status key (`Statut`), else French when a heading is one only French documents have
 * (`Conformité`, `Chronologie`, `Plan d'action`, `Historique`), else English.
 */
export function documentLanguage(signals: LanguageSignals): DocumentLanguage {
  const declared = signals.declared?.trim().toLowerCase() ?? '';
  if (/^fr(?:$|[-_])/.test(declared)) return 'fr';
  if (/^en(?:$|[-_])/.test(declared)) return 'en';
  const fromWord = signals.statusWord ? statusLanguage(signals.statusWord) : null;
  if (fromWord) return fromWord;
  if (signals.statusKey && /^statut$/iu.test(signals.statusKey.trim())) return 'fr';
  return signals.headingLabels.some((label) => FRENCH_HEADING.test(label)) ? 'fr' : 'en';
}
