/**
 * Golden tests: every built-in template rendered from `test/fixtures/templates/<name>/request.json` with a fixed clock,
 * compared with `expected.md` beside it (and with the `path` the request expects). `UPDATE_GOLDEN=1` rewrites the
 * expected files instead of comparing, says which changed, and fails the run: an update is reviewed, never passed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../config';
import { planDocument, type DocumentRequest } from '../generate';
import { createMemoryHost } from '../testing/memory-host';
import { builtInTemplateSet } from '../../node/builtin-templates';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');
const NOW = new Date(2026, 1, 23, 9, 30, 0);

const templates = builtInTemplateSet();

for (const template of templates.templates) {
  test(`golden: built-in template "${template.name}"`, async () => {
    const folder = join(FIXTURES, 'templates', template.name);
    const request = JSON.parse(readFileSync(join(folder, 'request.json'), 'utf8')) as DocumentRequest & { path: string };
    const host = createMemoryHost(
      { '.agent/cache/stories/INFRA/INFRA-001.md': readFileSync(join(FIXTURES, 'stories', 'INFRA', 'INFRA-001.md'), 'utf8') },
      NOW,
    );
    const planned = await planDocument(host, DEFAULT_CONFIG, templates, request);
    const expectedFile = join(folder, 'expected.md');
    if (process.env.UPDATE_GOLDEN === '1') {
      const before = existsSync(expectedFile) ? readFileSync(expectedFile, 'utf8') : null;
      writeFileSync(expectedFile, planned.text);
      assert.fail(
        before === planned.text
          ? `UPDATE_GOLDEN=1: ${expectedFile} is unchanged; run the tests again without UPDATE_GOLDEN`
          : `UPDATE_GOLDEN=1: rewrote ${expectedFile}; review the diff (git diff), then run the tests again without UPDATE_GOLDEN`,
      );
    }
    assert.equal(planned.path, request.path);
    assert.equal(planned.text, readFileSync(expectedFile, 'utf8'));
  });
}
