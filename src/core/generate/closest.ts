/** "Did you mean" suggestions for names typed by a user (story IDs, templates). */

/** Levenshtein distance. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Up to `count` candidates closest to `wanted` (case-insensitive), closest first, ties by name. */
export function closestNames(wanted: string, candidates: readonly string[], count = 3): string[] {
  const target = wanted.toUpperCase();
  return [...new Set(candidates)]
    .map((name) => ({ name, distance: editDistance(target, name.toUpperCase()) }))
    .sort((a, b) => a.distance - b.distance || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .slice(0, count)
    .map((entry) => entry.name);
}

