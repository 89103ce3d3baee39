import { describe, expect, inject, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useBrowserSession } from './browser.ts';

const baseUrl = inject('baseUrl');

/** The facts line ("Randomised controlled trial · 2025 · …") of each result on /search/. */
const resultFacts = (page: Page) => page.locator('#search-results .search-result-facts').allInnerTexts();

describe('search', () => {
  const browser = useBrowserSession();

  test('typing "craving" in the header box shows the alcohol use disorder trial, the word highlighted', async () => {
    const { page } = browser.current;
    await page.goto(`${baseUrl}/`);
    // Pagefind is not loaded before the reader searches.
    expect(
      await page.evaluate(() =>
        performance.getEntriesByType('resource').some((entry) => entry.name.includes('pagefind')),
      ),
    ).toBe(false);
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search-input');
    await page.keyboard.type('craving');
    const panel = page.locator('#site-search-panel');
    const result = panel.getByRole('link', { name: /Rieser et al\. \(2025\)/ });
    await expect.poll(() => result.count()).toBe(1);
    expect(await result.getAttribute('href')).toBe('/studies/rieser2025/');
    expect(await panel.locator('mark').first().innerText()).toMatch(/^craving$/i);
    expect(await panel.locator('.search-status').innerText()).toMatch(/result/);
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search-input');
  });

  test('on /search/ the "qualitative" design filter leaves only qualitative studies, updates the counts and the URL', async () => {
    const { page } = browser.current;
    await page.goto(`${baseUrl}/search/?q=psilocybin`);
    const results = page.locator('#search-results > li');
    await expect.poll(() => results.count()).toBeGreaterThan(1);
    const count = (facet: string, value: string) =>
      page.locator(`[data-facet="${facet}"] [data-count="${value}"]`).innerText();
    const before = { design: await count('design', 'qualitative'), year2025: await count('year', '2025') };
    expect(Number(before.year2025)).toBeGreaterThan(0);

    expect(Number(before.design)).toBeGreaterThan(0);
    expect(await results.count()).toBeGreaterThan(Number(before.design));

    await page.getByRole('checkbox', { name: /Qualitative study/ }).check();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/search/?q=psilocybin&design=qualitative`);
    // As many results as the facet promised, and each of them qualitative.
    await expect.poll(() => results.count()).toBe(Number(before.design));
    for (const facts of await resultFacts(page)) {
      expect(facts).toMatch(/^Qualitative study/);
    }
    // Counts now describe the narrowed set; the open design facet keeps its alternatives.
    await expect.poll(() => count('year', '2025')).toBe('0');
    expect(await count('design', 'qualitative')).toBe(before.design);
    expect(Number(await count('design', 'rct'))).toBeGreaterThan(0);
  });

  test('a /search/?q=…&design=… URL restores the query, the filter and the results; sorting is kept in the URL', async () => {
    const { page } = browser.current;
    await page.goto(`${baseUrl}/search/?q=psilocybin&design=rct`);
    await expect.poll(() => page.locator('#search-q').inputValue()).toBe('psilocybin');
    expect(await page.getByRole('checkbox', { name: /Randomised controlled trial/ }).isChecked()).toBe(true);
    // The counts are the query's once its results are in (before, they are the whole site's).
    await expect.poll(() => page.locator('#search-results > li').count()).toBeGreaterThan(0);
    const rct = Number(await page.locator('[data-facet="design"] [data-count="rct"]').innerText());
    expect(rct).toBeGreaterThan(0);
    await expect.poll(() => page.locator('#search-results > li').count()).toBe(rct);
    for (const facts of await resultFacts(page)) {
      expect(facts).toMatch(/^Randomised controlled trial/);
    }
    expect(await page.locator('#search-results a[href="/studies/rieser2025/"]').count()).toBe(1);

    await page.getByRole('checkbox', { name: /Randomised controlled trial/ }).uncheck();
    await page.getByLabel('Sort').selectOption('year-desc');
    await expect.poll(() => page.url()).toBe(`${baseUrl}/search/?q=psilocybin&sort=year-desc`);
    // Without the filter there are more results than the trials alone, newest first.
    await expect.poll(() => page.locator('#search-results > li').count()).toBeGreaterThan(rct);
    const years = async () =>
      (await resultFacts(page))
        .map((facts) => /\b(20\d\d)\b/.exec(facts)?.[1])
        .filter((year): year is string => year !== undefined)
        .map(Number);
    await expect.poll(async () => (await years()).length).toBeGreaterThan(1);
    const newestFirst = async () => (await years()).every((year, at, all) => at === 0 || (all[at - 1] ?? 0) >= year);
    await expect.poll(newestFirst).toBe(true);
  });

  test('the whole flow works with the keyboard alone', async () => {
    const { page } = browser.current;
    await page.goto(`${baseUrl}/`);
    await page.keyboard.press('/');
    await page.keyboard.type('trauma');
    await expect.poll(() => page.locator('#site-search-panel .search-result').count()).toBeGreaterThan(0);
    await page.keyboard.press('ArrowDown');
    const first = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(first).toMatch(/^\/(studies|topics)\//);
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === first);

    // From there to the full search page, a filter, and a result.
    await page.keyboard.press('/');
    await page.keyboard.type('psilocybin');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/search/' && url.search === '?q=psilocybin');
    await expect.poll(() => page.locator('#search-results > li').count()).toBeGreaterThan(1);
    await page.locator('#search-q').focus();
    let onFilter = false;
    for (let presses = 0; presses < 40 && !onFilter; presses++) {
      await page.keyboard.press('Tab');
      onFilter = await page.evaluate(
        () => (document.activeElement as HTMLInputElement | null)?.value === 'qualitative',
      );
    }
    expect(onFilter).toBe(true);
    const qualitative = Number(await page.locator('[data-facet="design"] [data-count="qualitative"]').innerText());
    await page.keyboard.press('Space');
    await expect.poll(() => page.url()).toContain('design=qualitative');
    await expect.poll(() => page.locator('#search-results > li').count()).toBe(qualitative);
    for (const facts of await resultFacts(page)) {
      expect(facts).toMatch(/^Qualitative study/);
    }
  });

  test('without an index, the box says what to run instead of staying empty', async () => {
    const { page, context } = browser.current;
    await context.route('**/pagefind/**', (route) => route.fulfill({ status: 404, body: 'no index' }));
    await page.goto(`${baseUrl}/`);
    await page.keyboard.press('/');
    await page.keyboard.type('craving');
    await expect.poll(() => page.locator('#site-search-panel .search-status').innerText()).toContain('npm run build');
    // The failed load is expected here, not an error of the site.
    browser.current.consoleErrors.splice(0);
  });
});
