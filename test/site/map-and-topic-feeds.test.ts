/**
 * The evidence map counts and links, and each topic's Atom feed and reference downloads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { SyntaxValidator } from 'fast-xml-validator';
import { describe, expect, it } from 'vitest';
import { parseRecords } from '../../src/lib/exports.ts';
import { designLabels, type Design } from '../../src/lib/vocabulary.ts';
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
    expect(html.querySelectorAll('th[scope="rowgroup"]').map((th) => th.text.trim())).toEqual([
      'Conditions',
      'Themes',
      'Substances',
    ]);
    const facetOf = { condition: 'condition', substance: 'substance', theme: 'topic', method: 'topic' } as const;
    let cells = 0;
    let substances = 0;
    for (const row of html.querySelectorAll('tbody tr').filter((tr) => tr.querySelector('th[scope="row"]'))) {
      const slug =
        row
          .querySelector('th a')
          ?.getAttribute('href')
          ?.match(/\/topics\/([^/]+)\//)?.[1] ?? '';
      const kind = project.topics.find((topic) => topic.id === slug)?.data.kind ?? 'theme';
      if (kind === 'substance') substances++;
      const onTopic = project.studies.filter(
        (study) => study.data.topics.includes(slug) || study.data.substances.includes(slug),
      );
      const columns = row.querySelectorAll('td.map-cell');
      expect(columns.map((cell) => cell.getAttribute('data-count'))).toHaveLength(designs.length);
      for (const [index, cell] of [...columns, row.querySelector('td.map-total')].entries()) {
        if (!cell) throw new Error(`${slug}: no total`);
        cells++;
        const link = cell.querySelector('a')?.getAttribute('href');
        const count = Number(cell.getAttribute('data-count'));
        const designValue = link ? (new URL(link, 'http://site').searchParams.get('design') ?? undefined) : undefined;
        const expected = onTopic.filter((study) => designValue === undefined || study.data.design === designValue);
        if (count > 0) {
          const query = new URLSearchParams({ [facetOf[kind]]: slug, ...(designValue ? { design: designValue } : {}) });
          expect(link, `${slug} × ${designValue ?? 'all'}`).toBe(`/studies/?${query.toString()}`);
          expect(count, `${slug} × ${designValue ?? 'all'}`).toBe(expected.length);
          expect(cell.text.trim()).toBe(String(count));
        } else {
          // A gap links nowhere: there is nothing to show.
          expect(link, `${slug}: an empty cell`).toBeUndefined();
          expect(cell.text.trim()).toBe('0');
        }
        if (cell.classList.contains('map-cell')) {
          // The link's design is its column's.
          if (designValue) expect(designLabels[designValue as Design]).toBe(designs[index]?.trim());
          expect(cell.classList.contains(`map-step-${Math.min(count, 3)}`), `${slug}: step of ${count}`).toBe(true);
        }
      }
    }
    expect(cells).toBeGreaterThan(10);
    expect(substances).toBe(project.topics.filter((topic) => topic.data.kind === 'substance').length);
    const total = html
      .querySelectorAll('td.map-cell')
      .reduce((sum, cell) => sum + Number(cell.getAttribute('data-count')), 0);
    expect(total).toBeGreaterThan(0);
    // The key names each step of the shading.
    expect(html.querySelectorAll('.map-scale .map-swatch').map((swatch) => swatch.text.trim())).toEqual([
      '0',
      '1',
      '2',
      '3+',
    ]);
  });

  it('gives each topic a well-formed Atom feed of its studies and its references as BibTeX, RIS and CSL-JSON', async () => {
    for (const topic of project.topics) {
      const text = readFileSync(join(outDir, 'topics', topic.id, 'feed.xml'), 'utf8');
      expect(() => SyntaxValidator.validate(text), topic.id).not.toThrow();
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
