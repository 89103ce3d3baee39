/**
 * Citations in the built site: each described by its page's reference list, the evidence of summarised studies shown, and the bibliography parsed once and formatted once per style.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BuildStats } from '../../src/lib/build-state.ts';
import { sharedSite, project } from './site.ts';

const { pages, page, statsFile } = sharedSite();

describe('citations in the built site', () => {
  const citingPages = () => [...pages].filter(([, html]) => html.querySelector('a.cite'));

  it("renders citations on topic pages, each described by an entry of the page's own reference list", async () => {
    expect(citingPages().length).toBeGreaterThanOrEqual(10);
    for (const [path, html] of citingPages()) {
      const cited = new Set(html.querySelectorAll('a.cite').map((a) => a.getAttribute('data-cite')));
      const listed = new Set(html.querySelectorAll('.page-references li').map((li) => li.id.replace(/^ref-/, '')));
      expect(listed, path).toEqual(cited);
      for (const anchor of html.querySelectorAll('a.cite')) {
        const key = anchor.getAttribute('data-cite') ?? '';
        expect(anchor.getAttribute('aria-describedby'), path).toBe(`ref-${key}`);
        const target = project.studies.some((study) => study.id === key)
          ? `/studies/${key}/`
          : `/references/#ref-${key}`;
        expect(anchor.getAttribute('href'), `${path} ${key}`).toBe(target);
      }
    }
  });

  it('shows the evidence of a summarised study in the reference list', async () => {
    const html = page('/topics/alcohol-use-disorder/');
    const rieser = html.querySelector('[id="ref-rieser2025"]');
    expect(rieser?.querySelector('.reference')?.text).toContain('Rieser, N. M.');
    expect(rieser?.querySelector('.evidence')?.text).toBe(
      'Randomised controlled trial · N = 37 · finding: no difference · certainty: low',
    );
    expect(html.querySelector('[id="ref-bogenschutz2022"] .evidence')?.text).toContain('Randomised controlled trial');
  });

  it('parses the bibliography once and formats each reference once per style', async () => {
    const stats = JSON.parse(readFileSync(statsFile, 'utf8')) as BuildStats;
    const references = project.bibliography.references.size;
    expect(stats.bibliographyParses).toBe(1);
    expect(stats.entriesFormatted).toEqual({
      apa: references,
      vancouver: references,
      harvard1: references,
      'chicago-author-date': references,
      mla: references,
    });
    expect(stats.clustersFormatted).toBeGreaterThan(0);
  });
});
