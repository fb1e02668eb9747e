import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, utimesSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunbookError } from '../core/errors';
import { lockPathOf, withFileLock } from './lock';

const folder = (): string => mkdtempSync(join(tmpdir(), 'runbook-lock-'));
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A pid that no process has any more: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

test('holders of one file run one at a time, each seeing what the previous one wrote; the lock file is gone after', async () => {
  const file = join(folder(), 'doc.md');
  writeFileSync(file, '');
  let inside = 0;
  let most = 0;
  await Promise.all(
    Array.from({ length: 12 }, (_, index) =>
      withFileLock(file, 'doc.md', async () => {
        inside += 1;
        most = Math.max(most, inside);
        const text = readFileSync(file, 'utf8');
        await sleep(3);
        writeFileSync(file, `${text}${index}\n`);
        inside -= 1;
      }),
    ),
  );
  assert.equal(most, 1);
  assert.equal(readFileSync(file, 'utf8').split('\n').filter(Boolean).length, 12);
  assert.equal(existsSync(lockPathOf(file)), false);
});

test('a lock kept by a live holder past the timeout is refused with file-locked naming the file; nothing runs', async () => {
  const file = join(folder(), 'doc.md');
  writeFileSync(lockPathOf(file), JSON.stringify({ pid: process.pid, host: hostname(), since: Date.now(), token: 'someone-else' }));
  let ran = false;
  await assert.rejects(
    withFileLock(file, 'docs/doc.md', async () => {
      ran = true;
    }, { timeoutMs: 150 }),
    (error: RunbookError) => {
      assert.equal(error.code, 'file-locked');
      assert.equal(error.kind, 'domain');
      assert.match(error.message, new RegExp(`docs/doc\\.md is being changed by process ${process.pid} since .*; nothing was written, try again`));
      return true;
    },
  );
  assert.equal(ran, false);
  assert.ok(existsSync(lockPathOf(file)), 'a live holder\'s lock is left alone');
});

test('a lock whose holder on this host has exited is stale: broken at once', async () => {
  const file = join(folder(), 'doc.md');
  writeFileSync(lockPathOf(file), JSON.stringify({ pid: deadPid(), host: hostname(), since: Date.now(), token: 'dead' }));
  const started = Date.now();
  assert.equal(await withFileLock(file, 'doc.md', async () => 'ran', { timeoutMs: 5000 }), 'ran');
  assert.ok(Date.now() - started < 2000);
});

test('a lock older than staleMs is broken whoever holds it (another host, or unreadable content)', async () => {
  const dir = folder();
  const other = join(dir, 'a.md');
  writeFileSync(lockPathOf(other), JSON.stringify({ pid: 1, host: 'elsewhere', since: Date.now() - 60_000, token: 'old' }));
  assert.equal(await withFileLock(other, 'a.md', async () => 'ran', { staleMs: 30_000, timeoutMs: 2000 }), 'ran');
  const garbled = join(dir, 'b.md');
  writeFileSync(lockPathOf(garbled), '');
  const old = (Date.now() - 60_000) / 1000;
  utimesSync(lockPathOf(garbled), old, old);
  assert.equal(await withFileLock(garbled, 'b.md', async () => 'ran', { staleMs: 30_000, timeoutMs: 2000 }), 'ran');
});

test('a lock another host holds, fresh, is waited for, not broken', async () => {
  const file = join(folder(), 'doc.md');
  writeFileSync(lockPathOf(file), JSON.stringify({ pid: 1, host: 'elsewhere', since: Date.now(), token: 'fresh' }));
  await assert.rejects(withFileLock(file, 'doc.md', async () => 'ran', { timeoutMs: 100 }), /being changed by process 1 on elsewhere/);
});

test('the task\'s error is passed on and the lock released', async () => {
  const file = join(folder(), 'doc.md');
  await assert.rejects(withFileLock(file, 'doc.md', async () => {
    throw new Error('boom');
  }), /boom/);
  assert.equal(existsSync(lockPathOf(file)), false);
});

test('a lock in a folder that does not exist: file-not-found, not a crash', async () => {
  await assert.rejects(withFileLock(join(folder(), 'nope', 'doc.md'), 'nope/doc.md', async () => 'ran'), (error: RunbookError) => error.code === 'file-not-found');
});
