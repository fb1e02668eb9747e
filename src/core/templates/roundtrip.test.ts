/**
 * What the templates write must read back as intended through the document parser: the right kind, a runbook's six
 * known roles and PROPOSED status, incident severity/date/status from the frontmatter, and no action item that the
 * user did not ask for (a placeholder row would count as an open action without an owner).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG } from '../config';
import { planDocument } from '../generate';
import { parseDocument } from '../parse/document';
import { createMemoryHost } from '../testing/memory-host';
import { builtInTemplateSet } from '../../node/builtin-templates';

const templates = builtInTemplateSet();
const NOW = new Date(2026, 1, 23, 9, 30, 0);
const story = readFileSync(join(__dirname, '..', '..', '..', 'test', 'fixtures', 'stories', 'INFRA', 'INFRA-001.md'), 'utf8');

async function generated(template: string, fields: Record<string, string>, storyId?: string) {
  const host = createMemoryHost({ '.agent/cache/stories/INFRA/INFRA-001.md': story }, NOW);
  const planned = await planDocument(host, DEFAULT_CONFIG, templates, { template, fields, storyId });
  // Parsed at a neutral path, so the kind comes from the document itself, not from its folder.
  return parseDocument(planned.text, { file: `elsewhere/${planned.path.split('/').pop() ?? ''}`, config: DEFAULT_CONFIG });
}

test('a generated runbook parses as PROPOSED with every configured role known and no action items', async () => {
  const parsed = await generated('runbook', {}, 'INFRA-001');
  assert.equal(parsed.kind, 'runbook');
  assert.equal(parsed.runbook?.status?.value, 'PROPOSED');
  assert.deepEqual(
    parsed.runbook?.compliance.map((item) => [item.role, item.checked, item.known]),
    DEFAULT_CONFIG.roles.map((role) => [role, false, true]),
  );
  // The verification plan's bullets come from acceptance criteria: they are not tasks.
  assert.deepEqual(parsed.actions, []);
  assert.deepEqual(parsed.findings, []);
});

for (const kind of ['rca', 'postmortem'] as const) {
  test(`a generated ${kind} parses with its severity, date and open status, and no placeholder action`, async () => {
    const parsed = await generated(kind, { title: 'Gateway auth outage', severity: '2' });
    assert.equal(parsed.kind, kind);
    assert.equal(parsed.incident?.severity, 'SEV2');
    assert.equal(parsed.incident?.date, '2026-02-23');
    assert.equal(parsed.incident?.status, 'open');
    assert.equal(parsed.incident?.title, 'Gateway auth outage');
    assert.deepEqual(parsed.actions, []);
    assert.deepEqual(parsed.findings, []);
  });

  test(`a ${kind} started with a first action has exactly that action, with its owner`, async () => {
    const parsed = await generated(kind, { title: 't', severity: '1', action: 'Alert on auth failures', owner: '@ops' });
    assert.equal(parsed.actions.length, 1);
    assert.equal(parsed.actions[0].owner, 'ops');
    assert.match(parsed.actions[0].text, /Alert on auth failures/);
    assert.equal(parsed.actions[0].done, false);
  });
}

test('hand-offs and incident runbooks parse as their kind, with no action items', async () => {
  const handoff = await generated('handoff', { title: 'Budget', urgency: 'P2' });
  assert.equal(handoff.kind, 'handoff');
  assert.deepEqual(handoff.actions, []);
  const incidentRunbook = await generated('incident-runbook', { title: 'Disk full' });
  assert.equal(incidentRunbook.kind, 'incident-runbook');
  assert.deepEqual(incidentRunbook.actions, []);
});
