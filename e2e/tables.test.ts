import { describe, expect, inject, test } from 'vitest';
import { useBrowserSession } from './browser.ts';

const baseUrl = inject('baseUrl');

describe('study tables and the evidence map', () => {
  const browser = useBrowserSession();

  test('a column of /studies/ sorts with the keyboard alone, and sorts back', async () => {
    const { page } = browser.current;
    await page.goto(`${baseUrl}/studies/`);
    const years = () => page.locator('#all-studies tbody tr td:nth-child(2)').allInnerTexts();
    let onYear = false;
    for (let presses = 0; presses < 40 && !onYear; presses++) {
      await page.keyboard.press('Tab');
      onYear = await page.evaluate(
        () => document.activeElement?.textContent === 'Year' && document.activeElement.tagName === 'BUTTON',
      );
    }
    expect(onYear).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    const descending = (await years()).map(Number);
    expect(descending).toEqual([...descending].sort((a, b) => b - a));
    await page.keyboard.press('Space');
    expect(await page.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('ascending');
    const ascending = (await years()).map(Number);
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  });

  test('every map cell leads to exactly as many studies as it counts', async () => {
    const { page } = browser.current;
    await page.goto(`${baseUrl}/map/`);
    const cells = await page
      .locator('td.map-cell a')
      .evaluateAll((links) =>
        links.map((link) => ({ href: link.getAttribute('href') ?? '', count: Number(link.textContent) })),
      );
    expect(cells.length).toBeGreaterThan(3);
    for (const { href, count } of cells) {
      await page.goto(`${baseUrl}${href}`);
      await expect
        .poll(() => page.locator('[data-filter-status]').innerText(), { message: href })
        .toBe(`Showing ${count} of ${await page.locator('#all-studies tbody tr').count()} studies.`);
      expect(await page.locator('#all-studies tbody tr:not([hidden])').count(), href).toBe(count);
    }
  });

  test('the /studies/ filters narrow the table and keep the choice in the URL', async () => {
    const { page } = browser.current;
    await page.goto(`${baseUrl}/studies/`);
    await page.getByLabel('Design').selectOption('qualitative');
    await expect.poll(() => page.url()).toBe(`${baseUrl}/studies/?design=qualitative`);
    const designs = await page.locator('#all-studies tbody tr:not([hidden]) td:nth-child(3)').allInnerTexts();
    expect(designs.length).toBeGreaterThan(0);
    for (const design of designs) expect(design).toBe('Qualitative study');
  });
});
