/**
 * The built site's downloads read by the tools people import them with: pandoc (its BibTeX and
 * CSL-JSON readers, formatting the library in APA with the site's own CSL file), biber (the
 * biblatex data model) and bibutils (`ris2xml`, the RIS reader behind many converters). Each must
 * keep every entry, author, name particle, alias and DOI, and pandoc must print the bibliography
 * `/references/` shows.
 *
 * The tools are real dependencies: without them this test fails and says how to install them
 * (CI installs them in .ci/run).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CSL, CSLName } from '@citation-js/core';
import { XMLParser } from 'fast-xml-parser';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { styleXml } from '../../src/lib/citations/styles.ts';
import { project, sharedSite } from './site.ts';

const { outDir, page } = sharedSite();
const references = [...project.bibliography.references.values()];
const tools = [
  { command: 'pandoc', args: ['--version'], debian: 'pandoc' },
  { command: 'biber', args: ['--version'], debian: 'biber' },
  { command: 'ris2xml', args: ['--version'], debian: 'bibutils' },
];

let scratch = '';

beforeAll(() => {
  const missing = tools.filter(({ command, args }) => spawnSync(command, args, { stdio: 'ignore' }).error);
  if (missing.length > 0) {
    throw new Error(
      `${missing.map((tool) => tool.command).join(', ')} not installed: the downloads are checked with the tools that read them. Install them with \`apt-get install ${missing.map((tool) => tool.debian).join(' ')}\` (.ci/run does)`,
    );
  }
  scratch = mkdtempSync(join(tmpdir(), 'atlas-readers-'));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const file = (name: string) => join(outDir, name);
const text = (html: string) => html.replace(/\s+/g, ' ').trim();
/** A name as text; pandoc sets apostrophes typographically (O'Keane is read as O’Keane). */
const nameText = (name: CSLName) =>
  (name.literal ?? [name['non-dropping-particle'], name.family].filter(Boolean).join(' ')).replace(/’/g, "'");

/** What pandoc reads from a library file, as CSL-JSON. */
function pandocRecords(path: string, from: 'bibtex' | 'csljson'): CSL[] {
  return JSON.parse(execFileSync('pandoc', ['-f', from, '-t', 'csljson', path], { encoding: 'utf8' })) as CSL[];
}

/** pandoc's APA bibliography of every entry of a library file, by key. */
function pandocBibliography(path: string): Map<string, string> {
  const csl = join(scratch, 'apa.csl');
  writeFileSync(csl, styleXml('apa') ?? '');
  const html = execFileSync(
    'pandoc',
    ['--citeproc', '--csl', csl, '--bibliography', path, '-f', 'markdown', '-t', 'html', '--wrap=none'],
    { encoding: 'utf8', input: "---\nnocite: '[@*]'\n---\n" },
  );
  return new Map(
    parse(html)
      .querySelectorAll('.csl-entry')
      .map((entry) => [entry.id.replace(/^ref-/, ''), text(entry.text)]),
  );
}

/** The APA entry `/references/` shows for a key, without the page's own notes. */
function siteEntry(key: string): string {
  const reference = page('/references/').querySelector(`[id="ref-${key}"] p.reference`);
  reference?.querySelectorAll('.muted').forEach((note) => note.remove());
  return text(reference?.text ?? '');
}

describe('pandoc', () => {
  /**
   * biblatex's `and others` and CSL-JSON's last name `{"literal": "others"}` mark an incomplete
   * list; pandoc 2.17 prints that mark in an APA reference glued to the initials ("Mitchell, J.
   * M.others."), which no APA form has: APA 7 §9.8 lists the authors a record names, and the site
   * says beside the entry that the list is unconfirmed.
   */
  const withoutOthers = (entry: string) => entry.replace(/\.others\. \(/, '. (');

  it.each(['references.bib', 'references.json'])(
    'reads /%s and prints the APA bibliography /references/ shows, entry for entry',
    (name) => {
      const printed = pandocBibliography(file(name));
      expect([...printed.keys()].sort()).toEqual(references.map((reference) => reference.key).sort());
      for (const reference of references) {
        const entry = printed.get(reference.key) ?? '';
        if (reference.authorListIncomplete) expect(entry, reference.key).toMatch(/\.others\. \(/);
        expect(withoutOthers(entry), reference.key).toBe(siteEntry(reference.key));
      }
    },
  );

  it.each(['references.bib', 'references.json'] as const)(
    'reads every author, particle and DOI of /%s, and "others" where the list is incomplete',
    (name) => {
      const records = new Map(
        pandocRecords(file(name), name.endsWith('.bib') ? 'bibtex' : 'csljson').map((record) => [record.id, record]),
      );
      let authors = 0;
      let particles = 0;
      let dois = 0;
      for (const reference of references) {
        const record = records.get(reference.key);
        const names = record?.author ?? [];
        const known = reference.csl.author ?? [];
        expect(names.map(nameText), reference.key).toEqual([
          ...known.map(nameText),
          ...(reference.authorListIncomplete ? ['others'] : []),
        ]);
        // The particle stays part of the family name: "von Rotz", never "Rotz, R. von".
        expect(names.filter((each) => each['non-dropping-particle']).map(nameText), reference.key).toEqual(
          known.filter((each) => each['non-dropping-particle']).map(nameText),
        );
        expect(record?.DOI, reference.key).toBe(reference.csl.DOI);
        authors += known.length;
        particles += known.filter((each) => each['non-dropping-particle']).length;
        if (reference.csl.DOI) dois++;
      }
      expect(records.size).toBe(references.length);
      expect(particles).toBeGreaterThan(0);
      console.info(
        `pandoc read ${records.size} entries of /${name}: ${authors} authors (${particles} with a particle), ${dois} DOIs`,
      );
    },
  );
});

describe('biber', () => {
  it('validates /references.bib against the biblatex data model without a warning, keeping every alias', () => {
    const output = join(scratch, 'biber.bib');
    const result = spawnSync(
      'biber',
      ['--tool', '--validate-datamodel', '--quiet', '--output-file', output, file('references.bib')],
      { cwd: scratch, encoding: 'utf8' },
    );
    const log = `${result.stdout}${result.stderr}`;
    expect(result.status, log).toBe(0);
    expect(log.split('\n').filter((line) => /^(WARN|ERROR)/.test(line))).toEqual([]);
    const read = readFileSync(output, 'utf8');
    const entries = read.split(/^@/m).slice(1);
    expect(entries).toHaveLength(references.length);
    for (const reference of references) {
      const entry =
        entries.find((each) => each.startsWith(`ARTICLE{${reference.key},`) || each.includes(`{${reference.key},\n`)) ??
        '';
      const ids = /^\s*IDS = \{([^}]*)\}/m.exec(entry)?.[1];
      expect(ids?.split(/\s*,\s*/) ?? [], reference.key).toEqual(reference.aliases);
      const author = /^\s*AUTHOR = \{(.*)\},$/m.exec(entry)?.[1] ?? '';
      expect(author.split(' and ').length, reference.key).toBe(
        (reference.csl.author?.length ?? 0) + (reference.authorListIncomplete ? 1 : 0),
      );
      expect(author.endsWith(' and others'), reference.key).toBe(reference.authorListIncomplete);
      expect(/^\s*DOI = \{(.*)\},$/m.exec(entry)?.[1], reference.key).toBe(reference.csl.DOI);
    }
    const aliases = references.reduce((count, reference) => count + reference.aliases.length, 0);
    expect(aliases).toBeGreaterThan(0);
    console.info(`biber read ${entries.length} entries of /references.bib with ${aliases} aliases, no warnings`);
  });

  it("writes each reference's own .bib as its entry in the library", () => {
    const entries = (text: string) => text.split(/\n(?=@)/).map((entry) => entry.trim());
    const library = entries(readFileSync(file('references.bib'), 'utf8')).sort();
    const own = references.flatMap((reference) =>
      entries(readFileSync(file(`references/${reference.key}.bib`), 'utf8')),
    );
    expect(own.sort()).toEqual(library);
  });
});

describe('bibutils', () => {
  interface Mods {
    '@_ID': string;
    titleInfo: { title: string; subTitle?: string } | { title: string; subTitle?: string }[];
    name?: { namePart: unknown } | { namePart: unknown }[];
    originInfo?: { dateIssued?: string | number };
    relatedItem?: { titleInfo: { title: string } | { title: string }[] };
    identifier?: { '#text': string | number; '@_type': string } | { '#text': string | number; '@_type': string }[];
    part?: {
      detail?: { '@_type': string; number: string | number } | { '@_type': string; number: string | number }[];
      extent?: { start?: string | number; end?: string | number };
    };
  }
  const list = <T>(value: T | T[] | undefined): T[] =>
    value === undefined ? [] : Array.isArray(value) ? value : [value];

  it('reads every record of /references.ris with all authors, title, year, journal, volume, pages and DOI', () => {
    const xml = execFileSync('ris2xml', [file('references.ris')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false });
    const mods = list((parser.parse(xml) as { modsCollection: { mods: Mods | Mods[] } }).modsCollection.mods);
    expect(mods.map((record) => record['@_ID']).sort()).toEqual(references.map((reference) => reference.key).sort());
    for (const reference of references) {
      const record = mods.find((each) => each['@_ID'] === reference.key);
      const { csl } = reference;
      expect(list(record?.name), reference.key).toHaveLength(csl.author?.length ?? 0);
      // bibutils splits a title at its colon into title and subtitle.
      const title = list(record?.titleInfo)[0];
      expect([title?.title, title?.subTitle].filter(Boolean).join(': '), reference.key).toBe(csl.title);
      expect(String(record?.originInfo?.dateIssued), reference.key).toBe(String(csl.issued?.['date-parts']?.[0]?.[0]));
      expect(list(record?.relatedItem?.titleInfo)[0]?.title, reference.key).toBe(csl['container-title']);
      const volume = list(record?.part?.detail).find((detail) => detail['@_type'] === 'volume')?.number;
      expect(volume === undefined ? undefined : String(volume), reference.key).toBe(csl.volume);
      // A range is read as start and end, a single page (an article number) as a page detail.
      const extent = record?.part?.extent;
      const page = list(record?.part?.detail).find((detail) => detail['@_type'] === 'page')?.number;
      const pages =
        extent?.start === undefined
          ? page === undefined
            ? undefined
            : String(page)
          : [extent.start, extent.end].filter((each) => each !== undefined).join('-');
      expect(pages, reference.key).toBe(csl.page === undefined ? undefined : String(csl.page).replace(/[–—]/g, '-'));
      const doi = list(record?.identifier).find((identifier) => identifier['@_type'] === 'doi')?.['#text'];
      expect(doi, reference.key).toBe(csl.DOI);
    }
    console.info(
      `ris2xml read ${mods.length} records of /references.ris with ${mods.reduce((count, each) => count + list(each.name).length, 0)} authors`,
    );
  });
});
