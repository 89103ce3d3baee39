import { describe, expect, inject, test } from 'vitest';
import { useBrowserSession } from './browser.ts';

const baseUrl = inject('baseUrl');

describe('navigation', () => {
  // Each test also fails on a console error, a page error or a request that leaves the site.
  const browser = useBrowserSession();

  test('a visitor opens a recently added study from the home page', async () => {
    const { page } = browser.current;
    await page.goto(`${baseUrl}/`);

    const recent = page.getByRole('region', { name: 'Recently added summaries', exact: true });
    const studyLink = recent.getByRole('link').first();
    await expect.poll(() => recent.getByRole('link').count()).toBeGreaterThan(0);
    // A card names what was studied, then its authors and year, "Rieser et al. (2025)": the study
    // page must be that work's.
    const name = (await studyLink.innerText()).trim();
    expect(name.length, 'the card names what was studied').toBeGreaterThan(0);
    const byline = (await recent.locator('.study-byline').first().innerText()).trim();
    const [, family, year] = /^(.+?)(?: et al\.| and .+?)? \((\d{4})\)$/.exec(byline) ?? [];
    expect(family, byline).toBeTruthy();
    const href = await studyLink.getAttribute('href');
    expect(href).toMatch(/^\/studies\/[^/]+\/$/);

    await studyLink.click();
    await page.waitForURL((url) => url.pathname !== '/');
    await page.waitForLoadState('load');

    expect(new URL(page.url()).pathname).toBe(href);
    const h1 = page.getByRole('heading', { level: 1 });
    expect(await h1.count()).toBe(1);
    expect((await h1.innerText()).trim()).toBe(name);

    const reference = page.getByRole('region', { name: 'Reference', exact: true });
    expect(await reference.count()).toBe(1);
    const referenceText = await reference.innerText();
    expect(referenceText).toContain(`${family},`);
    expect(referenceText).toContain(`(${year}`);
    const doiLink = reference.locator('a[href^="https://doi.org/"]');
    expect(await doiLink.count()).toBe(1);
    expect(await doiLink.innerText()).toBe(await doiLink.getAttribute('href'));
  });

  test('the first Tab reaches "Skip to content", and Enter moves to the main content', async () => {
    const { page } = browser.current;
    await page.goto(`${baseUrl}/`);

    await page.keyboard.press('Tab');
    const focused = page.locator(':focus');
    expect(await focused.count()).toBe(1);
    expect((await focused.innerText()).trim()).toBe('Skip to content');
    expect(await focused.getAttribute('href')).toBe('#main');

    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).hash).toBe('#main');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id ?? null)).toBe('main');
  });
});
