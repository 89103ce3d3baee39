/**
 * A study list too long for one page, in Chromium: the real corpus built with a page size of 4
 * (`ATLAS_LIST_PAGE_SIZE`), so /studies/ lists years and its filters are handed to /search/, which
 * looks at every study. A filtered address from before the split (`/studies/?condition=ptsd`, as the
 * evidence map once linked) still leads to those studies; a year page's filters carry over to
 * search in one link. This file builds its own site (in `beforeAll`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkProject, type ProjectCheck } from '../src/lib/check/index.ts';
import { resolveProject } from '../src/lib/project.ts';
import { buildSite } from '../test/site/site.ts';
import { useBrowserSession } from './browser.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const repo = new URL('..', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'atlas-long-lists-'));
const outDir = join(scratch, 'dist');
const settings = { ATLAS_LIST_PAGE_SIZE: '4' };

let server: StaticServer | undefined;
let project: ProjectCheck;

beforeAll(async () => {
  project = await checkProject(resolveProject(repo, settings));
  await buildSite(outDir, { ...settings, ATLAS_CACHE_DIR: join(scratch, 'cache') });
  server = await serveStatic(outDir);
}, 240_000);

afterAll(async () => {
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const browser = useBrowserSession();
const url = (path: string) => `${server?.baseUrl}${path}`;
/** The studies tagged with a topic (a theme or a condition), as the summaries say. */
const onTopic = (slug: string) => project.studies.filter((study) => study.data.topics.includes(slug)).length;

describe('a study list split by year', () => {
  test('an address with filters from before the split shows those studies in search', async () => {
    const { page } = browser.current;
    const expected = onTopic('ptsd');
    expect(expected).toBeGreaterThan(0);
    await page.goto(url('/studies/?condition=ptsd'));
    await page.waitForURL(/\/search\/\?/);
    const address = new URL(page.url());
    expect(address.searchParams.get('kind')).toBe('study');
    expect(address.searchParams.getAll('condition')).toEqual(['ptsd']);
    await expect.poll(() => page.locator('#search-results > li').count(), { timeout: 10_000 }).toBe(expected);
  });

  test('"Filter every study" on /studies/ searches every year with the chosen filters', async () => {
    const { page } = browser.current;
    await page.goto(url('/studies/'));
    const form = page.locator('form[data-studies-by-year]');
    await form.getByLabel('Topic').selectOption('integration');
    await form.getByRole('button', { name: 'Show the studies' }).click();
    await page.waitForURL(/\/search\/\?/);
    await expect
      .poll(() => page.locator('#search-results > li').count(), { timeout: 10_000 })
      .toBe(onTopic('integration'));
  });

  test("a year page's filters carry over to search in its link", async () => {
    const { page } = browser.current;
    await page.goto(url('/studies/'));
    const firstYear = page.getByRole('navigation', { name: 'Studies by year' }).getByRole('link').first();
    await firstYear.click();
    await page.waitForURL(/\/studies\/by-year\/[^/]+\/$/);
    const everyYear = page.locator('[data-search-every-year] a');
    expect(await everyYear.getAttribute('href')).toBe('/search/?kind=study');
    const design = page.locator('form[data-study-filters] select[name="design"]');
    const value = await design.locator('option').nth(1).getAttribute('value');
    expect(value).toBeTruthy();
    await design.selectOption(value ?? '');
    await expect.poll(() => everyYear.getAttribute('href')).toContain(`design=${value}`);
    await everyYear.click();
    await page.waitForURL(/\/search\/\?/);
    expect(new URL(page.url()).searchParams.getAll('design')).toEqual([value]);
  });
});

describe('a bibliography split by name', () => {
  test('an address of an entry from before the split lands on the entry in its part', async () => {
    const { page } = browser.current;
    await page.goto(url('/references/#ref-rieser2025'));
    await page.waitForURL(/\/references\/by-name\/[^/]+\/#ref-rieser2025$/);
    const entry = page.locator('[id="ref-rieser2025"]');
    await expect.poll(() => entry.evaluate((element) => element.matches(':target'))).toBe(true);
    expect(await entry.textContent()).toContain('Rieser');
  });

  test('an address of an entry the list does not hold stays on the index and says so', async () => {
    const { page } = browser.current;
    await page.goto(url('/references/#ref-nosuch1999'));
    const status = page.locator('[data-reference-forward]');
    await expect.poll(() => status.textContent()).toContain('"nosuch1999" was not found');
    expect(new URL(page.url()).pathname).toBe('/references/');
  });

  test("an entry's address typed over the index's own is forwarded too", async () => {
    const { page } = browser.current;
    await page.goto(url('/references/'));
    await page.evaluate(() => {
      location.hash = '#ref-rieser2025';
    });
    await page.waitForURL(/\/references\/by-name\/[^/]+\/#ref-rieser2025$/);
  });
});
