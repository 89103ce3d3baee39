/**
 * Every study and topic has its page, each topic's table lists exactly its studies, every internal link resolves, and pages ship only the JavaScript they need.
 */
import { describe, expect, it } from 'vitest';
import { isError } from '../../src/lib/problems.ts';
import { brokenLinks, sharedSite, project } from './site.ts';

const { outDir, pages, page } = sharedSite();

describe('the built site', () => {
  it('has the top-level pages', async () => {
    for (const path of ['/', '/studies/', '/topics/', '/references/', '/about/', '/methods/']) {
      expect(pages.has(path), path).toBe(true);
    }
  });

  it('has a page for every study, with its title, summary, panel, reference and topics', async () => {
    expect(project.problems.filter(isError)).toEqual([]);
    expect(project.studies.length).toBeGreaterThanOrEqual(4);
    for (const study of project.studies) {
      const html = page(`/studies/${study.id}/`);
      const reference = project.bibliography.references.get(study.data.citekey as never);
      // The page leads with what was studied; the paper's own title follows when it differs.
      expect(html.querySelector('h1')?.text).toBe(study.data.shortTitle ?? reference?.csl.title);
      if (study.data.shortTitle) expect(html.querySelector('.paper-title cite')?.text).toBe(reference?.csl.title);
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

  it('shows how a mis-attributed reference is cited and what the record says', async () => {
    const html = page('/studies/rieser2025/');
    const notice = html.querySelector('.notice');
    expect(notice?.text).toContain('Mikulić');
    // The alias that keeps old citations working is an editor's matter: it stays on /references/.
    expect(notice?.text).not.toContain('mikulic2025');
    expect(page('/references/').querySelector('[id="ref-rieser2025"]')?.text).toContain('mikulic2025');
    expect(html.querySelector('.reference')?.text).toContain('Rieser, N. M.');
    for (const key of ['breeksema2024', 'rainesmith2023']) {
      expect(page(`/studies/${key}/`).querySelector('.notice'), key).not.toBeNull();
    }
  });

  it('has a topic page for every topic whose table lists exactly the studies tagged with it', async () => {
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

  it('lists every reference in /references/ with an anchor, APA-sorted, summaries linked, aliases anchored', async () => {
    const html = page('/references/');
    const entries = html.querySelectorAll('.bibliography > li');
    expect(entries.map((li) => li.id).sort()).toEqual(
      [...project.bibliography.references.keys()].map((key) => `ref-${key}`).sort(),
    );
    // APA sorts by the first author's family name.
    const families = entries.map((li) => {
      const key = li.id.replace(/^ref-/, '');
      const family = project.bibliography.references.get(key as never)?.csl.author?.[0]?.family ?? '';
      return family.replace(/^von /, '').toLowerCase();
    });
    expect(families).toEqual([...families].sort((a, b) => a.localeCompare(b, 'en')));
    expect(html.querySelector('[id="ref-rieser2025"] a[href="/studies/rieser2025/"]')).not.toBeNull();
    expect(html.querySelector('[id="ref-goodwin2022"] a[href="/studies/goodwin2022/"]')).not.toBeNull();
    expect(html.querySelector('[id="ref-mikulic2025"]')).not.toBeNull();
  });

  it('resolves every internal link and #anchor', async () => {
    const { checked, broken } = brokenLinks(outDir, pages);
    expect(checked).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  });

  it('ships JavaScript only for the theme, search (loaded on use), citation previews, "Cite this" and sortable tables', async () => {
    const searchBox = /\/_astro\/SearchBox\.[^"]+\.js$/;
    let extra = 0;
    for (const [path, html] of pages) {
      // The theme is applied before the first paint by a few inline lines in <head>.
      const theme = html.querySelectorAll('head script[data-theme-script]');
      expect(theme, path).toHaveLength(1);
      expect(theme[0]?.getAttribute('src'), path).toBeUndefined();
      expect(theme[0]?.text.length ?? 0, path).toBeLessThan(2500);
      const scripts = html
        .querySelectorAll('script')
        .filter(
          (script) =>
            script.getAttribute('type') !== 'application/ld+json' && !script.hasAttribute('data-theme-script'),
        );
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
