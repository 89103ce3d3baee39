/**
 * The search index written by the build: its pages, filters, metadata and sort keys, main content only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { sharedSite, project } from './site.ts';

const { outDir, page } = sharedSite();

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

  it('is written by the build, one entry per study, topic and page', async () => {
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

  it('gives a study its filters, metadata and sort keys', async () => {
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

  it('indexes the main content only: no header, footer, navigation, reference lists or "Cite this"', async () => {
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
