// The UI suite: Playwright drives the code-server workbench as a user would (command palette, Quick Pick, sidebar,
// CodeLens) with this repository loaded as the extension under development. Called by run.mjs with an open page.
// Each test returns nothing or throws; results come back in the shape run.mjs prints.

/** @typedef {{ title: string, state: 'passed' | 'failed', durationMs: number, error?: string }} TestResult */

const TITLE = 'UI';

/**
 * @param {{ page: import('playwright-core').Page, workspace: string, artifacts: string }} options
 * @returns {Promise<TestResult[]>}
 */
export async function runUiSuite({ page, workspace, artifacts }) {
  const tests = [
    ['the workbench runs the extension under development', async () => {
      await page.waitForFunction(() => document.title.includes('Extension Development Host'), null, { timeout: 60_000 });
    }],
  ];
  /** @type {TestResult[]} */
  const results = [];
  for (const [title, test] of tests) {
    const started = Date.now();
    try {
      await test();
      results.push({ title: `${TITLE} ${title}`, state: 'passed', durationMs: Date.now() - started });
    } catch (error) {
      const name = title.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
      await page.screenshot({ path: `${artifacts}/failed-${name}.png` }).catch(() => undefined);
      results.push({ title: `${TITLE} ${title}`, state: 'failed', durationMs: Date.now() - started, error: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
  }
  void workspace;
  return results;
}
