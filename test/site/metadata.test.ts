/**
 * The RSS feed, the sitemap, and every page's description, canonical URL, Open Graph tags and JSON-LD.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { describe, expect, it } from 'vitest';
import { sharedSite, project } from './site.ts';

const { outDir, pages, page } = sharedSite();

describe('feeds, sitemap and metadata', () => {
  const xml = (path: string) => {
    const text = readFileSync(join(outDir, path), 'utf8');
    expect(() => SyntaxValidator.validate(text), path).not.toThrow();
    return new XMLParser({ ignoreAttributes: false }).parse(text) as Record<string, unknown>;
  };
  const site = 'http://localhost:4321';

  it('has a well-formed RSS feed of every summary, newest first', async () => {
    const feed = xml('rss.xml') as {
      rss: { channel: { item: { link: string; pubDate: string }[] | { link: string; pubDate: string } } };
    };
    const items = [feed.rss.channel.item].flat();
    expect(items.map((item) => item.link).sort()).toEqual(
      project.studies.map((study) => `${site}/studies/${study.id}/`).sort(),
    );
    const dates = items.map((item) => Date.parse(item.pubDate));
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
  });

  it('has a well-formed sitemap of every page but search and the 404 page', async () => {
    const index = xml('sitemap-index.xml') as { sitemapindex: { sitemap: { loc: string } | { loc: string }[] } };
    const urls = [index.sitemapindex.sitemap].flat().flatMap((entry) => {
      const file = entry.loc.replace(`${site}/`, '');
      const map = xml(file) as { urlset: { url: { loc: string }[] } };
      return [map.urlset.url].flat().map((each) => each.loc.replace(site, ''));
    });
    expect(urls.sort()).toEqual([...pages.keys()].filter((path) => path !== '/search/' && path !== '/404.html').sort());
  });

  it('gives every page a description, canonical URL and Open Graph tags, and study pages JSON-LD', async () => {
    for (const [path, html] of pages) {
      const meta = (selector: string) => html.querySelector(selector)?.getAttribute('content') ?? '';
      expect(meta('meta[name="description"]').length, path).toBeGreaterThan(20);
      if (path === '/404.html') {
        // Not a place of its own: served at any missing address, and not to be indexed.
        expect(html.querySelector('link[rel="canonical"]'), path).toBeNull();
        expect(meta('meta[name="robots"]'), path).toBe('noindex');
        continue;
      }
      expect(html.querySelector('link[rel="canonical"]')?.getAttribute('href'), path).toBe(`${site}${path}`);
      expect(meta('meta[property="og:title"]'), path).not.toBe('');
      expect(meta('meta[property="og:url"]'), path).toBe(`${site}${path}`);
    }
    for (const study of project.studies) {
      const scripts = page(`/studies/${study.id}/`).querySelectorAll('script[type="application/ld+json"]');
      expect(scripts).toHaveLength(1);
      const json = JSON.parse(scripts[0]?.text ?? '') as {
        '@type': string;
        url: string;
        about: { name: string; sameAs?: string };
      };
      const reference = project.bibliography.references.get(study.id as never);
      expect(json['@type']).toBe('ScholarlyArticle');
      expect(json.url).toBe(`${site}/studies/${study.id}/`);
      expect(json.about.name).toBe(reference?.csl.title);
      if (reference?.csl.DOI) expect(json.about.sameAs).toBe(`https://doi.org/${reference.csl.DOI}`);
    }
  });
});
