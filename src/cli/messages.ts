/**
 * The CLI's own user-facing strings, English and French, chosen from LC_ALL / LC_MESSAGES / LANG.
 * Engine errors carry their own message (naming the file, the line and the value found).
 */
const en = {
  updated: 'updated {0}',
  nothingToChange: 'nothing to change in {0}: {1}',
  alreadyApproved: '@{0} is already approved',
  notApproved: '@{0} is not approved',
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
} as const;

type MessageKey = keyof typeof en;

const fr: Record<MessageKey, string> = {
  updated: '{0} mis à jour',
  nothingToChange: 'rien à changer dans {0} : {1}',
  alreadyApproved: '@{0} est déjà approuvé',
  notApproved: "@{0} n'est pas approuvé",
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
