/** The engine's error type and the approver rule: what a front end reads from them. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { approverName } from './approver';
import { DEFAULT_CONFIG } from './config';
import { bilingual, isRunbookError, RunbookError } from './errors';

test('RunbookError: code, message, kind (domain by default), details ({} by default), name; isRunbookError', () => {
  const plain = new RunbookError('file-exists', 'x exists');
  assert.deepEqual([plain.code, plain.message, plain.kind, plain.details, plain.name], ['file-exists', 'x exists', 'domain', {}, 'RunbookError']);
  assert.ok(plain instanceof Error);
  const usage = new RunbookError('invalid-field', 'bad', 'usage', { value: 1 });
  assert.deepEqual([usage.kind, usage.details], ['usage', { value: 1 }]);
  assert.equal(isRunbookError(usage), true);
  assert.equal(isRunbookError(new Error('x')), false);
  assert.equal(isRunbookError({ code: 'file-exists', kind: 'domain', message: 'x' }), false, 'a lookalike object is not one');
});

test('RunbookError in two languages: message is the English one, messageIn picks, text carries both for a rethrow', () => {
  const error = new RunbookError('file-exists', bilingual('x.md already exists', 'x.md existe déjà'));
  assert.equal(error.message, 'x.md already exists');
  assert.deepEqual([error.messageIn('en'), error.messageIn('fr')], ['x.md already exists', 'x.md existe déjà']);
  assert.deepEqual(error.text, { en: 'x.md already exists', fr: 'x.md existe déjà' });
  const english = new RunbookError('file-exists', 'only English');
  assert.deepEqual([english.messageIn('fr'), english.french], ['only English', undefined], 'no French: the English message');
  assert.deepEqual(english.text, { en: 'only English', fr: 'only English' });
});

test('approverName: the name given (even empty, refused later), else the configured default, else the host user', async () => {
  const host = { userName: async () => 'os-user' };
  assert.equal(await approverName('Zoé', DEFAULT_CONFIG, host), 'Zoé');
  assert.equal(await approverName('', { ...DEFAULT_CONFIG, defaultApprover: 'Conf' }, host), '');
  assert.equal(await approverName(undefined, { ...DEFAULT_CONFIG, defaultApprover: '  Conf Person ' }, host), 'Conf Person');
  assert.equal(await approverName(undefined, { ...DEFAULT_CONFIG, defaultApprover: '   ' }, host), 'os-user');
  assert.equal(await approverName(undefined, DEFAULT_CONFIG, host), 'os-user');
});
