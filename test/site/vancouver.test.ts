/**
 * A build in the Vancouver style numbers every citing page's citations and list.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedSite, buildSite, htmlFiles } from './site.ts';

const { pages } = sharedSite();
const scratch = mkdtempSync(join(tmpdir(), 'atlas-site-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the Vancouver style', () => {
  const vancouver = new Map<string, HTMLElement>();
  beforeAll(async () => {
    const out = join(scratch, 'vancouver');
    await buildSite(out, { ATLAS_CITATION_STYLE: 'vancouver' });
    for (const file of htmlFiles(out))
      vancouver.set(`/${relative(out, file).replace(/index\.html$/, '')}`, parse(readFileSync(file, 'utf8')));
  });

  it('changes every citing page: numbered citations, numbered lists in order of first citation', async () => {
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
