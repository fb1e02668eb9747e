// `npm start`: the main job on the bundled example workspace, as a newcomer meets it — what is open, what is
// overdue, which runbooks wait for approval, and what `runbook check` finds. Read-only.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(repo, 'dist/cli.js');
const workspace = join(repo, 'examples/workspace');

const steps = [
  ['Open incidents', ['incidents', '--open']],
  ['Open action items (overdue first)', ['actions', '--open']],
  ['Runbooks and their approvals', ['runbooks']],
  ['Problems (runbook check)', ['check']],
];
let failed = false;
for (const [title, args] of steps) {
  console.log(`\n── ${title}: runbook ${args.join(' ')} --cwd examples/workspace`);
  const result = spawnSync(process.execPath, [cli, ...args, '--cwd', workspace], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
console.log('\nNext: the README\'s "A five-minute tour" runs every command on a copy of this workspace (the example stays as it is).');
process.exit(failed ? 1 : 0);
