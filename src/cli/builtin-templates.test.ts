import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBuiltInTemplatesFolder, loadBuiltInTemplates, readBuiltInTemplateTexts } from './builtin-templates';

test('the templates folder is found by walking up, from src/cli or from dist', () => {
  const folder = findBuiltInTemplatesFolder();
  assert.ok(existsSync(join(folder, 'runbook.hbs')));
  assert.equal(findBuiltInTemplatesFolder(join(folder, '..', 'dist')), folder);
});

test('built-in templates are listed most used first, named templates/<file>', () => {
  assert.deepEqual(
    readBuiltInTemplateTexts().map((entry) => entry.file),
    ['templates/runbook.hbs', 'templates/rca.hbs', 'templates/postmortem.hbs', 'templates/handoff.hbs', 'templates/incident-runbook.hbs'],
  );
  assert.equal(loadBuiltInTemplates().length, 5);
});

test('a folder without templates/runbook.hbs above it is an error naming where it looked', () => {
  const root = mkdtempSync(join(tmpdir(), 'runbook-kit-'));
  try {
    mkdirSync(join(root, 'a', 'b'), { recursive: true });
    mkdirSync(join(root, 'templates'));
    writeFileSync(join(root, 'templates', 'other.hbs'), '');
    // `templates/` exists but has no runbook.hbs: keep walking, and fail at the file system root.
    assert.throws(() => findBuiltInTemplatesFolder(join(root, 'a', 'b')), /built-in templates not found above/);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
