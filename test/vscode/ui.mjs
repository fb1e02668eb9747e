// The UI suite: Playwright drives the code-server workbench as a user would (command palette, Quick Pick, sidebar,
// CodeLens) with this repository loaded as the extension under development. run.mjs calls runUiSuite with an open page
// on a fresh copy of the example workspace (or the harness's fixture when the example is not there).
// Tests run in order and build on each other (the runbook created first is the one approved by CodeLens).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** @typedef {{ title: string, state: 'passed' | 'failed' | 'pending', durationMs: number, error?: string }} TestResult */

const TITLE = 'UI';

/** Titles of the workspace's open incidents as the engine reads them: the built CLI, `runbook incidents --open --json`. */
function openIncidentTitles(workspace) {
  const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'cli.js');
  const output = execFileSync(process.execPath, [cli, 'incidents', '--open', '--json', '--no-cache', '--cwd', workspace], { encoding: 'utf8' });
  return JSON.parse(output).map((row) => row.title);
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The workspace's incidents not marked resolved in their frontmatter, with the title the sidebar shows (the heading
 * without its "RCA:" / "Post-mortem :" prefix).
 */
function openIncidents(workspace) {
  const found = [];
  for (const folder of ['DOCS/incidents', 'docs/post-mortems']) {
    const dir = join(workspace, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.md')) continue;
      const text = readFileSync(join(dir, name), 'utf8');
      const heading = /^#\s+(.+)$/m.exec(text);
      if (!heading || /^status:\s*resolved/m.test(text)) continue;
      found.push({ file: `${folder}/${name}`, title: heading[1].replace(/^\s*(?:post[- ]?mortem|rca|incident)\s*[:—–-]\s*/i, '').trim() });
    }
  }
  return found;
}

/** An RCA of the workspace (no editor opens it before the search tests) and a phrase of its first heading. */
function searchTarget(workspace) {
  const folder = 'DOCS/incidents';
  const name = readdirSync(join(workspace, folder)).filter((file) => file.endsWith('.md')).sort()[0];
  if (!name) throw new Error(`no RCA in ${folder} to search for`);
  const heading = /^#\s+(.+)$/m.exec(readFileSync(join(workspace, folder, name), 'utf8'));
  if (!heading) throw new Error(`${folder}/${name} has no first-level heading to search for`);
  // The words after an "RCA:" prefix: a phrase only this file holds.
  return { name, phrase: heading[1].replace(/^[^:]*:\s*/, '').trim() };
}

/** A story of the workspace (by file name) that has no runbook yet, so "New Runbook" can create one. */
function storyWithoutRunbook(workspace) {
  const all = listing(workspace);
  const stories = all.filter((file) => file.startsWith('.agent/cache/stories/') && file.endsWith('.md')).map((file) => file.split('/').pop().replace(/\.md$/, ''));
  const runbooks = new Set(all.filter((file) => file.endsWith('-runbook.md')).map((file) => file.split('/').pop().replace(/-runbook\.md$/, '')));
  const story = stories.find((id) => !/^(readme|index)$/i.test(id) && !runbooks.has(id));
  if (!story) throw new Error(`every story of the workspace already has a runbook: ${stories.join(', ')}`);
  return story;
}

/** Every file of the workspace (relative paths), to check that a cancelled flow wrote nothing. */
function listing(workspace, folder = '') {
  return readdirSync(join(workspace, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = folder ? `${folder}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listing(workspace, path) : [path];
  });
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} command the palette entry, e.g. "Runbook: New Runbook"
 */
async function runFromPalette(page, command) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${command}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: command }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
}

/** Text of the visible rows of a sidebar view, found by its title. */
async function viewRows(page, viewTitle) {
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: viewTitle }) }).first();
  await pane.waitFor({ state: 'visible', timeout: 15_000 });
  const header = pane.locator('.pane-header').first();
  if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
  const rows = pane.locator('.monaco-list-row');
  await rows.first().waitFor({ state: 'visible', timeout: 20_000 });
  return rows.locator('.label-name').allInnerTexts();
}

/**
 * @param {{ page: import('playwright-core').Page, workspace: string, artifacts: string }} options
 * @returns {Promise<TestResult[]>}
 */
export async function runUiSuite({ page, workspace, artifacts }) {
  let runbookTab = null;
  const tests = [
    ['the workbench runs the extension under development', async () => {
      await page.waitForFunction(() => document.title.includes('Extension Development Host'), null, { timeout: 60_000 });
      // The activity bar entry of the "Runbooks" container appears once the extension is registered.
      await page.locator('.activitybar .action-item a[aria-label^="Runbooks"]').first().waitFor({ state: 'visible', timeout: 60_000 });
    }],
    // VS Code's own file and text search spawn ripgrep (code-server's bundled binary is missing after an offline
    // install; scripts/setup-vscode.mjs links the system's): both must find the workspace's files.
    ['Go to File (Ctrl+P) finds a workspace file by name', async () => {
      const { name } = searchTarget(workspace);
      await page.locator('.monaco-workbench').click({ position: { x: 700, y: 450 } });
      await page.keyboard.press('Control+P');
      const input = page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 15_000 });
      await input.fill(name.replace(/\.md$/, ''));
      const row = page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: name }) }).first();
      await row.waitFor({ state: 'visible', timeout: 20_000 });
      await page.keyboard.press('Enter');
      await page.locator('.tabs-container .tab', { hasText: name }).first().waitFor({ state: 'visible', timeout: 15_000 });
    }],
    ['Find in Files (Ctrl+Shift+F) finds a phrase in the workspace', async () => {
      const { name, phrase } = searchTarget(workspace);
      await page.keyboard.press('Control+Shift+F');
      const box = page.locator('.search-view .search-widget .monaco-findInput textarea').first();
      await box.waitFor({ state: 'visible', timeout: 15_000 });
      await box.fill(phrase);
      await page.keyboard.press('Enter');
      const file = page.locator('.search-view .monaco-list-row', { has: page.locator('.label-name', { hasText: name }) }).first();
      await file.waitFor({ state: 'visible', timeout: 20_000 });
      const message = await page.locator('.search-view .messages').first().innerText().catch(() => '');
      if (/error|no results/i.test(message)) throw new Error(`search says: ${message}`);
      await page.screenshot({ path: join(artifacts, 'find-in-files.png') });
      await page.keyboard.press('Escape');
    }],
    ['command palette → "Runbook: New Runbook" → pick a story → the new runbook is open', async () => {
      await runFromPalette(page, 'Runbook: New Runbook');
      const picker = page.locator('.quick-input-widget');
      await picker.locator('.quick-input-title', { hasText: 'New Runbook' }).waitFor({ state: 'visible', timeout: 20_000 });
      await picker.locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 20_000 });
      const storyId = storyWithoutRunbook(workspace);
      // Filter by ID as a user would, then pick.
      await picker.locator('.quick-input-box input').fill(storyId);
      await picker.locator('.monaco-list-row', { hasText: storyId }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Enter');
      runbookTab = page.locator('.tabs-container .tab', { hasText: `${storyId}-runbook.md` }).first();
      await runbookTab.waitFor({ state: 'visible', timeout: 30_000 });
      await page.locator('.monaco-editor .view-lines', { hasText: 'Status: PROPOSED' }).first().waitFor({ timeout: 15_000 });
    }],
    ['Escape in the middle of "Runbook: New Incident RCA" cancels the whole flow and writes nothing', async () => {
      const before = listing(workspace);
      await runFromPalette(page, 'Runbook: New Incident RCA');
      const box = page.locator('.quick-input-widget .quick-input-box input');
      await page.locator('.quick-input-widget .quick-input-message, .quick-input-widget .quick-input-title').first().waitFor({ state: 'visible', timeout: 20_000 });
      await box.fill('Escaped incident');
      await page.keyboard.press('Enter');
      // The next prompt (severity) is a Quick Pick of the template's choices.
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: /SEV/ }).first().waitFor({ state: 'visible', timeout: 15_000 });
      await page.keyboard.press('Escape');
      await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
      // Not a sleep: a second flow, completed, writes its own file; once it is open the cancelled one has long
      // returned, so whatever it would have written is there by now. Only the second flow's file may be new.
      await runFromPalette(page, 'Runbook: New Incident RCA');
      await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 20_000 });
      await box.fill('After the escape');
      await page.keyboard.press('Enter');
      await page.locator('.quick-input-widget .monaco-list-row', { hasText: /SEV/ }).first().waitFor({ state: 'visible', timeout: 15_000 });
      await page.keyboard.press('Enter');
      const tab = page.locator('.tabs-container .tab', { hasText: 'after-the-escape-rca.md' }).first();
      // The remaining prompts are optional or have a default: accept each until the new file opens.
      for (let step = 0; step < 20 && !(await tab.isVisible()); step += 1) {
        if (await page.locator('.quick-input-widget .quick-input-box input').isVisible()) await page.keyboard.press('Enter');
        await tab.waitFor({ state: 'visible', timeout: 500 }).catch(() => undefined);
      }
      await tab.waitFor({ state: 'visible', timeout: 30_000 });
      // A `.lock` file is the writer's transient lock (src/node/lock.ts) while the flow's side update to the incident
      // history is written: it is gone a few milliseconds later and is not something the flow wrote.
      const added = listing(workspace).filter((file) => !before.includes(file) && !/\.lock(\.break)?$/.test(file));
      if (added.length !== 1 || !added[0].endsWith('-after-the-escape-rca.md')) {
        throw new Error(`expected only the second flow's RCA to be written, found: ${added.join(', ') || 'nothing'}`);
      }
    }],
    ['the sidebar lists the workspace\'s open incidents and action items', async () => {
      await page.locator('.activitybar .action-item a[aria-label^="Runbooks"]').first().click();
      // Every open incident the engine finds (the CLI on the same workspace) is a row, word for word, after its open
      // count ("3 open · <title>": the count first, so a narrow sidebar never hides it); the view follows the RCA the
      // previous test created, so allow it the time a file event takes.
      const expected = openIncidentTitles(workspace);
      let rows = [];
      let absent = expected;
      for (const deadline = Date.now() + 15_000; absent.length > 0 && Date.now() < deadline; ) {
        rows = (await viewRows(page, 'Open Incidents')).map((row) => row.trim()).filter((row) => row.includes(' · '));
        const titles = rows.map((row) => row.replace(/^[^·]*·\s*/, ''));
        absent = expected.filter((title) => !titles.includes(title));
        if (absent.length > 0) await new Promise((resolve) => setTimeout(resolve, 250)); // poll interval, not a wait-and-hope
      }
      if (!rows.every((row) => /^(none|\d+) open · /.test(row))) {
        throw new Error(`incident rows do not start with their open count: ${JSON.stringify(rows)}`);
      }
      if (expected.length === 0 || absent.length > 0) {
        throw new Error(`open incidents missing from the sidebar: ${JSON.stringify(absent)} (expected ${JSON.stringify(expected)}, rows ${JSON.stringify(rows)})`);
      }
      const actions = await viewRows(page, 'Action Items');
      if (actions.length < 2) throw new Error(`expected action items grouped by owner, found ${JSON.stringify(actions)}`);
      // Expand the first incident to show its open action items, move the pointer away from tooltips, then shoot.
      const incidentsPane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Open Incidents' }) }).first();
      const collapsed = incidentsPane.locator('.monaco-list-row[aria-expanded="false"]').first();
      if (await collapsed.count()) await collapsed.click();
      await page.mouse.move(900, 450);
      await page.waitForTimeout(800);
      await page.locator('.sidebar').screenshot({ path: join(artifacts, 'sidebar.png') });
    }],
    ['clicking the CodeLens "Approve @Security as …" approves the line', async () => {
      if (runbookTab) await runbookTab.click();
      const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: /^Approve @Security as \S/ }).first();
      await lens.waitFor({ state: 'visible', timeout: 30_000 });
      await lens.click();
      await page.locator('.monaco-editor .view-line', { hasText: /\[x\]\s@Security\sapproved\?\s—\sapproved\sby/ }).first().waitFor({ timeout: 15_000 });
      await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Revoke @Security' }).first().waitFor({ timeout: 15_000 });
      // VS Code's own first-start toast (its new default theme) would cover the screenshot the README shows.
      await runFromPalette(page, 'Notifications: Clear All Notifications');
      await page.mouse.move(900, 700);
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(artifacts, 'approved-runbook.png') });
    }],
    ['clicking "5 of 6 approvals missing" lists the missing roles and approves the one picked', async () => {
      if (runbookTab) await runbookTab.click();
      const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: /^5 of 6 approvals missing$/ }).first();
      await lens.waitFor({ state: 'visible', timeout: 30_000 });
      await lens.click();
      const picker = page.locator('.quick-input-widget');
      await picker.locator('.quick-input-title', { hasText: '5 of 6 approvals missing' }).waitFor({ state: 'visible', timeout: 15_000 });
      const rows = picker.locator('.monaco-list-row');
      await rows.first().waitFor({ state: 'visible', timeout: 15_000 });
      // Each row reads "@Role" then its description ("not approved") and the name it would be approved as.
      const texts = (await rows.allInnerTexts()).map((row) => row.replace(/\s+/g, ' ').trim());
      const expected = ['@Architect', '@QA', '@Docs', '@Compliance', '@Observability'];
      if (texts.length !== expected.length || !expected.every((role, index) => texts[index].startsWith(role) && /not approved/.test(texts[index]))) {
        throw new Error(`missing roles listed: ${JSON.stringify(texts)}, expected ${JSON.stringify(expected)}, each "not approved"`);
      }
      await picker.locator('.quick-input-box input').fill('@QA');
      await picker.locator('.monaco-list-row', { hasText: '@QA' }).first().waitFor({ state: 'visible', timeout: 10_000 });
      await page.keyboard.press('Enter');
      await page.locator('.monaco-editor .view-line', { hasText: /\[x\]\s@QA\sapproved\?\s—\sapproved\sby/ }).first().waitFor({ timeout: 15_000 });
      await page.locator('.monaco-editor .codelens-decoration a', { hasText: /^4 of 6 approvals missing$/ }).first().waitFor({ timeout: 15_000 });
    }],
    ['command palette → "Runbook: New Runbook with AI Draft…" with no chat model: a message with a "New Runbook" button, nothing written', async () => {
      const before = listing(workspace);
      await runFromPalette(page, 'Runbook: New Runbook with AI Draft');
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'No language model is available' }).first();
      await toast.waitFor({ state: 'visible', timeout: 20_000 });
      await toast.locator('.monaco-button', { hasText: 'New Runbook' }).first().waitFor({ state: 'visible', timeout: 5_000 });
      // Let the toast finish sliding in before the screenshot.
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(artifacts, 'draft-no-model.png') });
      await toast.hover();
      await toast.locator('.codicon-notifications-clear, .codicon-close').first().click();
      await toast.waitFor({ state: 'hidden', timeout: 10_000 });
      const added = listing(workspace).filter((file) => !before.includes(file));
      if (added.length) throw new Error(`files were written: ${added.join(', ')}`);
    }],
    ['the inline "Resolve Incident" on Open Incidents resolves it: the row leaves the view and the file says resolved', async () => {
      const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Open Incidents' }) }).first();
      if (!(await pane.isVisible())) await page.locator('.activitybar .action-item a[aria-label^="Runbooks"]').first().click();
      // Rows read "3 open · <title>": the title is what follows the count.
      const COUNT = '(?:none|\\d+) open · ';
      const rows = (await viewRows(page, 'Open Incidents')).map((row) => row.trim().replace(new RegExp(`^${COUNT}`), ''));
      const target = openIncidents(workspace).find((incident) => rows.includes(incident.title));
      if (!target) throw new Error(`no open incident of the workspace in the view: rows ${JSON.stringify(rows)}`);
      const row = pane.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${COUNT}${escapeRegExp(target.title)}$`) }) }).first();
      await row.hover();
      const resolve = row.locator('.action-label[aria-label="Resolve Incident"]');
      await resolve.waitFor({ state: 'visible', timeout: 10_000 });
      await page.locator('.sidebar').screenshot({ path: join(artifacts, 'incident-inline-actions.png') });
      await resolve.click();
      await row.waitFor({ state: 'detached', timeout: 20_000 });
      const text = readFileSync(join(workspace, target.file), 'utf8');
      if (!/^status: resolved$/m.test(text)) throw new Error(`${target.file} does not say "status: resolved":\n${text}`);
      if (!/^- (?:\*\*)?(?:\d{4}-\d{2}-\d{2} )?\d{2}:\d{2}(?:\*\*)? service (?:restored|rétabli)$/m.test(text)) throw new Error(`no restoration entry in ${target.file}:\n${text}`);
      // Open the resolved document as a user would (Quick Open) to show its status, its new entry and its CodeLens.
      await page.keyboard.press('Control+P');
      const quickOpen = page.locator('.quick-input-widget .quick-input-box input');
      await quickOpen.waitFor({ state: 'visible', timeout: 15_000 });
      const name = target.file.split('/').pop();
      await quickOpen.fill(name);
      // Click the file's own row: Enter could pick the row focused before the list was filtered (the earlier tests
      // leave other editors in the history, and Go to File may already have opened this very RCA).
      const match = page.locator('.quick-input-widget .monaco-list-row', { has: page.locator('.label-name', { hasText: name }) }).first();
      await match.waitFor({ state: 'visible', timeout: 15_000 });
      await match.click();
      await page.locator('.tabs-container .tab.active', { hasText: name }).first().waitFor({ state: 'visible', timeout: 15_000 });
      await page.locator('.monaco-editor .view-line', { hasText: 'status: resolved' }).first().waitFor({ timeout: 15_000 });
      await page.locator('.monaco-editor .codelens-decoration a', { hasText: 'Reopen Incident' }).first().waitFor({ timeout: 15_000 });
      await page.mouse.move(900, 450);
      await page.waitForTimeout(800);
      await page.screenshot({ path: join(artifacts, 'incident-resolved.png') });
    }],
  ];
  /** @type {TestResult[]} */
  const results = [];
  let blocked = false;
  for (const [title, test] of tests) {
    const started = Date.now();
    if (blocked) {
      results.push({ title: `${TITLE} ${title}`, state: 'pending', durationMs: 0 });
      continue;
    }
    try {
      await test();
      results.push({ title: `${TITLE} ${title}`, state: 'passed', durationMs: Date.now() - started });
    } catch (error) {
      const name = title.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
      await page.screenshot({ path: join(artifacts, `failed-${name}.png`) }).catch(() => undefined);
      results.push({ title: `${TITLE} ${title}`, state: 'failed', durationMs: Date.now() - started, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      // Later steps build on this one (the first step is the workbench itself).
      if (results.length === 1) blocked = true;
    }
  }
  return results;
}
