// Lint rules that keep the architecture honest: the core never imports vscode, never exits, never prints.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', 'bench/corpus/**', 'examples/**', '**/*.mjs'] },
  ...tseslint.configs.recommended,
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
            { name: 'node:fs', message: 'src/core reads files through the WorkspaceFiles host.' },
            { name: 'fs', message: 'src/core reads files through the WorkspaceFiles host.' },
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
);
