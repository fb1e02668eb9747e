/**
 * Hand-offs (seed 000 §2): escalations that wait for someone's decision. Listed with their urgency and age
 * (`runbook handoffs`, the Open Incidents view, the report), and decided by filling their Decision section with the
 * decision and `Decided by NAME on DATE` (`runbook decide`, "Record Decision") — one edit both front ends apply.
 */
import { bilingual, RunbookError } from './errors';
import { toMinutes } from './local-time';
import type { Handoff, ParsedDocument, TextEdit, Urgency } from './model';

export interface HandoffRow {
  file: string;
  line: number;
  title: string;
  urgency: Urgency | null;
  date: string | null;
  /** Whole days since its date, or null without one. */
  ageDays: number | null;
  to: string | null;
  open: boolean;
  decision: string | null;
  decidedBy: string | null;
  decidedOn: string | null;
}

const URGENCY_RANK = (urgency: Urgency | null): number => (urgency ? Number(urgency.slice(1)) : 4);

/** Hand-offs, open ones first, then by urgency (P0 first) and age (oldest first). */
export function handoffRows(documents: readonly ParsedDocument[], today: string, filter: { open?: boolean } = {}): HandoffRow[] {
  const rows: HandoffRow[] = [];
  for (const doc of documents) {
    const handoff = doc.handoff;
    if (!handoff) continue;
    if (filter.open && handoff.decided) continue;
    const age = handoff.date ? Math.floor((toMinutes(`${today}T00:00`) - toMinutes(`${handoff.date}T00:00`)) / 1440) : Number.NaN;
    rows.push({
      file: doc.file,
      line: handoff.line,
      title: handoff.title,
      urgency: handoff.urgency,
      date: handoff.date,
      ageDays: Number.isFinite(age) ? Math.max(0, age) : null,
      to: handoff.to,
      open: !handoff.decided,
      decision: handoff.decision,
      decidedBy: handoff.decidedBy,
      decidedOn: handoff.decidedOn,
    });
  }
  return rows.sort(
    (a, b) =>
      Number(b.open) - Number(a.open) ||
      URGENCY_RANK(a.urgency) - URGENCY_RANK(b.urgency) ||
      (a.date ?? '9999').localeCompare(b.date ?? '9999') ||
      a.file.localeCompare(b.file),
  );
}

/** The hand-off of `doc`, or a domain error naming the file. */
export function handoffOf(doc: ParsedDocument): Handoff {
  if (!doc.handoff) throw new RunbookError(
      'not-a-handoff',
      bilingual(
        `${doc.file} is not a hand-off (frontmatter "kind: handoff", or a file in the hand-offs folder)`,
        `${doc.file} n'est pas une passation (frontmatter « kind: handoff », ou un fichier du dossier des passations)`,
      ),
    );
  return doc.handoff;
}

export interface DecisionInput {
  decision: string;
  by: string;
  /** `YYYY-MM-DD`. */
  date: string;
}

/**
 * The edits that record a decision: the Decision section's placeholder (blank lines and comments) replaced by the
 * decision and `Decided by NAME on DATE` (French `Décidé par NAME le DATE` in a French document), the section added
 * at the end when there is none, and a frontmatter or `Status:` value `open` set to `decided`. Line endings follow the
 * document's. Refused when the hand-off is already decided or the decision is empty.
 */
export function decisionEdits(text: string, doc: ParsedDocument, input: DecisionInput): TextEdit[] {
  const handoff = handoffOf(doc);
  if (handoff.decided) {
    const who = handoff.decidedBy ? ` by ${handoff.decidedBy}${handoff.decidedOn ? ` on ${handoff.decidedOn}` : ''}` : '';
    const whoFr = handoff.decidedBy ? ` par ${handoff.decidedBy}${handoff.decidedOn ? ` le ${handoff.decidedOn}` : ''}` : '';
    throw new RunbookError(
      'already-decided',
      bilingual(
        `${doc.file} is already decided${who}; edit its Decision section to change it`,
        `${doc.file} est déjà décidée${whoFr} ; modifiez sa section Décision pour la changer`,
      ),
    );
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  // A line of the decision that starts like a heading would end the section: it is written as text.
  const lines = input.decision
    .split(/\r\n|\r|\n/)
    .map((line) => line.trimEnd().replace(/^(\s{0,3})#/, '$1\\#'))
    .filter((line, index, all) => line !== '' || (index > 0 && index < all.length - 1));
  if (lines.join('').trim() === '') throw new RunbookError('invalid-field', bilingual('the decision is empty: say what was decided', 'la décision est vide : dites ce qui a été décidé'), 'usage');
  const french = doc.language === 'fr';
  const record = french ? `Décidé par ${input.by} le ${input.date}` : `Decided by ${input.by} on ${input.date}`;
  const body = [...lines, '', record].join(eol) + eol;
  const edits: TextEdit[] = [];
  const status = handoff.statusField;
  if (status && /^(?:open|ouvert|ouverte)$/iu.test(status.value)) {
    edits.push({ start: status.valueRange.start, end: status.valueRange.end, newText: 'decided' });
  }
  const section = handoff.decisionSection;
  if (section) {
    const next = section.contentEnd < text.length ? eol : '';
    const start = Math.min(section.contentStart, text.length);
    const heading = start === text.length && !/[\r\n]$/.test(text) ? eol : '';
    edits.push({ start, end: section.contentEnd, newText: heading + body + next });
  } else {
    const ending = text === '' || /[\r\n]$/.test(text) ? '' : eol;
    edits.push({ start: text.length, end: text.length, newText: `${ending}${eol}## ${french ? 'Décision' : 'Decision'}${eol}${body}` });
  }
  return edits;
}
