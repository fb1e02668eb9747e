import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SerialReload } from './serial-reload';

/** A read whose result the test hands over when it wants, so a slow early read can be made to finish last. */
function controllableReads(): { read: () => Promise<string>; started: string[]; finish: (index: number, value: string) => void } {
  const pending: Array<(value: string) => void> = [];
  const started: string[] = [];
  return {
    started,
    read: () =>
      new Promise<string>((resolve) => {
        started.push(`read ${pending.length + 1}`);
        pending.push(resolve);
      }),
    finish: (index, value) => pending[index](value),
  };
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

test('a newer read is never overwritten by an older, slower one: reads run one at a time, in order', async () => {
  const reads = controllableReads();
  const applied: string[] = [];
  const reload = new SerialReload(reads.read, (value: string) => (applied.push(value), true));
  const first = reload.reload();
  await tick();
  const second = reload.reload();
  await tick();
  assert.deepEqual(reads.started, ['read 1'], 'the second read waits for the first');
  reads.finish(0, 'old');
  await first;
  await tick();
  assert.deepEqual(reads.started, ['read 1', 'read 2'], 'the second read starts after the first is applied');
  reads.finish(1, 'new');
  await second;
  assert.deepEqual(applied, ['old', 'new']);
});

test('requests made while a read waits to start share that read', async () => {
  const reads = controllableReads();
  const applied: string[] = [];
  const reload = new SerialReload(reads.read, (value: string) => (applied.push(value), value === 'b'));
  const running = reload.reload();
  await tick();
  const waiting = [reload.reload(), reload.reload(), reload.reload()];
  assert.equal(waiting[0], waiting[1]);
  assert.equal(waiting[1], waiting[2]);
  reads.finish(0, 'a');
  assert.equal(await running, false);
  await tick();
  reads.finish(1, 'b');
  assert.deepEqual(await Promise.all(waiting), [true, true, true], 'each request learns whether the value changed');
  assert.deepEqual(reads.started, ['read 1', 'read 2']);
  assert.deepEqual(applied, ['a', 'b']);
});

test('a failed read does not block the next one', async () => {
  let calls = 0;
  const reload = new SerialReload(
    async () => {
      calls++;
      if (calls === 1) throw new Error('disk went away');
      return 'ok';
    },
    () => true,
  );
  await assert.rejects(reload.reload(), /disk went away/);
  assert.equal(await reload.reload(), true);
});
