/** Calendar dates as documents write them: strict `YYYY-MM-DD`, real days only, local-time "today". */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isoDate, isValidDate } from './dates';

test('isoDate: local calendar date, zero-padded month and day', () => {
  assert.equal(isoDate(new Date(2026, 0, 5, 23, 59)), '2026-01-05');
  assert.equal(isoDate(new Date(2026, 10, 23, 0, 0)), '2026-11-23');
  assert.equal(isoDate(new Date(2026, 11, 31, 12)), '2026-12-31');
});

test('isValidDate: only whole YYYY-MM-DD strings of real days', () => {
  for (const good of ['2026-11-23', '2028-02-29', '2026-12-31', '2026-01-01']) assert.equal(isValidDate(good), true, good);
  for (const bad of ['2026-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '0000-01-01']) assert.equal(isValidDate(bad), false, bad);
  for (const shape of ['x2026-01-01', '2026-01-01x', '2026-1-01', '26-01-01', '2026/01/01', ' 2026-01-01', '']) assert.equal(isValidDate(shape), false, JSON.stringify(shape));
});
