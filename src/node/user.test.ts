/** Who "mine" is on this machine: the git user name, the local part of the git e-mail, the OS user. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ownHandles, osUserName } from './user';

test('ownHandles: git user.name, the e-mail local part (the usual @handle) and the OS user, without duplicates', async () => {
  const repo = mkdtempSync(join(tmpdir(), 'runbook-user-'));
  execFileSync('git', ['init', '-q'], { cwd: repo });
  execFileSync('git', ['config', 'user.name', 'Émilie Durand'], { cwd: repo });
  execFileSync('git', ['config', 'user.email', 'emilie.durand@example.com'], { cwd: repo });
  assert.deepEqual(await ownHandles(repo), [...new Set(['Émilie Durand', 'emilie.durand', osUserName()])]);
  assert.deepEqual(await ownHandles(null), [osUserName()], 'no local folder: the OS user only');
});
