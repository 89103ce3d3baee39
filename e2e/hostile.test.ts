/**
 * Pages built from a library full of payloads raise no dialog. test/fixtures/hostile passes
 * `npm run check`, yet its BibTeX fields, keys, frontmatter, topic titles, findings rows and bodies
 * carry script, markup, template and separator payloads (its README lists them). This file builds it
 * with a real `astro build` into a temporary folder (in `beforeAll`, about 15 s), serves that with
 * e2e/static-server.ts on 127.0.0.1, and opens every HTML page of it in Chromium: no dialog, console
 * error, uncaught error or request off the machine; one <h1>; the payloads shown as text where they
 * belong and never as elements; one JSON-LD block that parses. It then hovers and focuses every
 * citation, and reads the RSS and Atom feeds with fast-xml-parser (Chromium's strict XML parser
 * judges them well-formed) and their summaries as HTML.
 *
 * It runs with the rest in `npm run test:e2e` (which needs `npm run build` done first, for the
 * other files); this file needs nothing built beforehand.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import type { Dialog, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { checkProject, type ProjectCheck } from '../src/lib/check/index.ts';
import { isError } from '../src/lib/problems.ts';
import { resolveProject } from '../src/lib/project.ts';
import { routes } from '../src/lib/routes.ts';
import { buildSite } from '../test/site/site.ts';
import { useBrowserSession } from './browser.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const repo = new URL('..', import.meta.url).pathname;
const fixture = new URL('../test/fixtures/hostile/', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'atlas-hostile-'));
const outDir = join(scratch, 'dist');
const corpus = {
  ATLAS_CONTENT_DIR: join(fixture, 'content'),
  ATLAS_REFERENCES_DIR: join(fixture, 'references'),
  // Its own style, whose title, layout prefix and suffix carry payloads too.
  ATLAS_CITATION_STYLE: 'hostile',
};

/** What the fixture carries; each must reach some page as text. */
const payloads = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '</script><script>alert(1)</script>',
  '<!--<script>',
  '{{7*7}}',
  '${alert(1)}',
  '\u2028',
  ']]>',
];

let server: StaticServer | undefined;
let project: ProjectCheck;
/** Site paths of every HTML page of the build, such as `/studies/%C3%A7elik-2021/`. */
let paths: string[] = [];

beforeAll(async () => {
  project = await checkProject(resolveProject(repo, corpus));
  await buildSite(outDir, { ...corpus, ATLAS_CACHE_DIR: join(scratch, 'cache') });
  paths = readdirSync(outDir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html'))
    .map((name) => `/${relative(outDir, join(outDir, name)).replace(/index\.html$/, '')}`)
    // The editors' CMS is an application that asks a local decap-server first (e2e/admin.test.ts).
    .filter((path) => path !== routes.admin())
    .map((path) => path.split('/').map(encodeURIComponent).join('/'))
    .sort();
  server = await serveStatic(outDir);
}, 180_000);

afterAll(async () => {
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const url = (path: string) => `${server?.baseUrl ?? ''}${path}`;
const reference = (key: string) => {
  const found = project.bibliography.references.get(key as never);
  if (!found) throw new Error(`no reference ${key}`);
  return found;
};

/**
 * What in the page could run or load script: event attributes, elements no page of the site has,
 * scripts other than the site's modules and JSON-LD, and addresses that are not web or mail ones.
 */
function unsafeNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes)
        if (/^on/i.test(attribute.name)) found.push(`<${element.localName} ${attribute.name}>`);
      for (const name of ['href', 'src', 'action', 'formaction', 'xlink:href']) {
        const value = element.getAttribute(name);
        if (value === null) continue;
        const protocol = new URL(value, location.href).protocol;
        if (!['http:', 'https:', 'mailto:'].includes(protocol)) found.push(`<${element.localName} ${name}="${value}">`);
      }
    }
    for (const element of document.querySelectorAll(
      'svg, math, iframe, frame, object, embed, base, meta[http-equiv]',
    )) {
      // The site's own theme button draws its icon as SVG; no data may bring one.
      if (element.localName === 'svg' && element.closest('[data-theme-toggle]')) continue;
      found.push(`<${element.localName}>`);
    }
    for (const script of document.querySelectorAll('script')) {
      const type = script.getAttribute('type');
      if (type === 'application/ld+json') continue;
      // The layout's own few lines that set the theme before the first paint.
      if (script.hasAttribute('data-theme-script') && !script.src && script.parentElement === document.head) continue;
      if (type === 'module' && (!script.src || new URL(script.src).origin === location.origin)) continue;
      found.push(`<script type="${type}" src="${script.src}">`);
    }
    return found;
  });
}

/** Every dialog a page of the session opens, dismissed. */
function watchDialogs(page: Page): string[] {
  const dialogs: string[] = [];
  const record = (dialog: Dialog) => {
    dialogs.push(`${dialog.type()} "${dialog.message()}" on ${page.url()}`);
    void dialog.dismiss();
  };
  page.context().on('dialog', record);
  return dialogs;
}

describe('a site built from hostile input', () => {
  const browser = useBrowserSession();

  test('the fixture passes the check and carries every payload', () => {
    expect(project.problems.filter(isError)).toEqual([]);
    expect(project.studies.map((study) => study.id).sort()).toEqual(['plain2019', 'çelik-2021']);
    expect([...project.bibliography.references.keys()].sort()).toEqual([
      'müller:2020',
      'plain2019',
      'çelik-2021',
      'ωmega.2022+b',
    ]);
    // Payloads in every BibTeX field that reaches a page, and DOIs that are valid but unusual.
    const records = [...project.bibliography.references.values()].map((each) => each.csl);
    const hostile = (value: unknown) => /alert\(1\)|<!.-?<script>|\]\]>/.test(String(value ?? ''));
    for (const field of ['title', 'container-title', 'publisher', 'note', 'abstract', 'URL'] as const)
      expect(
        records.some((record) => hostile(record[field])),
        field,
      ).toBe(true);
    const names = records.flatMap((record) => record.author ?? []);
    for (const part of ['family', 'given'] as const)
      expect(
        names.some((name) => hostile(name[part])),
        part,
      ).toBe(true);
    // A corporate name in double braces, which citation-js reads as one family name.
    expect(names.some((name) => name.given === undefined && hostile(name.family))).toBe(true);
    // A url that is not a web address is left out of the record (with a warning from the check).
    expect(records.map((record) => record.URL).filter(Boolean)).not.toContain('javascript:alert(1)');
    expect(records.flatMap((record) => record.DOI ?? []).sort()).toEqual(['10.1000/(x)y;z', '10.1234/(SICI)1;2:x']);
  });

  test('no page raises a dialog; each has one h1, the payloads as text, nothing that runs, one JSON-LD', async () => {
    const { page } = browser.current;
    const dialogs = watchDialogs(page);
    expect(paths.length).toBe(12);
    const shown: string[] = [];
    const headings = new Map<string, string>();
    for (const path of [...paths, routes.search('?q=alert')]) {
      await page.goto(url(path), { waitUntil: 'networkidle' });
      if (path.startsWith(routes.search('?'))) {
        await expect.poll(() => page.locator('#search-results > li').count(), { message: path }).toBeGreaterThan(0);
      }
      expect(dialogs, path).toEqual([]);
      expect(await page.locator('h1').count(), path).toBe(1);
      headings.set(
        path,
        await page
          .locator('h1')
          .textContent()
          .then((text) => text ?? ''),
      );
      shown.push(await page.evaluate(() => document.title + (document.body.textContent ?? '')));
      expect(await unsafeNodes(page), path).toEqual([]);

      const jsonLd = page.locator('script[type="application/ld+json"]');
      const blocks = await jsonLd.count();
      expect(blocks, path).toBe(path.startsWith('/studies/') && path !== routes.studies() ? 1 : 0);
      if (blocks === 1) {
        const json = JSON.parse((await jsonLd.textContent()) ?? '') as { about: { name: string } };
        const key = decodeURIComponent(path.split('/')[2] ?? '');
        expect(json.about.name, path).toBe(reference(key).csl.title);
        // Links in the record are web addresses only, whatever the BibTeX url field held.
        const links = JSON.stringify(json).match(/"(?:sameAs|url|@id)":"[^"]*"/g) ?? [];
        for (const link of links) expect(link, path).toMatch(/^"[^"]+":"https?:\/\//);
      }
    }
    expect(dialogs).toEqual([]);

    // Each payload reached a page, as text.
    for (const payload of payloads)
      expect(
        shown.some((text) => text.includes(payload)),
        payload,
      ).toBe(true);
    // Titles from BibTeX and frontmatter are the pages' headings, character for character.
    for (const study of project.studies)
      expect(headings.get(routes.study(study.id))).toBe(reference(study.id).csl.title);
    for (const topic of project.topics) expect(headings.get(routes.topic(topic.id))).toBe(topic.data.title);
    for (const each of project.pages) expect(headings.get(routes.page(each.id))).toBe(each.data.title);
    expect(headings.get(routes.study('çelik-2021'))).toContain('<script>alert(1)</script> and {{7*7}} and ${alert(1)}');
  });

  test('the at-a-glance panel, miscitation notice and findings table show their fields as text', async () => {
    const { page } = browser.current;
    const dialogs = watchDialogs(page);
    const study = project.studies.find((each) => each.id === 'çelik-2021');
    if (!study) throw new Error('no study çelik-2021');
    await page.goto(url(routes.study(study.id)), { waitUntil: 'networkidle' });
    expect(await page.locator('.lead').textContent()).toBe(study.data.summary);
    const glance = (await page.locator('.glance').textContent()) ?? '';
    for (const field of [
      study.data.population,
      study.data.intervention,
      study.data.comparator,
      study.data.followUp,
      study.data.primaryOutcome,
      study.data.certaintyReason,
    ])
      expect(glance).toContain(field);
    const notice = (await page.locator('.notice').textContent()) ?? '';
    for (const miscitation of study.data.miscitations) {
      expect(notice).toContain(miscitation.source);
      expect(notice).toContain(miscitation.citedAs);
      expect(notice).toContain(miscitation.differences);
    }

    const topic = project.topics.find((each) => each.data.findings.length > 0);
    if (!topic) throw new Error('no topic with findings');
    await page.goto(url(routes.topic(topic.id)), { waitUntil: 'networkidle' });
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain(topic.data.description);
    for (const row of topic.data.findings) {
      expect(main).toContain(row.outcome);
      expect(main).toContain(row.result);
      for (const downgrade of row.downgrades) expect(main).toContain(downgrade.why);
    }
    expect(await unsafeNodes(page)).toEqual([]);
    expect(dialogs).toEqual([]);
  });

  test('hovering and focusing every citation and link previews the payloads as text, and runs nothing', async () => {
    const { page } = browser.current;
    const dialogs = watchDialogs(page);
    const preview = page.locator('.cite-preview');
    let citations = 0;
    for (const path of [routes.study('çelik-2021'), routes.topic('hostile-theme'), routes.page('about')]) {
      await page.goto(url(path), { waitUntil: 'networkidle' });
      const cites = page.locator('a.cite');
      const count = await cites.count();
      expect(count, path).toBeGreaterThan(0);
      // Every key of a cluster is linked, whatever the style's layout prefix and suffix hold.
      const clusters = await page.locator('.citation').evaluateAll((spans) =>
        spans.map((span) => ({
          cites: (span.getAttribute('data-cites') ?? '').split(' ').sort(),
          linked: [...span.querySelectorAll('a.cite')].map((anchor) => anchor.getAttribute('data-cite') ?? '').sort(),
        })),
      );
      for (const { cites, linked } of clusters) expect(linked, path).toEqual(cites);
      for (let i = 0; i < count; i++) {
        const cite = cites.nth(i);
        const key = (await cite.getAttribute('data-cite')) ?? '';
        await cite.hover();
        await expect.poll(() => preview.isVisible(), { message: `${path} ${key}` }).toBe(true);
        // The preview is the reference list's entry: the BibTeX title, as text.
        expect(await preview.textContent(), `${path} ${key}`).toContain(reference(key).csl.title);
        await page.mouse.move(0, 0);
        await expect.poll(() => preview.isVisible()).toBe(false);
        await cite.focus();
        await expect.poll(() => preview.isVisible(), { message: `${path} ${key}` }).toBe(true);
        await page.keyboard.press('Escape');
        citations++;
      }
      // Any link, including one made from a BibTeX url field with a quote in it.
      const links = page.locator('main a[href]');
      for (let i = 0; i < (await links.count()); i++) if (await links.nth(i).isVisible()) await links.nth(i).hover();
      // Tab through the whole page once.
      await page.locator('body').focus();
      const first = await page.evaluate(() => document.activeElement?.outerHTML);
      for (let presses = 0; presses < 200; presses++) {
        await page.keyboard.press('Tab');
        if ((await page.evaluate(() => document.activeElement?.outerHTML)) === first) break;
      }
      expect(await unsafeNodes(page), path).toEqual([]);
    }
    expect(citations).toBeGreaterThanOrEqual(8);
    expect(dialogs).toEqual([]);
  });

  test('a search for "alert" lists the pages with the payloads as text, in the header box and on /search/', async () => {
    const { page } = browser.current;
    const dialogs = watchDialogs(page);
    await page.goto(url(routes.home()), { waitUntil: 'networkidle' });
    await page.keyboard.press('/');
    await page.keyboard.type('onerror');
    const panel = page.locator('#site-search-panel');
    await expect.poll(() => panel.locator('.search-result').count()).toBeGreaterThan(0);
    expect(await unsafeNodes(page)).toEqual([]);

    await page.goto(url(routes.search('?q=alert')), { waitUntil: 'networkidle' });
    const results = page.locator('#search-results > li');
    await expect.poll(() => results.count()).toBeGreaterThan(3);
    const titles = await page.locator('#search-results .search-result-title').allTextContents();
    expect(titles).toContain(`<script>alert(1)</script> theme`);
    expect(await page.locator('#search-results mark').count()).toBeGreaterThan(0);
    expect(await unsafeNodes(page)).toEqual([]);
    expect(dialogs).toEqual([]);
  });
});

describe('the feeds of a site built from hostile input', () => {
  const browser = useBrowserSession();
  const parser = new XMLParser({ ignoreAttributes: false });
  /**
   * The feed, parsed. Chromium's XML parser checks that it is well-formed (it is strict where
   * fast-xml-parser's validator is not: a control character passes that one).
   */
  const read = async (path: string) => {
    const text = readFileSync(join(outDir, path), 'utf8');
    const error = await browser.current.page.evaluate(
      (xml) =>
        new DOMParser().parseFromString(xml, 'application/xml').querySelector('parsererror')?.textContent ?? null,
      text,
    );
    expect(error, path).toBeNull();
    return parser.parse(text) as Record<string, unknown>;
  };
  /** Characters an XML 1.0 document cannot hold, even as references. */
  // eslint-disable-next-line no-control-regex -- the control characters are what is looked for
  const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
  /** HTML as a browser would read it: its text, and whether any element came of it. */
  const asHtml = (html: string) => {
    const tree = fromHtml(html, { fragment: true });
    return { text: toString(tree), elements: tree.children.filter((node) => node.type !== 'text').length };
  };
  /** Each summary as a feed can carry it: without the characters XML cannot hold. */
  const summaries = () => new Map(project.studies.map((study) => [study.id, study.data.summary.replace(notXml, '')]));

  test('/rss.xml is well-formed; each description, read as HTML, is the summary as text', async () => {
    const feed = (await read('rss.xml')) as { rss: { channel: { item: { link: string; description: string }[] } } };
    const items = [feed.rss.channel.item].flat();
    expect(items).toHaveLength(project.studies.length);
    for (const item of items) {
      const key = decodeURIComponent(new URL(item.link).pathname.split('/')[2] ?? '');
      expect(asHtml(item.description), key).toEqual({ text: summaries().get(key), elements: 0 });
    }
    expect(items.some((item) => asHtml(item.description).text.includes('<script>alert(1)</script>'))).toBe(true);
    expect(project.studies.some((study) => study.data.summary.includes('\u000B'))).toBe(true);
  });

  test("each topic's Atom feed is well-formed; each summary and title, read as HTML, is text", async () => {
    let entries = 0;
    for (const topic of project.topics) {
      const feed = (await read(join('topics', topic.id, 'feed.xml'))) as {
        feed: { title: string; entry?: Entry | Entry[] };
      };
      type Entry = { id: string; title: { '#text': string }; summary: { '#text': string } };
      expect(feed.feed.title, topic.id).toBe(`Evidence Atlas: ${topic.data.title}`);
      for (const entry of [feed.feed.entry ?? []].flat()) {
        entries++;
        const key = decodeURIComponent(new URL(entry.id).pathname.split('/')[2] ?? '');
        expect(asHtml(entry.summary['#text']), key).toEqual({ text: summaries().get(key), elements: 0 });
        const title = asHtml(entry.title['#text']);
        expect(title.elements, key).toBe(0);
        expect(title.text, key).toContain(reference(key).csl.title);
      }
    }
    expect(entries).toBeGreaterThanOrEqual(2);
  });
});
