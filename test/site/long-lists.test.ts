/**
 * Lists longer than a page holds (ATLAS_LIST_PAGE_SIZE): the bibliography split by the first
 * author's name, the study list by year, a topic's table shortened, every link still landing.
 * The real corpus with a page size of 4, and one cited reference that has no summary.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenLinks, buildSite, corpusCopy, project, readPages } from './site.ts';
import { gluedLinks, strayedSpaces } from './text-flow.ts';

const scratch = mkdtempSync(join(tmpdir(), 'atlas-site-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const size = 4;
const out = join(scratch, 'long');
let pages = new Map<string, HTMLElement>();
const page = (path: string) => {
  const found = pages.get(path);
  if (!found) throw new Error(`no page ${path}`);
  return found;
};
/** The part links of a page's parts navigation: [href, label, count, current]. */
const partsOf = (html: HTMLElement) =>
  html.querySelectorAll('nav.parts a').map((a) => ({
    href: a.getAttribute('href') ?? '',
    label: a.childNodes[0]?.text.trim() ?? '',
    count: Number(/\((\d+)\)/.exec(a.querySelector('.count')?.text ?? '')?.[1]),
    current: a.getAttribute('aria-current') === 'page',
  }));

beforeAll(async () => {
  const { references, content } = corpusCopy(scratch, {
    bib: `
@article{pending2026,
  author  = {Ångström, Paula},
  title   = {A trial not yet summarised},
  journal = {Journal of Examples},
  year    = {2026},
}
`,
    appendToTopic: { 'alcohol-use-disorder': '\nA newer trial has not been summarised yet [@pending2026].\n' },
  });
  await buildSite(out, {
    ATLAS_REFERENCES_DIR: references,
    ATLAS_CONTENT_DIR: content,
    ATLAS_LIST_PAGE_SIZE: String(size),
  });
  pages = readPages(out);
});

describe('a bibliography longer than a page', () => {
  const total = project.bibliography.references.size + 1;

  it('lists its parts on /references/, each reference on exactly one part, none over the page size', async () => {
    const index = page('/references/');
    expect(index.querySelector('ol.bibliography')).toBeNull();
    const parts = partsOf(index);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.reduce((sum, part) => sum + part.count, 0)).toBe(total);
    const listed: string[] = [];
    for (const part of parts) {
      expect(part.href).toMatch(/^\/references\/by-name\/[a-z]+(-[a-z]+)?(-\d+)?\/$/);
      const html = page(part.href);
      const ids = html.querySelectorAll('ol.bibliography > li').map((li) => li.id);
      expect(ids, part.href).toHaveLength(part.count);
      expect(ids.length, part.href).toBeLessThanOrEqual(size);
      expect(html.querySelector('h1')?.text).toBe(`References: ${part.label}`);
      expect(
        partsOf(html)
          .filter((each) => each.current)
          .map((each) => each.href),
      ).toEqual([part.href]);
      listed.push(...ids);
    }
    expect(new Set(listed).size).toBe(total);
  });

  it('maps every reference to its part, for addresses from before the split', async () => {
    const map = JSON.parse(readFileSync(join(out, 'references/by-name/parts.json'), 'utf8')) as Record<string, string>;
    const expected: Record<string, string> = {};
    for (const part of partsOf(page('/references/'))) {
      const slug = /\/by-name\/([^/]+)\/$/.exec(part.href)?.[1] ?? '';
      for (const li of page(part.href).querySelectorAll('ol.bibliography > li'))
        expected[li.id.replace(/^ref-/, '')] = slug;
    }
    expect(Object.keys(expected)).toHaveLength(total);
    expect(map).toEqual(expected);
    expect(page('/references/').querySelector('[role="status"][data-reference-forward]')).not.toBeNull();
  });

  it('files a reference by its first author, accents folded', async () => {
    expect(page('/references/by-name/a/').querySelector('[id="ref-pending2026"]')?.text).toContain(
      'A trial not yet summarised',
    );
    expect(page('/studies/rieser2025/').querySelector('a[href="/references/by-name/r/#ref-rieser2025"]')?.text).toBe(
      'full bibliography',
    );
  });

  it('sends a citation of a reference without a summary to its part', async () => {
    const topic = page('/topics/alcohol-use-disorder/');
    expect(topic.querySelector('a.cite[data-cite="pending2026"]')?.getAttribute('href')).toBe(
      '/references/by-name/a/#ref-pending2026',
    );
    expect(topic.querySelector('[id="ref-pending2026"] a')?.getAttribute('href')).toBe(
      '/references/by-name/a/#ref-pending2026',
    );
  });
});

describe('a study list longer than a page', () => {
  const studies = project.studies.length;

  it('lists the years on /studies/, each study on exactly one year page, newest first', async () => {
    const index = page('/studies/');
    expect(index.querySelector('table')).toBeNull();
    const parts = partsOf(index);
    expect(parts.reduce((sum, part) => sum + part.count, 0)).toBe(studies);
    const years = parts.map((part) => Number(/\/by-year\/(\d+)/.exec(part.href)?.[1]));
    expect(years).toEqual([...years].sort((a, b) => b - a));
    const rows: string[] = [];
    for (const part of parts) {
      const html = page(part.href);
      const links = html.querySelectorAll('#all-studies tbody th a').map((a) => a.getAttribute('href') ?? '');
      expect(links.length, part.href).toBe(part.count);
      expect(links.length, part.href).toBeLessThanOrEqual(size);
      expect(html.querySelector('[data-filter-status]')?.text.trim()).toBe(`Showing all ${part.count} studies.`);
      rows.push(...links);
    }
    expect(new Set(rows).size).toBe(studies);
  });

  it('filters every year through search: the form on /studies/ and the evidence map', async () => {
    const form = page('/studies/').querySelector('form[data-studies-by-year]');
    expect(form?.getAttribute('action')).toBe('/search/');
    expect(form?.querySelector('input[type="hidden"][name="kind"]')?.getAttribute('value')).toBe('study');
    expect(form?.querySelectorAll('select').map((select) => select.getAttribute('name'))).toEqual(
      expect.arrayContaining(['design', 'topic', 'year']),
    );
    const cells = page('/map/')
      .querySelectorAll('td a')
      .map((a) => a.getAttribute('href') ?? '');
    expect(cells.length).toBeGreaterThan(10);
    for (const href of cells) expect(href).toMatch(/^\/search\/\?kind=study&/);
  });
});

describe('a topic with more studies than a page', () => {
  it('shows the studies behind its findings first, says how many it leaves out, and links to all of them', async () => {
    const psilocybin = project.topics.find((topic) => topic.id === 'psilocybin');
    const onTopic = project.studies.filter((study) => study.data.substances.includes('psilocybin')).length;
    expect(onTopic).toBeGreaterThan(size);
    const html = page('/topics/psilocybin/');
    const rows = html.querySelectorAll('#evidence-heading ~ .table-wrap tbody th a').map((a) => a.getAttribute('href'));
    expect(rows).toHaveLength(size);
    const behind = new Set(psilocybin?.data.findings.flatMap((row) => row.studies));
    const shownBehind = rows.filter((href) => behind.has(/\/studies\/([^/]+)\//.exec(href ?? '')?.[1] ?? '')).length;
    expect(shownBehind).toBe(Math.min(behind.size, size));
    expect(html.querySelector('#evidence-heading ~ .table-wrap caption')?.text).toBe(
      `${size} of the ${onTopic} studies on Psilocybin`,
    );
    expect(html.querySelector(`a[href="/search/?kind=study&substance=psilocybin"]`)?.text).toBe(
      `All ${onTopic} studies on Psilocybin`,
    );
  });
});

describe('the split pages', () => {
  it('resolve every internal link and #anchor, and read as sentences', async () => {
    const { checked, broken } = brokenLinks(out, pages);
    expect(checked).toBeGreaterThan(100);
    expect(broken).toEqual([]);
    const split = [...pages].filter(
      ([path]) => /^\/(references|studies)\/by-/.test(path) || path === '/studies/' || path === '/references/',
    );
    expect(split.length).toBeGreaterThan(5);
    for (const [path, html] of split) {
      expect(gluedLinks(html), path).toEqual([]);
      expect(strayedSpaces(html), path).toEqual([]);
    }
  });
});
