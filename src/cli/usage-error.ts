/**
 * Commander's usage errors as one line in the user's language. Commander (12) writes its messages in English only and
 * gives no parts, just `error.code` and the text: the French is rebuilt from the parts of that text, one pattern per
 * code; a code or a wording not known here (a commander upgrade) keeps commander's English rather than a wrong line.
 */
import type { Language } from '../core/errors';

/** `(Did you mean check?)` / `(Did you mean one of a, b?)`, commander's suggestion after some messages. */
const SUGGESTION = /\s*\(Did you mean (one of )?(.+?)\?\)$/;

function suggestionFr(text: string): { text: string; hint: string } {
  const found = SUGGESTION.exec(text);
  if (!found) return { text, hint: '' };
  return { text: text.slice(0, found.index), hint: ` (vouliez-vous dire ${found[1] ? "l'un de " : ''}${found[2]} ?)` };
}

/** "Allowed choices are a, b." (commander's `.choices`) or "… (in any case)." (options.ts), in French. */
function detailFr(detail: string): string {
  const choices = /^Allowed choices are (.+?)( \(in any case\))?\.?$/.exec(detail.trim());
  if (!choices) return detail.trim().replace(/\.$/, '');
  return `valeurs possibles : ${choices[1]}${choices[2] ? ' (sans distinction de casse)' : ''}`;
}

/** "2 attendus", "1 reçu": French counts 0 and 1 as singular. */
function count(n: number, singular: string): string {
  return `${n} ${singular}${new Intl.PluralRules('fr').select(n) === 'one' ? '' : 's'}`;
}

/** The French of commander's one-line `text` for `code`, or null when its wording is not the one known here. */
function french(code: string, text: string): string | null {
  let match: RegExpExecArray | null;
  switch (code) {
    case 'commander.unknownOption': {
      const { text: rest, hint } = suggestionFr(text);
      match = /^unknown option '(.*)'$/.exec(rest);
      return match && `option inconnue « ${match[1]} »${hint}`;
    }
    case 'commander.unknownCommand': {
      const { text: rest, hint } = suggestionFr(text);
      match = /^unknown command '(.*)'$/.exec(rest);
      return match && `commande inconnue « ${match[1]} »${hint}`;
    }
    case 'commander.missingArgument':
      match = /^missing required argument '(.*)'$/.exec(text);
      return match && `argument obligatoire manquant : « ${match[1]} »`;
    case 'commander.optionMissingArgument':
      match = /^option '(.*)' argument missing$/.exec(text);
      return match && `l'option « ${match[1]} » attend une valeur`;
    case 'commander.missingMandatoryOptionValue':
      match = /^required option '(.*)' not specified$/.exec(text);
      return match && `l'option obligatoire « ${match[1]} » manque`;
    case 'commander.invalidArgument':
      match = /^option '(.*)' argument '(.*)' is invalid\.(.*)$/.exec(text);
      if (match) return `l'option « ${match[1]} » n'accepte pas « ${match[2]} »${match[3].trim() ? ` ; ${detailFr(match[3])}` : ''}`;
      match = /^command-argument value '(.*)' is invalid for argument '(.*)'\.(.*)$/.exec(text);
      return match && `« ${match[1]} » n'est pas une valeur de l'argument « ${match[2]} »${match[3].trim() ? ` ; ${detailFr(match[3])}` : ''}`;
    case 'commander.excessArguments':
      match = /^too many arguments(?: for '(.*)')?\. Expected (\d+) arguments? but got (\d+)$/.exec(text);
      return match && `trop d'arguments${match[1] ? ` pour « ${match[1]} »` : ''} : ${count(Number(match[2]), 'attendu')}, ${count(Number(match[3]), 'reçu')}`;
    default:
      return null;
  }
}

/**
 * Commander's message as one line: "error: " dropped, its lines joined ("unknown command 'chek' (Did you mean
 * check?)"), then where to read the usage: `option '--status <status>' argument 'DRAFT' is invalid. Allowed choices are
 * PROPOSED, ACCEPTED (in any case); see "runbook runbooks --help"`. In French (`language` 'fr') for the codes known
 * here: `l'option « --status <status> » n'accepte pas « DRAFT » ; valeurs possibles : PROPOSED, ACCEPTED (sans
 * distinction de casse) ; voir « runbook runbooks --help »`.
 */
export function usageError(commanderMessage: string, command: string | null, code = '', language: Language = 'en'): string {
  const text = commanderMessage
    .replace(/^error:\s*/i, '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ')
    .replace(/[.\s]+$/, '');
  const help = `runbook ${command ? `${command} ` : ''}--help`;
  const translated = language === 'fr' ? french(code, text) : null;
  return translated === null ? `${text}; see "${help}"` : `${translated} ; voir « ${help} »`;
}
