/**
 * Every citation form, in every standard style, against pandoc: each `forms-<style>` fixture
 * (test/fixtures/citations/cases/) is rendered by pandoc's citeproc with the same CSL file and the
 * same library, and each paragraph must read as ours does (its `expected.html`, which
 * ./citations.test.ts keeps equal to our output). Where they differ, the difference is listed
 * below with the rule that makes ours right; a listed difference that no longer occurs fails too,
 * so the list stays true. Written against pandoc 2.17 (Debian 12, what CI installs).
 *
 * pandoc is a real dependency of this test: without it the test fails and says how to install it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Element } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standardStyles, styleXml } from '../src/lib/citations/styles.ts';

const fixtures = new URL('fixtures/citations/', import.meta.url).pathname;
const library = join(fixtures, 'project', 'references', 'refs.bib');

/** Why ours differs from pandoc, one rule each. */
const rules = {
  chapter:
    'APA 7 §8.13 names the part cited, "(Shimamura, 2017, Chapter 3)"; pandoc 2.17 drops the label of a chapter locator in this style',
  narrativeFirst:
    'APA 7 §8.11: a narrative citation gives the year in parentheses right after the author\'s name; pandoc 2.17 sorts the author-only part among the other items ("(Doe et al., 1999; Smith; 2004, p. 110)")',
  narrativeAnd:
    'APA 7 §8.17: "and" joins the last two names in a narrative citation, "&" in a parenthetical one; pandoc keeps "&"',
  bang: 'pandoc 2.17 reads `Wow![@key]` as a broken image; pandoc fixed it later (jgm/pandoc#8254, test/command/8254.md: "Wow!" then the citation)',
  givenName:
    'CSL 1.0.2 disambiguates by given names (disambiguate-add-givenname) before `disambiguate="true"` conditions such as the title, and MLA 9 adds the first name when cited authors share a surname (Jane and John Doe); pandoc 2.17 shows the title only',
  range:
    'CSL 1.0.2 `collapse="citation-number"` sets a run of numbers as a range ("1–3", as Citing Medicine does); pandoc 2.17 does not when the first item has a prefix',
  numericAuthor:
    'pandoc\'s MANUAL: `@key` puts the author in the sentence ("@smith04 says blah" is "Smith (2004) says blah"); with a numeric style pandoc 2.17 prints the number alone and the sentence loses its subject. The narrative item\'s own number comes first, as its year does in author-date styles',
} as const;

interface Difference {
  readonly pandoc: string;
  readonly ours: string;
  readonly why: string;
}

const differences: Record<string, Record<string, Difference>> = {
  apa: {
    F04: {
      pandoc: 'F04 prefix, locator and suffix (see Doe et al., 1999, pp. 33–35 and passim; also Smith, 2004, 1).',
      ours: 'F04 prefix, locator and suffix (see Doe et al., 1999, pp. 33–35 and passim; also Smith, 2004, Chapter 1).',
      why: rules.chapter,
    },
    F05: {
      pandoc: 'F05 locators without commas (see Doe et al., 1999, 3; also Raine-Smith & Rose, 2001, pp. 34–35).',
      ours: 'F05 locators without commas (see Doe et al., 1999, Chapter 3; also Raine-Smith & Rose, 2001, pp. 34–35).',
      why: rules.chapter,
    },
    F10: {
      pandoc: 'F10 same author collapses (see Doe et al., 1999, 3; Smith, 2000, 2004).',
      ours: 'F10 same author collapses (see Doe et al., 1999, Chapter 3; Smith, 2000, 2004).',
      why: rules.chapter,
    },
    F17: {
      pandoc: 'F17 in text with more items Smith (2004, 2; see also Smith, 2000) says.',
      ours: 'F17 in text with more items Smith (2004, Chapter 2; see also Smith, 2000) says.',
      why: rules.chapter,
    },
    F18: {
      pandoc: 'F18 in text with more items (Doe et al., 1999; Smith; 2004, p. 110) says.',
      ours: 'F18 in text with more items Smith (2004, p. 110; Doe et al., 1999) says.',
      why: rules.narrativeFirst,
    },
    F21: {
      pandoc: 'F21 a bang before the bracket Wow[Smith (2004)].',
      ours: 'F21 a bang before the bracket Wow!(Smith, 2004).',
      why: rules.bang,
    },
    F27: {
      pandoc: 'F27 same authors, same year (Roe & Poe, 2010a, 2010b) and Roe & Poe (2010b).',
      ours: 'F27 same authors, same year (Roe & Poe, 2010a, 2010b) and Roe and Poe (2010b).',
      why: rules.narrativeAnd,
    },
    F28: {
      pandoc:
        'F28 two authors Raine-Smith & Rose (2001) and (Raine-Smith & Rose, 2001), an incomplete list Mitchell et al. (2023) and (Mitchell et al., 2023).',
      ours: 'F28 two authors Raine-Smith and Rose (2001) and (Raine-Smith & Rose, 2001), an incomplete list Mitchell et al. (2023) and (Mitchell et al., 2023).',
      why: rules.narrativeAnd,
    },
  },
  harvard: {
    F18: {
      pandoc: 'F18 in text with more items (Doe, Roe and Poe, 1999; Smith; 2004, p. 110) says.',
      ours: 'F18 in text with more items Smith (2004, p. 110; Doe, Roe and Poe, 1999) says.',
      why: `${rules.narrativeFirst} (Cite Them Right gives the same form: "Smith (2004, p. 110)")`,
    },
    F21: {
      pandoc: 'F21 a bang before the bracket Wow[Smith (2004)].',
      ours: 'F21 a bang before the bracket Wow!(Smith, 2004).',
      why: rules.bang,
    },
  },
  chicago: {
    F21: {
      pandoc: 'F21 a bang before the bracket Wow[Smith (2004)].',
      ours: 'F21 a bang before the bracket Wow!(Smith 2004).',
      why: rules.bang,
    },
  },
  mla: {
    F21: {
      pandoc: 'F21 a bang before the bracket Wow[Smith (“Bees”)].',
      ours: 'F21 a bang before the bracket Wow!(Smith, “Bees”).',
      why: rules.bang,
    },
    F26: {
      pandoc:
        'F26 keys with punctuation (Doe, A Book with a Colon Key; Doe, A Book with Punctuation in Its Key) and a trailing period Smith (“Bees”).',
      ours: 'F26 keys with punctuation (Jane Doe, A Book with a Colon Key; Jane Doe, A Book with Punctuation in Its Key) and a trailing period Smith (“Bees”).',
      why: rules.givenName,
    },
  },
  vancouver: {
    F10: {
      pandoc: 'F10 same author collapses (see 1,2,3).',
      ours: 'F10 same author collapses (see 1–3).',
      why: rules.range,
    },
    F13: { pandoc: 'F13 in text (1) says.', ours: 'F13 in text Doe et al. (1) says.', why: rules.numericAuthor },
    F14: {
      pandoc: 'F14 in text with a locator (1) says.',
      ours: 'F14 in text with a locator Doe et al. (1) says.',
      why: rules.numericAuthor,
    },
    F15: {
      pandoc: 'F15 in text with a locator and suffix (3, with suffix) says.',
      ours: 'F15 in text with a locator and suffix Smith (3, with suffix) says.',
      why: rules.numericAuthor,
    },
    F16: {
      pandoc: 'F16 in text with a suffix only (3, for a review) says.',
      ours: 'F16 in text with a suffix only Smith (3, for a review) says.',
      why: rules.numericAuthor,
    },
    F17: {
      pandoc: 'F17 in text with more items (3,see also 2) says.',
      ours: 'F17 in text with more items Smith (3,see also 2) says.',
      why: rules.numericAuthor,
    },
    F18: {
      pandoc: 'F18 in text with more items (1,3) says.',
      ours: 'F18 in text with more items Smith (3,1) says.',
      why: rules.numericAuthor,
    },
    F19: {
      pandoc: 'F19 in text with a group (1,3,see also 2) says.',
      ours: 'F19 in text with a group Doe et al. (1,3,see also 2) says.',
      why: rules.numericAuthor,
    },
    F20: {
      pandoc: 'F20 in text after a parenthesis ((1)) and before a link (3) a link.',
      ours: 'F20 in text after a parenthesis (Doe et al. (1)) and before a link Smith (3) a link.',
      why: rules.numericAuthor,
    },
    F21: {
      pandoc: 'F21 a bang before the bracket Wow[(3)].',
      ours: 'F21 a bang before the bracket Wow!(3).',
      why: rules.bang,
    },
    F26: {
      pandoc: 'F26 keys with punctuation (5,6) and a trailing period (3).',
      ours: 'F26 keys with punctuation (5,6) and a trailing period Smith (3).',
      why: rules.numericAuthor,
    },
    F27: {
      pandoc: 'F27 same authors, same year (7,8) and (8).',
      ours: 'F27 same authors, same year (7,8) and Roe and Poe (8).',
      why: rules.numericAuthor,
    },
    F28: {
      pandoc: 'F28 two authors (4) and (4), an incomplete list (9) and (9).',
      ours: 'F28 two authors Raine-Smith and Rose (4) and (4), an incomplete list Mitchell et al. (9) and (9).',
      why: rules.numericAuthor,
    },
  },
};

const cases = readdirSync(join(fixtures, 'cases'))
  .filter((name) => name.startsWith('forms-'))
  .sort();

let scratch = '';
let pandocVersion = '';

beforeAll(() => {
  try {
    pandocVersion = execFileSync('pandoc', ['--version'], { encoding: 'utf8' }).split('\n')[0] ?? '';
  } catch {
    throw new Error(
      'pandoc is not installed: this test compares every citation form with pandoc. Install it with `apt-get install pandoc` (.ci/run does)',
    );
  }
  scratch = mkdtempSync(join(tmpdir(), 'atlas-pandoc-'));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The paragraphs of a fixture as readers see them, keyed by their id (`F01`). */
function ourParagraphs(folder: string): Map<string, string> {
  const tree = fromHtml(readFileSync(join(folder, 'expected.html'), 'utf8'), { fragment: true });
  const paragraphs = tree.children.filter((node): node is Element => node.type === 'element' && node.tagName === 'p');
  return new Map(paragraphs.map((p) => toString(p).trim()).map((text) => [text.slice(0, 3), text]));
}

/** pandoc's rendering of a fixture's input with the style the site registers under `style`. */
function pandocParagraphs(folder: string, style: string): Map<string, string> {
  const xml = styleXml(style);
  if (xml === undefined) throw new Error(`no style ${style}`);
  const csl = join(scratch, `${style}.csl`);
  writeFileSync(csl, xml);
  const out = execFileSync(
    'pandoc',
    [
      '--citeproc',
      '--csl',
      csl,
      '--bibliography',
      library,
      '--metadata',
      'suppress-bibliography=true',
      '-f',
      'markdown',
      '-t',
      'plain',
      '--wrap=none',
      join(folder, 'input.mdx'),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const paragraphs = out
    .split(/\n\s*\n/)
    .map((each) => each.trim())
    .filter((each) => /^F\d\d\b/.test(each));
  return new Map(paragraphs.map((text) => [text.slice(0, 3), text]));
}

describe('citation forms against pandoc', () => {
  it('covers every standard style', () => {
    const styles = cases.map(
      (name) =>
        (JSON.parse(readFileSync(join(fixtures, 'cases', name, 'options.json'), 'utf8')) as { style: string }).style,
    );
    expect(styles.sort()).toEqual([...standardStyles].sort());
  });

  it.each(cases)('%s renders as pandoc does, or differs for a stated rule', (name) => {
    const folder = join(fixtures, 'cases', name);
    const { style } = JSON.parse(readFileSync(join(folder, 'options.json'), 'utf8')) as { style: string };
    const ours = ourParagraphs(folder);
    const theirs = pandocParagraphs(folder, style);
    expect([...theirs.keys()], `${pandocVersion} paragraphs`).toEqual([...ours.keys()]);
    const known = differences[name.replace(/^forms-/, '')] ?? {};
    const unexplained: string[] = [];
    for (const [id, text] of ours) {
      const pandoc = theirs.get(id) ?? '';
      const listed = known[id];
      if (listed) {
        expect({ pandoc, ours: text }, `${id}: ${listed.why}`).toEqual({ pandoc: listed.pandoc, ours: listed.ours });
      } else if (pandoc !== text) {
        unexplained.push(`${id}\n  ours:   ${text}\n  pandoc: ${pandoc}`);
      }
    }
    expect(unexplained, `differences from ${pandocVersion} without a stated rule`).toEqual([]);
  });
});
