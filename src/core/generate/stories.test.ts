/**
 * Stories at their edges: only regular files are stories, the listing is sorted whatever order the folder gives, and
 * each refusal of `findStory` (too large, ambiguous, not found with and without suggestions) in English and French.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import { RunbookError } from '../errors';
import type { DirectoryEntry, EngineHost } from '../host';
import { createMemoryHost } from '../testing/memory-host';
import { findStory, listStories } from './stories';

const FOLDER = DEFAULT_CONFIG.storiesFolder;

/** A memory host whose stories folder lists `entries` in that order (types included) instead of its own listing. */
function listingHost(files: Record<string, string>, entries: DirectoryEntry[]): EngineHost {
  const host = createMemoryHost(files);
  const readDirectory = async (path: string): Promise<DirectoryEntry[]> => (path === FOLDER ? entries : host.files.readDirectory(path));
  return { ...host, files: { ...host.files, readDirectory } };
}

/** `promise` rejects with a `RunbookError` of `code` whose messages are exactly these. */
async function refused(promise: Promise<unknown>, code: string, en: string, fr: string): Promise<RunbookError> {
  let caught: unknown;
  await assert.rejects(promise, (error: unknown) => {
    caught = error;
    return true;
  });
  assert.ok(caught instanceof RunbookError, String(caught));
  assert.equal(caught.code, code);
  assert.equal(caught.message, en);
  assert.equal(caught.messageIn('fr'), fr);
  return caught;
}

test('listStories: only regular files are stories; sorted by path whatever order the folder lists them in', async () => {
  const files = { [`${FOLDER}/A-1.md`]: '# A-1: a\n', [`${FOLDER}/B-1.md`]: '# B-1: b\n', [`${FOLDER}/C-1.md`]: '# C-1: c\n', [`${FOLDER}/PIPE-1.md`]: '# PIPE-1: p\n' };
  const host = listingHost(files, [['C-1.md', 'file'], ['PIPE-1.md', 'other'], ['B-1.md', 'file'], ['A-1.md', 'file']]);
  assert.deepEqual((await listStories(host, DEFAULT_CONFIG)).map((story) => story.id), ['A-1', 'B-1', 'C-1']);
  await refused(findStory(host, DEFAULT_CONFIG, 'PIPE-1'), 'story-not-found', `no story "PIPE-1" in ${FOLDER} (closest: A-1, B-1, C-1)`, `aucune story « PIPE-1 » dans ${FOLDER} (les plus proches : A-1, B-1, C-1)`);
});

test('findStory: a story over maxFileSizeKB gives its size rounded up, in English and French', async () => {
  const host = createMemoryHost({ [`${FOLDER}/BIG-1.md`]: `# BIG-1: big\n\n${'x'.repeat(2100)}\n` });
  const error = await refused(
    findStory(host, { ...DEFAULT_CONFIG, maxFileSizeKB: 2 }, 'BIG-1'),
    'file-too-large',
    `${FOLDER}/BIG-1.md is 3 KB, over the 2 KB limit (maxFileSizeKB)`,
    `${FOLDER}/BIG-1.md fait 3 Ko, au-delà de la limite de 2 Ko (maxFileSizeKB)`,
  );
  assert.deepEqual(error.details, { file: `${FOLDER}/BIG-1.md`, sizeKB: 3, limitKB: 2 });
});

test('findStory: an ID in two scopes is ambiguous, both files named in English and French', async () => {
  const host = createMemoryHost({ [`${FOLDER}/A/X-1.md`]: '# X-1: a\n', [`${FOLDER}/B/X-1.md`]: '# X-1: b\n' });
  const files = `${FOLDER}/A/X-1.md, ${FOLDER}/B/X-1.md`;
  await refused(
    findStory(host, DEFAULT_CONFIG, 'X-1'),
    'story-not-found',
    `story "X-1" is ambiguous: ${files} (rename one, or give it a distinct "id:" in its frontmatter)`,
    `la story « X-1 » est ambiguë : ${files} (renommez-en une, ou donnez-lui un « id: » distinct dans son frontmatter)`,
  );
});

test('findStory: not found, with the closest IDs or saying there are none yet, in English and French', async () => {
  const none = await refused(
    findStory(createMemoryHost({}), { ...DEFAULT_CONFIG, storiesFolder: '' }, 'PAY-1'),
    'story-not-found',
    'no story "PAY-1" in . (there are no stories yet)',
    "aucune story « PAY-1 » dans . (il n'y a pas encore de story)",
  );
  assert.deepEqual(none.details, { id: 'PAY-1', closest: [] });
  const one = createMemoryHost({ [`${FOLDER}/PAY-2.md`]: '# PAY-2: pay\n' });
  await refused(findStory(one, DEFAULT_CONFIG, 'PAY-1'), 'story-not-found', `no story "PAY-1" in ${FOLDER} (closest: PAY-2)`, `aucune story « PAY-1 » dans ${FOLDER} (les plus proches : PAY-2)`);
});
