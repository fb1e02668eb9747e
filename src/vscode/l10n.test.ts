/**
 * Every string the extension shows has a French translation, and every `%key%` of package.json is defined in both
 * package.nls files (a missing key shows the raw `%key%` to users).
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The literal first arguments of `vscode.l10n.t(...)` calls. */
function messages(): Set<string> {
  const found = new Set<string>();
  for (const file of sources(join(ROOT, 'src', 'vscode'))) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/vscode\.l10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) found.add(match[1].replace(/\\(.)/g, '$1'));
  }
  return found;
}

test('every vscode.l10n.t message has a French translation with the same placeholders', () => {
  const french = JSON.parse(readFileSync(join(ROOT, 'l10n', 'bundle.l10n.fr.json'), 'utf8')) as Record<string, string>;
  const all = messages();
  assert.ok(all.size > 20, `found only ${all.size} messages`);
  const missing = [...all].filter((message) => !(message in french));
  assert.deepEqual(missing, [], 'missing from l10n/bundle.l10n.fr.json');
  for (const message of all) {
    const placeholders = (text: string): string[] => (text.match(/\{\d+\}/g) ?? []).sort();
    assert.deepEqual(placeholders(french[message]), placeholders(message), `placeholders of ${JSON.stringify(message)}`);
  }
  // And no translation of a message the extension no longer shows: a stale entry hides a reworded message's gap.
  assert.deepEqual(Object.keys(french).filter((message) => !all.has(message)), [], 'in l10n/bundle.l10n.fr.json but shown nowhere');
});

test('every %key% of package.json is defined in package.nls.json and package.nls.fr.json', () => {
  const manifest = readFileSync(join(ROOT, 'package.json'), 'utf8');
  const keys = new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((match) => match[1]));
  assert.ok(keys.size > 10);
  for (const file of ['package.nls.json', 'package.nls.fr.json']) {
    const table = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, string>;
    assert.deepEqual([...keys].filter((key) => !(key in table)), [], `missing from ${file}`);
  }
});
