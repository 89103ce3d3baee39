/**
 * BibTeX written by others (biblatex's example library, citation-js's and a BibTeX parser's
 * fixtures, .bib files Better BibTeX users attached to issues; test/fixtures/third-party/README.md
 * says where each comes from): `parseBibliography` never throws, and every entry that starts a
 * line is either loaded at its place or named by an error within its lines. Nothing is printed;
 * the counts are asserted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { locateEntries, parseBibliography, type Bibliography } from '../src/lib/bibliography.ts';
import { suggestKey } from '../src/lib/keys.ts';
import { isError } from '../src/lib/problems.ts';

const folder = new URL('fixtures/third-party/', import.meta.url).pathname;
const files = readdirSync(folder, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.bib'))
  .sort();
const read = (name: string) => readFileSync(`${folder}${name}`, 'utf8');
const notEntries = new Set(['string', 'comment', 'preamble']);

interface Account {
  readonly bibliography: Bibliography;
  /** Entries that start a line (not @string, @comment or @preamble). */
  readonly entries: number;
  /** Entries loaded as a reference at the line and column where they start. */
  readonly loaded: number;
  /** Entries not loaded that an error names, at a line within the entry. */
  readonly reported: number;
  /** Entries neither loaded nor reported: each one a silent loss. */
  readonly lost: readonly string[];
}

/** Parse one file and account for each of its entries. */
function account(path: string, text: string): Account {
  const bibliography = parseBibliography([{ path, text }]);
  const entries = locateEntries(text).filter((entry) => !notEntries.has(entry.type));
  const places = new Set(
    [...bibliography.references.values()].map((reference) => `${reference.line}:${reference.column}:${reference.key}`),
  );
  let loaded = 0;
  let reported = 0;
  const lost: string[] = [];
  entries.forEach((entry, index) => {
    if (places.has(`${entry.line}:${entry.column}:${entry.key}`)) {
      loaded++;
      return;
    }
    const next = entries[index + 1]?.line ?? Number.MAX_SAFE_INTEGER;
    const named = bibliography.problems.some(
      (problem) =>
        isError(problem) &&
        problem.file === path &&
        problem.line >= entry.line &&
        problem.line < next &&
        (entry.key === '' || problem.message.includes(`"${entry.key}"`)),
    );
    if (named) reported++;
    else lost.push(`${entry.key} (line ${entry.line})`);
  });
  return { bibliography, entries: entries.length, loaded, reported, lost };
}

describe('third-party BibTeX libraries', () => {
  it.each(files)('%s: every entry is loaded or named in a problem', (name) => {
    const result = account(name, read(name));
    expect(result.lost).toEqual([]);
    // No reference without an entry that starts a line: what loads is what was counted.
    expect(result.bibliography.references.size).toBe(result.loaded);
    expect(result.loaded + result.reported).toBe(result.entries);
  });

  it('loads 650 of their 689 entries and reports the other 39', () => {
    const totals = { files: 0, entries: 0, loaded: 0, reported: 0 };
    for (const name of files) {
      const result = account(name, read(name));
      totals.files++;
      totals.entries += result.entries;
      totals.loaded += result.loaded;
      totals.reported += result.reported;
    }
    expect(totals).toEqual({ files: 122, entries: 689, loaded: 650, reported: 39 });
  });
});

describe("biblatex's example library", () => {
  const text = read('biblatex/biblatex-examples.bib');
  /** Its keys with "/", which the key grammar refuses (they would be folders in the site). */
  const pathShaped = ['baez/article', 'averroes/bland', 'averroes/hannes', 'averroes/hercz', 'baez/online'];

  it('loads every entry whose key the grammar accepts; what citation-js cannot convert comes through the fallback with a warning naming the field', () => {
    const result = account('biblatex-examples.bib', text);
    expect(result.lost).toEqual([]);
    expect(result.entries).toBe(92);
    expect(result.loaded).toBe(92 - pathShaped.length);
    const errors = result.bibliography.problems.filter(isError).map((problem) => problem.message);
    expect(errors).toEqual([
      ...pathShaped.map(
        (key) =>
          `citation key "${key}" has "/", which a URL segment or file name cannot hold safely: use letters, digits and _ - . : + (such as ${suggestKey(key)})`,
      ),
      // A real SICI DOI; the DOI grammar refuses "<" and ">", so the entry loads without it.
      'invalid DOI "10.1002/(SICI)1096-987X(199803)19:4<377::AID-JCC1>3.0.CO;2-P" in "sigfridsson": a DOI looks like 10.1000/xyz123: "10.", the registrant number, "/", then no spaces, quotes or angle brackets',
    ]);
    expect(result.bibliography.references.get('sigfridsson' as never)?.csl.DOI).toBeUndefined();
    const warnings = result.bibliography.problems
      .filter((problem) => !isError(problem))
      .map((problem) => /^entry "([^"]+)": field "([^"]+)"/.exec(problem.message)?.slice(1));
    expect(warnings).toEqual([
      ['reese', 'annotation'],
      ['britannica', 'annotation'],
      ['cms', 'annotation'],
    ]);
    for (const [key] of warnings as string[][])
      expect(result.bibliography.references.get(key as never)?.csl.title, key).toBeTruthy();
  });

  it('loads all 92 entries once the five keys are renamed as the messages suggest', () => {
    const renamed = pathShaped.reduce((each, key) => each.replace(`{${key},`, `{${suggestKey(key)},`), text);
    const result = account('biblatex-examples.bib', renamed);
    expect(result.loaded).toBe(92);
    expect(result.bibliography.references.size).toBe(92);
    expect(result.bibliography.problems.filter(isError)).toHaveLength(1);
  });
});
