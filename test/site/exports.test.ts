/**
 * The downloads: the library and every reference as BibTeX, RIS and CSL-JSON, "Cite this" and citation_* meta tags.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CSL, CSLName } from '@citation-js/core';
import { parseRecords } from '../../src/lib/exports.ts';
import { sharedSite, project } from './site.ts';

const { outDir, page } = sharedSite();

describe('exports', () => {
  const read = (path: string) => readFileSync(join(outDir, path), 'utf8');
  /** "and others" (BibTeX) and `{"literal": "others"}` (CSL-JSON) mark an incomplete list, read back as a name. */
  const isOthers = (name: CSLName) => name.literal === 'others' || (name.family === 'others' && !name.given);
  const comparable = (csl: CSL) => ({
    // CSL-JSON keeps the braced parts of a title from case changes as `<span class="nocase">`.
    title: csl.title?.replace(/<span class="nocase">(.*?)<\/span>/g, '$1'),
    year: csl.issued?.['date-parts']?.[0]?.[0],
    doi: csl.DOI,
    authors: (csl.author ?? [])
      .filter((name) => !isOthers(name))
      .map((name) => [[name['non-dropping-particle'], name.family].filter(Boolean).join(' '), name.given]),
  });
  const source = [...project.bibliography.references.values()];

  it.each(['references.bib', 'references.ris', 'references.json'])('%s parses back to the same records', (file) => {
    // The library is written in the order of the full bibliography; compare the records themselves.
    const sorted = (records: ReturnType<typeof comparable>[]) => records.map((record) => JSON.stringify(record)).sort();
    const parsed = parseRecords(read(file));
    expect(sorted(parsed.map(comparable))).toEqual(sorted(source.map((reference) => comparable(reference.csl))));
  });

  it('has a .bib, .ris and .json for every reference, each parsing back to it', async () => {
    for (const reference of source) {
      for (const extension of ['bib', 'ris', 'json']) {
        const parsed = parseRecords(read(`references/${reference.key}.${extension}`));
        expect(parsed.map(comparable), `${reference.key}.${extension}`).toEqual([comparable(reference.csl)]);
      }
    }
  });

  it('offers APA, Vancouver, Harvard, Chicago and MLA strings and the downloads on study pages and /references/', async () => {
    const study = page('/studies/rieser2025/');
    const styles = study.querySelectorAll('.cite-this dt').map((dt) => dt.text);
    expect(styles).toEqual(['APA 7', 'Vancouver', 'Harvard', 'Chicago (author-date)', 'MLA 9']);
    expect(study.querySelector('[id="copy-vancouver~rieser2025"]')?.text.trim()).toMatch(/^Rieser NM, Bitar R/);
    expect(study.querySelector('[id="copy-chicago-author-date~rieser2025"]')?.text.trim()).toMatch(
      /^Rieser, Nathalie M., Raoul Bitar, .* 2025\. “Psilocybin-Assisted Therapy/,
    );
    expect(study.querySelector('[id="copy-mla~rieser2025"]')?.text.trim()).toMatch(
      /^Rieser, Nathalie M., et al\. “Psilocybin-Assisted/,
    );
    // A published article without volume and pages is not a preprint (CSL 1.0.2: `article` is the
    // preprint type, `article-journal` a journal article).
    expect(
      page('/studies/mitchell2023/').querySelector('[id="copy-harvard1~mitchell2023"]')?.text.trim(),
    ).not.toContain('Preprint');
    expect(study.querySelectorAll('.cite-this .downloads a').map((a) => a.getAttribute('href'))).toEqual([
      '/references/rieser2025.bib',
      '/references/rieser2025.ris',
      '/references/rieser2025.json',
    ]);
    // /references/ sends each summarised entry to its study page for the other styles.
    const listing = page('/references/');
    for (const study of project.studies) {
      expect(
        listing.querySelector(`[id="ref-${study.id}"] a[href="/studies/${study.id}/#heading-cite-this"]`)?.text,
        study.id,
      ).toBe('cite it in another style');
    }
  });

  it('describes the original paper in citation_* meta tags on study pages', async () => {
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
    // A record whose list ends in "and others" lists the authors it names; the page says the rest is unknown.
    for (const study of project.studies) {
      const reference = project.bibliography.references.get(study.id as never);
      if (!reference?.authorListIncomplete) continue;
      expect(page(`/studies/${study.id}/`).querySelector('main p.reference')?.text, study.id).toContain(
        'the full author list of this record has not been confirmed',
      );
    }
    expect(page('/studies/modlin2024/').querySelector('meta[name="citation_firstpage"]')?.getAttribute('content')).toBe(
      '109',
    );
  });
});
