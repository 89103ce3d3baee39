/**
 * A library that grows: audited records, a cited reference without a summary, one listed only in
 * `nocite`, and entries nothing uses.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildStats } from '../../src/lib/build-state.ts';
import { buildSite, corpusCopy, root } from './site.ts';

const scratch = mkdtempSync(join(tmpdir(), 'atlas-site-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('a library that grows: audited records, a cited reference without a summary', () => {
  const out = join(scratch, 'grown');
  const stats = join(scratch, 'grown-stats.json');
  const read = (path: string) => parse(readFileSync(join(out, path, 'index.html'), 'utf8'));
  beforeAll(async () => {
    // A second paper of the same authors and year as a summarised study: the lists tell them
    // apart as 2021a and 2021b, "Cite this" must not.
    const mitchell = /@article\{mitchell2021,\s*author\s*=\s*\{(.*)\},\n/.exec(
      readFileSync(join(root, 'references', 'references.bib'), 'utf8'),
    )?.[1];
    const { references, content } = corpusCopy(join(scratch, 'grown-corpus'), {
      bib: `
@article{sameyear2021,
  author  = {${mitchell}},
  title   = {A second paper of the same authors and year},
  journal = {Journal of Examples},
  year    = {2021},
}
@article{pending2026,
  author  = {Pending, Paula},
  title   = {A trial not yet summarised},
  journal = {Journal of Examples},
  year    = {2026},
}
@article{listed2026,
  author  = {Listed, Lena},
  title   = {A trial listed but not cited},
  journal = {Journal of Examples},
  year    = {2026},
}
@article{pendingunused2026,
  author  = {Pending, Paula},
  title   = {Another trial of the same author and year that nothing cites},
  journal = {Journal of Examples},
  year    = {2026},
}
@article{unused2026a,
  author  = {Unused, Uma},
  title   = {A paper nothing cites},
  journal = {Journal of Examples},
  year    = {2026},
}
@article{unused2026b,
  author  = {Unused, Uma},
  title   = {Another paper nothing cites},
  journal = {Journal of Examples},
  year    = {2026},
}
`,
    });
    const topic = join(content, 'topics', 'alcohol-use-disorder.mdx');
    writeFileSync(
      topic,
      `${readFileSync(topic, 'utf8')}\nA newer trial has not been summarised yet [@pending2026; @sameyear2021].\n`.replace(
        /^---\n/,
        '---\nnocite: [listed2026]\n',
      ),
    );
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
    await buildSite(out, { ATLAS_REFERENCES_DIR: references, ATLAS_CONTENT_DIR: content, ATLAS_BUILD_STATS: stats });
  });

  it('says on study and bibliography pages when the record was checked against its DOI, and what differs', async () => {
    expect(read('studies/rieser2025').querySelector('.audit')?.text).toBe(
      'Metadata checked against the DOI record on 20 November 2026: it matches.',
    );
    const mismatch = read('studies/modlin2024').querySelector('.audit')?.text ?? '';
    expect(mismatch).toContain('Checked against the DOI record on 20 November 2026: it differs from this entry.');
    expect(mismatch).toContain('Pages or article number: here “109-135”, in the DOI record “189-215”');
    expect(read('references').querySelector('[id="ref-rieser2025"] .audit')?.text).toContain('it matches');
    expect(read('studies/breeksema2024').querySelector('.audit')).toBeNull();
  });

  it('lists a reference without a summary, unlinked, and says so where it is cited', async () => {
    expect(read('references').querySelector('[id="ref-pending2026"]')?.text).toContain('A trial not yet summarised');
    expect(read('references').querySelector('[id="ref-pending2026"] a[href^="/studies/"]')).toBeNull();
    expect(existsSync(join(out, 'studies', 'pending2026'))).toBe(false);
    const topic = read('topics/alcohol-use-disorder');
    expect(topic.querySelector('[id="ref-pending2026"] .evidence')?.text).toBe('No summary on this site yet');
    expect(topic.querySelector('[id="ref-rieser2025"] .evidence')?.text).toContain('Randomised controlled trial');
  });

  it('tells citations apart (2026a, 2026b) only from what the site lists, not from unused entries of the library', () => {
    const topic = read('topics/alcohol-use-disorder');
    const cited = topic.querySelector('a.cite[href*="pending2026"]')?.text ?? '';
    expect(cited).toContain('Pending, 2026');
    expect(cited).not.toMatch(/2026[ab]/);
    expect(read('references').querySelector('[id="ref-pending2026"]')?.text).toContain('(2026)');
  });

  it('publishes and formats only what the site uses, and says how much of the library it leaves out', async () => {
    const listing = read('references');
    const listed = listing.querySelectorAll('ol.bibliography > li').map((li) => li.id);
    expect(listed).toContain('ref-listed2026');
    expect(listed).toContain('ref-pending2026');
    expect(listed.filter((id) => id.startsWith('ref-unused'))).toEqual([]);
    expect(listing.querySelector('main p.muted')?.text.trim()).toBe(
      'The library holds 3 more entries that no page cites or summarises; they are not published.',
    );
    expect(existsSync(join(out, 'references', 'listed2026.bib'))).toBe(true);
    expect(existsSync(join(out, 'references', 'unused2026a.bib'))).toBe(false);
    expect(readFileSync(join(out, 'references.bib'), 'utf8')).not.toContain('unused2026');
    // The list style formats every used reference; the other styles only the summarised ones.
    const summaries = readdirSync(join(root, 'content', 'studies')).filter((name) => name.endsWith('.mdx')).length;
    const { entriesFormatted } = JSON.parse(readFileSync(stats, 'utf8')) as BuildStats;
    expect(entriesFormatted).toEqual({
      // The used ones in the list, and one "Cite this" string of its own (mitchell2021, below).
      apa: summaries + 3 + 1,
      vancouver: summaries,
      harvard1: summaries,
      'chicago-author-date': summaries,
      mla: summaries,
    });
  });

  it('gives "Cite this" without the 2021a/2021b the list needs to tell two works apart', () => {
    const listed = (key: string) => read('references').querySelector(`[id="ref-${key}"] .reference`)?.text ?? '';
    expect(
      [listed('mitchell2021'), listed('sameyear2021')].map((text) => /\(2021([ab])\)/.exec(text)?.[1]).sort(),
    ).toEqual(['a', 'b']);
    const study = read('studies/mitchell2021');
    const apa = study.querySelector('.cite-this [id="copy-apa~mitchell2021"]')?.text ?? '';
    expect(apa).toContain('(2021). MDMA-assisted therapy for severe PTSD');
    // The reference at the head of the page is the list's, as the site's citations name it.
    expect(study.querySelector('main p.reference')?.text).toMatch(/\(2021[ab]\)/);
  });

  it('offers every entry of the library in the CMS, published or not: a new summary is most often of an unused one', () => {
    const config = readFileSync(join(out, 'admin', 'config.yml'), 'utf8');
    for (const key of ['unused2026a', 'unused2026b', 'pending2026', 'listed2026', 'rieser2025']) {
      expect(config).toContain(`value: ${key}`);
    }
  });
});
