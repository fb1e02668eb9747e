/**
 * An incident's lifecycle as minimal text edits at parsed positions: mitigate, resolve, reopen (the status where the
 * document keeps it, plus a timeline entry) and a timeline entry on its own, inserted in time order. The CLI applies the
 * edits with an atomic write, the extension as a `WorkspaceEdit`. Every function takes the text and the document parsed
 * from exactly that text.
 */
import type { RunbookConfig } from './config';
import { bilingual, RunbookError } from './errors';
import { classifyEntry, foldText, incidentTimes } from './incident-times';
import { formatLocal, toMinutes, type LocalDateTime } from './local-time';
import type { Incident, IncidentStatus, ParsedDocument, TextEdit, TimelineEntry } from './model';
import { readFrontmatter } from './parse/frontmatter';
import { normalizeLabel } from './parse/mdast';
import { lineStartOffset } from './parse/timeline';

/** The incident parts of a document, or `not-an-incident` naming the file: the one "is this an incident?" check. */
export function incidentOf(doc: ParsedDocument): Incident {
  if (!doc.incident) {
    throw new RunbookError(
      'not-an-incident',
      bilingual(
        `${doc.file} is not an incident (an RCA or a post-mortem: frontmatter "kind", its folder or its title say which)`,
        `${doc.file} n'est pas un incident (une RCA ou un post-mortem : le « kind » du frontmatter, son dossier ou son titre le disent)`,
      ),
    );
  }
  return doc.incident;
}

/** The language an incident document is written in, for the words this tool adds to it. */
export type DocumentLanguage = 'en' | 'fr';

/** Words only a French timeline uses, compared folded (`rétabli` and `retabli` alike). */
const FRENCH_ENTRY = /(?<![\p{L}\p{N}])(?:retablie?|attenuee?|resolue?|reouverte?|rouverte?|debut|detectee?|prise? en charge|cause racine|confirmee?)(?![\p{L}\p{N}])/u;

/** French when the frontmatter says `lang: fr` or the timeline's entries use French words; English otherwise. */
export function documentLanguage(doc: ParsedDocument): DocumentLanguage {
  const lang = doc.frontmatter.lang ?? doc.frontmatter.language;
  if (typeof lang === 'string') return lang.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  const french = (text: string): boolean => /(?<![\p{L}\p{N}])détection/iu.test(text) || FRENCH_ENTRY.test(foldText(text));
  return doc.incident?.timeline.some((entry) => french(entry.text)) ? 'fr' : 'en';
}

const ENTRY_WORDS: Record<DocumentLanguage, Record<'mitigate' | 'resolve' | 'reopen', string>> = {
  en: { mitigate: 'mitigation', resolve: 'service restored', reopen: 'reopened' },
  fr: { mitigate: 'mitigation', resolve: 'service rétabli', reopen: 'réouvert' },
};

const FRENCH_STATUS = /^(?:ouverte?|en cours|attenuee?|contournee?|stabilisee?|resolue?|fermee?|close?|terminee?|retabli|rouvert|reouvert)$/;
const STATUS_WORDS: Record<DocumentLanguage, Record<IncidentStatus, string>> = {
  en: { open: 'open', mitigated: 'mitigated', resolved: 'resolved' },
  fr: { open: 'ouvert', mitigated: 'atténué', resolved: 'résolu' },
};

/** The new status word in the style of the one it replaces: its language and its case (`OPEN` → `RESOLVED`). */
function styledStatus(status: IncidentStatus, previous: string | null): string {
  const language: DocumentLanguage = previous && FRENCH_STATUS.test(normalizeLabel(previous)) ? 'fr' : 'en';
  const word = STATUS_WORDS[language][status];
  if (!previous || !/\p{L}/u.test(previous)) return word;
  if (previous === previous.toUpperCase()) return word.toUpperCase();
  if (previous[0] === previous[0].toUpperCase()) return word[0].toUpperCase() + word.slice(1);
  return word;
}

function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** Set the status where the document keeps it: frontmatter `status:`, else a `Status:` line, else a new frontmatter key. */
export function statusEdits(text: string, doc: ParsedDocument, status: IncidentStatus): TextEdit[] {
  const field = incidentOf(doc).statusField;
  if (field) {
    // `status:` with no value and no space: YAML needs one after the colon.
    const space = field.valueRange.start === field.valueRange.end && text[field.valueRange.start - 1] === ':' ? ' ' : '';
    return [{ ...field.valueRange, newText: space + styledStatus(status, field.value) }];
  }
  const eol = lineEnding(text);
  const bomLength = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const block = readFrontmatter(text, bomLength);
  if (block?.error) {
    throw new RunbookError(
      'invalid-field',
      bilingual(
        `${doc.file}:${block.error.line}: ${block.error.message}; fix the frontmatter before changing the status`,
        `${doc.file}:${block.error.line} : ${block.error.message} ; corrigez le frontmatter avant de changer le statut`,
      ),
    );
  }
  if (doc.frontmatter.status !== undefined) {
    throw new RunbookError(
      'invalid-field',
      bilingual(
        `${doc.file}: the frontmatter "status" is not a "status: value" line of its own; edit it by hand`,
        `${doc.file} : le « status » du frontmatter n'est pas une ligne « status: valeur » à part ; modifiez-le à la main`,
      ),
    );
  }
  const line = `status: ${STATUS_WORDS.en[status]}`;
  if (!block) return [{ start: bomLength, end: bomLength, newText: `---${eol}${line}${eol}---${eol}` }];
  const closing = lineStartOffset(text, block.end);
  return [{ start: closing, end: closing, newText: `${line}${eol}` }];
}

/** One line of text fit for a timeline entry: control characters and line breaks become spaces. */
function entryText(text: string): string {
  const cleaned = text.replace(/[\p{Cc}\p{Cf}]/gu, ' ').replace(/\s+/g, ' ').trim();
  if (cleaned === '') throw new RunbookError('missing-fields', bilingual('the timeline entry has no text', "l'entrée de chronologie n'a pas de texte"), 'usage');
  return cleaned;
}

/** How the entry's time is written: `HH:MM` on the incident's date, `YYYY-MM-DD HH:MM` on another day. */
function writtenTime(at: LocalDateTime, incident: Incident): string {
  return at.slice(0, 10) === incident.date ? at.slice(11) : formatLocal(at);
}

/** The entry as a line in the form of `neighbour` (same bullet, indentation and bold time; or a table row). */
function entryLine(text: string, time: string, body: string, neighbour: TimelineEntry | null): string {
  if (neighbour?.form === 'table') {
    const row = text.slice(neighbour.start, neighbour.end).trim();
    const cells = row.replace(/^\||\|$/g, '').split(/(?<!\\)\|/).length;
    return `| ${time} | ${body.replace(/\|/g, '\\|')} |${' |'.repeat(Math.max(0, cells - 2))}`;
  }
  const line = neighbour ? text.slice(neighbour.start, neighbour.end) : '';
  const marker = /^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+/.exec(line);
  const bold = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(\*\*|__)/.exec(line)?.[1];
  return `${marker ? marker[1] + marker[2] : '-'} ${bold ? `${bold}${time}${bold}` : time} ${body}`;
}

/** Where a new section goes at `offset`: its heading depth follows the heading found there (2 otherwise). */
function newSection(text: string, offset: number, entry: string, eol: string): TextEdit {
  const depth = /^ {0,3}(#{1,6})(?:[ \t]|$)/.exec(text.slice(offset, offset + 12))?.[1].length ?? 2;
  const section = `${'#'.repeat(Math.max(2, depth))} Timeline${eol}${eol}${entry}${eol}`;
  if (offset < text.length) return { start: offset, end: offset, newText: `${section}${eol}` };
  const before = text.endsWith(eol + eol) || text.length === 0 ? '' : text.endsWith(eol) ? eol : eol + eol;
  return { start: offset, end: offset, newText: `${before}${section}` };
}

/**
 * Add `text` at `at` to the timeline, in time order: after the last entry at or before it, else before the first one;
 * into an empty Timeline section after what it holds; or in a new section after the title block. Refused before the
 * incident's detection (unless the entry is itself a detection, which moves it).
 */
export function timelineEntryEdits(sourceText: string, doc: ParsedDocument, text: string, at: LocalDateTime, config: RunbookConfig): TextEdit[] {
  const incident = incidentOf(doc);
  const body = entryText(text);
  const { detectedAt } = incidentTimes(doc, config);
  if (detectedAt && at < detectedAt && classifyEntry(body, config.timelineKeywords) !== 'detection') {
    throw new RunbookError(
      'invalid-field',
      bilingual(
        `${formatLocal(at)} is before the detection of the incident in ${doc.file} (${formatLocal(detectedAt)})`,
        `${formatLocal(at)} est avant la détection de l'incident dans ${doc.file} (${formatLocal(detectedAt)})`,
      ),
      'domain',
      { at, detectedAt },
    );
  }
  const eol = lineEnding(sourceText);
  const time = writtenTime(at, incident);
  const entries = incident.timeline;
  const dated = entries.filter((entry) => entry.at !== null);
  const before = [...dated].reverse().find((entry) => toMinutes(entry.at!) <= toMinutes(at));
  if (before) return [{ start: before.end, end: before.end, newText: `${eol}${entryLine(sourceText, time, body, before)}` }];
  const first = dated[0] ?? entries[0];
  if (first && dated.length > 0) return [{ start: first.start, end: first.start, newText: `${entryLine(sourceText, time, body, first)}${eol}` }];
  if (first) {
    const last = entries[entries.length - 1];
    return [{ start: last.end, end: last.end, newText: `${eol}${entryLine(sourceText, time, body, last)}` }];
  }
  const section = incident.timelineSection;
  if (!section) return [newSection(sourceText, incident.sectionInsertOffset, entryLine(sourceText, time, body, null), eol)];
  // After what the section holds (a comment, a sentence), blank lines and the next heading stay where they are.
  let end = section.contentEnd;
  while (end > section.headingEnd && /\s/.test(sourceText[end - 1])) end -= 1;
  const line = entryLine(sourceText, time, body, null);
  return [{ start: end, end, newText: `${eol}${eol}${line}${end === sourceText.length ? eol : ''}` }];
}

/** What `mitigate`, `resolve` and `reopen` take besides the document: when (default: now) and an optional note. */
export interface LifecycleOptions {
  at: LocalDateTime;
  note?: string;
  config: RunbookConfig;
}

type Transition = 'mitigate' | 'resolve' | 'reopen';
const TARGET: Record<Transition, IncidentStatus> = { mitigate: 'mitigated', resolve: 'resolved', reopen: 'open' };

function refuse(doc: ParsedDocument, transition: Transition, status: IncidentStatus): void {
  const refusals: Partial<Record<`${Transition}:${IncidentStatus}`, [string, string]>> = {
    'mitigate:mitigated': ['is already mitigated', 'est déjà atténué'],
    'mitigate:resolved': ['is resolved; reopen it first', "est résolu ; rouvrez-le d'abord"],
    'resolve:resolved': ['is already resolved', 'est déjà résolu'],
    'reopen:open': ['is already open', 'est déjà ouvert'],
  };
  const reason = refusals[`${transition}:${status}`];
  if (reason) {
    throw new RunbookError('invalid-transition', bilingual(`the incident in ${doc.file} ${reason[0]}`, `l'incident de ${doc.file} ${reason[1]}`), 'domain', { status });
  }
}

/** Move the incident to the transition's status and record it on the timeline (with the note, when given). */
export function lifecycleEdits(text: string, doc: ParsedDocument, transition: Transition, options: LifecycleOptions): TextEdit[] {
  const incident = incidentOf(doc);
  // Only a written status refuses: one inferred from the action items (no status: line, none open → "resolved") is
  // what the command is asked to write, with the frontmatter key added.
  if (incident.statusExplicit) refuse(doc, transition, incident.status);
  const word = ENTRY_WORDS[documentLanguage(doc)][transition];
  const note = options.note?.trim() ? ` — ${options.note.trim()}` : '';
  const entry = timelineEntryEdits(text, doc, `${word}${note}`, options.at, options.config);
  return [...statusEdits(text, doc, TARGET[transition]), ...entry];
}
