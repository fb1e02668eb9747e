/**
 * A deterministic corpus of ops documents for the benchmark and the index's equivalence test: runbooks with compliance
 * checklists, RCAs with action tables, post-mortems with task-list actions (English and French), hand-offs and plain
 * notes, 2–4 KB each, mixing the forms of the seeds — with traps that must not count (checkboxes in fenced code and
 * HTML comments, task lists under other headings, unrelated tables), some CRLF files and a few BOMs.
 *
 * Over 300 lines on purpose: each document kind's generator sits beside the expected counts it must keep in step with.
 *
 * The same seed always gives the same files; `expected` counts what a correct parser finds.
 */

export interface CorpusFile {
  path: string;
  text: string;
}

export interface CorpusTotals {
  documents: number;
  /** Action items (task-list and table rows) that must be found. */
  actions: number;
  openActions: number;
  complianceItems: number;
  incidents: number;
  runbooks: number;
  crlfFiles: number;
}

export interface Corpus {
  files: CorpusFile[];
  expected: CorpusTotals;
}

/** mulberry32: small, fast, and the same on every machine. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const chance = (random: Random, p: number): boolean => random() < p;

const OWNERS = ['alice', 'bob', 'corentin', 'yan', 'matt', 'léa', 'ops-team', 'sre_oncall', 'qa.lead'];
const SERVICES = ['payments', 'gateway', 'auth', 'docmost', 'baserow', 'postgres', 'redis', 'queue', 'billing', 'search'];
const EN_SENTENCES = [
  'The on-call engineer confirmed the scope and opened a ticket with the evidence bundle.',
  'Healthchecks kept passing while the queue was silently stalled, which delayed detection by forty minutes.',
  'We restarted the container, verified disk usage and replayed the pending jobs from the dead-letter queue.',
  'Customers saw elevated latency on checkout; no data was lost and no payment was charged twice.',
  'The rollback followed the release playbook and took eleven minutes end to end.',
  'Budget caps were configured but the alert threshold was set above the actual limit.',
  'See `docs/AUTOPILOT_POLICY.md` and the *release* checklist for the gates that apply.',
  'Monitoring covered CPU and memory but not the consumer lag, a blind spot we now close.',
];
const FR_SENTENCES = [
  "L'astreinte a confirmé le périmètre et ouvert un ticket avec les journaux.",
  'Le healthcheck restait vert alors que la file était bloquée : détection tardive de quarante minutes.',
  'Redémarrage du conteneur, vérification du disque puis rejeu des messages en attente.',
  "Les utilisateurs ont vu une dégradation sur l'export ; aucune perte de données.",
  'Le rollback a suivi la procédure de release (cf `release.md`) et a pris onze minutes.',
  "Cet incident n'est pas la faute d'une personne : il manquait des garde-fous système.",
];
const ACTIONS_EN = [
  'Add a consumer-lag alert on the ingest queue',
  'Document the **restore from backup** procedure',
  'Rotate the gateway credentials and record them in Vault',
  'Add `auth-profiles.json` to the deploy smoke test',
  'Update the [disk-full runbook](../runbooks/runbook-disk-full.md) with the cleanup script',
  'Make the healthcheck exercise a real _end-to-end_ flow',
  'Cap log retention at 14 days on the shared volume',
  'Review budget thresholds with finance',
];
const ACTIONS_FR = [
  'Ajouter une alerte sur le retard du consommateur',
  'Documenter la procédure de **restauration**',
  'Automatiser la rotation des secrets (`rotate-secrets.sh`)',
  'Vérifier les sauvegardes Postgres chaque semaine',
  'Mettre à jour le runbook *disque plein*',
];

function date(random: Random, year = 2026): string {
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function prose(random: Random, french: boolean, sentences: number): string {
  const pool = french ? FR_SENTENCES : EN_SENTENCES;
  return Array.from({ length: sentences }, () => pick(random, pool)).join(' ');
}

/** Markdown that looks like action items but must not count. */
function traps(random: Random): string[] {
  const blocks: string[] = [];
  if (chance(random, 0.6)) {
    blocks.push(['```markdown', '## Action items', '- [ ] AI 1 : <description> (owner @who, due YYYY-MM-DD)', '- [x] AI 2 : example only', '```'].join('\n'));
  }
  if (chance(random, 0.5)) {
    blocks.push(['<!--', '## Action items', '- [ ] hidden draft action (owner @nobody)', '-->'].join('\n'));
  }
  if (chance(random, 0.6)) {
    blocks.push(
      [
        '| Level | Criteria | Response Time |',
        '|-------|----------|---------------|',
        '| SEV-1 | Security breach, data exposure | Immediate |',
        '| SEV-2 | Pipeline stall, auth failure | Same day |',
      ].join('\n'),
    );
  }
  if (chance(random, 0.4)) {
    blocks.push(['## Preflight checklist', '', '- [ ] Policy files are present', '- [x] Budget caps configured', '- [ ] Rollback tested'].join('\n'));
  }
  return blocks;
}

interface Built {
  text: string;
  actions: number;
  open: number;
  compliance: number;
  incident: boolean;
  runbook: boolean;
}

function taskActions(random: Random, french: boolean, count: number): { lines: string[]; open: number } {
  const lines: string[] = [];
  let open = 0;
  for (let index = 1; index <= count; index += 1) {
    const done = chance(random, 0.35);
    if (!done) open += 1;
    const text = pick(random, french ? ACTIONS_FR : ACTIONS_EN);
    const owner = chance(random, 0.85) ? pick(random, OWNERS) : null;
    const due = chance(random, 0.8) ? date(random) : null;
    const meta = [owner ? (french ? `responsable @${owner}` : `owner @${owner}`) : null, due ? (french ? `échéance ${due}` : `due ${due}`) : null]
      .filter(Boolean)
      .join(', ');
    const bullet = pick(random, ['-', '-', '*', '1.']);
    const line = `${bullet} [${done ? pick(random, ['x', 'X']) : ' '}] AI ${index} : ${text}${meta ? ` (${meta})` : ''}`;
    lines.push(line);
    if (chance(random, 0.15)) lines.push(`  ${french ? 'Contexte' : 'Context'}: ${prose(random, french, 1)}`);
    if (chance(random, 0.1)) {
      lines.push(`  - [ ] sub-task for AI ${index}`);
      open += 1;
    }
  }
  return { lines, open };
}

function tableActions(random: Random, french: boolean, count: number): { lines: string[]; open: number; rows: number } {
  const header = french ? '| # | Action | Responsable | Statut |' : '| # | Action | Owner | Status |';
  const lines = [header, '|---|--------|-------|--------|'];
  let open = 0;
  for (let index = 1; index <= count; index += 1) {
    const done = chance(random, 0.4);
    if (!done) open += 1;
    const status = done ? pick(random, ['✅ DONE', 'Done', 'Fait', '**closed**']) : pick(random, ['Open', 'In progress', '', 'TODO']);
    const owner = chance(random, 0.8) ? `@${pick(random, OWNERS)}` : pick(random, ['TBD', '-', '']);
    lines.push(`| ${index} | ${pick(random, french ? ACTIONS_FR : ACTIONS_EN)} | ${owner} | ${status} |`);
  }
  return { lines, open, rows: count };
}

function runbook(random: Random, id: string): Built {
  const roles = ['Security', 'Architect', 'QA', 'Docs', 'Compliance', 'Observability'];
  const status = pick(random, ['PROPOSED', 'PROPOSED', 'ACCEPTED', 'DRAFT']);
  const parts: string[] = [];
  const frontmatterStatus = chance(random, 0.2);
  if (frontmatterStatus) parts.push(['---', `id: ${id}`, `status: ${status}`, `scope: ${pick(random, SERVICES)}`, '---', ''].join('\n'));
  parts.push(`# ${id}: ${pick(random, ['Retry failed card payments', 'Rotate gateway secrets', 'Add consumer-lag alerting', 'Migrate search index'])}`);
  if (!frontmatterStatus) parts.push(`Status: ${status}${status === 'ACCEPTED' && chance(random, 0.5) ? ' — accepted by Bob on 2026-11-24' : ''}`);
  parts.push('## Goal Description', prose(random, false, 4));
  parts.push('## Compliance Checklist');
  const items: string[] = [];
  let compliance = 0;
  for (const role of roles) {
    if (chance(random, 0.08)) continue;
    const checked = chance(random, 0.5);
    const record = checked && chance(random, 0.7) ? ` — approved by ${pick(random, ['Alice Martin', 'Bob', 'Léa Dupont'])} on ${date(random)}` : '';
    items.push(`${pick(random, ['-', '-', '*'])} [${checked ? 'x' : ' '}] @${chance(random, 0.1) ? role.toLowerCase() : role} approved?${record}`);
    compliance += 1;
  }
  if (chance(random, 0.1)) {
    items.push('- [ ] @Legal approved?');
    compliance += 1;
  }
  parts.push(items.join('\n'));
  parts.push('## Proposed Changes', '### [Component]', '#### [MODIFY] [file](src/payments/retry.ts)', '- Change description: ' + prose(random, false, 2));
  parts.push(...traps(random));
  parts.push('## Verification Plan', '- How to test: ' + prose(random, false, 3));
  return { text: parts.join('\n\n'), actions: 0, open: 0, compliance, incident: false, runbook: true };
}

function postmortem(random: Random, french: boolean, day: string): Built {
  const parts: string[] = [];
  const title = `${pick(random, SERVICES)} ${french ? 'indisponible' : 'outage'}`;
  if (chance(random, 0.3)) parts.push(['---', `date: ${day}`, `severity: ${pick(random, ['SEV1', 'SEV2', 'sev-3', 'P1'])}`, '---', ''].join('\n'));
  parts.push(`# Post-mortem : ${title}`);
  parts.push(`${french ? 'Sévérité' : 'Severity'}: ${pick(random, ['SEV1', 'SEV2', 'SEV3'])}  \nStatus: ${pick(random, ['resolved', 'open', 'mitigated'])}`);
  parts.push(french ? '## Chronologie (heures locales)' : '## Timeline (local time)');
  parts.push(Array.from({ length: 4 + Math.floor(random() * 4) }, (_, i) => `- ${String(9 + i).padStart(2, '0')}:${pick(random, ['05', '20', '41'])} ${prose(random, french, 1)}`).join('\n'));
  parts.push('## Impact', [`- ${french ? 'Durée downtime' : 'Downtime'} : ${1 + Math.floor(random() * 3)}h ${Math.floor(random() * 60)}m`, `- Users : ${Math.floor(random() * 5000)}`].join('\n'));
  parts.push(french ? '## Cause racine' : '## Root cause', prose(random, french, 3));
  parts.push(...traps(random));
  parts.push(pick(random, french ? ['## Actions correctives', "## Plan d'action", '## 4) Plan d’action :'] : ['## Action items', '## Follow-ups', '## Actions']));
  const tasks = taskActions(random, french, 2 + Math.floor(random() * 5));
  parts.push(tasks.lines.join('\n'));
  parts.push(french ? '## Leçons apprises' : '## Lessons learned', prose(random, french, 3));
  const actions = tasks.lines.filter((line) => /^\s*(?:[-*]|1\.) \[[ xX]\]/.test(line)).length;
  return { text: parts.join('\n\n'), actions, open: tasks.open, compliance: 0, incident: true, runbook: false };
}

function rca(random: Random, day: string): Built {
  const french = chance(random, 0.25);
  const parts: string[] = [`# RCA: ${pick(random, SERVICES)} ${pick(random, ['auth outage', 'pipeline stall', 'data leak'])}`];
  parts.push(`**Date:** ${day}  \n**Severity:** ${pick(random, ['SEV-1', 'SEV-2', 'SEV-3'])}`);
  parts.push('## Timeline', ['| Time | Event |', '|------|-------|', `| 09:12 | ${prose(random, french, 1)} |`, `| 09:40 | ${prose(random, french, 1)} |`].join('\n'));
  parts.push('## Root cause(s)', prose(random, french, 4));
  parts.push('## Resolution', prose(random, french, 2));
  parts.push(...traps(random));
  parts.push('## Action items');
  const table = tableActions(random, french, 2 + Math.floor(random() * 5));
  parts.push(table.lines.join('\n'));
  parts.push('## Lessons learned', prose(random, french, 2));
  return { text: parts.join('\n\n'), actions: table.rows, open: table.open, compliance: 0, incident: true, runbook: false };
}

function handoff(random: Random): Built {
  const parts = [`# Hand-off: ${pick(random, SERVICES)} on-call`, prose(random, false, 3), '## Open questions', '- Who owns the budget alert?', '- Is the replay safe to run twice?'];
  parts.push(...traps(random));
  parts.push('## Follow-ups');
  const tasks = taskActions(random, false, 1 + Math.floor(random() * 3));
  parts.push(tasks.lines.join('\n'));
  const actions = tasks.lines.filter((line) => /^\s*(?:[-*]|1\.) \[[ xX]\]/.test(line)).length;
  return { text: parts.join('\n\n'), actions, open: tasks.open, compliance: 0, incident: false, runbook: false };
}

function note(random: Random): Built {
  const parts = [`# ${pick(random, ['Procédures opérationnelles', 'Autonomy notes', 'Weekly governance review'])}`, '> **Usage** : procédures standard', prose(random, chance(random, 0.5), 4)];
  parts.push('## Procédure', ['```', '1. BESOIN', '   └─ Launchpad pose questions', '- [ ] not an action, inside code', '```'].join('\n'));
  parts.push(...traps(random));
  parts.push('## Notes', '1. Policy files are present and current.\n2. Required checks are green in CI.\n3. Audit logging is active.');
  return { text: parts.join('\n\n'), actions: 0, open: 0, compliance: 0, incident: false, runbook: false };
}

/** Pad a document with prose sections to 2–4 KB (the target size is drawn per document). */
function pad(random: Random, text: string, french: boolean): string {
  const target = 2048 + Math.floor(random() * 2048);
  let padded = text;
  let section = 1;
  while (padded.length < target) {
    padded += `\n\n## ${french ? 'Notes' : 'Notes'} ${section}\n\n${prose(random, french, 3)}`;
    section += 1;
  }
  return padded + '\n';
}

/** `count` documents from `seed`, spread over the folders the default configuration knows. */
export function generateCorpus(count: number, seed = 42): Corpus {
  const random = prng(seed);
  const files: CorpusFile[] = [];
  const expected: CorpusTotals = { documents: 0, actions: 0, openActions: 0, complianceItems: 0, incidents: 0, runbooks: 0, crlfFiles: 0 };
  for (let index = 0; index < count; index += 1) {
    const day = date(random, 2020 + Math.floor(random() * 7));
    const roll = random();
    const bucket = String(Math.floor(index / 500)).padStart(3, '0');
    let built: Built;
    let path: string;
    let french = false;
    if (roll < 0.25) {
      const id = `PAY-${100 + index}`;
      built = runbook(random, id);
      path = `.agent/cache/runbooks/${pick(random, SERVICES)}/${id}-runbook.md`;
    } else if (roll < 0.5) {
      french = chance(random, 0.4);
      built = postmortem(random, french, day);
      path = `docs/post-mortems/${bucket}/${day}-incident-${index}.md`;
    } else if (roll < 0.75) {
      built = rca(random, day);
      path = `DOCS/incidents/${bucket}/${day}-incident-${index}-rca.md`;
    } else if (roll < 0.85) {
      built = handoff(random);
      path = `docs/handoffs/${bucket}/handoff-${index}.md`;
    } else {
      built = note(random);
      path = `notes/${bucket}/note-${index}.md`;
    }
    let text = pad(random, built.text, french);
    if (chance(random, 0.1)) {
      text = text.replace(/\n/g, '\r\n');
      expected.crlfFiles += 1;
    }
    if (chance(random, 0.02)) text = '\uFEFF' + text;
    files.push({ path, text });
    expected.documents += 1;
    expected.actions += built.actions;
    expected.openActions += built.open;
    expected.complianceItems += built.compliance;
    expected.incidents += built.incident ? 1 : 0;
    expected.runbooks += built.runbook ? 1 : 0;
  }
  return { files, expected };
}
