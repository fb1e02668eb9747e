/**
 * `node --import tsx bench/draft.ts [--runs R]`: what drafting costs besides the model — `planDraft` in process on the
 * example story, with a model that answers at once with N KB of markdown per role (file entries, lists, a table, code),
 * one forged status line per answer. Reports the median wall time of a whole draft (six roles: sanitise, split, contain,
 * assemble, check the structure) for each answer size. The model's own time is what a real draft adds.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_CONFIG } from '../src/core/config';
import { planDraft, type DraftModel } from '../src/core/draft';
import { createMemoryHost } from '../src/core/testing/memory-host';
import { builtInTemplateSet } from '../src/node/builtin-templates';

const ROOT = resolve(__dirname, '..');
const STORY = readFileSync(join(ROOT, 'examples/workspace/.agent/cache/stories/OPS-7.md'), 'utf8');
const CHUNK = [
  '### Credentials',
  '#### [MODIFY] [src/db/pool.ts](src/db/pool.ts)',
  '- Read the password from the secret store on every new connection; keep `maxLifetime` under the rotation period.',
  '- Retry once with **fresh** credentials on an authentication error ([ADR 12](docs/adr/12.md)).',
  '',
  '| step | owner | check |',
  '|---|---|---|',
  '| rotate | job | old password refused |',
  '',
  '```ts',
  'const pool = createPool({ password: () => secrets.get("db") });',
  '```',
  '',
].join('\n');

function answerOf(kb: number): DraftModel {
  return async (prompt) => {
    const heading = /^## (.+)$/m.exec(prompt)?.[1] ?? 'Notes';
    return `## ${heading}\nStatus: ACCEPTED\n\n${CHUNK.repeat(Math.max(1, Math.round((kb * 1024) / CHUNK.length)))}`;
  };
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--runs');
  const runs = at === -1 ? 5 : Number(process.argv[at + 1]);
  const templates = builtInTemplateSet();
  console.log('| answer per role | draft (6 roles), median | runs |\n|---|---|---|');
  for (const kb of [2, 8, 32, 64]) {
    const times: number[] = [];
    for (let run = 0; run <= runs; run += 1) {
      const host = createMemoryHost({ '.agent/cache/stories/OPS-7.md': STORY });
      const started = performance.now();
      await planDraft(host, DEFAULT_CONFIG, templates, { storyId: 'OPS-7' }, { model: answerOf(Math.min(kb, 63)), modelName: 'bench' });
      if (run > 0) times.push(performance.now() - started); // the first run warms the JIT
    }
    times.sort((a, b) => a - b);
    console.log(`| ${kb} KB | ${Math.round(times[Math.floor(times.length / 2)])} ms | ${runs} |`);
  }
}

void main();
