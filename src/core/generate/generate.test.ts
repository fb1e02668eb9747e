import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_CONFIG, type RunbookConfig } from '../config';
import { RunbookError, type ErrorCode } from '../errors';
import type { EngineHost } from '../host';
import { splitFrontmatter } from '../parse/frontmatter';
import { loadTemplates, type TemplateSet } from '../templates/discover';
import { createMemoryHost } from '../testing/memory-host';
import { builtInTemplateSet, readBuiltInTemplateTexts } from '../../node/builtin-templates';
import { closestNames, createDocument, findStory, listStories, planDocument, workspacePath, type PlannedDocument } from '.';

const FIXTURES = join(__dirname, '..', '..', '..', 'test', 'fixtures');
const fixture = (relative: string): string => readFileSync(join(FIXTURES, relative), 'utf8');
const templates = builtInTemplateSet();

/** Plan and write the `runbook` template for this story. */
async function newRunbook(host: EngineHost, config: RunbookConfig, set: TemplateSet, storyId: string): Promise<PlannedDocument> {
  const planned = await planDocument(host, config, set, { template: 'runbook', fields: {}, storyId });
  await createDocument(host, planned);
  return planned;
}

/** Plan and write an RCA or post-mortem from its usual fields. */
async function newIncident(
  host: EngineHost,
  config: RunbookConfig,
  set: TemplateSet,
  kind: 'rca' | 'postmortem',
  values: { title: string; severity: string; date?: string },
): Promise<PlannedDocument> {
  const planned = await planDocument(host, config, set, { template: kind, fields: { ...values } });
  await createDocument(host, planned);
  return planned;
}
const NOW = new Date(2026, 1, 23, 23, 59, 0);
const STORIES = '.agent/cache/stories';

function storyHost(extra: Record<string, string> = {}): ReturnType<typeof createMemoryHost> {
  return createMemoryHost(
    {
      [`${STORIES}/INFRA/INFRA-001.md`]: fixture('stories/INFRA/INFRA-001.md'),
      [`${STORIES}/INFRA-002.md`]: '# INFRA-002: Rotate secrets\n',
      [`${STORIES}/WEB/checkout.md`]: fixture('stories/frontmatter-scope.md'),
      [`${STORIES}/README.md`]: '# About stories\n',
      ...extra,
    },
    NOW,
  );
}

function isError(code: ErrorCode, check?: (error: RunbookError) => void): (error: unknown) => boolean {
  return (error: unknown) => {
    assert.ok(error instanceof RunbookError, `expected RunbookError ${code}, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    check?.(error);
    return true;
  };
}

test('listStories: scope from the subfolder unless frontmatter names one; README skipped', async () => {
  const stories = await listStories(storyHost(), DEFAULT_CONFIG);
  assert.deepEqual(
    stories.map((story) => [story.id, story.scope, story.file]),
    [
      ['INFRA-002', null, `${STORIES}/INFRA-002.md`],
      ['INFRA-001', 'INFRA', `${STORIES}/INFRA/INFRA-001.md`],
      ['WEB-042', 'web', `${STORIES}/WEB/checkout.md`],
    ],
  );
});

test('findStory: by file name or frontmatter id, case-insensitive', async () => {
  const host = storyHost();
  assert.equal((await findStory(host, DEFAULT_CONFIG, 'INFRA-001')).scope, 'INFRA');
  assert.equal((await findStory(host, DEFAULT_CONFIG, 'web-042')).title, 'Checkout & payment <retry>');
  assert.equal((await findStory(host, DEFAULT_CONFIG, 'infra-002')).id, 'INFRA-002');
});

test('findStory: not found names up to 3 closest IDs', async () => {
  await assert.rejects(
    findStory(storyHost(), DEFAULT_CONFIG, 'INFRA-01'),
    isError('story-not-found', (error) => {
      assert.equal(error.kind, 'domain');
      assert.deepEqual((error.details.closest as string[]).slice(0, 2), ['INFRA-001', 'INFRA-002']);
      assert.ok((error.details.closest as string[]).length <= 3);
      assert.match(error.message, /closest: INFRA-001, INFRA-002/);
    }),
  );
  assert.deepEqual(closestNames('ABC', ['XYZ', 'ABD', 'ABC-1', 'QQQQQQ', 'AB']), ['AB', 'ABD', 'ABC-1']);
});

test('findStory: the asked story with malformed frontmatter is reported, not skipped', async () => {
  const host = storyHost({ [`${STORIES}/BAD-001.md`]: fixture('stories/malformed-frontmatter.md') });
  await assert.rejects(findStory(host, DEFAULT_CONFIG, 'BAD-001'), /BAD-001\.md:\d+: malformed frontmatter/);
  // Other stories are still found, and the listing leaves the broken one out.
  assert.equal((await findStory(host, DEFAULT_CONFIG, 'INFRA-002')).id, 'INFRA-002');
  assert.equal((await listStories(host, DEFAULT_CONFIG)).length, 3);
});

test('a story with CRLF and a BOM generates the same runbook', async () => {
  const lf = await planDocument(storyHost(), DEFAULT_CONFIG, templates, { template: 'runbook', fields: {}, storyId: 'INFRA-001' });
  const crlfText = `\uFEFF${fixture('stories/INFRA/INFRA-001.md').replace(/\n/g, '\r\n')}`;
  const host = storyHost({ [`${STORIES}/INFRA/INFRA-001.md`]: crlfText });
  const crlf = await planDocument(host, DEFAULT_CONFIG, templates, { template: 'runbook', fields: {}, storyId: 'INFRA-001' });
  assert.equal(crlf.text, lf.text);
  assert.doesNotMatch(crlf.text, /\r|\uFEFF/);
});

test('runbook: path from scope folder, six compliance lines, criteria as plain bullets', async () => {
  const host = storyHost();
  const planned = await newRunbook(host, DEFAULT_CONFIG, templates, 'INFRA-001');
  assert.equal(planned.path, '.agent/cache/runbooks/INFRA/INFRA-001-runbook.md');
  assert.equal(host.written.get(planned.path), planned.text);
  const lines = planned.text.split('\n');
  assert.ok(lines.includes('# INFRA-001: Gateway auth profiles'));
  assert.equal(lines[lines.indexOf('# INFRA-001: Gateway auth profiles') + 2], 'Status: PROPOSED');
  assert.deepEqual(
    lines.filter((line) => line.startsWith('- [ ]')),
    ['Security', 'Architect', 'QA', 'Docs', 'Compliance', 'Observability'].map((role) => `- [ ] @${role} approved?`),
  );
  assert.ok(lines.includes('- All ten agents start after a fresh deploy'));
});

test('runbook: roles come from the configuration; scope defaults to config.defaultScope', async () => {
  const config: RunbookConfig = { ...DEFAULT_CONFIG, roles: ['Security', 'SRE'], defaultScope: 'platform' };
  const planned = await planDocument(storyHost(), config, templates, { template: 'runbook', fields: {}, storyId: 'INFRA-002' });
  assert.equal(planned.path, '.agent/cache/runbooks/platform/INFRA-002-runbook.md');
  assert.deepEqual(
    planned.text.split('\n').filter((line) => line.startsWith('- [ ]')),
    ['- [ ] @Security approved?', '- [ ] @SRE approved?'],
  );
});

test('runbook: no story ID is a missing field; a story ID or scope with ../ is refused', async () => {
  await assert.rejects(
    planDocument(storyHost(), DEFAULT_CONFIG, templates, { template: 'runbook', fields: {} }),
    isError('missing-fields', (error) => assert.equal(error.kind, 'usage')),
  );
  for (const storyId of ['../../etc/passwd', '../INFRA-001', 'INFRA/../../x', '/abs', '.hidden', 'a..b']) {
    await assert.rejects(
      planDocument(storyHost(), DEFAULT_CONFIG, templates, { template: 'runbook', fields: {}, storyId }),
      isError('outside-workspace'),
      storyId,
    );
  }
  const host = storyHost({ [`${STORIES}/EVIL-1.md`]: '---\nscope: ../../..\n---\n# EVIL-1: x\n' });
  await assert.rejects(
    planDocument(host, DEFAULT_CONFIG, templates, { template: 'runbook', fields: {}, storyId: 'EVIL-1' }),
    isError('outside-workspace', (error) => assert.match(error.message, /scope/)),
  );
  const idHost = storyHost({ [`${STORIES}/EVIL-2.md`]: '---\nid: ../../x\n---\n# x\n' });
  await assert.rejects(
    planDocument(idHost, DEFAULT_CONFIG, templates, { template: 'runbook', fields: {}, storyId: 'EVIL-2' }),
    isError('outside-workspace'),
  );
  assert.equal(host.written.size + idHost.written.size, 0);
});

test('a ../ in a title stays inside the folder, slugified', async () => {
  const host = createMemoryHost({}, NOW);
  const planned = await newIncident(host, DEFAULT_CONFIG, templates, 'rca', { title: '../../../etc/passwd', severity: '1' });
  assert.equal(planned.path, 'DOCS/incidents/2026-02-23-etc-passwd-rca.md');
  assert.equal(host.written.size, 1);
});

test('accents are folded in the path, kept in the document', async () => {
  const host = createMemoryHost({}, NOW);
  const planned = await newIncident(host, DEFAULT_CONFIG, templates, 'postmortem', { title: 'Panne réseau', severity: 'sev2' });
  assert.equal(planned.path, 'docs/post-mortems/2026-02-23-panne-reseau.md');
  assert.match(planned.text, /^# Post-mortem: Panne réseau$/m);
});

test('a config folder that climbs out of the workspace is refused', async () => {
  const config = { ...DEFAULT_CONFIG, incidentsFolder: '../outside' };
  await assert.rejects(
    planDocument(createMemoryHost({}, NOW), config, templates, { template: 'rca', fields: { title: 'x', severity: '1' } }),
    isError('outside-workspace'),
  );
  assert.equal(workspacePath('a/./b/../c.md', 'p'), 'a/c.md');
  assert.equal(workspacePath('a\\b.md', 'p'), 'a/b.md');
  for (const bad of ['/etc/x.md', 'C:/x.md', '..', 'a/../../b.md', '', '~/x.md']) {
    assert.throws(() => workspacePath(bad, 'p'), isError('outside-workspace'), bad);
  }
});

test('missing required fields are all listed in one usage error', async () => {
  await assert.rejects(
    planDocument(createMemoryHost({}, NOW), DEFAULT_CONFIG, templates, { template: 'rca', fields: {} }),
    isError('missing-fields', (error) => {
      assert.equal(error.message, 'missing required fields: title, severity');
      assert.equal(error.kind, 'usage');
      assert.deepEqual(error.details.missing, ['title', 'severity']);
    }),
  );
  await assert.rejects(
    planDocument(createMemoryHost({}, NOW), DEFAULT_CONFIG, templates, { template: 'rca', fields: { title: '   ', severity: '2' } }),
    isError('missing-fields', (error) => assert.deepEqual(error.details.missing, ['title'])),
  );
});

test('severities are normalised onto each template\'s own spelling', async () => {
  const severityOf = async (template: string, value: string, field = 'severity'): Promise<string> => {
    const planned = await planDocument(createMemoryHost({}, NOW), DEFAULT_CONFIG, templates, {
      template,
      fields: { title: 't', [field]: value },
    });
    return /^(?:severity|urgency): (.+)$/m.exec(planned.text)?.[1] ?? '';
  };
  for (const value of ['2', 'sev2', 'SEV-2', 'Sev 2', 'sev-2', ' SEV2 ']) {
    assert.equal(await severityOf('rca', value), 'SEV-2', value);
    assert.equal(await severityOf('postmortem', value), 'SEV2', value);
  }
  for (const [value, expected] of [['0', 'P0'], ['p1', 'P1'], ['P-2', 'P2'], ['P3', 'P3']]) {
    assert.equal(await severityOf('handoff', value, 'urgency'), expected);
  }
});

test('a bad choice or date lists what is allowed', async () => {
  await assert.rejects(
    planDocument(createMemoryHost({}, NOW), DEFAULT_CONFIG, templates, { template: 'rca', fields: { title: 't', severity: '7' } }),
    isError('invalid-field', (error) => {
      assert.equal(error.kind, 'usage');
      assert.match(error.message, /severity must be one of SEV-1, SEV-2, SEV-3, found "7"/);
      assert.deepEqual(error.details.allowed, ['SEV-1', 'SEV-2', 'SEV-3']);
    }),
  );
  for (const date of ['2026-02-30', '23/02/2026', 'yesterday']) {
    await assert.rejects(
      planDocument(createMemoryHost({}, NOW), DEFAULT_CONFIG, templates, { template: 'rca', fields: { title: 't', severity: '1', date } }),
      isError('invalid-field', (error) => assert.match(error.message, /YYYY-MM-DD/)),
    );
  }
  await assert.rejects(
    planDocument(createMemoryHost({}, NOW), DEFAULT_CONFIG, templates, { template: 'rca', fields: { title: 't', severity: '1', sevrity: '2' } }),
    isError('invalid-field', (error) => assert.match(error.message, /no field "sevrity"/)),
  );
});

test('the date defaults to today in local time', async () => {
  // 23:59 local on the 23rd: a UTC date could already be the 24th east of Greenwich, or still the 23rd.
  const planned = await planDocument(createMemoryHost({}, NOW), DEFAULT_CONFIG, templates, {
    template: 'rca',
    fields: { title: 'Late', severity: '3' },
  });
  assert.match(planned.text, /^date: 2026-02-23$/m);
  const given = await planDocument(createMemoryHost({}, NOW), DEFAULT_CONFIG, templates, {
    template: 'rca',
    fields: { title: 'Late', severity: '3', date: '2026-01-05' },
  });
  assert.equal(given.path, 'DOCS/incidents/2026-01-05-late-rca.md');
});

test('an existing file is never overwritten', async () => {
  const path = 'DOCS/incidents/2026-02-23-gateway-auth-outage-rca.md';
  const host = createMemoryHost({ [path]: 'my notes\n' }, NOW);
  await assert.rejects(
    newIncident(host, DEFAULT_CONFIG, templates, 'rca', { title: 'Gateway auth outage', severity: '2' }),
    isError('file-exists', (error) => {
      assert.equal(error.message, `${path} already exists; nothing was written`);
      assert.equal(error.details.path, path);
    }),
  );
  assert.equal(new TextDecoder().decode(await host.files.readFile(path)), 'my notes\n');
  assert.equal(host.written.size, 0);
  // createDocument on its own refuses the same way.
  const planned = await planDocument(host, DEFAULT_CONFIG, templates, { template: 'rca', fields: { title: 'Gateway auth outage', severity: '2' } });
  await assert.rejects(createDocument(host, planned), isError('file-exists'));
});

test('titles with & < " and newlines: kept unescaped, folded onto one line, safe in the frontmatter', async () => {
  const host = createMemoryHost({}, NOW);
  const planned = await newIncident(host, DEFAULT_CONFIG, templates, 'rca', { title: 'R&D <beta> "v2"\nsecond: line', severity: '1' });
  assert.match(planned.text, /^# RCA: R&D <beta> "v2" second: line$/m);
  assert.match(planned.text, /^title: "R&D <beta> \\"v2\\" second: line"$/m);
  assert.equal(planned.path, 'DOCS/incidents/2026-02-23-r-and-d-beta-v2-second-line-rca.md');
});

test('a workspace template overrides the built-in one; a | and a newline in a table cell are made safe', async () => {
  const host = createMemoryHost({ '.runbook/templates/rca.hbs': fixture('templates/workspace/rca.hbs') }, NOW);
  const merged = await loadTemplates(host, DEFAULT_CONFIG, readBuiltInTemplateTexts(), { workspace: true });
  const planned = await planDocument(host, DEFAULT_CONFIG, merged, {
    template: 'rca',
    fields: { title: 'Queue | backlog', severity: 'sev 1', impact: 'line one\nline | two' },
  });
  assert.equal(planned.path, 'ops/rca/2026-02-23-queue-backlog.md');
  assert.equal(planned.template.source, 'workspace');
  assert.match(planned.text, /^\| Queue \\\| backlog \| line one<br>line \\\| two \|$/m);
});

test('the built-in RCA has no placeholder action row unless a first action is given', async () => {
  const bare = await planDocument(createMemoryHost({}, NOW), DEFAULT_CONFIG, templates, { template: 'rca', fields: { title: 't', severity: '1' } });
  const actionsSection = bare.text.slice(bare.text.indexOf('## Action items'));
  assert.doesNotMatch(actionsSection.replace(/<!--[\s\S]*?-->/g, ''), /\|/);
  const withAction = await planDocument(createMemoryHost({}, NOW), DEFAULT_CONFIG, templates, {
    template: 'rca',
    fields: { title: 't', severity: '1', action: 'Pin the | version', owner: 'ops' },
  });
  assert.match(withAction.text, /^\| 1 \| Pin the \\\| version \| @ops \| OPEN \|$/m);
});

test('the generated frontmatter reads back as written, whatever the title', async () => {
  for (const title of ['R&D: "v2" # not a comment', 'yes', '1.0', 'Panne réseau', "l'été", 'null', '- dash', '[x]']) {
    for (const template of ['rca', 'postmortem'] as const) {
      const planned = await planDocument(createMemoryHost({}, NOW), DEFAULT_CONFIG, templates, {
        template,
        fields: { title, severity: '2' },
      });
      const data = splitFrontmatter(planned.text, planned.path).data;
      assert.equal(data.title, title, `${template}: ${title}`);
      assert.equal(data.kind, template);
      assert.equal(data.status, 'open');
      assert.equal(data.date, '2026-02-23');
    }
  }
  const runbook = await planDocument(storyHost(), DEFAULT_CONFIG, templates, { template: 'runbook', fields: {}, storyId: 'INFRA-001' });
  assert.deepEqual(splitFrontmatter(runbook.text, runbook.path).data, { kind: 'runbook', story: 'INFRA-001', scope: 'INFRA' });
});

test('findStory: the same ID in two scope folders is ambiguous, naming both files', async () => {
  const host = storyHost({ [`${STORIES}/WEB/INFRA-001.md`]: '# INFRA-001: Web twin\n' });
  await assert.rejects(
    findStory(host, DEFAULT_CONFIG, 'INFRA-001'),
    isError('story-not-found', (error) => {
      assert.deepEqual(error.details.ambiguous, [`${STORIES}/INFRA/INFRA-001.md`, `${STORIES}/WEB/INFRA-001.md`]);
      assert.match(error.message, /ambiguous/);
    }),
  );
});

test('findStory: a story over maxFileSizeKB is refused with its size', async () => {
  const host = storyHost({ [`${STORIES}/BIG-1.md`]: `# BIG-1: big\n\n${'x'.repeat(3000)}\n` });
  await assert.rejects(
    findStory(host, { ...DEFAULT_CONFIG, maxFileSizeKB: 2 }, 'BIG-1'),
    isError('file-too-large', (error) => assert.match(error.message, /BIG-1\.md is 3 KB, over the 2 KB limit/)),
  );
});

test('field values lose control characters and are NFC-normalised', async () => {
  const planned = await planDocument(createMemoryHost({}, NOW), DEFAULT_CONFIG, templates, {
    template: 'rca',
    fields: { title: 'Panne re\u0301seau\u001b[31m\u0000', severity: '2' },
  });
  assert.match(planned.text, /^# RCA: Panne réseau\[31m$/m);
  assert.ok(planned.text.includes('r\u00e9seau'));
});

test('a workspace template that puts a raw title in its path still cannot leave the workspace', async () => {
  const raw = '---\nname: raw\nkind: other\npath: "notes/{{title}}.md"\nfields:\n  - name: title\n    required: true\n---\n# {{title}}\n';
  const host = createMemoryHost({ '.runbook/templates/raw.hbs': raw }, NOW);
  const merged = await loadTemplates(host, DEFAULT_CONFIG, readBuiltInTemplateTexts(), { workspace: true });
  const inside = await planDocument(host, DEFAULT_CONFIG, merged, { template: 'raw', fields: { title: 'a/../b' } });
  assert.equal(inside.path, 'notes/b.md');
  for (const title of ['../../../etc/passwd', '../../x']) {
    await assert.rejects(planDocument(host, DEFAULT_CONFIG, merged, { template: 'raw', fields: { title } }), isError('outside-workspace'), title);
  }
  assert.equal(host.written.size, 0);
});
