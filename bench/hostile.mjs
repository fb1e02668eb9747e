// `node bench/hostile.mjs [--cli dist/cli.js] [--timeout 30] [--only 5]`: the inputs of issue 10 run against a built
// `runbook` CLI as an attacker would run them, each in a fresh temporary workspace, printed as a markdown table with
// the figure each item is judged by (wall time and peak memory of the whole process, or what was listed, written or
// printed). `--cli` points at another build (e.g. an older checkout's dist/cli.js) for a before/after comparison.
// Heavy: run it under the shared lock (`flock /tmp/runbook-vscode.lock node bench/hostile.mjs`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const option = (name, fallback) => {
  const at = process.argv.indexOf(`--${name}`);
  return at === -1 ? fallback : process.argv[at + 1];
};
const CLI = resolve(option('cli', join(import.meta.dirname, '..', 'dist', 'cli.js')));
const TIMEOUT = Number(option('timeout', '30'));
const ONLY = option('only', null);
if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build`);

/** A fresh workspace holding `files` (paths → text or bytes), marked by .runbook/config.json. */
function workspace(files = {}, config = {}) {
  const root = mkdtempSync(join(tmpdir(), 'runbook-hostile-'));
  mkdirSync(join(root, '.runbook'));
  writeFileSync(join(root, '.runbook/config.json'), JSON.stringify(config));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** Run the CLI under /usr/bin/time and `timeout`: exit code, seconds, peak RSS of the process tree, output. */
function cli(args, cwd, env = {}) {
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', 'timeout', '-s', 'KILL', String(TIMEOUT), process.execPath, CLI, ...args], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, RUNBOOK_NOW: '2026-11-23', RUNBOOK_CACHE_DIR: join(cwd, '.cache-hostile'), LANG: 'C', LC_ALL: 'C', ...env },
  });
  const lines = result.stderr.trimEnd().split('\n').filter((line) => !/^Command (?:exited with non-zero status|terminated by signal)/.test(line));
  const [seconds, kb] = lines.pop().split(' ').map(Number);
  const stderr = lines.join('\n');
  const code = result.status === 137 ? 'killed' : result.status;
  return { code, seconds, mb: Math.round(kb / 1024), stdout: result.stdout, stderr, firstError: stderr.split('\n')[0] ?? '' };
}

/** `12.3 s, 456 MB, exit 1` (or `> 30 s (killed)`), with the first stderr line when asked. */
function cost(run, withError = false) {
  const time = run.code === 'killed' ? `> ${TIMEOUT} s (killed)` : `${run.seconds.toFixed(2)} s`;
  const error = withError && run.firstError ? `, "${run.firstError.slice(0, 70)}"` : '';
  return `${time}, ${run.mb} MB, exit ${run.code}${error}`;
}

const repeat = (unit, size, prefix = '', suffix = '') => prefix + unit.repeat(Math.floor((size - prefix.length - suffix.length) / unit.length)) + suffix;
const PM = 'docs/post-mortems/pm.md';
const BOMB = [
  'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
  ...'bcdefgh'.split('').map((name, index) => `${name}: &${name} [${Array(9).fill('*' + 'abcdefg'[index]).join(',')}]`),
  'i: [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
].join('\n');

const CASES = [
  [1, 'tab after the list marker: item listed vs item `done 1` marks', () => {
    const text = '# Post-mortem: x\n\n## Action items\n-\t[ ] AI 1 rotate keys @ann\n- [ ] AI 2 @bob\n';
    const root = workspace({ [PM]: text });
    const rows = JSON.parse(cli(['actions', '--json', '--no-cache'], root).stdout || '[]');
    cli(['done', PM, '1'], root);
    const after = readFileSync(join(root, PM), 'utf8').split('\n');
    const marked = after.findIndex((line, index) => line !== text.split('\n')[index]) + 1;
    return `#1 listed at line ${rows.find((row) => row.index === 1)?.line ?? '—'}; done 1 marked line ${marked || '—'}`;
  }],
  [2, '`done` on a table row with a pipe in a code span', () => {
    const root = workspace({ [PM]: '# Post-mortem: x\n\n## Action items\n\n| # | Action | Owner | Status |\n|---|---|---|---|\n| 1 | do `a|b` | @e | open |\n' });
    const run = cli(['done', PM, '1'], root);
    const row = readFileSync(join(root, PM), 'utf8').trimEnd().split('\n').pop();
    return `${row.includes('@e') ? 'owner cell kept' : 'owner cell overwritten'} (exit ${run.code}): \`${row}\``;
  }],
  [3, 'file name with a newline: forged lines in `check --format github`', () => {
    const root = workspace({ 'docs/post-mortems/a\n::error file=x::forged.md': '# Post-mortem: x\n\n## Action items\n- [ ] no owner\n' });
    const lines = cli(['check', '--format', 'github'], root).stdout.trim().split('\n');
    return `${lines.filter((line) => line.startsWith('::error file=x')).length} forged workflow command(s) in ${lines.length} lines`;
  }],
  [4, '12 KB line of `- - - … x`', () => cost(cli(['actions', '--no-cache'], workspace({ [PM]: '## Action items\n' + '- '.repeat(6000) + 'x\n' })), true)],
  [5, '50 KB of `a\\n=\\n` (actions)', () => cost(cli(['actions', '--no-cache'], workspace({ [PM]: repeat('a\n=\n', 50_000, '## Action items\n- [ ] a\n\n') })))],
  [5, '2 MB of `>` runs', () => cost(cli(['actions', '--no-cache'], workspace({ [PM]: repeat('>', 2_000_000, '## Action items\n', ' - [ ] x\n') })))],
  [5, '2 MB of `*a_` in an item', () => cost(cli(['actions', '--no-cache'], workspace({ [PM]: repeat('*a_', 2_000_000, '## Action items\n- [ ] ') })))],
  [5, '2 MB of `[a](` in an item', () => cost(cli(['actions', '--no-cache'], workspace({ [PM]: repeat('[a](', 2_000_000, '## Action items\n- [ ] ') })))],
  [5, '2 MB of nested `- - [ ]`', () => cost(cli(['actions', '--no-cache'], workspace({ [PM]: repeat('- ', 2_000_000, '## Action items\n', '[ ] x\n') })))],
  [5, '2 MB with CR-only line endings', () => cost(cli(['actions', '--no-cache'], workspace({ [PM]: repeat('- [ ] a (owner @x)\r', 2_000_000, '## Action items\r') })))],
  [6, '492-byte alias bomb in frontmatter (actions)', () => cost(cli(['actions', '--no-cache'], workspace({ [PM]: `---\n${BOMB}\n---\n# x\n` })), true)],
  [6, 'alias bomb in a story (new runbook)', () => cost(cli(['new', 'runbook', 'PAY-1'], workspace({ '.agent/cache/stories/PAY-1.md': `---\n${BOMB}\n---\n# PAY-1: x\n` })), true)],
  [6, 'alias bomb in a workspace template (new)', () => cost(cli(['new', 'rca', '--title', 'x', '--sev', '2'], workspace({ '.runbook/templates/bomb.hbs': `---\n${BOMB}\n---\n# x\n` })), true)],
  [7, '50 MB file, maxFileSizeKB raised: actions / done', () => {
    const text = repeat('- [ ] rotate keys (owner @ann, due 2026-01-01)\n', 50_000_000, '# Post-mortem: big\n\n## Action items\n');
    const root = workspace({ [PM]: text }, { maxFileSizeKB: 60_000 });
    return `actions ${cost(cli(['actions', '--no-cache'], root))}; done ${cost(cli(['done', PM, '1'], root))}`;
  }],
  [8, 'link loop `ln -s . d/a; ln -s . d/b`', () => {
    const root = workspace({ 'd/x.md': '# x\n' });
    symlinkSync('.', join(root, 'd/a'));
    symlinkSync('.', join(root, 'd/b'));
    return cost(cli(['actions', '--no-cache'], root));
  }],
  [8, '`docs/up -> ..`: times each document is listed', () => {
    const root = workspace({ [PM]: '# Post-mortem: x\n\n## Action items\n- [ ] a @ann\n' });
    symlinkSync('..', join(root, 'docs/up'));
    const rows = JSON.parse(cli(['actions', '--json', '--no-cache'], root).stdout || '[]');
    return `${rows.length} row(s) for 1 action`;
  }],
  [8, '1,500 nested folders', () => {
    const root = workspace();
    let path = root;
    for (let depth = 0; depth < 1500; depth += 1) mkdirSync((path = join(path, 'd')));
    writeFileSync(join(path, 'deep.md'), '# Post-mortem: deep\n\n## Action items\n- [ ] a @ann\n');
    const run = cli(['actions', '--json', '--no-cache'], root);
    return `${cost(run)}, ${JSON.parse(run.stdout || '[]').length} action found`;
  }],
  [8, 'a document past PATH_MAX', () => {
    const root = workspace();
    const cwd = process.cwd();
    mkdirSync(join(root, 'long'));
    process.chdir(join(root, 'long'));
    for (let made = 0; made < 25; made += 1) {
      mkdirSync('x'.repeat(200));
      process.chdir('x'.repeat(200));
    }
    writeFileSync('deep.md', '# x\n\n## Action items\n- [ ] a\n');
    process.chdir(cwd);
    const run = cli(['check', '--no-cache'], root);
    const said = /too long/.test(run.stdout) ? 'reported' : 'silently missed';
    spawnSync('rm', ['-rf', root]);
    return `${said} (exit ${run.code})`;
  }],
  [9, '.gitignore line of 1,000 `**/`, a document 20 folders deep', () => cost(cli(['actions', '--no-cache'], workspace({ '.gitignore': '**/'.repeat(1000) + 'x\n', [`${'d/'.repeat(20)}a.md`]: '# a\n' })), true)],
  [9, '.gitignore line of 40,000 characters', () => cost(cli(['actions', '--no-cache'], workspace({ '.gitignore': 'a'.repeat(40_000) + '\n', 'a.md': '# a\n' })), true)],
  [9, '`docs/` in .gitignore vs git-tracked `DOCS/incidents/`', () => {
    const root = workspace({ '.gitignore': 'docs/\n', 'DOCS/incidents/2026-01-01-x-rca.md': '# RCA: x\n\n## Action items\n- [ ] a @ann\n' });
    return `${JSON.parse(cli(['actions', '--json', '--no-cache'], root).stdout || '[]').length} of 1 DOCS action listed`;
  }],
  ...[['a document', PM], ['.runbook/config.json', '.runbook/config.json'], ['.gitignore', '.gitignore']].map(([what, path]) => [10, `FIFO as ${what}`, () => {
    const root = workspace({ 'a.md': '# a\n' });
    rmSync(join(root, path), { force: true });
    mkdirSync(dirname(join(root, path)), { recursive: true });
    spawnSync('mkfifo', [join(root, path)]);
    return cost(cli(['actions', '--no-cache'], root), true);
  }]),
  [10, 'FIFO as the cache file', () => {
    const root = workspace({ 'a.md': '# a\n' });
    cli(['actions'], root);
    const folder = join(root, '.cache-hostile', readdirSync(join(root, '.cache-hostile'))[0]);
    const file = readdirSync(folder).find((name) => name.endsWith('.bin'));
    rmSync(join(folder, file));
    spawnSync('mkfifo', [join(folder, file)]);
    return cost(cli(['actions'], root), true);
  }],
  [11, 'UTF-16 LE file with a BOM', () => {
    const text = '# Post-mortem: x\n\n## Action items\n- [ ] rotate keys @ann\n';
    const root = workspace({ [PM]: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]) });
    const run = cli(['actions', '--json', '--no-cache'], root);
    return `${JSON.parse(run.stdout || '[]').length} action listed, exit ${run.code}, ${run.stderr ? `"${run.firstError.slice(0, 60)}"` : 'no error'}`;
  }],
  [12, 'cache file replaced by a link to a victim file', () => {
    const root = workspace({ 'a.md': '# a\n' });
    cli(['actions'], root);
    const folder = join(root, '.cache-hostile', readdirSync(join(root, '.cache-hostile'))[0]);
    const file = join(folder, readdirSync(folder).find((name) => name.endsWith('.bin')));
    const mode = (statSync(file).mode & 0o777).toString(8);
    const folderMode = (statSync(folder).mode & 0o777).toString(8);
    rmSync(file);
    writeFileSync(join(root, 'victim.txt'), 'precious');
    symlinkSync(join(root, 'victim.txt'), file);
    writeFileSync(join(root, 'b.md'), '# b\n');
    cli(['actions'], root);
    const victim = readFileSync(join(root, 'victim.txt'), 'utf8') === 'precious' ? 'victim intact' : 'victim overwritten';
    return `${victim}; cache file ${mode}, folder ${folderMode}`;
  }],
  [13, 'folder swapped for a link to outside during 80 `new` runs', async () => {
    const root = workspace();
    const outside = mkdtempSync(join(tmpdir(), 'runbook-outside-'));
    mkdirSync(join(root, 'docs/handoffs'), { recursive: true });
    mkdirSync(join(root, 'docs/real'));
    symlinkSync(outside, join(root, 'docs/link'));
    const swapper = spawn(process.execPath, ['-e', `
      const fs = require('fs'); const d = ${JSON.stringify(join(root, 'docs'))}; let s = false;
      setInterval(() => { try { fs.renameSync(d + '/handoffs', d + (s ? '/link' : '/real')); fs.renameSync(d + (s ? '/real' : '/link'), d + '/handoffs'); s = !s; } catch {} }, 0);`]);
    for (let index = 0; index < 80; index += 1) {
      await new Promise((done) => spawn(process.execPath, [CLI, 'new', 'handoff', '--title', `h ${index}`, '--field', 'urgency=P1'], { cwd: root, stdio: 'ignore' }).on('exit', done));
    }
    swapper.kill();
    return `${readdirSync(outside).length} of 80 files written outside`;
  }],
  [14, 'template path into `.git/hooks/`', () => {
    const template = '---\nname: hook\nkind: other\npath: ".git/hooks/{{slug title}}"\nfields:\n  - name: title\n    type: string\n    required: true\n---\n#!/bin/sh\n';
    const root = workspace({ '.runbook/templates/hook.hbs': template });
    mkdirSync(join(root, '.git/hooks'), { recursive: true });
    const run = cli(['new', 'hook', '--title', 'post-checkout'], root);
    return `${existsSync(join(root, '.git/hooks/post-checkout')) ? 'written' : 'refused'} (exit ${run.code})`;
  }],
  [15, 'internal errors among 8 error cases (dangling link, parent file, long name, __proto__, constructor, config folder, `done f 1 2`, control character)', () => {
    const runs = [];
    const dangling = workspace();
    symlinkSync(join(dangling, 'nowhere.md'), join(dangling, 'pm.md'));
    runs.push(cli(['done', 'pm.md', '1'], dangling));
    runs.push(cli(['new', 'rca', '--title', 'x', '--sev', '2'], workspace({ 'DOCS/incidents': 'file' })));
    const raw = '---\nname: raw\nkind: other\npath: "notes/{{title}}.md"\nfields:\n  - name: title\n    type: string\n    required: true\n---\n# x\n';
    runs.push(cli(['new', 'raw', '--field', `title=${'x'.repeat(300)}`], workspace({ '.runbook/templates/raw.hbs': raw })));
    for (const key of ['__proto__', 'constructor']) {
      const root = workspace();
      writeFileSync(join(root, '.runbook/config.json'), `{"${key}": {}}`);
      runs.push(cli(['actions'], root));
    }
    const folder = workspace();
    rmSync(join(folder, '.runbook/config.json'));
    mkdirSync(join(folder, '.runbook/config.json'));
    runs.push(cli(['actions'], folder));
    const extra = workspace({ 'pm.md': '# Post-mortem\n\n## Action items\n- [ ] a\n' });
    const done = cli(['done', 'pm.md', '1', '2'], extra);
    runs.push(done.code === 0 ? { ...done, stderr: 'accepted the extra argument' } : done);
    runs.push(cli(['new', 'runbook', 'PAY-1\u001b[31m'], workspace()));
    // A usage error is commander's `error: …` line plus its `(run "runbook --help" for usage)` hint: still one error.
    const lines = (run) => run.stderr.trim().split('\n').filter((line) => !line.startsWith('(run "runbook --help"'));
    const bad = runs.filter((run) => /internal error|accepted the extra|\u001b/.test(run.stderr) || lines(run).length > 1 || run.code === 0);
    return `${bad.length} of ${runs.length} not a clean one-line error`;
  }],
];

const rows = [];
for (const [item, name, measure] of CASES) {
  if (ONLY && String(item) !== ONLY) continue;
  let figure;
  try {
    figure = await measure();
  } catch (error) {
    figure = `harness error: ${error.message.split('\n')[0]}`;
  }
  rows.push(`| ${item} | ${name} | ${figure.replace(/\|/g, '\\|')} |`);
  process.stderr.write(`${rows.at(-1)}\n`);
}
console.log(`CLI: ${CLI}\n\n| item | input | figure |\n|---|---|---|\n${rows.join('\n')}`);
