/**
 * axe-core on every kind of page the site has, including the search page with results and a
 * page with its citation preview open.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser.ts';

const baseUrl = inject('baseUrl');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

describe('accessibility (axe-core)', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await launchBrowser();
  });
  afterAll(async () => {
    await session.close();
  });

  const violations = async (): Promise<string[]> => {
    await session.page.addScriptTag({ content: axeSource });
    const found = await session.page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
      return (await axe.run()).violations;
    });
    return found.map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
    );
  };

  test.each([
    ['home', '/'],
    ['study list', '/studies/'],
    ['study list, filtered', '/studies/?topic=preparation'],
    ['evidence map', '/map/'],
    ['study', '/studies/rieser2025/'],
    ['study with a mis-citation notice', '/studies/breeksema2024/'],
    ['topic list', '/topics/'],
    ['topic with citations and a summary of findings', '/topics/alcohol-use-disorder/'],
    ['topic with qualitative findings', '/topics/treatment-resistant-depression/'],
    ['bibliography', '/references/'],
    ['page', '/methods/'],
    ['search with results and a filter', '/search/?q=psilocybin&design=qualitative'],
  ])('%s (%s) has no violations', async (_name, path) => {
    await session.page.goto(`${baseUrl}${path}`);
    if (path.startsWith('/search/')) {
      await expect.poll(() => session.page.locator('#search-results > li').count()).toBeGreaterThan(0);
    }
    expect(await violations()).toEqual([]);
  });

  test('the header search results and a citation preview, open, have no violations', async () => {
    const { page } = session;
    await page.goto(`${baseUrl}/topics/alcohol-use-disorder/`);
    await page.locator('a.cite').first().hover();
    await expect.poll(() => page.locator('.cite-preview').isVisible()).toBe(true);
    expect(await violations()).toEqual([]);
    await page.keyboard.press('/');
    await page.keyboard.type('psilocybin');
    await expect.poll(() => page.locator('#site-search-panel .search-result').count()).toBeGreaterThan(0);
    expect(await violations()).toEqual([]);
    expect(session.consoleErrors).toEqual([]);
    expect(session.blockedRequests).toEqual([]);
  });
});
