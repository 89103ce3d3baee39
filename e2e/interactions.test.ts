/**
 * What a practitioner does with the keyboard or a thumb: the header search closes on Escape at
 * once; the /studies/ filters step back and forward through history and name a value they do not
 * know; the theme toggle; a citation's preview on a touch screen; copying a formatted reference.
 */
import { describe, expect, inject, test } from 'vitest';
import { launchBrowser, useBrowserSession } from './browser.ts';

const baseUrl = inject('baseUrl');

describe('with the keyboard', () => {
  const browser = useBrowserSession();

  test('Escape from a result closes the header search panel at once and it stays closed', async () => {
    const { page } = browser.current;
    await page.goto(`${baseUrl}/`);
    await page.keyboard.press('/');
    await page.keyboard.type('psilocybin');
    const panel = page.locator('#site-search-panel');
    await expect.poll(() => panel.locator('.search-result').count()).toBeGreaterThan(1);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.closest('#site-search-panel') !== null)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await panel.isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search-input');
    await page.waitForTimeout(500);
    expect(await panel.isVisible()).toBe(false);
    // The down arrow brings the results back; typing does too.
    await page.keyboard.press('ArrowDown');
    expect(await panel.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    expect(await panel.isVisible()).toBe(false);
    await page.keyboard.type(' trial');
    await expect.poll(() => panel.isVisible()).toBe(true);
  });

  test('the /studies/ filters are steps in the history: Back and Forward restore the choice and the table', async () => {
    const { page } = browser.current;
    await page.goto(`${baseUrl}/`);
    await page.goto(`${baseUrl}/studies/`);
    const shown = () => page.locator('#all-studies tbody tr:not([hidden])').count();
    const all = await shown();
    const design = page.getByLabel('Design');
    await design.focus();
    await design.selectOption('rct');
    await expect.poll(() => page.url()).toBe(`${baseUrl}/studies/?design=rct`);
    const trials = await shown();
    expect(trials).toBeLessThan(all);
    await page.getByLabel('Certainty').selectOption('low');
    await expect.poll(() => page.url()).toBe(`${baseUrl}/studies/?design=rct&certainty=low`);
    const lowTrials = await shown();
    expect(lowTrials).toBeLessThanOrEqual(trials);

    await page.goBack();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/studies/?design=rct`);
    expect(await page.getByLabel('Certainty').inputValue()).toBe('');
    expect(await design.inputValue()).toBe('rct');
    await expect.poll(shown).toBe(trials);
    expect(await page.locator('[data-filter-status]').innerText()).toBe(`Showing ${trials} of ${all} studies.`);

    await page.goBack();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/studies/`);
    expect(await design.inputValue()).toBe('');
    await expect.poll(shown).toBe(all);

    await page.goForward();
    await page.goForward();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/studies/?design=rct&certainty=low`);
    expect(await page.getByLabel('Certainty').inputValue()).toBe('low');
    await expect.poll(shown).toBe(lowTrials);

    // Back past the first filter leaves the page only then.
    await page.goBack();
    await page.goBack();
    await page.goBack();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/`);
  });

  test("arrowing through one filter's options is one step back, not one per option", async () => {
    const { page } = browser.current;
    await page.goto(`${baseUrl}/`);
    await page.goto(`${baseUrl}/studies/`);
    const design = page.getByLabel('Design');
    const before = await page.evaluate(() => history.length);
    await design.focus();
    for (const _ of [1, 2, 3]) await page.keyboard.press('ArrowDown');
    await expect.poll(() => design.inputValue()).not.toBe('');
    const chosen = await design.inputValue();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/studies/?design=${chosen}`);
    expect(await page.evaluate(() => history.length)).toBe(before + 1);
    await page.goBack();
    await expect.poll(() => page.url()).toBe(`${baseUrl}/studies/`);
    expect(await design.inputValue()).toBe('');
  });

  test('a filter value the list does not have is named, announced and not applied', async () => {
    const { page } = browser.current;
    await page.goto(`${baseUrl}/studies/?topic=nope&design=rct&year=1999`);
    const notice = page.locator('.filter-notice');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.getAttribute('role')).toBe('status');
    const text = await notice.innerText();
    expect(text).toContain('topic “nope”');
    expect(text).toContain('year “1999”');
    expect(text).toContain('left out');
    // The filter it knows still applies; the unknown ones are not chosen.
    expect(await page.getByLabel('Design').inputValue()).toBe('rct');
    expect(await page.locator('select[name="topic"]').inputValue()).toBe('');
    expect(await page.locator('[data-filter-status]').innerText()).toMatch(/^Showing \d+ of \d+ studies\.$/);
    // Choosing a filter replaces the notice.
    await page.getByLabel('Design').selectOption('');
    expect(await notice.isVisible()).toBe(false);
    await expect.poll(() => page.url()).toBe(`${baseUrl}/studies/`);
  });

  test('the theme toggle follows the system first, remembers a choice, and applies it before the page paints', async () => {
    const { page } = browser.current;
    // Records the theme at the moment <body> starts: before anything is painted.
    await page.addInitScript(() => {
      new MutationObserver((_records, observer) => {
        if (!document.body) return;
        (window as unknown as { themeAtBody: string }).themeAtBody =
          document.documentElement.dataset['theme'] ?? 'system';
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${baseUrl}/topics/`);
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    const light = await background();

    let onToggle = false;
    for (let presses = 0; presses < 20 && !onToggle; presses++) {
      await page.keyboard.press('Tab');
      onToggle = await page.evaluate(() => document.activeElement?.hasAttribute('data-theme-toggle') ?? false);
    }
    expect(onToggle).toBe(true);
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    expect(await background()).not.toBe(light);

    await page.reload();
    expect(await page.evaluate(() => (window as unknown as { themeAtBody: string }).themeAtBody)).toBe('dark');
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');

    // Back to what the system shows: the choice is forgotten, and the system is followed again.
    await toggle.focus();
    await page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await page.evaluate(() => localStorage.getItem('evidence-atlas-theme'))).toBeNull();
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBeUndefined();
    expect(await background()).not.toBe(light);
  });

  test('"Cite this" copies the reference as HTML, italics kept, and as plain text', async () => {
    const { page, context } = browser.current;
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    await page.goto(`${baseUrl}/studies/rieser2025/`);
    const apa = page.locator('[id="copy-apa~rieser2025"]');
    await page.getByRole('button', { name: 'Copy', exact: true }).first().click();
    await expect.poll(() => page.locator('[data-copy-status]').innerText()).toBe('Citation copied');
    const copied = await page.evaluate(async () => {
      const [item] = await navigator.clipboard.read();
      if (!item) return undefined;
      const read = async (type: string) => (await item.getType(type)).text();
      return { types: [...item.types].sort(), html: await read('text/html'), text: await read('text/plain') };
    });
    expect(copied?.types).toEqual(['text/html', 'text/plain']);
    expect(copied?.text).toBe((await apa.innerText()).trim());
    expect(copied?.html).toContain('<i>eClinicalMedicine</i>');
    expect(copied?.html).toContain('Rieser, N. M.');
  });
});

describe('on a touch screen', () => {
  test('the first tap on a citation shows its summary, evidence and reference; the second follows it', async () => {
    const session = await launchBrowser({ touch: true });
    try {
      const { page } = session;
      await page.goto(`${baseUrl}/topics/alcohol-use-disorder/`);
      const citation = page.locator('a.cite[data-cite="rieser2025"]').first();
      const preview = page.locator('.cite-preview');
      await citation.scrollIntoViewIfNeeded();
      await citation.tap();
      await expect.poll(() => preview.isVisible()).toBe(true);
      expect(page.url()).toBe(`${baseUrl}/topics/alcohol-use-disorder/`);
      const parts = await preview
        .locator('p')
        .evaluateAll((paragraphs) =>
          paragraphs.map((paragraph) => [paragraph.className, (paragraph as HTMLElement).innerText.trim()]),
        );
      expect(parts.map(([name]) => name)).toEqual([
        'cite-preview-summary',
        'cite-preview-evidence',
        'cite-preview-reference',
        'cite-preview-more',
      ]);
      expect(parts[0]?.[1]).toMatch(/^Adults with alcohol use disorder/);
      expect(parts[1]?.[1]).toMatch(/^Randomised controlled trial · N = 37 · finding: .+ · certainty: low$/);
      expect(parts[2]?.[1]).toMatch(/^Rieser, N\. M\./);
      // The preview fits the phone's screen.
      const box = await preview.boundingBox();
      expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390).toBe(true);

      // Escape closes it; a tap elsewhere does too.
      await page.keyboard.press('Escape');
      await expect.poll(() => preview.isVisible()).toBe(false);
      await citation.tap();
      await expect.poll(() => preview.isVisible()).toBe(true);
      await page.locator('h1').tap();
      await expect.poll(() => preview.isVisible()).toBe(false);

      await citation.tap();
      await expect.poll(() => preview.isVisible()).toBe(true);
      await citation.tap();
      await page.waitForURL((url) => url.pathname === '/studies/rieser2025/');
      expect(session.consoleErrors).toEqual([]);
      expect(session.pageErrors).toEqual([]);
      expect(session.blockedRequests).toEqual([]);
    } finally {
      await session.close();
    }
  });
});
