/**
 * `node --import tsx bench/ecosystem.ts [--docs N] [--runs R]`: what issue 13's additions cost, in process, on the
 * generated corpus (bench/corpus.ts, default 2,000 documents: the inline-comment row parses them all with remark):
 * - the Problems panel for the whole workspace: `checkDocument` over every indexed document (what a full diagnostics
 *   refresh computes; an incremental refresh only re-checks documents whose parse changed);
 * - `check --format sarif` and `--format gitlab` (fingerprints included) for all of the corpus's findings;
 * - the parser on the same corpus with a block disable comment in every document (it stays on the fast path) and with
 *   an inline one (those documents go to remark), against the corpus as generated.
 * Medians of R runs (default 3); numbers vary with machine load. Run it under the shared lock on a busy machine.
 */
import { codeQualityReport } from '../src/cli/formats/gitlab';
import { sarifLog } from '../src/cli/formats/sarif';
import { checkDocument } from '../src/core/check';
import { DEFAULT_CONFIG } from '../src/core/config';
import type { ParsedDocument } from '../src/core/model';
import { parseDocument, type ParseStats } from '../src/core/parse/document';
import { generateCorpus } from './corpus';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const docs = option('--docs', 2_000);
const runs = option('--runs', 3);
const TODAY = '2026-06-01';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time<T>(work: () => T): { ms: number; value: T } {
  let value!: T;
  const samples: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = process.hrtime.bigint();
    value = work();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { ms: median(samples), value };
}

const { files } = generateCorpus(docs, 7);
const parseAll = (texts: Array<{ path: string; text: string }>, stats?: ParseStats): ParsedDocument[] =>
  texts.map(({ path, text }) => parseDocument(text, { file: path, config: DEFAULT_CONFIG }, stats));

const parsed = time(() => parseAll(files));
const checked = time(() => parsed.value.flatMap((doc) => checkDocument(doc, TODAY, DEFAULT_CONFIG)));
const findings = checked.value.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
const sarif = time(() => JSON.stringify(sarifLog(findings, '0.0.0')));
const gitlab = time(() => JSON.stringify(codeQualityReport(findings)));

/** Before the first section heading: a block comment; or an inline one at the end of that heading. */
const withBlock = files.map(({ path, text }) => ({ path, text: text.replace(/\n## /, '\n<!-- runbook-disable-next-line action-no-owner -->\n\n## ') }));
const withInline = files.map(({ path, text }) => ({ path, text: text.replace(/\n## ([^\n]*)/, '\n## $1 <!-- runbook-disable-line -->') }));
const blockStats: ParseStats = { fast: 0, remark: 0 };
const inlineStats: ParseStats = { fast: 0, remark: 0 };
const block = time(() => parseAll(withBlock, blockStats));
const inline = time(() => parseAll(withInline, inlineStats));
const share = (stats: ParseStats): string => `${Math.round((100 * stats.fast) / (stats.fast + stats.remark))} % fast`;

console.log(`${docs} documents, ${findings.length} findings, median of ${runs} runs`);
console.log(`| measure | time |`);
console.log(`|---|---|`);
console.log(`| parse the corpus (as generated) | ${parsed.ms.toFixed(0)} ms |`);
console.log(`| checkDocument over every document (a full Problems-panel refresh, before VS Code) | ${checked.ms.toFixed(0)} ms |`);
console.log(`| --format sarif, ${findings.length} results, serialised | ${sarif.ms.toFixed(0)} ms (${(sarif.value.length / 1e6).toFixed(1)} MB) |`);
console.log(`| --format gitlab, serialised | ${gitlab.ms.toFixed(0)} ms (${(gitlab.value.length / 1e6).toFixed(1)} MB) |`);
console.log(`| parse with a block disable comment in every document | ${block.ms.toFixed(0)} ms (${share(blockStats)}) |`);
console.log(`| parse with an inline disable comment in every document | ${inline.ms.toFixed(0)} ms (${share(inlineStats)}) |`);
