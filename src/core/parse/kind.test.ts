/**
 * The kind a document gets from its folder, compared without case: on macOS and Windows `DOCS/incidents` and
 * `docs/post-mortems` share one `docs` folder (named as whichever was made first), so a post-mortem written to
 * `docs/post-mortems/` may sit in `DOCS/post-mortems/` — and be committed so, and checked out so on Linux.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_CONFIG } from '../config';
import { parseDocument } from './document';

/** A neutral body: no title or file name that would give the kind away, so only the folder decides. */
const BODY = '# Network outage\n\n## Action items\n- [ ] Add a probe (owner @yan, due 2026-12-01)\n';
const kindOf = (file: string): string => parseDocument(BODY, { file, config: DEFAULT_CONFIG }).kind;

test('post-mortems are found in docs/post-mortems whatever the case of its folders', () => {
  for (const file of ['docs/post-mortems/2026-11-12-x.md', 'DOCS/post-mortems/2026-11-12-x.md', 'Docs/Post-Mortems/2026-11-12-x.md']) {
    assert.equal(kindOf(file), 'postmortem', file);
  }
});

test('RCAs are found in DOCS/incidents whatever the case of its folders', () => {
  for (const file of ['DOCS/incidents/2026-11-02-x.md', 'docs/incidents/2026-11-02-x.md', 'Docs/Incidents/2026-11-02-x.md']) {
    assert.equal(kindOf(file), 'rca', file);
  }
});

test('a folder only starting like a kind folder is not one', () => {
  assert.equal(kindOf('docs/post-mortems-old/2026-11-12-x.md'), 'other');
  assert.equal(kindOf('DOCS/incidents.md'), 'other');
});
