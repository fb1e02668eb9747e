/**
 * Cooperative time slicing for long loops on a host that must stay responsive: inside VS Code the index runs on the
 * extension host's event loop, shared with every other extension, so a cold index of 10,000 documents must hand the
 * loop back every few milliseconds instead of holding it for seconds. The CLI passes no `yieldToHost` and runs straight.
 */

/** How long a slice of synchronous work may run before the host gets a turn (well under the 50 ms "stall" line). */
const DEFAULT_SLICE_MS = 8;

export class TimeSlicer {
  private sliceStart = performance.now();

  constructor(
    /** Resolves on the host's next turn (the extension passes `setImmediate`); none: never yield. */
    private readonly yieldToHost?: () => Promise<void>,
    private readonly sliceMs = DEFAULT_SLICE_MS,
  ) {}

  /** Yield to the host if the current slice has used its time; call between units of work. */
  async pause(): Promise<void> {
    if (!this.yieldToHost || performance.now() - this.sliceStart < this.sliceMs) return;
    await this.yieldToHost();
    this.sliceStart = performance.now();
  }
}
