/**
 * Parse and file findings in French: the index keeps them in both languages, `checkDocument` and `localizedFinding`
 * give one, and no `french` field reaches a front end. (The rules' own messages in French are pinned in their tests.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument, localizedFinding } from './check';
import { DEFAULT_CONFIG } from './config';
import { thrownRunbookError } from './testing/thrown';
import { RunbookError } from './errors';
import type { WorkspaceFiles } from './host';
import type { Finding } from './model';
import { assertBodyRead, parseDocument } from './parse/document';
import { PARSE_LIMITS } from './parse/limits';
import { splitFrontmatter } from './parse/frontmatter';
import { decodeDocument, readForEdit, tooLargeFinding, walkMarkdownFiles } from './workspace';

const TODAY = '2026-11-23';
/** The messages of the parser's findings (the rules' own, such as action-no-owner, are left out). */
const messagesOf = (text: string, language: 'en' | 'fr'): string[] =>
  checkDocument(parseDocument(text, { file: 'doc.md', config: DEFAULT_CONFIG }), TODAY, DEFAULT_CONFIG, language)
    .filter((finding) => !finding.rule.startsWith('action-'))
    .map((finding) => finding.message);

test('parse findings in French: malformed frontmatter, a table row of the wrong width, an unknown role, a document not read', () => {
  assert.deepEqual(messagesOf('---\nkind: x\n# body\n', 'fr'), ['le frontmatter commence par « --- » en ligne 1 mais n’est jamais fermé']);
  assert.deepEqual(messagesOf('---\n- a\n---\n# T\n', 'fr'), ['le frontmatter n’est pas une suite de lignes « clé: valeur »']);
  assert.match(messagesOf('---\nbad: [unclosed\n---\n# T\n', 'fr')[0], /^frontmatter mal formé \(YAML : /);
  const table = '# RCA: t\n\n## Action items\n| # | Action | Owner | Status |\n|---|---|---|---|\n| 1 | short |\n| 2 | `a | b` | @x | open |\n';
  assert.deepEqual(messagesOf(table, 'fr'), [
    'la ligne du tableau a 2 cellules et l’en-tête 4',
    'la ligne du tableau a 5 cellules et l’en-tête 4 (écrivez un « | » dans du code sous la forme « \\| »)',
  ]);
  assert.deepEqual(messagesOf(table, 'en'), [
    'table row has 2 cells where the header has 4',
    'table row has 5 cells where the header has 4 (write a "|" inside code as "\\|")',
  ]);
  const roles = '# OPS-1: t\n\nStatus: PROPOSED\n\n## Compliance Checklist\n- [ ] @Juridique approuvé ?\n';
  assert.deepEqual(messagesOf(roles, 'fr'), ['rôle inconnu @Juridique dans la liste de conformité (rôles connus : @Security, @Architect, @QA, @Docs, @Compliance, @Observability)']);
  const deep = `## Action items\n${'- '.repeat(PARSE_LIMITS.nesting + 10)}x\n`;
  assert.deepEqual(messagesOf(deep, 'fr'), [`non lu : une ligne imbrique ${PARSE_LIMITS.nesting + 10} niveaux (limite ${PARSE_LIMITS.nesting})`]);
  assert.deepEqual(messagesOf(deep, 'en'), [`not read: a line nests ${PARSE_LIMITS.nesting + 10} levels deep (limit ${PARSE_LIMITS.nesting})`]);
  // An edit of a document that was not read says so in both languages.
  const error = thrownRunbookError(() => assertBodyRead(parseDocument(deep, { file: 'doc.md', config: DEFAULT_CONFIG })));
  assert.match(error.messageIn('fr'), /^doc\.md : non lu : une ligne imbrique/);
  assert.match(error.message, /^doc\.md: not read: a line nests/);
});

test('no finding that reaches a front end keeps the `french` field, in either language', () => {
  const doc = parseDocument('---\nkind: x\n# body\n', { file: 'doc.md', config: DEFAULT_CONFIG });
  assert.equal(typeof doc.findings[0].french, 'string', 'the index keeps both languages');
  for (const language of ['en', 'fr'] as const) {
    for (const finding of checkDocument(doc, TODAY, DEFAULT_CONFIG, language)) assert.equal('french' in finding, false, language);
  }
  const plain: Finding = { rule: 'action-overdue', severity: 'warning', message: 'm', file: 'f.md', line: 1 };
  assert.equal(localizedFinding(plain, 'fr'), plain, 'a finding with one language is returned as it is');
});

test('file findings in French: not UTF-8, over the size limit, a path the walk does not read; and the errors of reading one document', async () => {
  const unreadable = decodeDocument(new Uint8Array([0x23, 0x0a, 0xe9, 0x0a]), 'latin1.md');
  assert.ok('finding' in unreadable);
  assert.equal(localizedFinding(unreadable.finding, 'fr').message, 'pas en UTF-8 valide (premier octet invalide en ligne 2) ; enregistrez le fichier en UTF-8');
  assert.equal(localizedFinding(unreadable.finding, 'en').message, 'not valid UTF-8 (first bad byte on line 2); save the file as UTF-8');
  const large = tooLargeFinding('huge.md', 2.5 * 1024 * 1024, DEFAULT_CONFIG);
  assert.equal(localizedFinding(large, 'fr').message, `ignoré : 2,5 Mo dépasse la limite de ${DEFAULT_CONFIG.maxFileSizeKB} Ko (maxFileSizeKB)`);
  assert.equal(localizedFinding(large, 'en').message, `skipped: 2.5 MB is over the ${DEFAULT_CONFIG.maxFileSizeKB} KB limit (maxFileSizeKB)`);
  const files: WorkspaceFiles = {
    readFile: async () => new Uint8Array([0xff, 0xfe, 0x00]).subarray(2),
    stat: async (path) => (path === 'folder.md' ? { type: 'directory', size: 0, mtime: 0 } : path === 'bad.md' ? { type: 'file', size: 1, mtime: 0 } : null),
    readDirectory: async (path) => {
      if (path === '') return [['pipe.md', 'other', { reason: { en: 'a FIFO, not read', fr: 'une FIFO, non lue' } }], ['locked', 'directory'], ['odd.md', 'other']];
      throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    },
    createFile: async () => false,
  };
  const walk = await walkMarkdownFiles(files, DEFAULT_CONFIG);
  assert.deepEqual(
    walk.findings.map((finding) => `${finding.file}: ${localizedFinding(finding, 'fr').message}`),
    ['locked: non lu : le dossier ne peut pas être listé (EACCES)', 'odd.md: non lu : pas un fichier ordinaire', 'pipe.md: non lu : une FIFO, non lue'],
  );
  assert.deepEqual(
    walk.findings.map((finding) => localizedFinding(finding, 'en').message),
    ['not read: the folder cannot be listed (EACCES)', 'not read: not a regular file', 'not read: a FIFO, not read'],
  );
  const failure = async (file: string): Promise<RunbookError> => {
    try {
      await readForEdit(files, DEFAULT_CONFIG, file);
    } catch (error) {
      return error as RunbookError;
    }
    throw new Error(`${file} was read`);
  };
  assert.equal((await failure('missing.md')).messageIn('fr'), 'missing.md n’existe pas');
  assert.equal((await failure('folder.md')).messageIn('fr'), 'folder.md est un dossier, pas un document');
  assert.equal((await failure('folder.md')).message, 'folder.md is a folder, not a document');
});

test('a story or template whose frontmatter is malformed: the error names the file and line in both languages', () => {
  const error = thrownRunbookError(() => splitFrontmatter('---\n- a\n---\nbody\n', 'stories/OPS-1.md', 'invalid-field'));
  assert.equal(error.message, 'stories/OPS-1.md:2: frontmatter is not a set of "key: value" lines');
  assert.equal(error.messageIn('fr'), 'stories/OPS-1.md:2 : le frontmatter n’est pas une suite de lignes « clé: valeur »');
});
