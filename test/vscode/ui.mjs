// The UI suite: Playwright drives the code-server workbench as a user would (command palette, Quick Pick, sidebar,
// CodeLens) with this repository loaded as the extension under development. run.mjs calls runUiSuite with an open page
// on a fresh copy of the example workspace (or the harness's fixture when the example is not there).
// Tests run in order and build on each other (the runbook created first is the one approved by CodeLens).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** @typedef {{ title: string, state: 'passed' | 'failed' | 'pending', durationMs: number, error?: string }} TestResult */

const TITLE = 'UI';

/** First-level headings of the workspace's RCAs and post-mortems: where the sidebar's incident titles come from. */
function incidentHeadings(workspace) {
  const headings = [];
  for (const folder of ['DOCS/incidents', 'docs/post-mortems']) {
    const dir = join(workspace, folder);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      if (!name.endsWith('.md')) continue;
      const heading = /^#\s+(.+)$/m.exec(readFileSync(join(dir, name), 'utf8'));
      if (heading) headings.push(heading[1].trim());
    }
  }
  return headings;
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
      await page.waitForTimeout(1000);
      const after = listing(workspace);
      const added = after.filter((file) => !before.includes(file));
      if (added.length) throw new Error(`files were written: ${added.join(', ')}`);
    }],
    ['the sidebar lists the workspace\'s open incidents and action items', async () => {
      await page.locator('.activitybar .action-item a[aria-label^="Runbooks"]').first().click();
      const incidents = await viewRows(page, 'Open Incidents');
      const headings = incidentHeadings(workspace);
      const titles = incidents.map((row) => row.trim());
      if (!titles.some((title) => headings.some((heading) => heading.includes(title) && title.length > 3))) {
        throw new Error(`no incident of the workspace in the sidebar: rows ${JSON.stringify(incidents)}, headings ${JSON.stringify(headings)}`);
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
