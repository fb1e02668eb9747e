import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../core/config';
import { loadTemplates } from '../core/templates';
import { createMemoryHost } from '../core/testing/memory-host';
import { findBuiltInTemplatesFolder, loadBuiltInTemplates, readBuiltInTemplateTexts } from './builtin-templates';

test('the templates folder is found by walking up, from src/cli or from dist', () => {
  const folder = findBuiltInTemplatesFolder();
  assert.ok(existsSync(join(folder, 'runbook.hbs')));
  assert.equal(findBuiltInTemplatesFolder(join(folder, '..', 'dist')), folder);
});

test('built-in templates are named templates/<file>, and loadTemplates lists them most used first', async () => {
  assert.deepEqual(
    readBuiltInTemplateTexts().map((entry) => entry.file),
    ['templates/handoff.hbs', 'templates/incident-runbook.hbs', 'templates/postmortem.hbs', 'templates/rca.hbs', 'templates/runbook.hbs', 'templates/story.hbs'],
  );
  assert.equal(loadBuiltInTemplates().length, 6);
  const set = await loadTemplates(createMemoryHost({}), DEFAULT_CONFIG, readBuiltInTemplateTexts(), { workspace: false });
  assert.deepEqual(
    set.templates.map((template) => template.name),
    ['runbook', 'rca', 'postmortem', 'handoff', 'incident-runbook', 'story'],
  );
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
