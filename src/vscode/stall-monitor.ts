/**
 * Measures how long the extension host's event loop was held while the index loaded: a 10 ms timer notes how late
 * each tick fires. Logged after every (re)scan ("longest event-loop stall while indexing: N ms") and read by
 * `npm run bench` (bench/activation.mjs): an extension must never hold the host — shared by every extension — for
 * long, and 50 ms is the line past which a user feels it.
 */

/** What a watch saw: its longest stall and how many stalls went over `threshold` ms. */
export interface StallReport {
  longestMs: number;
  overThreshold: number;
  threshold: number;
}

const TICK_MS = 10;

/** Start watching; `stop()` ends the watch and returns what it saw. */
export function watchEventLoop(threshold = 50): { stop(): StallReport } {
  let longest = 0;
  let over = 0;
  let expected = performance.now() + TICK_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = (): void => {
    const now = performance.now();
    const late = now - expected;
    if (late > longest) longest = late;
    if (late > threshold) over += 1;
    expected = now + TICK_MS;
    timer = setTimeout(tick, TICK_MS);
  };
  timer = setTimeout(tick, TICK_MS);
  return {
    stop() {
      clearTimeout(timer);
      // The tick pending now may itself be late: count it too.
      tick();
      clearTimeout(timer);
      return { longestMs: Math.round(longest), overThreshold: over, threshold };
    },
  };
}
