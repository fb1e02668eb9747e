/**
 * Re-reads something (the configuration) one read at a time, in the order asked: two reads that overlap can finish in
 * either order, and the slower, older one would otherwise overwrite what the newer one applied. Requests made while a
 * read waits to start share it, since that read will see their change too.
 *
 * No `vscode` import: unit-tested with controllable reads.
 */
export class SerialReload<T> {
  private tail: Promise<void> = Promise.resolve();
  /** The read that is queued but has not started yet: a new request joins it. */
  private queued: Promise<boolean> | null = null;

  /**
   * @param read reads the current value.
   * @param apply takes each value in request order; returns whether it differed from the one before.
   */
  constructor(
    private readonly read: () => Promise<T>,
    private readonly apply: (value: T) => boolean,
  ) {}

  /** Read again once the reads before have finished; resolves (to whether the value changed) once applied. */
  reload(): Promise<boolean> {
    if (this.queued) return this.queued;
    const next = this.tail.then(async () => {
      this.queued = null; // from here on, a change needs a read that starts after this one
      return this.apply(await this.read());
    });
    this.queued = next;
    this.tail = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }
}
