/**
 * The CLI's own user-facing strings, English and French, chosen from LC_ALL / LC_MESSAGES / LANG.
 * Engine errors carry their own message (naming the file, the line and the value found).
 */
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
  noFindings: 'no problems found ({0} documents checked)',
  summary: '{0} error(s), {1} warning(s) in {2} documents checked',
  overdue: 'OVERDUE',
  openActions: '{0} open actions',
  missing: 'missing {0}',
  internal: 'internal error: {0} (please report it with the command you ran)',
  draftNoCommand: 'no model command: give one with --with "<command>" (e.g. --with "ollama run llama3") or RUNBOOK_DRAFT_COMMAND; it reads each prompt on stdin and prints the answer',
  draftBadTimeout: '{0} must be a number of seconds greater than 0, found "{1}"',
  draftIgnoredKey: '.runbook/config.json sets "{0}", which is ignored: the draft command comes only from --with or RUNBOOK_DRAFT_COMMAND',
  draftAsking: 'asking @{0} ({1}/{2})…',
  draftRemoved: 'note: removed from @{0}\'s answer: {1}',
  draftLeftOut: 'note: governance files left out (governanceMaxKB {0}): {1}',
  draftEmpty: 'note: nothing usable came back from {0}',
  draftCancelled: 'cancelled; nothing was written',
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
  noFindings: 'aucun problème ({0} documents vérifiés)',
  summary: '{0} erreur(s), {1} avertissement(s) dans {2} documents vérifiés',
  overdue: 'EN RETARD',
  openActions: '{0} actions ouvertes',
  missing: 'manque {0}',
  internal: 'erreur interne : {0} (signalez-la avec la commande lancée)',
  draftNoCommand: 'aucune commande de modèle : indiquez-la avec --with "<commande>" (par ex. --with "ollama run llama3") ou RUNBOOK_DRAFT_COMMAND ; elle lit chaque requête sur son entrée standard et écrit la réponse',
  draftBadTimeout: '{0} doit être un nombre de secondes supérieur à 0, trouvé « {1} »',
  draftIgnoredKey: '.runbook/config.json définit « {0} », qui est ignoré : la commande de brouillon vient seulement de --with ou de RUNBOOK_DRAFT_COMMAND',
  draftAsking: 'question à @{0} ({1}/{2})…',
  draftRemoved: 'note : retiré de la réponse de @{0} : {1}',
  draftLeftOut: 'note : fichiers de gouvernance laissés de côté (governanceMaxKB {0}) : {1}',
  draftEmpty: 'note : rien d\'utilisable dans la réponse de {0}',
  draftCancelled: 'annulé ; rien n\'a été écrit',
};

function locale(env: NodeJS.ProcessEnv): 'en' | 'fr' {
  const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return value.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The message `key` in the user's language, `{0}`, `{1}`… replaced by `args`. */
export function message(key: MessageKey, ...args: Array<string | number>): string {
  const table = locale(process.env) === 'fr' ? fr : en;
  return table[key].replace(/\{(\d+)\}/g, (_, index: string) => String(args[Number(index)] ?? ''));
}
