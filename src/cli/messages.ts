/**
 * The CLI's own user-facing strings, English and French, chosen from LC_ALL / LC_MESSAGES / LANG.
 * Engine errors carry their own message (naming the file, the line and the value found).
 */
import { bilingual, type Bilingual } from '../core/errors';

const en = {
  updated: 'updated {0}',
  nothingToChange: 'nothing to change in {0}: {1}',
  alreadyApproved: '@{0} is already approved',
  alreadyApprovedBy: '@{0} is already approved by {1} on {2}',
  notApproved: '@{0} is not approved',
  alreadyProposed: 'it is already PROPOSED',
  noHistory: 'no history in {0}',
  noStatus: 'NO STATUS',
  approvedCount: '{0}/{1} approved',
  staleApprovals: 'changed since approved by {0}',
  unauthorizedApprovals: 'not approvers: {0}',
  alreadyDone: 'action {0} is already done',
  noActions: 'no action items',
  noIncidents: 'no incidents',
  noRunbooks: 'no runbooks',
  overdue: 'OVERDUE',
  missing: 'missing {0}',
  noTemplates: 'no templates',
  builtIn: 'built-in',
  workspaceTemplate: 'workspace',
  overridesBuiltIn: 'workspace, replaces the built-in',
  required: 'required',
  optional: 'optional',
  defaultValue: 'default {0}',
  writes: 'writes {0}',
  internal: 'internal error: {0} (please report it with the command you ran)',
  responseOverdue: 'RESPONSE OVERDUE',
  incidentMitigated: '{0}: mitigated at {1}',
  incidentResolved: '{0}: resolved at {1}',
  incidentReopened: '{0}: reopened at {1}',
  timelineAdded: '{0}: timeline entry at {1}',
  draftNoCommand: 'no model command: give one with --with "<command>" (e.g. --with "ollama run llama3") or RUNBOOK_DRAFT_COMMAND; it reads each prompt on stdin and prints the answer',
  draftBadTimeout: '{0} must be a number of seconds greater than 0, found "{1}"',
  draftIgnoredKey: '.runbook/config.json sets "{0}", which is ignored: the draft command comes only from --with or RUNBOOK_DRAFT_COMMAND',
  draftAsking: 'asking @{0} ({1}/{2})…',
  draftRemoved: 'note: removed from @{0}\'s answer: {1}',
  draftLeftOut: 'note: governance files left out (governanceMaxKB {0}): {1}',
  draftEmpty: 'note: nothing usable came back from {0}',
  draftCancelled: 'cancelled; nothing was written',
  reportWritten: 'wrote the report to {0}',
  reportReplaced: 'replaced the report of {1} in {0}',
  reportUnchanged: '{0} already holds this report; nothing to change',
  noHandoffs: 'no hand-offs',
  handoffOpen: 'OPEN',
  handoffDecided: 'decided',
  ageDays: '{0}d old',
  decidedBy: 'by {0} on {1}',
  handoffDecidedBy: '{0}: decided by {1} on {2}',
} as const;

type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  updated: '{0} mis à jour',
  nothingToChange: 'rien à changer dans {0} : {1}',
  alreadyApproved: '@{0} est déjà approuvé',
  alreadyApprovedBy: '@{0} est déjà approuvé par {1} le {2}',
  notApproved: "@{0} n'est pas approuvé",
  alreadyProposed: 'il est déjà PROPOSÉ',
  noHistory: "pas d'historique dans {0}",
  noStatus: 'SANS STATUT',
  approvedCount: '{0}/{1} approuvés',
  staleApprovals: 'modifié depuis l’approbation de {0}',
  unauthorizedApprovals: 'non approbateurs : {0}',
  alreadyDone: "l'action {0} est déjà faite",
  noActions: "aucune action",
  noIncidents: 'aucun incident',
  noRunbooks: 'aucun runbook',
  overdue: 'EN RETARD',
  missing: 'manque {0}',
  noTemplates: 'aucun modèle',
  builtIn: 'intégré',
  workspaceTemplate: 'espace de travail',
  overridesBuiltIn: 'espace de travail, remplace le modèle intégré',
  required: 'obligatoire',
  optional: 'facultatif',
  defaultValue: 'par défaut {0}',
  writes: 'écrit {0}',
  internal: 'erreur interne : {0} (signalez-la avec la commande lancée)',
  responseOverdue: 'RÉPONSE EN RETARD',
  incidentMitigated: '{0} : atténué à {1}',
  incidentResolved: '{0} : résolu à {1}',
  incidentReopened: '{0} : réouvert à {1}',
  timelineAdded: '{0} : entrée de chronologie à {1}',
  draftNoCommand: 'aucune commande de modèle : indiquez-la avec --with "<commande>" (par ex. --with "ollama run llama3") ou RUNBOOK_DRAFT_COMMAND ; elle lit chaque requête sur son entrée standard et écrit la réponse',
  draftBadTimeout: '{0} doit être un nombre de secondes supérieur à 0, trouvé « {1} »',
  draftIgnoredKey: '.runbook/config.json définit « {0} », qui est ignoré : la commande de brouillon vient seulement de --with ou de RUNBOOK_DRAFT_COMMAND',
  draftAsking: 'question à @{0} ({1}/{2})…',
  draftRemoved: 'note : retiré de la réponse de @{0} : {1}',
  draftLeftOut: 'note : fichiers de gouvernance laissés de côté (governanceMaxKB {0}) : {1}',
  draftEmpty: 'note : rien d\'utilisable dans la réponse de {0}',
  draftCancelled: 'annulé ; rien n\'a été écrit',
  reportWritten: 'rapport écrit dans {0}',
  reportReplaced: 'rapport du {1} remplacé dans {0}',
  reportUnchanged: '{0} contient déjà ce rapport ; rien à changer',
  noHandoffs: 'aucune passation',
  handoffOpen: 'OUVERTE',
  handoffDecided: 'décidée',
  ageDays: 'depuis {0} j',
  decidedBy: 'par {0} le {1}',
  handoffDecidedBy: '{0} : décidé par {1} le {2}',
};

/** A message that depends on a count, by plural category (`Intl.PluralRules`: French says "0 erreur", "1 erreur"). */
interface PluralForms {
  one: string;
  other: string;
}

const enPlurals = {
  openActions: { one: '{0} open action', other: '{0} open actions' },
  errors: { one: '{0} error', other: '{0} errors' },
  warnings: { one: '{0} warning', other: '{0} warnings' },
  documentsChecked: { one: '{0} document checked', other: '{0} documents checked' },
  noFindings: { one: 'no problems found ({0} document checked)', other: 'no problems found ({0} documents checked)' },
  summary: { one: '{1}, {2} in {0} document checked', other: '{1}, {2} in {0} documents checked' },
} satisfies Record<string, PluralForms>;

type PluralKey = keyof typeof enPlurals;

const frPlurals: Record<PluralKey, PluralForms> = {
  openActions: { one: '{0} action ouverte', other: '{0} actions ouvertes' },
  errors: { one: '{0} erreur', other: '{0} erreurs' },
  warnings: { one: '{0} avertissement', other: '{0} avertissements' },
  documentsChecked: { one: '{0} document vérifié', other: '{0} documents vérifiés' },
  noFindings: { one: 'aucun problème ({0} document vérifié)', other: 'aucun problème ({0} documents vérifiés)' },
  summary: { one: '{1}, {2} dans {0} document vérifié', other: '{1}, {2} dans {0} documents vérifiés' },
};

/** The user's language for the CLI's own strings (also the default language of `runbook comms`). */
export function locale(env: NodeJS.ProcessEnv): 'en' | 'fr' {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return value.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The message `key` in the user's language, `{0}`, `{1}`… replaced by `args`. */
export function message(key: MessageKey, ...args: Array<string | number>): string {
  const table = locale(process.env) === 'fr' ? fr : en;
  return fill(table[key], args);
}

/**
 * The message `key` in both languages, for a `RunbookError` the CLI throws: its `message` stays English (logs, tests),
 * and main() prints the user's language with `messageIn`.
 */
export function messageInBoth(key: MessageKey, ...args: Array<string | number>): Bilingual {
  return bilingual(fill(en[key], args), fill(fr[key], args));
}

/**
 * The message `key` in the form `count` asks for in the user's language ("1 open action", "2 open actions"; French
 * "0 action ouverte"); `{0}` is the count, `{1}`… the other `args`.
 */
export function plural(key: PluralKey, count: number, ...args: Array<string | number>): string {
  const language = locale(process.env);
  const forms = (language === 'fr' ? frPlurals : enPlurals)[key];
  const category = new Intl.PluralRules(language).select(count);
  return fill(category === 'one' ? forms.one : forms.other, [count, ...args]);
}

function fill(text: string, args: ReadonlyArray<string | number>): string {
  return text.replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index)] ?? ''));
}
