/**
 * What every page's frame adds: the 404 page, the icon, the table of contents of long pages,
 * "Last updated" from Git, the summaries the citation previews show, and a search index whose
 * fields do not run together.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { project, root, sharedSite } from './site.ts';

const { outDir, pages, page } = sharedSite();

describe('the page frame', () => {
  it('writes a designed 404 page as 404.html, kept out of the sitemap and the search index', () => {
    expect(existsSync(join(outDir, '404.html'))).toBe(true);
    expect(existsSync(join(outDir, '404', 'index.html'))).toBe(false);
    const html = page('/404.html');
    expect(html.querySelector('h1')?.text).toBe('Page not found');
    expect(html.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
    expect(html.querySelector('link[rel="canonical"]')).toBeNull();
    const search = html.querySelector('main form[role="search"]');
    expect(search?.getAttribute('action')).toBe('/search/');
    expect(search?.querySelector('input[name="q"]')).not.toBeNull();
    const links = html.querySelectorAll('main a').map((a) => a.getAttribute('href'));
    expect(links).toEqual(expect.arrayContaining(['/studies/', '/topics/', '/map/', '/references/', '/']));
    expect(html.querySelectorAll('nav[aria-label="Site"] a')).toHaveLength(6);
    expect(readFileSync(join(outDir, 'sitemap-0.xml'), 'utf8')).not.toContain('404');
    const indexed = readdirSync(join(outDir, 'pagefind', 'fragment')).map((name) => {
      const text = gunzipSync(readFileSync(join(outDir, 'pagefind', 'fragment', name))).toString('utf8');
      return (JSON.parse(text.slice(text.indexOf('{'))) as { url: string }).url;
    });
    expect(indexed.some((url) => url.includes('404'))).toBe(false);
  });

  it('serves favicon.ico, an icon file with 16, 32 and 48 pixel images, and names it on every page', () => {
    const ico = readFileSync(join(outDir, 'favicon.ico'));
    expect([...ico.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    const count = ico.readUInt16LE(4);
    expect(Array.from({ length: count }, (_, index) => ico[6 + 16 * index])).toEqual([16, 32, 48]);
    for (const [path, html] of pages) {
      expect(html.querySelector('link[rel="icon"][href="/favicon.ico"]'), path).not.toBeNull();
    }
  });

  it('lists the sections of long pages after the lead, linking to each heading', () => {
    for (const path of ['/methods/', '/about/']) {
      const html = page(path);
      const toc = html.querySelector('nav.toc');
      expect(toc, path).not.toBeNull();
      const sections = html
        .querySelectorAll('main h2[id]')
        .filter((heading) => heading.id !== 'toc-heading')
        .map((heading) => `#${heading.id}`);
      expect(toc?.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual(sections);
      // It comes after the title (these pages have no lead) and before the first section.
      const order = html.querySelectorAll('main h1, main h2').map((heading) => heading.id || heading.tagName);
      expect(order.slice(0, 3)).toEqual(['H1', 'toc-heading', sections[0]?.slice(1)]);
    }
    for (const path of ['/', '/map/', '/studies/', '/404.html'])
      expect(page(path).querySelector('nav.toc'), path).toBeNull();
  });

  it('says when a page last changed, from the last commit of its file, and links nowhere without a repository', () => {
    for (const each of project.pages) {
      const file = join('content', 'pages', `${each.id}.mdx`);
      const date = execFileSync('git', ['log', '-1', '--format=%cs', '--', file], {
        cwd: root,
        encoding: 'utf8',
      }).trim();
      const meta = page(`/${each.id}/`).querySelector('.page-meta');
      expect(meta?.querySelector('time')?.getAttribute('datetime'), each.id).toBe(date);
      expect(meta?.text).toMatch(/Last updated \d{1,2} \w+ \d{4}/);
      expect(meta?.querySelectorAll('a'), each.id).toHaveLength(0);
    }
  });

  it('gives each reference-list entry of a summarised study the summary a citation preview shows', () => {
    let entries = 0;
    for (const [path, html] of pages) {
      for (const entry of html.querySelectorAll('.page-references li[id^="ref-"]')) {
        const key = entry.id.replace(/^ref-/, '');
        const study = project.studies.find((each) => each.id === key);
        const summary = entry.querySelector('.evidence-summary');
        if (!study) {
          expect(summary, `${path} ${key}`).toBeNull();
          continue;
        }
        entries++;
        expect(summary?.hasAttribute('hidden'), `${path} ${key}`).toBe(true);
        expect(summary?.text.trim()).toBe(study.data.summary);
      }
    }
    expect(entries).toBeGreaterThan(10);
  });

  it('indexes the fields of a summary apart: "Comparator Placebo", not "ComparatorPlacebo"', () => {
    const name = readdirSync(join(outDir, 'pagefind', 'fragment')).find((each) => {
      const text = gunzipSync(readFileSync(join(outDir, 'pagefind', 'fragment', each))).toString('utf8');
      return text.includes('"url":"/studies/rieser2025/"');
    });
    const text = gunzipSync(readFileSync(join(outDir, 'pagefind', 'fragment', name ?? ''))).toString('utf8');
    const content = (JSON.parse(text.slice(text.indexOf('{'))) as { content: string }).content;
    expect(content).toContain('Comparator Placebo');
    expect(content).not.toMatch(/Design(Randomised|Placebo)|Comparator(Placebo|Niacin)|Follow-up\d/);
  });
});
