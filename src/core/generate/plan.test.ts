/**
 * planDocument and the story lookup at their edges, through a probe template that prints what it is given: the context
 * (title and goal from the story unless given), the text's tidying, the path pattern's line breaks, the story ID rules,
 * and every "not found" and "ambiguous" message.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import { applyEdits } from '../edits';
import { RunbookError } from '../errors';
import type { EngineHost } from '../host';
import { loadTemplates } from '../templates/discover';
import { createMemoryHost } from '../testing/memory-host';
import { readBuiltInTemplateTexts } from '../../node/builtin-templates';
import { closestNames, editDistance } from './closest';
import { createDocument, planDocument } from './plan';
import { findStory, listStories } from './stories';

const NOW = new Date(2026, 10, 23, 9, 0, 0);
const STORIES = '.agent/cache/stories';
const PROBE = [
  '---',
  'name: probe',
  'kind: runbook',
  'path: |',
  '  out/ ',
  '',
  '    {{storyId}}.md',
  'fields:',
  '  - name: title',
  '    required: true',
  '  - name: goal',
  '    required: true',
  '---',
  '',
  '',
  'T={{title}}|G={{goal}}|K={{template.name}}:{{template.kind}}|S={{scope}}|D={{date}}|Y={{today}}|R={{roles.length}}   ',
  '',
  '',
  '',
  'end\t',
  'lone\rcarriage return',
  '',
  '',
].join('\r\n');

function host(files: Record<string, string> = {}): EngineHost {
  return createMemoryHost(
    {
      '.runbook/templates/probe.hbs': PROBE,
      [`${STORIES}/OPS/OPS-1.md`]: '# OPS-1: Rotate keys\n\nKeys older than 90 days are rotated.\n',
      ...files,
    },
    NOW,
  );
}

async function plan(files: Record<string, string>, storyId: string | undefined, fields: Record<string, string> = {}) {
  const h = host(files);
  const templates = await loadTemplates(h, DEFAULT_CONFIG, readBuiltInTemplateTexts(), { workspace: true });
  return planDocument(h, DEFAULT_CONFIG, templates, { template: 'probe', fields, ...(storyId === undefined ? {} : { storyId }) });
}

function rejectsWith(code: string, kind: 'domain' | 'usage', message: string | RegExp, details?: Record<string, unknown>, french?: string): (error: unknown) => boolean {
  return (error: unknown) => {
    assert.ok(error instanceof RunbookError, String(error));
    assert.equal(error.code, code);
    assert.equal(error.kind, kind);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    if (details) assert.deepEqual(error.details, details);
    if (french !== undefined) assert.equal(error.messageIn('fr'), french);
    return true;
  };
}

test('the context: title and goal from the story unless given; template, scope, date, today, roles; the text tidied', async () => {
  const planned = await plan({}, ' OPS-1 ');
  assert.equal(planned.path, 'out/OPS-1.md', 'line breaks and the spaces around them dropped from the path');
  assert.equal(planned.text, 'T=Rotate keys|G=Keys older than 90 days are rotated.|K=probe:runbook|S=OPS|D=2026-11-23|Y=2026-11-23|R=6\n\nend\nlone\ncarriage return\n');
  const given = await plan({}, 'OPS-1', { title: 'Mine', goal: 'Ours' });
  assert.match(given.text, /^T=Mine\|G=Ours\|/);
  assert.deepEqual(given.sideUpdates, [], 'a runbook has no side update');
});

test('a path pattern over two lines with no space before the break is one path', async () => {
  const twoLines = PROBE.replace('  out/ \r\n\r\n    {{storyId}}.md', '  out/\r\n    {{storyId}}.md');
  assert.equal((await plan({ '.runbook/templates/probe.hbs': twoLines }, 'OPS-1')).path, 'out/OPS-1.md');
});

test('a runbook template needs a story ID (blank counts as none), and the ID must be a plain name', async () => {
  for (const storyId of [undefined, '', '   ']) {
    await assert.rejects(plan({}, storyId), rejectsWith('missing-fields', 'usage', 'missing required fields: story ID (template "probe")', { missing: ['storyId'] }));
  }
  await assert.rejects(plan({}, '../OPS-1'), rejectsWith('outside-workspace', 'usage', /^invalid story ID "\.\.\/OPS-1"/));
  await assert.rejects(
    plan({ [`${STORIES}/OPS-2.md`]: '---\nid: ../../x\n---\n# t\n' }, 'OPS-2'),
    rejectsWith('outside-workspace', 'usage', /^invalid story ID "\.\.\/\.\.\/x"/),
  );
});

test('a path pattern that climbs out, and a planned path that does, are refused naming where they came from', async () => {
  const climbing = PROBE.replace('  out/ \r\n\r\n    {{storyId}}.md', '  ../{{storyId}}.md');
  await assert.rejects(plan({ '.runbook/templates/probe.hbs': climbing }, 'OPS-1'), rejectsWith('outside-workspace', 'usage', 'the path of template "probe" "../OPS-1.md" is outside the workspace; nothing was written'));
  const planned = await plan({}, 'OPS-1');
  const h = host();
  await assert.rejects(createDocument(h, { ...planned, path: '../x.md' }), rejectsWith('outside-workspace', 'usage', 'the document path "../x.md" is outside the workspace; nothing was written'));
  assert.equal(await createDocument(h, { ...planned, path: './out//x.md' }), 'out/x.md');
  await assert.rejects(createDocument(h, { ...planned, path: 'out/x.md' }), rejectsWith('file-exists', 'domain', 'out/x.md already exists; nothing was written', { path: 'out/x.md' }));
});

test('the same refusals in French: no story ID, a template path that climbs out, a document path that does, a file that exists', async () => {
  await assert.rejects(
    plan({}, undefined),
    rejectsWith('missing-fields', 'usage', 'missing required fields: story ID (template "probe")', undefined, 'champs obligatoires manquants : ID de story (modèle « probe »)'),
  );
  const climbing = PROBE.replace('  out/ \r\n\r\n    {{storyId}}.md', '  ../{{storyId}}.md');
  await assert.rejects(
    plan({ '.runbook/templates/probe.hbs': climbing }, 'OPS-1'),
    rejectsWith('outside-workspace', 'usage', /^the path of template "probe"/, undefined, "le chemin du modèle « probe » « ../OPS-1.md » est hors de l'espace de travail ; rien n'a été écrit"),
  );
  const planned = await plan({}, 'OPS-1');
  const h = host({ 'out/x.md': 'mine\n' });
  await assert.rejects(
    createDocument(h, { ...planned, path: '../x.md' }),
    rejectsWith('outside-workspace', 'usage', /^the document path/, undefined, "le chemin du document « ../x.md » est hors de l'espace de travail ; rien n'a été écrit"),
  );
  await assert.rejects(
    createDocument(h, { ...planned, path: 'out/x.md' }),
    rejectsWith('file-exists', 'domain', 'out/x.md already exists; nothing was written', { path: 'out/x.md' }, "out/x.md existe déjà ; rien n'a été écrit"),
  );
});

test('an RCA\'s side update carries its fields and today\'s date when none is given', async () => {
  const h = createMemoryHost({ 'docs/history.md': '## Incident History\n\n| Date | Sev | Title |\n|---|---|---|\n' }, NOW);
  const config = { ...DEFAULT_CONFIG, incidentHistoryFile: 'docs/history.md' };
  const templates = await loadTemplates(h, config, readBuiltInTemplateTexts(), { workspace: false });
  const planned = await planDocument(h, config, templates, { template: 'rca', fields: { title: 'Disk full', severity: '2' } });
  const [update] = planned.sideUpdates;
  const history = '## Incident History\n\n| Date | Sev | Title |\n|---|---|---|\n';
  assert.equal(applyEdits(history, update.edits(history)).trimEnd().split('\n').at(-1), '| 2026-11-23 | SEV2 | Disk full |');
});

test('stories: hidden, excluded, non-markdown and README/INDEX files are not stories; nesting stops at 8 folders', async () => {
  const deep = (levels: number): string => `${STORIES}/${Array.from({ length: levels }, (_, index) => `d${index}`).join('/')}/DEEP-${levels}.md`;
  const h = createMemoryHost({
    [`${STORIES}/A-1.md`]: '# A-1: a\n',
    [`${STORIES}/.draft/B-1.md`]: '# B-1: hidden folder\n',
    [`${STORIES}/.C-1.md`]: '# C-1: hidden file\n',
    [`${STORIES}/node_modules/D-1.md`]: '# D-1: excluded folder\n',
    [`${STORIES}/notes.txt`]: 'not markdown',
    [`${STORIES}/E-1.MD`]: '# E-1: upper-case extension\n',
    [`${STORIES}/INDEX.md`]: '# index\n',
    [`${STORIES}/sub/readme.md`]: '# readme\n',
    [deep(8)]: '# DEEP-8: found\n',
    [deep(9)]: '# DEEP-9: too deep\n',
  });
  assert.deepEqual((await listStories(h, DEFAULT_CONFIG)).map((story) => story.id), ['A-1', 'E-1', 'DEEP-8']);
});

test('stories: listed in path order whatever order the folder lists them in', async () => {
  const h = createMemoryHost({ [`${STORIES}/B-1.md`]: '# B-1: b\n', [`${STORIES}/A-1.md`]: '# A-1: a\n', [`${STORIES}/a/C-1.md`]: '# C-1: c\n' });
  const listing = h.files.readDirectory.bind(h.files);
  h.files.readDirectory = async (folder) => (await listing(folder)).reverse();
  assert.deepEqual((await listStories(h, DEFAULT_CONFIG)).map((story) => story.file), [`${STORIES}/A-1.md`, `${STORIES}/B-1.md`, `${STORIES}/a/C-1.md`]);
});

test('stories: the size limit is inclusive; over it, the error gives the size and the limit', async () => {
  const config = { ...DEFAULT_CONFIG, maxFileSizeKB: 1 };
  const exact = '# S-1: s\n' + 'x'.repeat(1024 - 9);
  assert.equal((await findStory(createMemoryHost({ [`${STORIES}/S-1.md`]: exact }), config, 'S-1')).id, 'S-1');
  await assert.rejects(
    findStory(createMemoryHost({ [`${STORIES}/S-1.md`]: exact + 'x'.repeat(1025) }), config, 'S-1'),
    rejectsWith('file-too-large', 'domain', `${STORIES}/S-1.md is 3 KB, over the 1 KB limit (maxFileSizeKB)`, { file: `${STORIES}/S-1.md`, sizeKB: 3, limitKB: 1 }),
  );
});

test('stories: an error that is not the user\'s (the host failing) is not swallowed', async () => {
  const h = createMemoryHost({ [`${STORIES}/A-1.md`]: '# A-1: a\n', [`${STORIES}/B-1.md`]: '# B-1: b\n' });
  h.files.readFile = async () => {
    throw new Error('EIO: disk gone');
  };
  await assert.rejects(listStories(h, DEFAULT_CONFIG), /EIO/);
  await assert.rejects(findStory(h, DEFAULT_CONFIG, 'C-1'), /EIO/);
});

test('findStory: the file name first (exact, then any case), then the frontmatter id (exact, then any case)', async () => {
  const h = createMemoryHost({
    [`${STORIES}/ops-7.md`]: '---\nid: RENAMED-7\n---\n# Rotate\n',
    [`${STORIES}/x.md`]: '---\nid: pay-1\n---\n# lower\n',
    [`${STORIES}/y.md`]: '---\nid: PAY-1\n---\n# upper\n',
    [`${STORIES}/KEEP.mdx.md`]: '---\nid: OTHER-9\n---\n# extension-like name\n',
    [`${STORIES}/x/A-1.md`]: '# A-1: exact file name\n',
    [`${STORIES}/y/a-1.md`]: '# A-1: same name in another case\n',
    [`${STORIES}/x/dd-4.md`]: '# DD-4: one\n',
    [`${STORIES}/y/DD-4.md`]: '# DD-4: two\n',
    [`${STORIES}/BAD.md`]: '---\nid: [unclosed\n---\n# broken frontmatter\n',
  });
  assert.equal((await findStory(h, DEFAULT_CONFIG, 'OPS-7')).id, 'RENAMED-7', 'file name, any case, wins over ids');
  assert.equal((await findStory(h, DEFAULT_CONFIG, 'PAY-1')).title, 'upper', 'the exact id among ids that differ by case');
  assert.equal((await findStory(h, DEFAULT_CONFIG, 'pay-1')).title, 'lower');
  await assert.rejects(findStory(h, DEFAULT_CONFIG, 'Pay-1'), rejectsWith('story-not-found', 'domain', /^no story "Pay-1" in \.agent\/cache\/stories \(closest: /));
  assert.equal((await findStory(h, DEFAULT_CONFIG, 'KEEP.mdx')).id, 'OTHER-9', 'only the last .md is the extension');
  assert.equal((await findStory(h, DEFAULT_CONFIG, 'A-1')).title, 'exact file name', 'an exact file name beats one in another case');
  assert.equal((await findStory(h, DEFAULT_CONFIG, 'a-1')).title, 'same name in another case');
  await assert.rejects(findStory(h, DEFAULT_CONFIG, 'Dd-4'), /story "Dd-4" is ambiguous/, 'no exact name: both in any case');
});

test('findStory: ambiguous, and not found with and without suggestions, each with its message and details', async () => {
  const two = createMemoryHost({ [`${STORIES}/a/S-1.md`]: '# S-1: a\n', [`${STORIES}/b/S-1.md`]: '# S-1: b\n' });
  await assert.rejects(
    findStory(two, DEFAULT_CONFIG, 'S-1'),
    rejectsWith(
      'story-not-found',
      'domain',
      `story "S-1" is ambiguous: ${STORIES}/a/S-1.md, ${STORIES}/b/S-1.md (rename one, or give it a distinct "id:" in its frontmatter)`,
      { id: 'S-1', closest: [], ambiguous: [`${STORIES}/a/S-1.md`, `${STORIES}/b/S-1.md`] },
    ),
  );
  await assert.rejects(
    findStory(createMemoryHost({}), DEFAULT_CONFIG, 'X-1'),
    rejectsWith('story-not-found', 'domain', 'no story "X-1" in .agent/cache/stories (there are no stories yet)', { id: 'X-1', closest: [] }),
  );
  await assert.rejects(
    findStory(createMemoryHost({ 'A-1.md': '# A-1: a\n' }), { ...DEFAULT_CONFIG, storiesFolder: '.' }, 'A-2'),
    rejectsWith('story-not-found', 'domain', 'no story "A-2" in . (closest: A-1)', { id: 'A-2', closest: ['A-1'] }),
  );
});

test('closest names: by edit distance, case-insensitive, ties by name, duplicates once, at most three', () => {
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('abc', ''), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('ab', 'ba'), 2);
  assert.deepEqual(closestNames('ab', ['AC', 'AA', 'AB', 'ab', 'ZZZ']), ['AB', 'ab', 'AA']);
  assert.deepEqual(closestNames('OPS-1', ['OPS-3', 'OPS-2', 'OPS-2']), ['OPS-2', 'OPS-3']);
  assert.deepEqual(closestNames('x', ['b', 'a', 'c'], 2), ['a', 'b']);
  assert.deepEqual(closestNames('x', []), []);
});
