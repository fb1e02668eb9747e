/** The README documents what the engine has: every check rule in its rule table, every configuration key in its table. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from './check';
import { DEFAULT_CONFIG } from './config';

const README = readFileSync(join(__dirname, '../../README.md'), 'utf8');

test('every check rule is in the README rule table with its severity', () => {
  for (const [rule, { severity }] of Object.entries(RULES)) assert.match(README, new RegExp(`^\\| \`${rule}\` \\| ${severity}\\b`, 'm'), rule);
});

test('every configuration key is in the README configuration table', () => {
  for (const key of Object.keys(DEFAULT_CONFIG)) assert.match(README, new RegExp(`^\\| \`${key}\` \\|`, 'm'), key);
});
