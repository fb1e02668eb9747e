/**
 * Stories, the requirements a runbook is generated from: found under the stories folder (`<ID>.md`, or
 * `<SCOPE>/<ID>.md`), read with the size limit, and looked up by ID with suggestions when the ID is not found.
 */
import { normalizeFolder, type RunbookConfig } from '../config';
import { bilingual, RunbookError } from '../errors';
import type { EngineHost } from '../host';
import type { Story } from '../model';
import { parseStory, type ParsedStory } from '../parse/story';
import { decodeUtf8 } from '../templates/discover';
import { closestNames } from './closest';
import { checkPathName, joinPath } from './paths';

/** Files in the stories folder that describe it rather than being a story. */
const SKIPPED_STORY_FILES = new Set(['readme.md', 'index.md']);

interface StoryFile {
  file: string;
  /** The first folder under the stories folder, if the story is in one. */
  folderScope: string | null;
}

async function storyFiles(host: EngineHost, config: RunbookConfig): Promise<StoryFile[]> {
  const root = normalizeFolder(config.storiesFolder);
  const excluded = new Set(config.exclude);
  const found: StoryFile[] = [];
  const walk = async (folder: string, scope: string | null, depth: number): Promise<void> => {
    for (const [name, type] of await host.files.readDirectory(folder)) {
      if (name.startsWith('.') || excluded.has(name)) continue;
      const path = joinPath(folder, name);
      if (type === 'directory') {
        if (depth < 8) await walk(path, scope ?? name, depth + 1);
      } else if (type === 'file' && name.toLowerCase().endsWith('.md') && !SKIPPED_STORY_FILES.has(name.toLowerCase())) {
        found.push({ file: path, folderScope: scope });
      }
    }
  };
  await walk(root, null, 0);
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

async function readStory(host: EngineHost, config: RunbookConfig, entry: StoryFile): Promise<ParsedStory> {
  const bytes = await host.files.readFile(entry.file);
  if (bytes.byteLength > config.maxFileSizeKB * 1024) {
    throw new RunbookError(
      'file-too-large',
      bilingual(
        `${entry.file} is ${Math.ceil(bytes.byteLength / 1024)} KB, over the ${config.maxFileSizeKB} KB limit (maxFileSizeKB)`,
        `${entry.file} fait ${Math.ceil(bytes.byteLength / 1024)} Ko, au-delà de la limite de ${config.maxFileSizeKB} Ko (maxFileSizeKB)`,
      ),
      'domain',
      { file: entry.file, sizeKB: Math.ceil(bytes.byteLength / 1024), limitKB: config.maxFileSizeKB },
    );
  }
  const story = parseStory(decodeUtf8(bytes, entry.file), entry.file);
  return { ...story, scope: story.scope ?? entry.folderScope };
}

/**
 * Every story under `config.storiesFolder` (`<ID>.md`, or `<SCOPE>/<ID>.md` which gives the scope unless the
 * frontmatter names one), sorted by path. A story whose frontmatter is malformed is left out here (`runbook check`
 * reports it); `findStory` reports it when it is the one asked for.
 */
export async function listStories(host: EngineHost, config: RunbookConfig): Promise<Story[]> {
  const stories: Story[] = [];
  for (const entry of await storyFiles(host, config)) {
    try {
      stories.push(await readStory(host, config, entry));
    } catch (error) {
      if (!(error instanceof RunbookError)) throw error;
    }
  }
  return stories;
}

/**
 * The story with this ID (exact, else the only case-insensitive match). Throws `outside-workspace` for an ID that
 * could not be a file name, and `story-not-found` naming up to 3 closest IDs (`details.closest`) otherwise.
 */
export async function findStory(host: EngineHost, config: RunbookConfig, id: string): Promise<ParsedStory> {
  checkPathName(id, 'story ID');
  const entries = await storyFiles(host, config);
  const fileId = (entry: StoryFile): string => (entry.file.split('/').pop() ?? '').replace(/\.md$/i, '');
  // The file named after the ID first: its errors (malformed frontmatter) are the user's to see.
  const named = entries.filter((entry) => fileId(entry) === id);
  const namedLoose = named.length > 0 ? named : entries.filter((entry) => fileId(entry).toLowerCase() === id.toLowerCase());
  if (namedLoose.length > 1) {
    // Two scopes with the same story ID: picking one silently would write the runbook for the wrong story.
    const files = namedLoose.map((entry) => entry.file);
    throw new RunbookError(
      'story-not-found',
      bilingual(
        `story "${id}" is ambiguous: ${files.join(', ')} (rename one, or give it a distinct "id:" in its frontmatter)`,
        `la story « ${id} » est ambiguë : ${files.join(', ')} (renommez-en une, ou donnez-lui un « id: » distinct dans son frontmatter)`,
      ),
      'domain',
      { id, closest: [], ambiguous: files },
    );
  }
  if (namedLoose.length === 1) return readStory(host, config, namedLoose[0]);
  // Then stories whose frontmatter `id` differs from their file name.
  const others: ParsedStory[] = [];
  for (const entry of entries) {
    if (namedLoose.includes(entry)) continue;
    try {
      others.push(await readStory(host, config, entry));
    } catch (error) {
      if (!(error instanceof RunbookError)) throw error;
    }
  }
  const exact = others.find((story) => story.id === id);
  if (exact) return exact;
  const loose = others.filter((story) => story.id.toLowerCase() === id.toLowerCase());
  if (loose.length === 1) return loose[0];
  const ids = [...others.map((story) => story.id), ...entries.map(fileId)];
  const closest = closestNames(id, ids);
  const hint = closest.length > 0 ? ` (closest: ${closest.join(', ')})` : ' (there are no stories yet)';
  const hintFr = closest.length > 0 ? ` (les plus proches : ${closest.join(', ')})` : " (il n'y a pas encore de story)";
  const folder = normalizeFolder(config.storiesFolder) || '.';
  throw new RunbookError('story-not-found', bilingual(`no story "${id}" in ${folder}${hint}`, `aucune story « ${id} » dans ${folder}${hintFr}`), 'domain', {
    id,
    closest,
  });
}

