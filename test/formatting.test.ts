/**
 * What a build formats: the references the content uses, in the styles it shows them in, and
 * nothing again when neither the records nor the styles changed.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parseBibliography } from '../src/lib/bibliography.ts';
import { buildState, buildStats } from '../src/lib/build-state.ts';
import { styleXml } from '../src/lib/citations/styles.ts';
import {
  fromContentFiles,
  loadContentFiles,
  readContentFiles,
  releaseContentFiles,
} from '../src/lib/content/collections.ts';
import { referenceUsage } from '../src/lib/content/usage.ts';
import { formatBibliography } from '../src/lib/format.ts';
import { citePartSize, formatJobs, formatPlan, startFormatting } from '../src/lib/formatting.ts';
import type { CitationKey } from '../src/lib/keys.ts';

const key = (text: string) => text as CitationKey;

const scratch = mkdtempSync(join(tmpdir(), 'atlas-formatting-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const record = (key: string, title: string, extra = '') =>
  `@article{${key},\n  author = {Author, Ann},\n  title = {${title}},\n  journal = {J},\n  year = {2024},${extra}\n}\n`;
const bibliography = parseBibliography([
  {
    path: 'references/library.bib',
    text: [
      record('summarised2024', 'A summarised trial'),
      record('cited2024', 'A cited trial', '\n  ids = {oldname2024},'),
      record('listed2024', 'A listed trial'),
      record('coded2024', 'A key inside a code span'),
      record('unused2024', 'A paper nothing uses'),
    ].join('\n'),
  },
]);

function content(files: Record<string, string>) {
  const folder = mkdtempSync(join(scratch, 'content-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return readContentFiles(folder, scratch);
}

const usage = referenceUsage(
  content({
    'studies/summarised2024.mdx': '---\ntitle: A\n---\nBody.\n',
    'topics/a-topic.mdx':
      '---\ntitle: T\nnocite: [listed2024]\n---\nAs shown [@oldname2024, p. 3]; see `@coded2024`.\n',
  }),
  bibliography,
);

describe('which references a site uses', () => {
  it('counts summaries, citations (aliases resolved) and nocite; not what nothing names', () => {
    expect([...usage.summarised]).toEqual(['summarised2024']);
    expect([...usage.used].sort()).toEqual(['cited2024', 'coded2024', 'listed2024', 'summarised2024']);
  });
});

describe('the formatting plan', () => {
  it('formats every used reference in the list styles and only the summarised ones in the others', () => {
    const plan = formatPlan(bibliography, usage, ['vancouver', 'apa'], ['apa', 'mla'], styleXml);
    const used = ['summarised2024', 'cited2024', 'listed2024', 'coded2024'];
    expect(plan.styles).toEqual([
      { name: 'vancouver', slot: 'vancouver', keys: used, list: true },
      { name: 'apa', slot: 'apa', keys: used, list: true },
      // Every record is "Author, 2024": the list tells them apart, "Cite this" must not.
      { name: 'apa', slot: 'apa:cite', keys: ['summarised2024'], list: false },
      { name: 'mla', slot: 'mla', keys: ['summarised2024'], list: false },
    ]);
  });

  it('reuses a list style\'s entries for "Cite this" where no other entry shares the author and year', () => {
    const library = parseBibliography([
      {
        path: 'references/two.bib',
        text: [
          record('summarised2024', 'A summarised trial'),
          record('cited2024', 'A cited trial').replace('Author, Ann', 'Other, Olga'),
        ].join('\n'),
      },
    ]);
    const plan = formatPlan(
      library,
      { summarised: new Set([key('summarised2024')]), used: new Set([key('summarised2024'), key('cited2024')]) },
      ['apa'],
      ['apa', 'mla'],
      styleXml,
    );
    expect(plan.styles.map(({ slot, keys }) => [slot, keys])).toEqual([
      ['apa', ['summarised2024', 'cited2024']],
      ['mla', ['summarised2024']],
    ]);
  });
});

describe('the jobs of a plan', () => {
  it('formats a long list in parts that keep each first author together', () => {
    // Many authors with one paper each, and one author with three more papers of the same year.
    const records = Array.from(
      { length: citePartSize * 2 },
      (_, index) =>
        `@article{k${index}, author = {Name${String(index).padStart(4, '0')}, A.}, title = {T${index}}, year = {2024}}`,
    );
    const same = ['same1', 'same2', 'same3'].map(
      (id) =>
        `@article{${id}, author = {Name${String(citePartSize - 1).padStart(4, '0')}, A.}, title = {${id}}, year = {2024}}`,
    );
    const library = parseBibliography([{ path: 'references/many.bib', text: [...records, ...same].join('\n') }]);
    const keys = [...library.references.keys()];
    const plan = { styles: [{ name: 'mla', slot: 'mla', keys, list: true }] };
    const parts = formatJobs(plan, library, () => undefined, { wholeList: 10 });
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((job) => job.part).sort()).toEqual(parts.map((_, index) => index));
    expect(parts.flatMap((job) => job.references.map((reference) => reference.key)).sort()).toEqual([...keys].sort());
    // The author with four papers is in one part, which may go past the size to keep them.
    const holding = parts.filter((job) => job.references.some((reference) => reference.key.startsWith('same')));
    expect(holding).toHaveLength(1);
    expect(holding[0]?.references.filter((reference) => /^(same|k249$)/.test(reference.key))).toHaveLength(4);
    for (const job of parts) expect(job.references.length).toBeLessThanOrEqual(citePartSize + 3);
    expect(parts.every((job) => !job.alone && job.slot === 'mla')).toBe(true);
  });

  it('cuts entries formatted alone in library order, into parts of the size', () => {
    const library = parseBibliography([
      {
        path: 'references/many.bib',
        text: Array.from({ length: 7 }, (_, index) => record(`z${index}`, `T${index}`)).join('\n'),
      },
    ]);
    const keys = [...library.references.keys()];
    const jobs = formatJobs({ styles: [{ name: 'mla', slot: 'mla', keys, list: false }] }, library, () => undefined, {
      partSize: 3,
    });
    expect(
      [...jobs].sort((a, b) => a.part - b.part).map((job) => job.references.map((reference) => reference.key)),
    ).toEqual([['z0', 'z1', 'z2'], ['z3', 'z4', 'z5'], ['z6']]);
    expect(jobs.every((job) => job.alone)).toBe(true);
  });

  it('gives a long list in parts the entries and 2024a/2024b of the whole list, and in APA its order', () => {
    const people = [
      'Smith, Ann and Jones, Bo',
      'Smith, Ann and Brown, Cy and Lee, Di',
      'Smith, Ann and Brown, Cy and Park, Ed',
      'Smith, Bea',
      'von Rotz, Robert',
      'van den Brink, Wim',
      'Ångström, Anders',
      'Abbott, Al',
      "O'Brien, Pat",
      '{World Health Organization}',
      'Müller, Max',
      'Mueller, Moe',
      'de Vries, Ida',
      'Zhang, Wei',
      'Adams, Zoe and others',
    ];
    const text = people
      .flatMap((author, index) => [
        `@article{p${index}a, author = {${author}}, title = {First of ${index}}, journal = {J}, year = {2024}}`,
        `@article{p${index}b, author = {${author}}, title = {Second of ${index}}, journal = {J}, year = {${2020 + (index % 3)}}}`,
      ])
      .concat([
        '@article{untitled1, title = {A paper without authors}, journal = {J}, year = {2021}}',
        // The same author twice in one year: 2024a and 2024b.
        '@article{taylor1, author = {Taylor, Tom}, title = {One}, journal = {J}, year = {2024}}',
        '@article{taylor2, author = {Taylor, Tom}, title = {Two}, journal = {J}, year = {2024}}',
      ])
      .join('\n');
    const library = parseBibliography([{ path: 'references/people.bib', text }]);
    const keys = [...library.references.keys()];
    for (const style of ['apa', 'harvard1', 'chicago-author-date', 'mla']) {
      const whole = formatBibliography(library.references.values(), { style });
      const plan = { styles: [{ name: style, slot: style, keys, list: true }] };
      expect(formatJobs(plan, library, () => undefined, { partSize: 3 })).toHaveLength(1);
      const jobs = formatJobs(plan, library, () => undefined, { partSize: 3, wholeList: 10 });
      expect(jobs.length).toBeGreaterThan(5);
      if (style === 'apa' || style === 'harvard1') {
        expect(whole.entries.get('taylor2' as CitationKey)?.html, style).toMatch(/2024b/);
      }
      const inParts = new Map<string, { html: string; order: number }>();
      for (const job of [...jobs].sort((a, b) => a.part - b.part)) {
        const offset = inParts.size;
        for (const [key, entry] of formatBibliography(job.references, { style }).entries) {
          inParts.set(key, { ...entry, order: entry.order + offset });
        }
      }
      const ordered = (entries: ReadonlyMap<string, { html: string; order: number }>) =>
        [...entries].sort((a, b) => a[1].order - b[1].order).map(([key, entry]) => `${key}: ${entry.html}`);
      const html = (entries: ReadonlyMap<string, { html: string }>) =>
        [...entries].map(([key, entry]) => `${key}: ${entry.html}`).sort();
      expect(html(inParts), style).toEqual(html(whole.entries));
      if (style === 'apa') expect(ordered(inParts)).toEqual(ordered(whole.entries));
    }
  });
});

describe('formatting a plan', () => {
  beforeEach(() => {
    buildState().formatting = undefined;
    buildStats().entriesFormatted = {};
  });
  const plan = formatPlan(bibliography, usage, ['apa'], ['mla'], styleXml);

  it('formats each planned entry once, and reads the result back from the cache folder', async () => {
    const cache = mkdtempSync(join(scratch, 'cache-'));
    const first = await startFormatting(plan, bibliography, styleXml, cache);
    expect([...(first.get('apa')?.entries.keys() ?? [])].sort()).toEqual([
      'cited2024',
      'coded2024',
      'listed2024',
      'summarised2024',
    ]);
    expect(first.get('apa')?.entries.get(key('cited2024'))?.html).toContain('A cited trial');
    expect([...(first.get('mla')?.entries.keys() ?? [])]).toEqual(['summarised2024']);
    expect(buildStats().entriesFormatted).toEqual({ apa: 4, mla: 1 });

    buildState().formatting = undefined;
    buildStats().entriesFormatted = {};
    const again = await startFormatting(plan, bibliography, styleXml, cache);
    expect(buildStats().entriesFormatted).toEqual({});
    expect(again.get('apa')?.entries.get(key('cited2024'))).toEqual(first.get('apa')?.entries.get(key('cited2024')));
  });

  it('formats again when a record changes, and ignores a cache file it cannot read', async () => {
    const cache = mkdtempSync(join(scratch, 'cache-'));
    await startFormatting(plan, bibliography, styleXml, cache);
    const changed = parseBibliography([
      { path: 'references/library.bib', text: record('summarised2024', 'A retitled trial') },
    ]);
    buildState().formatting = undefined;
    const retitled = await startFormatting(
      formatPlan(changed, { summarised: usage.summarised, used: usage.summarised }, ['apa'], ['mla'], styleXml),
      changed,
      styleXml,
      cache,
    );
    expect(retitled.get('apa')?.entries.get(key('summarised2024'))?.html).toContain('A retitled trial');

    writeFileSync(join(cache, 'evidence-atlas-formatted.json'), '{not json');
    buildState().formatting = undefined;
    buildStats().entriesFormatted = {};
    await startFormatting(plan, bibliography, styleXml, cache);
    expect(buildStats().entriesFormatted).toEqual({ apa: 4, mla: 1 });
    expect(JSON.parse(readFileSync(join(cache, 'evidence-atlas-formatted.json'), 'utf8'))).toHaveProperty('digest');
  });
});

describe('formatting after a change', () => {
  beforeEach(() => {
    buildState().formatting = undefined;
    buildStats().entriesFormatted = {};
  });
  const library = (retitled: string) =>
    parseBibliography([
      {
        path: 'references/library.bib',
        text: [
          record('first2024', 'The first trial'),
          record('second2024', retitled),
          record('third2024', 'The third trial'),
        ].join('\n'),
      },
    ]);
  const all = new Set(['first2024', 'second2024', 'third2024'].map(key));
  const planOf = (bib: ReturnType<typeof library>) =>
    formatPlan(bib, { summarised: all, used: all }, ['apa'], ['mla', 'vancouver'], styleXml);

  it('formats the lists again whole, and of the "Cite this" strings only those whose record changed', async () => {
    const cache = mkdtempSync(join(scratch, 'cache-'));
    const before = library('The second trial');
    await startFormatting(planOf(before), before, styleXml, cache);
    expect(buildStats().entriesFormatted).toEqual({ apa: 3, mla: 3, vancouver: 3 });

    buildState().formatting = undefined;
    buildStats().entriesFormatted = {};
    const after = library('The second trial, retitled');
    const updated = await startFormatting(planOf(after), after, styleXml, cache);
    expect(buildStats().entriesFormatted).toEqual({ apa: 3, mla: 1, vancouver: 1 });
    expect(updated.get('mla')?.entries.get(key('second2024'))?.html).toContain('The Second Trial, Retitled');

    // The same as formatting everything from nothing.
    buildState().formatting = undefined;
    const fresh = await startFormatting(planOf(after), after, styleXml, undefined);
    for (const slot of ['apa', 'mla', 'vancouver']) {
      expect([...(updated.get(slot)?.entries ?? [])], slot).toEqual([...(fresh.get(slot)?.entries ?? [])]);
    }
  });

  it('formats again a reference whose title only gained braces that keep its case', async () => {
    const cache = mkdtempSync(join(scratch, 'cache-'));
    const bib = library('Effects of ayahuasca on mood');
    const before = await startFormatting(planOf(bib), bib, styleXml, cache);
    expect(before.get('mla')?.entries.get(key('second2024'))?.html).toContain('Effects of Ayahuasca on Mood');
    buildState().formatting = undefined;
    const braced = library('Effects of {ayahuasca} on mood');
    const after = await startFormatting(planOf(braced), braced, styleXml, cache);
    expect(after.get('mla')?.entries.get(key('second2024'))?.html).toContain('Effects of ayahuasca on Mood');
  });

  it('formats every string again when the style changes', async () => {
    const cache = mkdtempSync(join(scratch, 'cache-'));
    const bib = library('The second trial');
    await startFormatting(planOf(bib), bib, styleXml, cache);
    buildState().formatting = undefined;
    buildStats().entriesFormatted = {};
    const edited = (style: string) => (style === 'mla' ? `${styleXml('mla') ?? ''}<!-- edited -->` : styleXml(style));
    await startFormatting(planOf(bib), bib, edited, cache);
    expect(buildStats().entriesFormatted).toEqual({ apa: 3, mla: 3, vancouver: 0 });
  });
});

describe('"Cite this" strings', () => {
  beforeEach(() => {
    buildState().formatting = undefined;
  });

  it('are each reference on its own: no 2024a from the library, no dash for a repeated author', async () => {
    const library = parseBibliography([
      {
        path: 'references/taylor.bib',
        text: [
          '@article{taylor1, author = {Taylor, Tom}, title = {One}, journal = {J}, year = {2024}}',
          '@article{taylor2, author = {Taylor, Tom}, title = {Two}, journal = {J}, year = {2024}}',
          '@article{other, author = {Other, Olga}, title = {Three}, journal = {J}, year = {2024}}',
        ].join('\n'),
      },
    ]);
    const all = new Set([key('taylor1'), key('taylor2'), key('other')]);
    for (const listStyle of ['apa', 'mla']) {
      buildState().formatting = undefined;
      const plan = formatPlan(library, { summarised: all, used: all }, [listStyle], ['apa', 'mla'], styleXml);
      const formatted = await startFormatting(plan, library, styleXml, undefined);
      const entry = (slot: string, id: string) => formatted.get(slot)?.entries.get(key(id))?.html ?? '';
      if (listStyle === 'apa') {
        expect(entry('apa', 'taylor2')).toMatch(/2024b/);
        expect(entry('apa:cite', 'taylor2')).toMatch(/\(2024\)/);
        // "other" shares no author and year: its list entry is its "Cite this" string.
        expect(formatted.get('apa:cite')?.entries.has(key('other'))).toBe(false);
      } else {
        // MLA's list writes a repeated author as "---"; the string a reader copies names them.
        expect([entry('mla', 'taylor1'), entry('mla', 'taylor2')]).toContainEqual(expect.stringMatching(/^---\./));
        expect(entry('mla:cite', 'taylor1')).toMatch(/^Taylor, Tom/);
        expect(entry('mla:cite', 'taylor2')).toMatch(/^Taylor, Tom/);
        expect(formatted.get('mla:cite')?.entries.size).toBe(3);
      }
      // What "Cite this" shows: the style's own string, or else its list entry.
      expect(entry('mla:cite', 'taylor2') || entry('mla', 'taylor2')).toMatch(/^Taylor, Tom/);
    }
  });
});

describe('the content files of a build', () => {
  it('are read once, and what was derived from them outlives their release until a file changes', () => {
    const folder = mkdtempSync(join(scratch, 'content-'));
    mkdirSync(join(folder, 'studies'));
    const study = join(folder, 'studies', 'summarised2024.mdx');
    writeFileSync(study, '---\ntitle: A\n---\nAs shown [@cited2024].\n');
    let scans = 0;
    const scan = () =>
      fromContentFiles(folder, scratch, bibliography, (files) => {
        scans++;
        return referenceUsage(files, bibliography);
      });
    const files = loadContentFiles(folder, scratch);
    expect(loadContentFiles(folder, scratch)).toBe(files);
    expect([...scan().used].sort()).toEqual(['cited2024', 'summarised2024']);
    releaseContentFiles();
    expect([...scan().used].sort()).toEqual(['cited2024', 'summarised2024']);
    expect(scans).toBe(1);
    // Released: asked for again, the files are read again.
    expect(loadContentFiles(folder, scratch)).not.toBe(files);
    writeFileSync(study, '---\ntitle: A\n---\nAs shown [@listed2024], a longer body.\n');
    expect([...scan().used].sort()).toEqual(['listed2024', 'summarised2024']);
    expect(scans).toBe(2);
  });
});
