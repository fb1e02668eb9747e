// Lint rules that keep the architecture honest (see ../shared/DESIGN.md and docs/development.md):
//   src/core    the engine: imports no front end, no Node layer, no Node built-in and no vscode; never prints or exits
//   src/node    the Node host both front ends share: imports the core only (and Node), never a front end or vscode
//   src/cli     a front end: core and node, never src/vscode or vscode
//   src/vscode  a front end: core and node, never src/cli
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules.filter((name) => !name.startsWith('_')), ...builtinModules.map((name) => `node:${name}`)];
/** Globals of a Node 20 script, plus `document`/`window` inside Playwright's page callbacks. */
const NODE_SCRIPT_GLOBALS = Object.fromEntries(
  ['process', 'console', 'Buffer', 'URL', 'URLSearchParams', 'fetch', 'AbortController', 'AbortSignal', 'performance', 'structuredClone', 'TextDecoder', 'TextEncoder', 'queueMicrotask', 'globalThis', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'document', 'window'].map((name) => [name, 'readonly']),
);
const folder = (name, message) => ({ group: [`**/${name}/**`], message });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'bench/corpus/**', 'examples/**', 'reports/**', '.stryker-tmp/**', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    // The scripts and harnesses (build, demo, VS Code suites, benchmarks) are plain Node ES modules: an undefined
    // name there (a lost import after a merge) fails the test run minutes later, so lint catches it here.
    files: ['**/*.mjs'],
    languageOptions: { globals: NODE_SCRIPT_GLOBALS },
    rules: { 'no-undef': 'error' },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core is shared with the CLI: pass what you need through host.ts.' },
            ...nodeBuiltins.map((name) => ({ name, message: 'src/core runs on any host: reach files, clocks and users through host.ts.' })),
          ],
          patterns: [
            folder('node', 'src/core imports no Node layer: the host is passed in (host.ts).'),
            folder('cli', 'src/core imports no front end.'),
            folder('vscode', 'src/core imports no front end.'),
          ],
        },
      ],
      'no-console': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'exit', message: 'Only src/cli decides exit codes.' },
      ],
    },
  },
  {
    files: ['src/node/**/*.ts'],
    ignores: ['src/node/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/node is shared with the CLI: no vscode here.' }],
          patterns: [folder('cli', 'src/node sits under both front ends and imports neither.'), folder('vscode', 'src/node sits under both front ends and imports neither.')],
        },
      ],
      'no-console': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'exit', message: 'Only src/cli decides exit codes.' }],
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'The CLI runs without VS Code.' }],
          patterns: [folder('vscode', 'The two front ends never import each other: move what both need to src/core or src/node.')],
        },
      ],
    },
  },
  {
    files: ['src/vscode/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [folder('cli', 'The two front ends never import each other: move what both need to src/core or src/node.')] },
      ],
    },
  },
);
