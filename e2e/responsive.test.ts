/**
 * Every kind of page on a phone (390 × 844) and a desktop (1280 × 800), light and dark: nothing
 * scrolls sideways, axe-core finds nothing, no word runs into a link in the text as shown, and a
 * full-page screenshot goes to test-results/responsive/<page>-<width>-<scheme>.png for review.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser.ts';

const baseUrl = inject('baseUrl');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const screenshots = new URL('../test-results/responsive/', import.meta.url).pathname;

const pages = [
  ['home', '/'],
  ['studies', '/studies/'],
  ['study', '/studies/rieser2025/'],
  ['topics', '/topics/'],
  ['topic', '/topics/alcohol-use-disorder/'],
  ['references', '/references/'],
  ['map', '/map/'],
  ['search', '/search/?q=psilocybin'],
  ['methods', '/methods/'],
  ['not-found', '/no-such-page/'],
] as const;
const viewports = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
] as const;
const schemes = ['light', 'dark'] as const;

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return found.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`,
  );
}

/**
 * Words that run into a link in the page's text as the browser renders it (`innerText`): a mark
 * is put at each end of every link, and a letter or digit on both sides of a mark is a join.
 */
async function gluedToLinks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const [start, end] = ['\u2063', '\u2064'];
    for (const link of document.querySelectorAll('a')) {
      link.before(start);
      link.after(end);
    }
    const text = document.body.innerText;
    const joins = [...text.matchAll(/[\p{L}\p{N}]\u2063[\p{L}\p{N}]|[\p{L}\p{N}]\u2064[\p{L}\p{N}]/gu)];
    return joins.map((join) =>
      text.slice(Math.max(0, join.index - 30), join.index + 30).replace(/[\u2063\u2064]/g, '|'),
    );
  });
}

describe('every kind of page on a phone and a desktop, light and dark', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    session = await launchBrowser();
  });
  afterAll(async () => {
    // The 404 page is served with the status 404, which Chromium logs as an error.
    expect(session.consoleErrors.filter((error) => !error.includes('404'))).toEqual([]);
    expect(session.pageErrors).toEqual([]);
    expect(session.blockedRequests).toEqual([]);
    await session.close();
  });

  describe.each(schemes)('%s', (scheme) => {
    test.each(pages.flatMap(([name, path]) => viewports.map((viewport) => [name, path, viewport] as const)))(
      '%s (%s) at %o',
      async (name, path, viewport) => {
        const { page } = session;
        await page.emulateMedia({ colorScheme: scheme });
        await page.setViewportSize(viewport);
        const response = await page.goto(`${baseUrl}${path}`);
        expect(response?.status()).toBe(name === 'not-found' ? 404 : 200);
        if (name === 'search') {
          // Pagefind loads with the first query: give it time on a busy machine.
          await expect.poll(() => page.locator('#search-results > li').count(), { timeout: 10_000 }).toBeGreaterThan(0);
        }
        expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBeUndefined();
        const { scrollWidth, innerWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          innerWidth: window.innerWidth,
        }));
        expect(scrollWidth, `${path} scrolls sideways at ${viewport.width} px`).toBeLessThanOrEqual(innerWidth);
        // A cell that holds words is at least 120 px wide (a count, a year or an N may be narrower).
        const narrow = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('tbody td:not(.num), tbody th')]
            .filter((cell) => cell.offsetWidth > 0 && cell.getBoundingClientRect().width < 120)
            .map(
              (cell) => `${Math.round(cell.getBoundingClientRect().width)} px: ${cell.innerText.trim().slice(0, 40)}`,
            ),
        );
        expect(narrow, `${path} at ${viewport.width} px`).toEqual([]);
        await page.screenshot({
          path: join(screenshots, `${name}-${viewport.width}-${scheme}.png`),
          fullPage: true,
        });
        expect(await axeViolations(page)).toEqual([]);
        expect(await gluedToLinks(page)).toEqual([]);
      },
    );
  });

  test('on a phone, /search/ shows its results first and keeps the filters in a closed panel', async () => {
    const { page } = session;
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/search/?q=psilocybin&design=rct`);
    const results = page.locator('#search-results > li');
    await expect.poll(() => results.count()).toBeGreaterThan(0);
    const filters = page.locator('details.search-filters');
    expect(await filters.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(false);
    expect(await filters.locator('summary').innerText()).toMatch(/Filters\s+\(1 chosen\)/);
    // The first result and the status are on the first screen.
    const top = await results.first().evaluate((item) => item.getBoundingClientRect().top);
    expect(top).toBeLessThan(844);
    expect(await page.locator('#search-status').isVisible()).toBe(true);
    // Opened, the panel starts with "Clear filters".
    await filters.locator('summary').click();
    const first = filters.locator('.search-facets > :first-child');
    expect(await first.innerText()).toBe('Clear filters');
    await first.click();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/search/?q=psilocybin`);
    expect(await filters.locator('summary').innerText()).toBe('Filters');
    // On a wide screen the panel is open beside the results.
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${baseUrl}/search/?q=psilocybin`);
    await expect.poll(() => filters.evaluate((details) => (details as HTMLDetailsElement).open)).toBe(true);
  });

  test('the map keeps its topic names in view when it scrolls sideways on a phone', async () => {
    const { page } = session;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/map/`);
    const wrap = page.locator('.table-wrap').filter({ has: page.locator('table.evidence-map') });
    const label = page.locator('.evidence-map th[scope="row"]').first();
    const before = await label.boundingBox();
    const scrolled = await wrap.evaluate((element) => {
      element.scrollLeft = 400;
      return element.scrollLeft;
    });
    expect(scrolled).toBeGreaterThan(0);
    const after = await label.boundingBox();
    expect(after?.x).toBe(before?.x);
    // A cell that scrolled under the label is hidden behind it, not drawn over it.
    const onTop = await label.evaluate((element) => {
      const box = element.getBoundingClientRect();
      return document.elementFromPoint(box.left + 10, box.top + box.height / 2)?.closest('th') === element;
    });
    expect(onTop).toBe(true);
  });
});
