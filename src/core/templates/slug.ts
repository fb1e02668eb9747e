/**
 * File-name slugs: lowercase ASCII, accents folded (`Panne réseau` → `panne-reseau`), never empty, never long, and
 * never containing `/`, `\` or `..`, whatever the title was: a title can never move the file.
 */
import slugifyLibrary from '@sindresorhus/slugify';

/** Long enough to say what the document is about; short enough for Windows paths and terminal listings. */
export const MAX_SLUG_LENGTH = 60;

/** What a slug falls back to when the text has no letter or digit at all. */
export const EMPTY_SLUG = 'untitled';

/**
 * The slug of a title for a file name: `Panne réseau` → `panne-reseau`, `R&D` → `r-and-d`, `../etc` → `etc`, and
 * `untitled` when nothing is left. The result always matches `^[a-z0-9]+(-[a-z0-9]+)*$`.
 */
export function slugify(text: string): string {
  const known = slugsMade.get(text);
  if (known !== undefined) return known;
  const slug = makeSlug(text);
  // Bounded: a workspace of any size cannot grow it past this; starting over costs one library call per title.
  if (slugsMade.size >= MAX_SLUGS_REMEMBERED) slugsMade.clear();
  slugsMade.set(text, slug);
  return slug;
}

/**
 * Slugs already made. The library builds its replacement patterns on every call (about 1 ms each), and every listing
 * slugs every incident title to join an RCA with its post-mortem: 5,000 incidents cost 5 s of `runbook check`.
 */
const slugsMade = new Map<string, string>();
const MAX_SLUGS_REMEMBERED = 50_000;

function makeSlug(text: string): string {
  const base = slugifyLibrary(text, { decamelize: false, separator: '-', lowercase: true })
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-|-$/g, '');
  let slug = base;
  if (slug.length > MAX_SLUG_LENGTH) {
    slug = slug.slice(0, MAX_SLUG_LENGTH);
    const lastDash = slug.lastIndexOf('-');
    // Cut at a word boundary when one is not too far back.
    if (lastDash >= MAX_SLUG_LENGTH / 2) slug = slug.slice(0, lastDash);
    slug = slug.replace(/-+$/, '');
  }
  return slug === '' ? EMPTY_SLUG : slug;
}
