import { afterEach, describe, expect, inject, test } from 'vitest';
import { launchBrowser, type BrowserSession } from './browser.ts';

const baseUrl = inject('baseUrl');
const topic = `${baseUrl}/topics/alcohol-use-disorder/`;

describe('citations', () => {
  let session: BrowserSession | undefined;

  afterEach(async () => {
    if (session) {
      expect(session.consoleErrors).toEqual([]);
      expect(session.pageErrors).toEqual([]);
      expect(session.blockedRequests).toEqual([]);
      await session.close();
    }
    session = undefined;
  });

  test('hovering a citation previews the reference and the evidence of its summary', async () => {
    session = await launchBrowser();
    const { page } = session;
    await page.goto(topic);
    const citation = page.locator('a.cite[data-cite="rieser2025"]').first();
    const preview = page.locator('.cite-preview');
    await expect.poll(() => preview.isVisible()).toBe(false);

    await citation.hover();
    await expect.poll(() => preview.isVisible()).toBe(true);
    const text = await preview.innerText();
    expect(text).toContain('Rieser, N. M.');
    expect(text).toContain('Randomised controlled trial · N = 37');
    expect(text).toContain('certainty: low');

    // The pointer may move onto the preview without losing it, then away to close it.
    await preview.hover();
    await page.waitForTimeout(400);
    expect(await preview.isVisible()).toBe(true);
    await page.mouse.move(5, 5);
    await expect.poll(() => preview.isVisible()).toBe(false);
  });

  test('keyboard focus opens the preview, Escape closes it and focus stays on the citation', async () => {
    session = await launchBrowser();
    const { page } = session;
    await page.goto(topic);
    const preview = page.locator('.cite-preview');
    let onCitation = false;
    for (let presses = 0; presses < 60 && !onCitation; presses++) {
      await page.keyboard.press('Tab');
      onCitation = await page.evaluate(() => document.activeElement?.matches('a.cite') ?? false);
    }
    expect(onCitation).toBe(true);
    const key = await page.evaluate(() => document.activeElement?.getAttribute('data-cite'));
    await expect.poll(() => preview.isVisible()).toBe(true);
    // What the preview shows is what screen readers get as the citation's description.
    const described = await page.evaluate(() => {
      const id = document.activeElement?.getAttribute('aria-describedby') ?? '';
      return document.getElementById(id)?.textContent?.replace(/\s+/g, ' ').trim();
    });
    expect((await preview.innerText()).replace(/\s+/g, ' ').trim()).toBe(described);

    await page.keyboard.press('Escape');
    await expect.poll(() => preview.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-cite'))).toBe(key);
    // The preview never takes focus: the next Tab goes on through the page.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('.cite-preview') === null)).toBe(true);
  });

  test('without JavaScript a citation is a working link to the study', async () => {
    session = await launchBrowser({ javaScriptEnabled: false });
    const { page } = session;
    await page.goto(topic);
    await page.locator('a.cite[data-cite="rieser2025"]').first().click();
    await page.waitForURL((url) => url.pathname === '/studies/rieser2025/');
    expect(await page.locator('h1').innerText()).toContain('Single-dose psilocybin for alcohol relapse prevention');
  });

  test('"Cite this" copies the APA reference', async () => {
    session = await launchBrowser();
    const { page, context } = session;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await page.goto(`${baseUrl}/studies/rieser2025/`);
    const apa = (await page.locator('[id="copy-apa~rieser2025"]').innerText()).trim();
    await page.getByRole('button', { name: 'Copy', exact: true }).first().click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(apa);
    expect(apa).toMatch(/^Rieser, N\. M\., Bitar, R\./);
    await expect.poll(() => page.locator('[data-copy-status]').innerText()).toBe('Citation copied');
  });
});
