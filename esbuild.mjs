// Bundles the CLI and the extension (and the extension-host test suite) into dist/.
// Types are checked separately by `tsc --noEmit` (npm run typecheck); esbuild only strips them.
import * as esbuild from 'esbuild';
import { existsSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
// --vscode: only the extension and its test suite (what test/vscode/run.mjs needs).
const vscodeOnly = process.argv.includes('--vscode');
// --cli: only dist/cli.js (what the GitHub Action in action.yml builds).
const cliOnly = process.argv.includes('--cli');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // Handlebars' package.json "main" is its CJS build; its "browser" field would pull in a different one.
  mainFields: ['module', 'main'],
};

const builds = vscodeOnly
  ? []
  : [{ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }];
if (!cliOnly && existsSync('src/vscode/extension.ts')) {
  builds.push({ ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] });
}
if (!cliOnly && existsSync('test/vscode/suite/index.ts')) {
  builds.push({
    ...common,
    entryPoints: ['test/vscode/suite/index.ts'],
    outfile: 'dist/test/suite/index.js',
    external: ['vscode', 'mocha'],
  });
}

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
