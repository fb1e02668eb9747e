/**
 * Every error the engine, the Node host and the CLI throw speaks French too: a `new RunbookError(…)` in src/core,
 * src/node or src/cli (tests aside) whose message is a plain string (a literal, a template, a string variable) shows
 * English to a French user. This reads the sources with the TypeScript checker and names each such file:line, so an
 * error added in English only fails the suite. (src/vscode's messages go through vscode.l10n.t.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
const FOLDERS = ['src/core', 'src/node', 'src/cli'];

/** The project's compiler options, so imports resolve as they do for `tsc`. */
function compilerOptions(): ts.CompilerOptions {
  const file = join(ROOT, 'tsconfig.json');
  const read = ts.readConfigFile(file, (path) => ts.sys.readFile(path));
  return { ...ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT).options, noEmit: true };
}

function sources(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

/** `file:line` of each `new RunbookError(code, message…)` in `files` whose message argument is typed as a string. */
function englishOnlyErrors(files: readonly string[], host?: ts.CompilerHost): string[] {
  const program = ts.createProgram(files, compilerOptions(), host);
  const checker = program.getTypeChecker();
  const found: string[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    assert.ok(source, `${file} was not read`);
    const visit = (node: ts.Node): void => {
      if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RunbookError') {
        const message = node.arguments?.[1];
        const type = message ? checker.getTypeAtLocation(message) : undefined;
        // A string, or a union with a string in it (`cond ? bilingual(…) : 'text'`), is English only.
        const parts = type ? (type.isUnion() ? type.types : [type]) : [];
        if (!message || parts.some((part) => (part.flags & ts.TypeFlags.StringLike) !== 0 || (part.flags & ts.TypeFlags.Any) !== 0)) {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          found.push(`${relative(ROOT, file)}:${line + 1}`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

test('every RunbookError of the engine, the Node host and the CLI has a French message (bilingual, messageInBoth, error.text)', () => {
  const files = FOLDERS.flatMap((folder) => sources(join(ROOT, folder)));
  assert.ok(files.length > 50, `only ${files.length} sources found`);
  assert.deepEqual(englishOnlyErrors(files), [], 'these errors are English only: give them bilingual(english, french)');
});

test('the check itself: a message that is a literal, a template, a string variable or a rethrown .message is caught', () => {
  const file = join(ROOT, 'src/core/errors-french.fixture.ts');
  const sample = [
    "import { bilingual, RunbookError } from './errors';",
    'export function samples(error: RunbookError, name: string): RunbookError[] {',
    "  const text = `${name} is wrong`;",
    '  return [',
    "    new RunbookError('invalid-field', 'plain'),",
    "    new RunbookError('invalid-field', `${name} template`),",
    "    new RunbookError('invalid-field', text),",
    '    new RunbookError(error.code, error.message),',
    "    new RunbookError('invalid-field', name === '' ? bilingual('a', 'b') : 'c'),",
    "    new RunbookError('invalid-field', bilingual(text, `${name} est faux`)),",
    '    new RunbookError(error.code, error.text),',
    '  ];',
    '}',
  ].join('\n');
  const host = ts.createCompilerHost(compilerOptions());
  const readFile = host.readFile;
  host.readFile = (path) => (path === file ? sample : readFile(path));
  host.fileExists = ((exists) => (path: string) => path === file || exists(path))(host.fileExists);
  assert.deepEqual(englishOnlyErrors([file], host), [5, 6, 7, 8, 9].map((line) => `src/core/errors-french.fixture.ts:${line}`));
});
