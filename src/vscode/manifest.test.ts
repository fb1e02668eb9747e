/**
 * The manifest and the code agree: every contributed command has a handler and every handler is contributed, every view
 * has welcome content, menus name real commands, activation is never `*`, and the injection grammar is wired to markdown.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

const ROOT = join(__dirname, '..', '..');

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: Array<{ command: string; title: string; category?: string; enablement?: string }>;
    menus: Record<string, Array<{ command: string; when?: string }>>;
    views: Record<string, Array<{ id: string }>>;
    viewsWelcome: Array<{ view: string }>;
    grammars: Array<{ scopeName: string; path: string; injectTo: string[] }>;
    configuration: { properties: Record<string, unknown> };
    walkthroughs: Array<{ id: string; title: string; steps: Array<{ id: string; title: string; description: string; media: { markdown?: string; image?: string }; completionEvents: string[] }> }>;
    problemMatchers: Array<{ name: string; owner: string; source: string; fileLocation: string[]; pattern: { regexp: string; file: number; line: number; severity: number; code: number; message: number } }>;
  };
  capabilities: { untrustedWorkspaces: { supported: boolean | 'limited' }; virtualWorkspaces: unknown };
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !/\.(spec|test)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/**
 * Command ids the extension registers, with whether each writes (`registerCommand(context, workspace, id, handler,
 * { writes })` or `registerWorkspaceCommand(…)` in register.ts): direct calls, and `[id, handler]` tables registered in
 * a loop with one `writes` flag.
 */
function registrations(): Map<string, boolean> {
  const found = new Map<string, boolean>();
  for (const file of sources(join(ROOT, 'src', 'vscode'))) {
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(/register(?:Workspace)?Command\(\s*context,\s*workspace,\s*'(runbook\.[A-Za-z.]+)',[\s\S]*?\{\s*writes:\s*(true|false)\s*\}\s*,?\s*\)/g)) {
      found.set(match[1], match[2] === 'true');
    }
    const loop = /for \(const \[id, handler\] of (\w+)\) register(?:Workspace)?Command\(context, workspace, id, handler, \{ writes: (true|false) \}\)/.exec(code);
    if (!loop) continue;
    const table = new RegExp(`const ${loop[1]}: Array<\\[string, CommandHandler\\]> = \\[([\\s\\S]*?)\\];`).exec(code);
    assert.ok(table, `${file}: the table ${loop[1]} registered in a loop`);
    for (const entry of table[1].matchAll(/\[\s*'(runbook\.[A-Za-z.]+)',/g)) found.set(entry[1], loop[2] === 'true');
  }
  return found;
}

test('the contributed commands are exactly the registered ones; the writers are disabled in Restricted Mode', () => {
  const registered = registrations();
  const contributed = manifest.contributes.commands.map((command) => command.command);
  assert.deepEqual([...registered.keys()].sort(), [...contributed].sort());
  for (const command of manifest.contributes.commands) {
    assert.ok(command.title.startsWith('%'), `${command.command} title is not localised`);
    assert.equal(command.enablement === 'isWorkspaceTrusted', registered.get(command.command), `${command.command}: enablement agrees with { writes }`);
  }
  const menuCommands = Object.values(manifest.contributes.menus).flat().map((item) => item.command);
  for (const command of menuCommands) assert.ok(contributed.includes(command), `menu names unknown command ${command}`);
});

test('Open Incidents offers each lifecycle action inline where its status allows it (Reopen on a mitigated row)', () => {
  const inline = (contextValue: string): string[] =>
    manifest.contributes.menus['view/item/context']
      .filter((item) => (item as { group?: string }).group?.startsWith('inline') && item.when?.startsWith('view == runbook.incidents'))
      .filter((item) => {
        const test = /viewItem (==|=~) (.+)$/.exec(item.when ?? '');
        if (!test) return false;
        return test[1] === '==' ? test[2] === contextValue : new RegExp(test[2].slice(1, -1)).test(contextValue);
      })
      .map((item) => item.command);
  assert.deepEqual(inline('incident.open'), ['runbook.addTimelineEntry', 'runbook.mitigateIncident', 'runbook.resolveIncident', 'runbook.copyStatusUpdate']);
  assert.deepEqual(inline('incident.mitigated'), ['runbook.addTimelineEntry', 'runbook.reopenIncident', 'runbook.resolveIncident', 'runbook.copyStatusUpdate']);
});

test('every view has welcome content and activation is never "*"', () => {
  const views = Object.values(manifest.contributes.views).flat().map((view) => view.id);
  assert.deepEqual(views.sort(), ['runbook.actions', 'runbook.incidents', 'runbook.runbooks']);
  for (const view of views) assert.ok(manifest.contributes.viewsWelcome.some((welcome) => welcome.view === view), `${view} has no welcome content`);
  assert.ok(!manifest.activationEvents.includes('*'));
});

test('commands that write are disabled in Restricted Mode, as capabilities.untrustedWorkspaces says', () => {
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  const writers = [
    'runbook.newStory', 'runbook.newRunbook', 'runbook.newRunbookWithDraft', 'runbook.newIncident', 'runbook.newPostmortem', 'runbook.newFromTemplate', 'runbook.approve', 'runbook.revoke', 'runbook.accept', 'runbook.reopen', 'runbook.markActionDone',
    'runbook.addTimelineEntry', 'runbook.mitigateIncident', 'runbook.resolveIncident', 'runbook.reopenIncident', 'runbook.recordDecision',
  ];
  for (const id of writers) {
    assert.equal(manifest.contributes.commands.find((command) => command.command === id)?.enablement, 'isWorkspaceTrusted', id);
  }
});

/** Settings only the editor reads (not configuration keys the CLI shares). */
const EDITOR_SETTINGS = ['diagnostics.scope', 'me'];

test('settings are the RunbookConfig keys, plus the editor\'s own and the personal approverName (a user setting, never in config.json)', async () => {
  const { DEFAULT_CONFIG } = await import('../core/config');
  const settings = Object.keys(manifest.contributes.configuration.properties).map((key) => key.replace(/^runbook\./, ''));
  assert.deepEqual(settings.sort(), [...Object.keys(DEFAULT_CONFIG), ...EDITOR_SETTINGS, 'approverName'].sort());
  const approverName = manifest.contributes.configuration.properties['runbook.approverName'] as { scope?: string };
  assert.equal(approverName.scope, 'application', 'a workspace must not be able to say who you are');
});

test('the walkthrough: story, runbook, approval, incident, sidebar — each step a command button, a completion event and its media', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;
  assert.equal(walkthrough.id, 'runbook.gettingStarted');
  const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
  const contributed = new Set(manifest.contributes.commands.map((command) => command.command));
  const views = Object.values(manifest.contributes.views).flat().map((view) => view.id);
  const buttons: string[] = [];
  for (const step of walkthrough.steps) {
    const description = nls[step.description.replace(/^%|%$/g, '')];
    assert.ok(description, `${step.id}: description is localised`);
    const button = /\[[^\]]+\]\(command:([\w.-]+)\)/.exec(description)?.[1];
    assert.ok(button, `${step.id}: its description has a command button`);
    assert.ok(contributed.has(button) || button === 'workbench.view.extension.runbook-kit', `${step.id}: button runs ${button}`);
    buttons.push(button);
    assert.equal(step.completionEvents.length, 1, step.id);
    const [event] = step.completionEvents;
    const [kind, target] = event.split(':');
    if (kind === 'onCommand') assert.equal(target, button, `${step.id} completes when its own button's command runs`);
    else assert.ok(kind === 'onView' && views.includes(target), `${step.id}: ${event}`);
    assert.ok(step.media.markdown && readFileSync(join(ROOT, step.media.markdown), 'utf8').length > 50, `${step.id}: media`);
  }
  assert.deepEqual(buttons, ['runbook.newStory', 'runbook.newRunbook', 'runbook.approve', 'runbook.newIncident', 'workbench.view.extension.runbook-kit']);
  assert.match(readFileSync(join(ROOT, '.vscodeignore'), 'utf8'), /^!walkthrough\/\*\.md$/m);
});

test('the $runbook problem matcher reads runbook check text output, severity and rule included', () => {
  const [matcher] = manifest.contributes.problemMatchers;
  assert.equal(matcher.name, 'runbook');
  assert.notEqual(matcher.owner, 'runbook', 'the owner differs from the extension\'s own diagnostics collection, so neither replaces the other');
  assert.deepEqual(matcher.fileLocation, ['relative', '${workspaceFolder}']);
  const regexp = new RegExp(matcher.pattern.regexp);
  const groups = (line: string): Record<string, string> | null => {
    const match = regexp.exec(line);
    if (!match) return null;
    const { file, line: at, severity, code, message } = matcher.pattern;
    return { file: match[file], line: match[at], severity: match[severity], code: match[code], message: match[message] };
  };
  assert.deepEqual(groups('docs/post-mortems/2026 panne: réseau.md:22  warning  action-overdue  action item overdue since 2026-11-15 (owner @yan): a: b'), {
    file: 'docs/post-mortems/2026 panne: réseau.md',
    line: '22',
    severity: 'warning',
    code: 'action-overdue',
    message: 'action item overdue since 2026-11-15 (owner @yan): a: b',
  });
  assert.equal(groups('broken.md:3  error  frontmatter-malformed  bad YAML')?.severity, 'error');
  // The columns are aligned (src/cli/output.ts): a short cell is padded, and the message keeps its first character.
  assert.deepEqual(groups('a.md:3        error    approval-stale            x  y'), { file: 'a.md', line: '3', severity: 'error', code: 'approval-stale', message: 'x  y' });
  assert.equal(groups('huge.md:1  info  file-too-large  skipped')?.severity, 'info');
  assert.equal(groups('2 error(s), 3 warning(s) in 8 documents checked'), null);
  assert.equal(groups('no problems found (3 documents checked)'), null);
});

test('the incident policy settings default to the engine\'s defaults (seed 002)', async () => {
  const { DEFAULT_CONFIG } = await import('../core/config');
  const properties = manifest.contributes.configuration.properties as Record<string, { default: unknown }>;
  for (const key of ['responseTargets', 'updateTargets', 'businessDays', 'businessHours', 'timelineKeywords', 'incidentChannel'] as const) {
    assert.deepEqual(properties[`runbook.${key}`].default, JSON.parse(JSON.stringify(DEFAULT_CONFIG[key])), key);
  }
});

test('the injection grammar targets markdown and names its scopes *.runbook', () => {
  const [grammar] = manifest.contributes.grammars;
  assert.deepEqual(grammar.injectTo, ['text.html.markdown']);
  const json = JSON.parse(readFileSync(join(ROOT, grammar.path), 'utf8')) as { scopeName: string; repository: Record<string, unknown> };
  assert.equal(json.scopeName, grammar.scopeName);
  const names = [...JSON.stringify(json.repository).matchAll(/"name":"([^"]+)"/g)].map((match) => match[1]);
  assert.ok(names.length >= 6);
  for (const name of names) assert.match(name, /\.runbook$/);
});

test('the injection grammar recognises statuses, severities, owners, due dates and DONE', () => {
  const json = JSON.parse(readFileSync(join(ROOT, 'syntaxes', 'runbook.injection.tmLanguage.json'), 'utf8')) as {
    repository: Record<string, { match: string }>;
  };
  // Oniguruma's leading (?i) becomes the JS `i` flag; everything else these patterns use is common to both.
  const regex = (key: string): RegExp => {
    const source = json.repository[key].match;
    const insensitive = source.startsWith('(?i)');
    return new RegExp(insensitive ? source.slice(4) : source, insensitive ? 'iu' : 'u');
  };
  assert.match('Status: PROPOSED', regex('status'));
  assert.match('**Status**: ACCEPTED — accepted by Ada on 2026-11-20', regex('status'));
  assert.doesNotMatch('Status: DRAFT', regex('status'));
  for (const french of ['Statut : PROPOSÉ', '**Statut :** Accepté — accepté par Léa le 2026-11-20', 'statut: proposée']) assert.match(french, regex('status'));
  assert.doesNotMatch('Status: PROPOSEDLY', regex('status'));
  for (const severity of ['SEV1', 'SEV-2', 'P0', 'P3']) assert.match(`a ${severity} incident`, regex('severity'));
  assert.doesNotMatch('P9 and SEV7', regex('severity'));
  assert.match('| 2 | Alert on lag | @bob | ✅ DONE |', regex('done'));
  assert.match('- [ ] Automate it (owner @carol, due 2026-11-20)', regex('due'));
  assert.match('- [ ] Automate it (owner @carol, due 2026-11-20)', regex('owner'));
  assert.match('- [ ] @Security approved?', regex('mention'));
  assert.doesNotMatch('mail ops@example.com', regex('mention'));
});
