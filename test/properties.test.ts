/**
 * Properties of the readers of untrusted input, checked on generated input: the BibTeX loader
 * accounts for every entry, the frontmatter reader and the citation parser never throw, and the
 * CSL engine's HTML holds nothing but CSL's formatting and web links whatever the record says.
 */
import fc from 'fast-check';
import { fromHtml } from 'hast-util-from-html';
import { selectAll } from 'hast-util-select';
import { describe, expect, it } from 'vitest';
import { parseBibliography, type Bibliography } from '../src/lib/bibliography.ts';
import { parseCitations, CLOSE_BRACE, ESCAPED_AT, OBJECT, OPEN_BRACE } from '../src/lib/citations/syntax.ts';
import { formatBibliography } from '../src/lib/format.ts';
import { readFrontmatter } from '../src/lib/frontmatter.ts';
import { disallowedHtml } from './allowed-html.ts';
import { keyArbitrary } from './arbitraries.ts';

// --- BibTeX -------------------------------------------------------------------------------------

/** Keys from the grammar, keys it refuses, and a few that repeat or differ only in case. */
const bibKey = fc.oneof(
  { weight: 4, arbitrary: keyArbitrary },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '../x',
      'a/b',
      'what?2020',
      'con',
      'key.',
      'a#b',
      'a$b',
      'a%b',
      "o'brien2020",
      'a"b',
      'Ж/ж',
      '-x',
      '\\x',
      'x'.repeat(101),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('dup2020', 'Dup2020', 'DUP2020') },
);

/** Text for a field, built from what reference managers and people put in them. */
const fieldText = fc
  .array(
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('Psilocybin', 'therapy', ' ', 'and', 'Doe, Jane', '2020', '10.1000/x') },
      {
        weight: 3,
        arbitrary: fc.constantFrom('$', '{', '}', '\\', '%', '#', '"', "'", '&', '~', '_', '^', ',', '=', '@'),
      },
      {
        weight: 2,
        arbitrary: fc.constantFrom(
          'Müller',
          'Ærø',
          'Алексеев',
          '中文',
          '\\enquote*{quoted}',
          '\\emph{x}',
          '{\\"u}',
          '$\\alpha$',
          '$2 million',
          '\\textit*{y}',
          '\\&',
          '\\',
          '\n',
          '\n@misc{inner,',
          '\n@comment{',
          '\n@string{m = "x"}',
        ),
      },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    ),
    { maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const field = fc.record({
  name: fc.constantFrom('title', 'author', 'journal', 'year', 'note', 'doi', 'url', 'ids', 'abstract', 'pages'),
  value: fieldText,
  quoted: fc.boolean(),
});

interface GeneratedEntry {
  readonly type: string;
  readonly key: string;
  readonly fields: readonly { name: string; value: string; quoted: boolean }[];
}

const entry: fc.Arbitrary<GeneratedEntry> = fc.record({
  type: fc.constantFrom('article', 'book', 'misc', 'online', 'inproceedings', 'report', 'ARTICLE', 'Misc', 'unknown'),
  key: bibKey,
  fields: fc.array(field, { maxLength: 5 }),
});

/** The text of generated entries, one after the other, and the line each starts on. */
function bibText(entries: readonly GeneratedEntry[]): { text: string; lines: number[] } {
  let text = '';
  const lines: number[] = [];
  for (const { type, key, fields } of entries) {
    lines.push(text.split('\n').length);
    const body = fields.map(({ name, value, quoted }) => `  ${name} = ${quoted ? `"${value}"` : `{${value}}`}`);
    text += `@${type}{${key},\n${body.join(',\n')}\n}\n\n`;
  }
  return { text, lines };
}

/** Whether the entry generated at `line` with `key` is a reference or a reported problem. */
function accountedFor(bibliography: Bibliography, key: string, line: number): boolean {
  const reference = [...bibliography.references.values()].find((each) => each.line === line);
  if (reference) return reference.key === key;
  return bibliography.problems.some(
    (problem) =>
      problem.severity !== 'warning' && (problem.line === line || (key !== '' && problem.message.includes(`"${key}"`))),
  );
}

describe('parseBibliography on generated entries', () => {
  it('never throws and reads or reports every entry that starts a line', () => {
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 6 }), (entries) => {
        const { text, lines } = bibText(entries);
        const bibliography = parseBibliography([{ path: 'references/generated.bib', text }]);
        const missing = entries.filter((each, i) => !accountedFor(bibliography, each.key, lines[i] ?? 0));
        expect(missing, text).toEqual([]);
        // Nothing is read twice or made up: at most one reference per generated entry.
        expect(bibliography.references.size).toBeLessThanOrEqual(entries.length);
      }),
      { numRuns: 150 },
    );
  });

  it('never loses a valid entry because a sibling in the same file is malformed', () => {
    const malformed = fc.constantFrom(
      '@article{broken1,\n  title = {Not closed,\n  year = {2020}\n',
      '@article{broken2,\n  title = {No comma}\n  year = {2020}\n}\n',
      '@article{broken3\n  title = {No comma after the key}\n}\n',
      '@article{broken4,\n  title = {Unbalanced $ sign and \\enquote*{star}},\n  note = {}}}\n}\n',
      '@article{broken5,\n  title = "Quote not closed,\n  year = {2020}\n}\n',
      '@article{../../etc/passwd,\n  title = {Path}\n}\n',
      '@article{,\n  title = {No key}\n}\n',
      '@article{broken6,\n  title = {\\}\n}\n',
      '@misc{broken7, title = {@misc{inner, title = {x}}}\n',
      '@string{broken = "not closed}\n',
      '@article{broken8,\n  title = {A}, title = {B}\n}\n',
      '@article{broken9,\n  doi = {https://doi.org/10.1000/x}\n}\n',
      '@article{broken10,\n  title = {Too many}}}}\n}\n',
      '@article{broken11,\n  title = {x},\n  year = 2020a\n}\n',
      '@article{broken12,\n  title = undefinedmacro # {x}\n}\n',
      '@article{broken13,\n  title = {x} #\n}\n',
      '@article{broken14,\n  title = {Open \\emph{x}\n}\n',
      '@comment{not closed\n',
      '@preamble{"\\newcommand{\\x}{"\n',
      '@article{broken15,\n  author = {Doe, and and Roe, , }\n}\n',
    );
    const valid = fc.record({
      key: keyArbitrary.filter((key) => !/^broken\d+$/i.test(key)),
      title: fc.constantFrom('Psilocybin for depression', 'MDMA-assisted therapy for PTSD', 'Ayahuasca: a review'),
      year: fc.integer({ min: 1950, max: 2030 }),
    });
    fc.assert(
      fc.property(
        valid,
        fc.array(malformed, { minLength: 1, maxLength: 3 }),
        fc.nat(3),
        ({ key, title, year }, siblings, at) => {
          const good = `@article{${key},\n  title = {${title}},\n  journal = {J},\n  year = {${year}}\n}\n`;
          const position = Math.min(at, siblings.length);
          const parts = [...siblings.slice(0, position), good, ...siblings.slice(position)];
          const text = parts.join('\n');
          const bibliography = parseBibliography([{ path: 'references/mixed.bib', text }]);
          const reference = bibliography.references.get(key as never);
          expect(reference, text).toBeDefined();
          expect(reference?.csl.title).toBe(title);
          expect(reference?.csl.issued?.['date-parts']?.[0]?.[0]).toBe(year);
          expect(reference?.line).toBe(text.slice(0, text.indexOf(good)).split('\n').length);
        },
      ),
      {
        numRuns: 150,
        // An open value before it, closed by the stray braces of an entry after it.
        examples: [
          [
            { key: 'a', title: 'Psilocybin for depression', year: 1950 },
            [
              '@article{broken1,\n  title = {Not closed,\n  year = {2020}\n',
              '@article{broken4,\n  title = {Unbalanced $ sign and \\enquote*{star}},\n  note = {}}}\n}\n',
            ],
            1,
          ],
        ],
      },
    );
  });
});

// --- Frontmatter --------------------------------------------------------------------------------

const yamlish = fc
  .array(
    fc.oneof(
      fc.constantFrom('---\n', '---', '...\n', '\n', '  ', '\t', '\r\n', '\uFEFF'),
      fc.constantFrom('title: ', 'topics:', 'n:', 'a: &x ', '*x', '<<: *x', '- ', '? ', ': ', '&y [*x, *x]'),
      fc.constantFrom('[', ']', '{', '}', '"', "'", '#', '|', '>', '!!binary', '!tag', '%YAML 1.2', '@', '`'),
      fc.constantFrom('ptsd', '2020-02-30', 'null', '~', 'true', '0x1F', '.inf', 'é', '\u2028', '\0'),
      fc.string({ unit: 'binary', maxLength: 5 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('readFrontmatter on generated text', () => {
  it('never throws, and reports a problem whenever it gives no data', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          yamlish,
          yamlish.map((text) => `---\n${text}\n---\nbody`),
        ),
        (text) => {
          const frontmatter = readFrontmatter('content/studies/x.mdx', text);
          if (frontmatter.data === undefined) expect(frontmatter.problems.length, text).toBeGreaterThan(0);
          for (const problem of frontmatter.problems) {
            expect(problem.line).toBeGreaterThanOrEqual(1);
            expect(problem.line).toBeLessThanOrEqual(text.split('\n').length);
            expect(problem.column).toBeGreaterThanOrEqual(1);
          }
          expect(frontmatter.bodyLine).toBeGreaterThanOrEqual(1);
          expect(text.endsWith(frontmatter.body)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// --- Citations ----------------------------------------------------------------------------------

const citationText = fc
  .array(
    fc.oneof(
      fc.constantFrom('[', ']', '@', '-@', ';', ',', ' ', '{', '}', '\n', '\\', '.', ':', '/', '#', '?', '~'),
      fc.constantFrom(OBJECT, ESCAPED_AT, OPEN_BRACE, CLOSE_BRACE),
      fc.constantFrom('doe99', 'Doe:2006', 'АренсЗ2022', 'see', 'p. 5', 'pp. 33-35', 'chap. 1', '§ 4', 'xi', '{ii}'),
      fc.string({ unit: 'binary', maxLength: 4 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

describe('parseCitations on generated text', () => {
  it('never throws, and every key is in the text where its item says it is', () => {
    fc.assert(
      fc.property(citationText, (text) => {
        for (const citation of parseCitations(text)) {
          expect(citation.start).toBeGreaterThanOrEqual(0);
          expect(citation.end).toBeLessThanOrEqual(text.length);
          for (const item of citation.items) {
            expect(text[item.at], text).toBe('@');
            const braced = text[item.at + 1] === '{' || text[item.at + 1] === OPEN_BRACE;
            expect(text.startsWith(item.key, item.at + (braced ? 2 : 1)), text).toBe(true);
            expect(item.key.length).toBeGreaterThan(0);
            expect(item.at).toBeGreaterThanOrEqual(citation.start);
            expect(item.at).toBeLessThan(citation.end);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

// --- CSL output ---------------------------------------------------------------------------------

const hostile = fc.constantFrom(
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  '<i onclick="alert(1)">x</i>',
  '<span style="font-variant:small-caps;">ok</span>',
  '<b>bold</b>',
  '<iframe src="https://evil.example/"></iframe>',
  '</div><div class="csl-entry">',
  '&lt;script&gt;',
  '\\url{javascript:alert(1)}',
  '\\href{javascript:alert(1)}{x}',
  'Ordinary words',
);
const hostileUrl = fc.constantFrom(
  'javascript:alert(1)',
  'JAVASCRIPT:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox',
  'file:///etc/passwd',
  '//evil.example/x',
  '/relative/path',
  'https://example.org/"><script>alert(1)</script>',
  'https://example.org/ok?a=1&b=2',
  'http://example.org/',
);
const hostileEntry = fc.record({
  title: fc.array(hostile, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' ')),
  author: fc.array(hostile, { minLength: 1, maxLength: 2 }).map((parts) => parts.join(' and ')),
  url: hostileUrl,
  type: fc.constantFrom('article', 'book', 'online', 'misc'),
});

describe('formatBibliography of hostile records', () => {
  it('gives only CSL formatting elements and http(s) links', () => {
    fc.assert(
      fc.property(
        fc.array(hostileEntry, { minLength: 1, maxLength: 3 }),
        fc.constantFrom('apa', 'vancouver'),
        (records, style) => {
          const text = records
            .map(
              ({ title, author, url, type }, i) =>
                `@${type}{k${i},\n  title = {${title}},\n  author = {${author}},\n  url = {${url}},\n  journal = {${title}},\n  year = {2020}\n}\n`,
            )
            .join('\n');
          const bibliography = parseBibliography([{ path: 'references/hostile.bib', text }]);
          const { entries } = formatBibliography(bibliography.references.values(), { style });
          expect(entries.size).toBe(bibliography.references.size);
          for (const { html } of entries.values()) {
            expect(disallowedHtml(html), html).toEqual([]);
            for (const link of selectAll('[href]', fromHtml(html, { fragment: true }))) {
              expect(String(link.properties['href']), html).toMatch(/^https?:\/\//);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
