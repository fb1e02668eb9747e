/** For the core's tests: the `RunbookError` a call throws, failing the test when it throws something else or nothing. */
import { RunbookError } from '../errors';

export function thrownRunbookError(run: () => unknown): RunbookError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  // A plain Error (not an assertion, which src/core may not import) fails the test all the same.
  if (!(caught instanceof RunbookError)) throw new Error(`expected a RunbookError, got ${String(caught)}`);
  return caught;
}
