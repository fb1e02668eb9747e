import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addBusinessMinutes, businessMinutesBetween, businessSchedule, dayNumber, parseHours } from './business-hours';

const WEEK = businessSchedule(['Mon', 'Tue', 'Wed', 'Thu', 'Fri'], '09:00-18:00');

test('a SEV2 opened Friday 17:00 with 4 business hours is due Monday 12:00', () => {
  // 2026-11-20 is a Friday.
  assert.equal(addBusinessMinutes('2026-11-20T17:00', 4 * 60, WEEK), '2026-11-23T12:00');
  assert.equal(businessMinutesBetween('2026-11-20T17:00', '2026-11-23T12:00', WEEK), 240);
});

test('the business clock: inside hours, up to closing time, outside hours, weekends, several days', () => {
  assert.equal(addBusinessMinutes('2026-11-18T10:00', 60, WEEK), '2026-11-18T11:00');
  assert.equal(addBusinessMinutes('2026-11-18T17:00', 60, WEEK), '2026-11-18T18:00', 'due exactly at closing time');
  assert.equal(addBusinessMinutes('2026-11-18T17:00', 61, WEEK), '2026-11-19T09:01');
  assert.equal(addBusinessMinutes('2026-11-18T07:30', 30, WEEK), '2026-11-18T09:30', 'before opening: counts from opening');
  assert.equal(addBusinessMinutes('2026-11-18T21:00', 30, WEEK), '2026-11-19T09:30', 'after closing: counts from the next opening');
  assert.equal(addBusinessMinutes('2026-11-21T10:00', 60, WEEK), '2026-11-23T10:00', 'Saturday: counts from Monday');
  assert.equal(addBusinessMinutes('2026-11-20T17:00', 24 * 60, WEEK), '2026-11-25T14:00', '24 business hours: 1 h Friday, 9 h Monday and Tuesday, 5 h Wednesday');
  assert.equal(addBusinessMinutes('2026-11-21T10:00', 0, WEEK), '2026-11-23T09:00', 'no budget outside hours: the next opening');
  assert.equal(addBusinessMinutes('2026-11-18T10:00', 0, WEEK), '2026-11-18T10:00');
});

test('configured days and hours, English and French day names; no business day at all gives null', () => {
  const weekend = businessSchedule(['samedi', 'Sunday'], '10:00-12:00');
  assert.equal(addBusinessMinutes('2026-11-20T17:00', 150, weekend), '2026-11-22T10:30');
  assert.equal(dayNumber('Lundi'), 1);
  assert.equal(dayNumber('fri'), 5);
  assert.equal(dayNumber('Freitag'), null);
  assert.deepEqual(parseHours('08:30 - 17:45'), { open: 510, close: 1065 });
  assert.equal(parseHours('18:00-09:00'), null);
  assert.equal(parseHours('9-18'), null);
  assert.equal(addBusinessMinutes('2026-11-20T17:00', 60, businessSchedule([], '09:00-18:00')), null);
});
