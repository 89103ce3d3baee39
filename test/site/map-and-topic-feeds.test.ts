/**
 * The evidence map counts and links, and each topic's Atom feed and reference downloads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../src/lib/exports.ts';
import { sharedSite, project } from './site.ts';

const { outDir, page } = sharedSite();

describe('evidence map and topic feeds', () => {
  it('counts in each map cell exactly the studies of that topic and design, linking to them', async () => {
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
          const facet =
            project.topics.find((topic) => topic.id === slug)?.data.kind === 'condition' ? 'condition' : 'topic';
          expect(link, `${slug} × ${design}`).toBe(`/studies/?${facet}=${slug}&design=${design}`);
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

  it('gives each topic a well-formed Atom feed of its studies and its references as BibTeX, RIS and CSL-JSON', async () => {
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
        // CSL-JSON marks the parts of a title the .bib file braces as `<span class="nocase">`.
        const titles = records.map((record) => record.title?.replace(/<span class="nocase">(.*?)<\/span>/g, '$1'));
        for (const study of tagged)
          expect(titles, `${topic.id}.${extension}`).toContain(
            project.bibliography.references.get(study.id as never)?.csl.title,
          );
      }
    }
  });
});
