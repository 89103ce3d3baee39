import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  knownKeys,
  loadBibliography,
  locateEntries,
  parseBibliography,
  resolveReference,
  type BibSource,
} from '../src/lib/bibliography.ts';
import { formatBibliography } from '../src/lib/format.ts';
import { formatProblem } from '../src/lib/problems.ts';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { toString } from 'hast-util-to-string';

const fixture = (name: string): BibSource => ({
  path: `references/${name}`,
  text: readFileSync(new URL(`fixtures/bib/${name}`, import.meta.url), 'utf8'),
});

describe('parseBibliography', () => {
  const bibliography = parseBibliography([fixture('escapes.bib')]);
  const get = (key: string) => {
    const reference = resolveReference(bibliography, key);
    if (!reference) throw new Error(`no reference ${key}`);
    return reference;
  };

  it('reads a clean file, keyed by citation key, in file order; only a script address is reported', () => {
    expect(bibliography.problems.map(formatProblem)).toEqual([
      'references/escapes.bib:41:3 "script2024": url "javascript:alert(1)" is not a web address (http or https), so it is left out of the record',
    ]);
    expect(get('script2024').csl.URL).toBeUndefined();
    expect([...bibliography.references.keys()]).toEqual([
      'mueller2020',
      'who2021',
      'mitchell2023',
      'rieser2025',
      'script2024',
    ]);
  });

  it('decodes LaTeX accents and escapes in names and titles', () => {
    const { csl } = get('mueller2020');
    expect(csl.author).toEqual([
      { family: 'Müller', given: 'Jérôme' },
      { family: 'Cañete', given: 'Ana' },
      { family: 'Østergaard', given: 'Søren' },
    ]);
    expect(csl.title).toBe('The MDMA and PTSD study in Österreich');
  });

  it('keeps brace-protected capitals through APA formatting', () => {
    const formatted = formatBibliography([get('mueller2020')]);
    expect(formatted.entries.get(get('mueller2020').key)?.html).toContain('The MDMA and PTSD study in Österreich');
  });

  it('expands @string macros and concatenation', () => {
    expect(get('mueller2020').csl['container-title']).toBe('Journal of Psychopharmacology (Supplement)');
    expect(get('mitchell2023').csl['container-title']).toBe('Nature Medicine');
  });

  it('keeps a corporate author in double braces as one literal name', () => {
    const [author] = get('who2021').csl.author ?? [];
    expect(author?.given).toBeUndefined();
    expect(author?.family ?? author?.literal).toBe('World Health Organization');
  });

  it('drops "and others" from the names and flags the author list as incomplete', () => {
    const reference = get('mitchell2023');
    expect(reference.csl.author).toEqual([{ family: 'Mitchell', given: 'Jennifer M.' }]);
    expect(reference.authorListIncomplete).toBe(true);
    expect(get('mueller2020').authorListIncomplete).toBe(false);
  });

  it('resolves biblatex ids aliases to their entry', () => {
    expect(get('mikulic2025').key).toBe('rieser2025');
    expect(get('mikulic2025b').key).toBe('rieser2025');
    expect(get('rieser2025').aliases).toEqual(['mikulic2025', 'mikulic2025b']);
    expect(resolveReference(bibliography, 'nobody1999')).toBeUndefined();
    expect(knownKeys(bibliography)).toContain('mikulic2025');
  });

  it('records where each entry starts', () => {
    const reference = get('who2021');
    expect([reference.file, reference.line, reference.column]).toEqual(['references/escapes.bib', 15, 1]);
  });

  it('escapes markup from BibTeX and drops non-web links when formatting', () => {
    const html = formatBibliography([get('script2024')]).entries.get(get('script2024').key)?.html ?? '';
    const tree = fromHtml(html, { fragment: true });
    expect(selectAll('script', tree)).toEqual([]);
    expect(toString(tree)).toContain('<script>alert(1)</script> in a title');
    for (const link of selectAll('a', tree)) expect(String(link.properties['href'])).toMatch(/^https:\/\//);
  });
});

describe('problems', () => {
  it('reports every malformed entry of a file with its line and column, and keeps the good ones', () => {
    const bibliography = parseBibliography([fixture('broken.bib')]);
    expect(bibliography.problems.map(formatProblem)).toEqual([
      'references/broken.bib:6:1 malformed BibTeX: entry "unclosed2021" is not closed (a "}" is missing before the next entry)',
      'references/broken.bib:11:27 malformed BibTeX in entry "missingcomma2022": expected "rbrace", got "identifier" (check the braces, quotes and commas around this point)',
    ]);
    expect([...bibliography.references.keys()]).toEqual(['good2020', 'alsogood2023']);
  });

  it('stops on duplicate keys in one file and across files, naming both places', () => {
    const bibliography = parseBibliography([fixture('duplicate-a.bib'), fixture('duplicate-b.bib')]);
    expect(bibliography.problems.map(formatProblem)).toEqual([
      'references/duplicate-a.bib:6:1 duplicate citation key "same2020": also defined at references/duplicate-a.bib:1:1; rename one of them or merge the entries',
      'references/duplicate-b.bib:3:3 duplicate citation key "same2020": also defined at references/duplicate-a.bib:1:1; rename one of them or merge the entries',
    ]);
    expect(bibliography.references.get('same2020' as never)?.csl.title).toBe('First');
  });

  it('rejects an alias that names another entry or is claimed twice', () => {
    const bibliography = parseBibliography([
      {
        path: 'a.bib',
        text: '@article{one, ids = {two}, title = {One}}\n@article{two, title = {Two}}\n@article{three, ids = {x}}\n@article{four, ids = {x}}\n',
      },
    ]);
    expect(bibliography.problems.map(formatProblem)).toEqual([
      'a.bib:4:1 alias "x" of "four" is already an alias of "three" (a.bib:3:1)',
      'a.bib:1:1 alias "two" of "one" is also the key of another entry (a.bib:2:1); an alias must not name an entry',
    ]);
    expect(resolveReference(bibliography, 'two')?.csl.title).toBe('Two');
  });

  it('rejects a DOI written as a URL', () => {
    const bibliography = parseBibliography([
      { path: 'a.bib', text: '@article{d, doi = {https://doi.org/10.1/x}, title = {D}}' },
    ]);
    expect(bibliography.problems.map(formatProblem)).toEqual([
      'a.bib:1:13 invalid DOI "https://doi.org/10.1/x" in "d": a DOI looks like 10.1000/xyz123, without "https://doi.org/" or "doi:"',
    ]);
  });

  it('treats empty files and comment-only files as empty, not broken', () => {
    const bibliography = parseBibliography([
      { path: 'empty.bib', text: '' },
      { path: 'comments.bib', text: '% nothing here\n@comment{ignored}\n' },
    ]);
    expect(bibliography.problems).toEqual([]);
    expect(bibliography.references.size).toBe(0);
  });
});

describe('formatBibliography', () => {
  it('formats an open-ended date range without crashing', () => {
    const bibliography = parseBibliography([
      { path: 'a.bib', text: '@misc{pod, author = {Vedantam, S.}, title = {A podcast}, date = {2015/}}' },
    ]);
    const { entries, failures } = formatBibliography(bibliography.references.values());
    expect(failures).toEqual([]);
    expect(entries.get('pod' as never)?.html).toContain('Vedantam, S. (2015');
  });

  it('keeps formatting the others when the engine fails on one record, with an escaped fallback', () => {
    const good = parseBibliography([
      { path: 'a.bib', text: '@article{ok, author = {Doe, J.}, title = {Fine}, year = 2020}' },
    ]);
    const ok = [...good.references.values()][0]!;
    const broken = {
      ...ok,
      key: 'bad',
      csl: { id: 'bad', type: 'song', title: 'Bad <b>record</b>', issued: { 'date-parts': [[2015], null] } },
    } as never;
    const { entries, failures } = formatBibliography([ok, broken]);
    expect(failures.map((failure) => failure.key)).toEqual(['bad']);
    expect(entries.get('ok' as never)?.html).toContain('Doe, J. (2020)');
    expect(entries.get('bad' as never)?.html).toBe('Bad &lt;b&gt;record&lt;/b&gt; (2015).');
  });
});

describe('locateEntries', () => {
  it('finds entries that open a line, not "@" inside comments or fields', () => {
    const text = '% see @article{fake,\n@article{real,\n  note = {mail me at a@b.org}}\n  @Book{second, title={x}}\n';
    expect(locateEntries(text).map(({ type, key, line, column }) => [type, key, line, column])).toEqual([
      ['article', 'real', 2, 1],
      ['book', 'second', 4, 3],
    ]);
  });
});

describe('text between entries', () => {
  const read = (text: string) => {
    const bibliography = parseBibliography([{ path: 'a.bib', text }]);
    return {
      loaded: [...bibliography.references.values()].map((reference) => `${reference.key}@${reference.line}`),
      problems: bibliography.problems.map(formatProblem),
    };
  };

  it('keeps the entry before an address or a commented-out entry, as BibTeX does', () => {
    for (const junk of ['see also ann@example.org', '%@article{old,\n%  title = {Old}\n%}']) {
      expect(read(`@article{a, title = {A}}\n${junk}\n@article{b, title = {B}}\n`), junk).toEqual({
        loaded: ['a@1', `b@${junk.split('\n').length + 2}`],
        problems: [],
      });
    }
  });

  it('locates entries of any type citation-js reads, with blanks around the type', () => {
    expect(read('@web_page{w, title = {W}}\n@ article\n{s, title = {S}}\n')).toEqual({
      loaded: ['w@1', 's@2'],
      problems: [],
    });
  });
});

describe('loadBibliography', () => {
  it('parses the same files once per process', () => {
    const sources = [fixture('escapes.bib')];
    const first = loadBibliography(sources);
    expect(loadBibliography([{ ...fixture('escapes.bib') }])).toBe(first);
    expect(loadBibliography([fixture('broken.bib')])).not.toBe(first);
  });
});
