/**
 * Builds the real site once and reads what readers get: every study and topic has its page,
 * each topic's table lists exactly the studies tagged with it, and every internal link resolves.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse, type HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CSL } from '@citation-js/core';
import { checkProject, resolvePaths } from '../src/lib/check.ts';
import { parseRecords } from '../src/lib/exports.ts';
import { isError } from '../src/lib/problems.ts';
import type { BuildStats } from '../src/lib/stats.ts';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'atlas-build-'));
const outDir = join(scratch, 'dist');

/** A cold build (`--force` clears Astro's content cache), so the counts are a first build's. */
function build(out: string, env: Record<string, string> = {}) {
  return run(process.execPath, [astro, 'build', '--force', '--outDir', out], {
    cwd: root,
    env: {
      ...process.env,
      ATLAS_CACHE_DIR: join(scratch, `cache-${out.split('/').at(-1)}`),
      ...env,
      ASTRO_TELEMETRY_DISABLED: '1',
    },
    maxBuffer: 32 * 1024 * 1024,
  });
}

function htmlFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html'))
    .map((name) => join(directory, name));
}

const pages = new Map<string, HTMLElement>();
/** The parsed page at a site path such as `/topics/ptsd/`. */
function page(path: string): HTMLElement {
  const found = pages.get(path);
  if (!found) throw new Error(`no page ${path}`);
  return found;
}

const project = checkProject(resolvePaths(root, {}));
const statsFile = join(scratch, 'stats.json');

beforeAll(async () => {
  await build(outDir, { ATLAS_BUILD_STATS: statsFile });
  for (const file of htmlFiles(outDir)) {
    const path = `/${relative(outDir, file).replace(/index\.html$/, '')}`;
    pages.set(path, parse(readFileSync(file, 'utf8')));
  }
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the built site', () => {
  it('has the top-level pages', () => {
    for (const path of ['/', '/studies/', '/topics/', '/references/', '/about/', '/methods/']) {
      expect(pages.has(path), path).toBe(true);
    }
  });

  it('has a page for every study, with its title, summary, panel, reference and topics', () => {
    expect(project.problems.filter(isError)).toEqual([]);
    expect(project.studies.length).toBeGreaterThanOrEqual(4);
    for (const study of project.studies) {
      const html = page(`/studies/${study.id}/`);
      const reference = project.bibliography.references.get(study.data.citekey as never);
      expect(html.querySelector('h1')?.text).toBe(reference?.csl.title);
      expect(html.querySelector('.lead')?.text).toBe(study.data.summary);
      const terms = html.querySelectorAll('.glance dt').map((dt) => dt.text);
      expect(terms).toEqual(
        expect.arrayContaining([
          'Design',
          'Participants (N)',
          'Population',
          'Intervention',
          'Comparator',
          'Follow-up',
          'Primary outcome',
          'Finding',
          'Certainty',
        ]),
      );
      expect(html.querySelector('.glance')?.text).toContain(study.data.certaintyReason);
      const doi = reference?.csl.DOI;
      if (doi) expect(html.querySelector(`.reference a[href="https://doi.org/${doi}"]`), study.id).not.toBeNull();
      const topicLinks = html.querySelectorAll('.tags a').map((a) => a.getAttribute('href'));
      expect(topicLinks.sort()).toEqual(
        [...study.data.topics, ...study.data.substances].map((slug) => `/topics/${slug}/`).sort(),
      );
    }
  });

  it('shows how a mis-attributed reference is cited and what the record says', () => {
    const html = page('/studies/rieser2025/');
    const notice = html.querySelector('.notice');
    expect(notice?.text).toContain('Mikulić');
    expect(notice?.text).toContain('mikulic2025');
    expect(html.querySelector('.reference')?.text).toContain('Rieser, N. M.');
    for (const key of ['breeksema2024', 'rainesmith2023']) {
      expect(page(`/studies/${key}/`).querySelector('.notice'), key).not.toBeNull();
    }
  });

  it('has a topic page for every topic whose table lists exactly the studies tagged with it', () => {
    expect(project.topics.length).toBeGreaterThanOrEqual(10);
    for (const topic of project.topics) {
      const tagged = project.studies
        .filter((study) => study.data.topics.includes(topic.id) || study.data.substances.includes(topic.id))
        .map((study) => `/studies/${study.id}/`)
        .sort();
      const listed = page(`/topics/${topic.id}/`)
        .querySelectorAll('table tbody tr th a')
        .map((a) => a.getAttribute('href'))
        .sort();
      expect(listed, topic.id).toEqual(tagged);
    }
  });

  it('lists every reference in /references/ with an anchor, APA-sorted, summaries linked, aliases anchored', () => {
    const html = page('/references/');
    const entries = html.querySelectorAll('.bibliography > li');
    expect(entries.map((li) => li.id).sort()).toEqual([...project.bibliography.references.keys()].sort());
    // APA sorts by the first author's family name.
    const families = entries.map((li) => {
      const family = project.bibliography.references.get(li.id as never)?.csl.author?.[0]?.family ?? '';
      return family.replace(/^von /, '').toLowerCase();
    });
    expect(families).toEqual([...families].sort((a, b) => a.localeCompare(b, 'en')));
    expect(html.querySelector('[id="rieser2025"] a[href="/studies/rieser2025/"]')).not.toBeNull();
    expect(html.querySelector('[id="goodwin2022"] a[href="/studies/goodwin2022/"]')).not.toBeNull();
    expect(html.querySelector('[id="mikulic2025"]')).not.toBeNull();
  });

  it('resolves every internal link and #anchor', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const [path, html] of pages) {
      for (const anchor of html.querySelectorAll('a[href]')) {
        const href = anchor.getAttribute('href') ?? '';
        if (/^[a-z]+:/i.test(href) || href.startsWith('//')) continue;
        checked++;
        const url = new URL(href, `http://site${path}`);
        const file = join(outDir, url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname);
        if (!existsSync(file)) {
          broken.push(`${path} → ${href}`);
          continue;
        }
        const id = decodeURIComponent(url.hash.slice(1));
        if (id && !pages.get(url.pathname)?.querySelector(`[id="${id}"]`)) broken.push(`${path} → ${href} (no #${id})`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  });

  it('ships JavaScript only for search (loaded on use), citation previews, "Cite this" and sortable tables', () => {
    const searchBox = /\/_astro\/SearchBox\.[^"]+\.js$/;
    let extra = 0;
    for (const [path, html] of pages) {
      const scripts = html
        .querySelectorAll('script')
        .filter((script) => script.getAttribute('type') !== 'application/ld+json');
      // Every page has the search box's small loader; Pagefind itself loads with the first query.
      expect(
        scripts.filter((script) => searchBox.test(script.getAttribute('src') ?? '')),
        path,
      ).toHaveLength(1);
      expect(html.toString(), path).not.toContain('pagefind.js');
      const others = scripts.filter((script) => !searchBox.test(script.getAttribute('src') ?? ''));
      const needs = html.querySelector('a.cite, button.copy, #search-form, table[data-sortable]') !== null;
      if (!needs) expect(others.length, path).toBe(0);
      else extra++;
      for (const script of scripts) expect(script.getAttribute('src') ?? '', path).not.toMatch(/^https?:/);
    }
    expect(extra).toBeGreaterThan(0);
  });
});

describe('citations in the built site', () => {
  const citingPages = () => [...pages].filter(([, html]) => html.querySelector('a.cite'));

  it("renders citations on topic pages, each described by an entry of the page's own reference list", () => {
    expect(citingPages().length).toBeGreaterThanOrEqual(10);
    for (const [path, html] of citingPages()) {
      const cited = new Set(html.querySelectorAll('a.cite').map((a) => a.getAttribute('data-cite')));
      const listed = new Set(html.querySelectorAll('.page-references li').map((li) => li.id.replace(/^ref-/, '')));
      expect(listed, path).toEqual(cited);
      for (const anchor of html.querySelectorAll('a.cite')) {
        const key = anchor.getAttribute('data-cite') ?? '';
        expect(anchor.getAttribute('aria-describedby'), path).toBe(`ref-${key}`);
        const target = project.studies.some((study) => study.id === key) ? `/studies/${key}/` : `/references/#${key}`;
        expect(anchor.getAttribute('href'), `${path} ${key}`).toBe(target);
      }
    }
  });

  it('shows the evidence of a summarised study in the reference list', () => {
    const html = page('/topics/alcohol-use-disorder/');
    const rieser = html.querySelector('[id="ref-rieser2025"]');
    expect(rieser?.querySelector('.reference')?.text).toContain('Rieser, N. M.');
    expect(rieser?.querySelector('.evidence')?.text).toBe(
      'Randomised controlled trial · N = 37 · finding: no difference · certainty: low',
    );
    expect(html.querySelector('[id="ref-bogenschutz2022"] .evidence')?.text).toContain('Randomised controlled trial');
  });

  it('parses the bibliography once and formats each reference once per style', () => {
    const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as BuildStats;
    const references = project.bibliography.references.size;
    expect(stats.bibliographyParses).toBe(1);
    expect(stats.entriesFormatted).toEqual({ apa: references, vancouver: references, harvard1: references });
    expect(stats.clustersFormatted).toBeGreaterThan(0);
  });
});

describe('study links', () => {
  it('lists under "Cited on" exactly the other pages that cite the study, each link landing on the citation', () => {
    for (const study of project.studies) {
      const own = `/studies/${study.id}/`;
      const citing = [...pages]
        .filter(([path, html]) => path !== own && html.querySelector(`a.cite[data-cite="${study.id}"]`))
        .map(([path]) => `${path}#cite-${study.id}`)
        .sort();
      const listed = page(own)
        .querySelectorAll('[aria-labelledby="cited-on-heading"] a')
        .map((a) => a.getAttribute('href'))
        .sort();
      expect(listed, study.id).toEqual(citing);
    }
    expect(
      page('/studies/rieser2025/').querySelectorAll('[aria-labelledby="cited-on-heading"] a').length,
    ).toBeGreaterThan(2);
  });

  it('lists related studies and links trial registrations', () => {
    const html = page('/studies/rieser2025/');
    expect(html.querySelectorAll('[aria-labelledby="related-heading"] a').length).toBeGreaterThan(0);
    expect(html.querySelectorAll('[aria-labelledby="related-heading"] a').length).toBeLessThanOrEqual(6);
    expect(html.querySelector('[aria-labelledby="registry-heading"] a')?.getAttribute('href')).toBe(
      'https://clinicaltrials.gov/study/NCT04141501',
    );
  });
});

describe('evidence map and topic feeds', () => {
  it('counts in each map cell exactly the studies of that topic and design, linking to them', () => {
    const html = page('/map/');
    const designs = html
      .querySelectorAll('thead th')
      .slice(1, -1)
      .map((th) => th.text);
    expect(designs.length).toBeGreaterThan(0);
    let cells = 0;
    for (const row of html.querySelectorAll('tbody tr').filter((tr) => tr.querySelector('th[scope="row"]'))) {
      const slug =
        row
          .querySelector('th a')
          ?.getAttribute('href')
          ?.match(/\/topics\/([^/]+)\//)?.[1] ?? '';
      for (const cell of row.querySelectorAll('td.map-cell')) {
        cells++;
        const link = cell.querySelector('a')?.getAttribute('href');
        const count = Number(cell.getAttribute('data-count'));
        const design = link ? new URL(link, 'http://site').searchParams.get('design') : undefined;
        const expected = project.studies.filter(
          (study) => study.data.topics.includes(slug) && study.data.design === design,
        ).length;
        if (count > 0) {
          expect(link, `${slug} × ${design}`).toBe(`/studies/?topic=${slug}&design=${design}`);
          expect(count, `${slug} × ${design}`).toBe(expected);
          expect(cell.text.trim()).toBe(String(count));
        } else {
          expect(link).toBeUndefined();
        }
      }
    }
    expect(cells).toBeGreaterThan(10);
    const total = html
      .querySelectorAll('td.map-cell')
      .reduce((sum, cell) => sum + Number(cell.getAttribute('data-count')), 0);
    expect(total).toBeGreaterThan(0);
  });

  it('gives each topic a well-formed Atom feed of its studies and its references as BibTeX, RIS and CSL-JSON', () => {
    for (const topic of project.topics) {
      const text = readFileSync(join(outDir, 'topics', topic.id, 'feed.xml'), 'utf8');
      expect(XMLValidator.validate(text), topic.id).toBe(true);
      const feed = new XMLParser({ ignoreAttributes: false }).parse(text) as {
        feed: { entry?: { id: string } | { id: string }[] };
      };
      const tagged = project.studies.filter(
        (study) => study.data.topics.includes(topic.id) || study.data.substances.includes(topic.id),
      );
      expect(
        [feed.feed.entry ?? []]
          .flat()
          .map((entry) => entry.id)
          .sort(),
        topic.id,
      ).toEqual(tagged.map((study) => `http://localhost:4321/studies/${study.id}/`).sort());
      for (const extension of ['bib', 'ris', 'json']) {
        const records = parseRecords(readFileSync(join(outDir, 'topics', topic.id, `references.${extension}`), 'utf8'));
        const titles = records.map((record) => record.title);
        for (const study of tagged)
          expect(titles, `${topic.id}.${extension}`).toContain(
            project.bibliography.references.get(study.id as never)?.csl.title,
          );
      }
    }
  });
});

describe('exports', () => {
  const read = (path: string) => readFileSync(join(outDir, path), 'utf8');
  const comparable = (csl: CSL) => ({
    title: csl.title,
    year: csl.issued?.['date-parts']?.[0]?.[0],
    doi: csl.DOI,
    authors: (csl.author ?? []).map((name) => [
      [name['non-dropping-particle'], name.family].filter(Boolean).join(' '),
      name.given,
    ]),
  });
  const source = [...project.bibliography.references.values()];

  it.each(['references.bib', 'references.ris', 'references.json'])('%s parses back to the same records', (file) => {
    const parsed = parseRecords(read(file));
    expect(parsed.map(comparable)).toEqual(source.map((reference) => comparable(reference.csl)));
  });

  it('has a .bib, .ris and .json for every reference, each parsing back to it', () => {
    for (const reference of source) {
      for (const extension of ['bib', 'ris', 'json']) {
        const parsed = parseRecords(read(`references/${reference.key}.${extension}`));
        expect(parsed.map(comparable), `${reference.key}.${extension}`).toEqual([comparable(reference.csl)]);
      }
    }
  });

  it('offers APA, Vancouver and Harvard strings and the downloads on study pages and /references/', () => {
    const study = page('/studies/rieser2025/');
    const styles = study.querySelectorAll('.cite-this dt').map((dt) => dt.text);
    expect(styles).toEqual(['APA 7', 'Vancouver', 'Harvard']);
    expect(study.querySelector('[id="cite-rieser2025-vancouver"]')?.text).toMatch(/^Rieser NM, Bitar R/);
    expect(study.querySelectorAll('.cite-this .downloads a').map((a) => a.getAttribute('href'))).toEqual([
      '/references/rieser2025.bib',
      '/references/rieser2025.ris',
      '/references/rieser2025.json',
    ]);
    expect(page('/references/').querySelectorAll('details.cite-details').length).toBe(source.length);
  });

  it('describes the original paper in citation_* meta tags on study pages', () => {
    for (const study of project.studies) {
      const reference = project.bibliography.references.get(study.id as never);
      const meta = (name: string) =>
        page(`/studies/${study.id}/`)
          .querySelectorAll(`meta[name="${name}"]`)
          .map((tag) => tag.getAttribute('content'));
      expect(meta('citation_title')).toEqual([reference?.csl.title]);
      expect(meta('citation_author')).toHaveLength(reference?.csl.author?.length ?? 0);
      expect(meta('citation_doi')).toEqual(reference?.csl.DOI ? [reference.csl.DOI] : []);
    }
    expect(page('/studies/modlin2024/').querySelector('meta[name="citation_firstpage"]')?.getAttribute('content')).toBe(
      '109',
    );
  });
});

describe('the Vancouver style', () => {
  const vancouver = new Map<string, HTMLElement>();
  beforeAll(async () => {
    const out = join(scratch, 'vancouver');
    await build(out, { ATLAS_CITATION_STYLE: 'vancouver' });
    for (const file of htmlFiles(out))
      vancouver.set(`/${relative(out, file).replace(/index\.html$/, '')}`, parse(readFileSync(file, 'utf8')));
  });

  it('changes every citing page: numbered citations, numbered lists in order of first citation', () => {
    const citing = [...pages].filter(([, html]) => html.querySelector('a.cite'));
    for (const [path, apa] of citing) {
      const html = vancouver.get(path);
      const clusters = html?.querySelectorAll('.citation').map((span) => span.text) ?? [];
      expect(clusters, path).not.toEqual(apa.querySelectorAll('.citation').map((span) => span.text));
      // Clusters end in numbers (after a prefix such as "for example"); in-text ones name the author first.
      for (const text of clusters) expect(text, path).toMatch(/\((?:[^()]*\s)?\d+(?:[,–]\d+)*\)$/);
      const listed =
        html?.querySelectorAll('.page-references ol.numbered li').map((li) => li.id.replace(/^ref-/, '')) ?? [];
      // A numeric range ("9–12") links its ends only; the cluster names every key it cites.
      const cited = html
        ?.querySelectorAll('.citation')
        .flatMap((span) => span.getAttribute('data-cites')?.split(' ') ?? []);
      const firstCited = [...new Set(cited)];
      expect(listed, path).toEqual(firstCited);
    }
  });
});

describe('the search index', () => {
  /** Pagefind's page fragments: gzip'd JSON behind a signature. */
  const fragments = () =>
    readdirSync(join(outDir, 'pagefind', 'fragment')).map((name) => {
      const text = gunzipSync(readFileSync(join(outDir, 'pagefind', 'fragment', name))).toString('utf8');
      return JSON.parse(text.slice(text.indexOf('{'))) as {
        url: string;
        content: string;
        filters: Record<string, string[]>;
        meta: Record<string, string>;
      };
    });

  it('is written by the build, one entry per study, topic and page', () => {
    expect(existsSync(join(outDir, 'pagefind', 'pagefind.js'))).toBe(true);
    const urls = fragments()
      .map((fragment) => fragment.url)
      .sort();
    const expected = [
      ...project.studies.map((study) => `/studies/${study.id}/`),
      ...project.topics.map((topic) => `/topics/${topic.id}/`),
      ...project.pages.map((each) => `/${each.id}/`),
    ].sort();
    expect(urls).toEqual(expected);
  });

  it('gives a study its filters, metadata and sort keys', () => {
    const rieser = fragments().find((fragment) => fragment.url === '/studies/rieser2025/');
    expect(rieser?.filters).toEqual({
      kind: ['study'],
      design: ['rct'],
      certainty: ['low'],
      year: ['2025'],
      n: ['under-50'],
      condition: ['alcohol-use-disorder'],
      topic: ['relapse-prevention', 'expectancy-and-blinding'],
      substance: ['psilocybin'],
    });
    expect(rieser?.meta).toMatchObject({
      design: 'Randomised controlled trial',
      year: '2025',
      n: '37',
      label: 'Rieser et al. (2025)',
    });
    expect(rieser?.meta['summary']).toBe(project.studies.find((study) => study.id === 'rieser2025')?.data.summary);
    const html = page('/studies/rieser2025/');
    expect(
      html.querySelectorAll('[data-pagefind-sort]').map((node) => node.getAttribute('data-pagefind-sort')),
    ).toEqual(['year:2025', 'n:37']);
    expect(fragments().find((fragment) => fragment.url === '/topics/ptsd/')?.filters).toEqual({ kind: ['topic'] });
  });

  it('indexes the main content only: no header, footer, navigation, reference lists or "Cite this"', () => {
    for (const fragment of fragments()) {
      expect(fragment.content, fragment.url).not.toContain('Skip to content');
      expect(fragment.content, fragment.url).not.toContain('they are not medical advice');
      expect(fragment.content, fragment.url).not.toContain('Download the record');
      expect(fragment.content, fragment.url).not.toContain('No summary on this site yet');
      expect(fragment.content, fragment.url).not.toContain('Studies on this topic');
    }
    // What is indexed: the summary, the at-a-glance panel, the record and the body.
    const rieser = fragments().find((fragment) => fragment.url === '/studies/rieser2025/');
    expect(rieser?.content).toContain('craving');
    expect(rieser?.content).toContain('Mikulić');
  });
});

describe('feeds, sitemap and metadata', () => {
  const xml = (path: string) => {
    const text = readFileSync(join(outDir, path), 'utf8');
    expect(XMLValidator.validate(text), path).toBe(true);
    return new XMLParser({ ignoreAttributes: false }).parse(text) as Record<string, unknown>;
  };
  const site = 'http://localhost:4321';

  it('has a well-formed RSS feed of every summary, newest first', () => {
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

  it('has a well-formed sitemap of every page but search', () => {
    const index = xml('sitemap-index.xml') as { sitemapindex: { sitemap: { loc: string } | { loc: string }[] } };
    const urls = [index.sitemapindex.sitemap].flat().flatMap((entry) => {
      const file = entry.loc.replace(`${site}/`, '');
      const map = xml(file) as { urlset: { url: { loc: string }[] } };
      return [map.urlset.url].flat().map((each) => each.loc.replace(site, ''));
    });
    expect(urls.sort()).toEqual([...pages.keys()].filter((path) => path !== '/search/').sort());
  });

  it('gives every page a description, canonical URL and Open Graph tags, and study pages JSON-LD', () => {
    for (const [path, html] of pages) {
      const meta = (selector: string) => html.querySelector(selector)?.getAttribute('content') ?? '';
      expect(meta('meta[name="description"]').length, path).toBeGreaterThan(20);
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

describe('a library that grows: audited records, a cited reference without a summary', () => {
  const out = join(scratch, 'grown');
  const read = (path: string) => parse(readFileSync(join(out, path, 'index.html'), 'utf8'));
  beforeAll(async () => {
    const references = join(scratch, 'grown-references');
    const content = join(scratch, 'grown-content');
    cpSync(join(root, 'references'), references, { recursive: true });
    cpSync(join(root, 'content'), content, { recursive: true });
    writeFileSync(
      join(references, 'references.bib'),
      `${readFileSync(join(references, 'references.bib'), 'utf8')}
@article{pending2026,
  author  = {Pending, Paula},
  title   = {A trial not yet summarised},
  journal = {Journal of Examples},
  year    = {2026},
}
`,
    );
    const topic = join(content, 'topics', 'alcohol-use-disorder.mdx');
    writeFileSync(topic, `${readFileSync(topic, 'utf8')}\nA newer trial has not been summarised yet [@pending2026].\n`);
    writeFileSync(
      join(references, 'audit.json'),
      JSON.stringify({
        resolver: 'https://doi.org',
        entries: {
          rieser2025: { status: 'match', checked: '2026-11-20', differences: [] },
          modlin2024: {
            status: 'mismatch',
            checked: '2026-11-20',
            differences: [{ field: 'pages', bibtex: '109-135', record: '189-215' }],
          },
        },
      }),
    );
    await build(out, { ATLAS_REFERENCES_DIR: references, ATLAS_CONTENT_DIR: content });
  });

  it('says on study and bibliography pages when the record was checked against its DOI, and what differs', () => {
    expect(read('studies/rieser2025').querySelector('.audit')?.text).toBe(
      'Metadata checked against the DOI record on 20 November 2026: it matches.',
    );
    const mismatch = read('studies/modlin2024').querySelector('.audit')?.text ?? '';
    expect(mismatch).toContain('Checked against the DOI record on 20 November 2026: it differs from this entry.');
    expect(mismatch).toContain('Pages or article number: here “109-135”, in the DOI record “189-215”');
    expect(read('references').querySelector('[id="rieser2025"] .audit')?.text).toContain('it matches');
    expect(read('studies/breeksema2024').querySelector('.audit')).toBeNull();
  });

  it('lists a reference without a summary, unlinked, and says so where it is cited', () => {
    expect(read('references').querySelector('[id="pending2026"]')?.text).toContain('A trial not yet summarised');
    expect(read('references').querySelector('[id="pending2026"] a[href^="/studies/"]')).toBeNull();
    expect(existsSync(join(out, 'studies', 'pending2026'))).toBe(false);
    const topic = read('topics/alcohol-use-disorder');
    expect(topic.querySelector('[id="ref-pending2026"] .evidence')?.text).toBe('No summary on this site yet');
    expect(topic.querySelector('[id="ref-rieser2025"] .evidence')?.text).toContain('Randomised controlled trial');
  });
});

describe('under a sub-path (base)', () => {
  const base = '/evidence-atlas';
  const out = join(scratch, 'with-base');
  beforeAll(async () => {
    await build(out, { ATLAS_BASE: base });
  });

  it('resolves every internal link and #anchor, with the base in front of each', () => {
    const built = new Map(
      htmlFiles(out).map((file) => [
        `/${relative(out, file).replace(/index\.html$/, '')}`,
        parse(readFileSync(file, 'utf8')),
      ]),
    );
    const broken: string[] = [];
    let checked = 0;
    for (const [path, html] of built) {
      for (const node of html.querySelectorAll('a[href], link[href], script[src]')) {
        const href = node.getAttribute('href') ?? node.getAttribute('src') ?? '';
        if (/^[a-z]+:/i.test(href) || href.startsWith('//') || href.startsWith('#')) continue;
        checked++;
        const target = new URL(href, `http://site${base}${path}`);
        if (!target.pathname.startsWith(`${base}/`)) {
          broken.push(`${path} → ${href} (outside ${base})`);
          continue;
        }
        const local = target.pathname.slice(base.length);
        const file = join(out, local.endsWith('/') ? `${local}index.html` : local);
        if (!existsSync(file)) broken.push(`${path} → ${href}`);
        const id = decodeURIComponent(target.hash.slice(1));
        if (id && existsSync(file) && !built.get(local)?.querySelector(`[id="${id}"]`))
          broken.push(`${path} → ${href} (no #${id})`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(broken).toEqual([]);
    // Citations, exports and the search box carry the base too.
    const topic = built.get('/topics/alcohol-use-disorder/');
    expect(topic?.querySelector('a.cite')?.getAttribute('href')).toMatch(new RegExp(`^${base}/`));
    expect(topic?.querySelector('form.site-search')?.getAttribute('action')).toBe(`${base}/search/`);
  });
});

describe('a broken corpus', () => {
  it('fails the build naming the file of a mistyped topic and the position of a misspelt key, and writes nothing', async () => {
    const content = join(scratch, 'content');
    cpSync(join(root, 'content'), content, { recursive: true });
    const file = join(content, 'studies', 'rieser2025.mdx');
    const text = readFileSync(file, 'utf8');
    const mistyped = text
      .replace(/^( {2}- )alcohol-use-disorder$/m, '$1alcohol-use-disordr')
      .concat('\nAs [@rieser2024] showed.\n');
    expect(mistyped).not.toBe(text);
    writeFileSync(file, mistyped);
    const brokenOut = join(scratch, 'broken-dist');
    const failure = await build(brokenOut, { ATLAS_CONTENT_DIR: content }).then(
      () => undefined,
      (error: { stdout: string; stderr: string }) => `${error.stdout}\n${error.stderr}`,
    );
    expect(failure).toBeDefined();
    expect(failure).toMatch(
      /rieser2025\.mdx:\d+:\d+ unknown topic "alcohol-use-disordr" \(did you mean "alcohol-use-disorder"\?\)/,
    );
    const lines = mistyped.split('\n');
    const line = lines.findIndex((each) => each.includes('[@rieser2024]')) + 1;
    expect(failure).toContain(
      `content/studies/rieser2025.mdx:${line}:5 unknown citation key "rieser2024" (did you mean "rieser2025"?)`,
    );
    expect(existsSync(brokenOut)).toBe(false);
  });
});
