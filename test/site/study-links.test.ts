/**
 * Where a study page leads: "Cited on", related studies and trial registrations.
 */
import { describe, expect, it } from 'vitest';
import { sharedSite, project } from './site.ts';

const { pages, page } = sharedSite();

describe('study links', () => {
  it('lists under "Cited on" exactly the other pages that cite the study, each link landing on the citation', async () => {
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

  it('lists related studies and links trial registrations', async () => {
    const html = page('/studies/rieser2025/');
    expect(html.querySelectorAll('[aria-labelledby="related-heading"] a').length).toBeGreaterThan(0);
    expect(html.querySelectorAll('[aria-labelledby="related-heading"] a').length).toBeLessThanOrEqual(6);
    expect(html.querySelector('[aria-labelledby="registry-heading"] a')?.getAttribute('href')).toBe(
      'https://clinicaltrials.gov/study/NCT04141501',
    );
  });
});
