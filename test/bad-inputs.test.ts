/**
 * Bad and hostile inputs, one at a time, on a scratch copy of the fixture project that already
 * holds a good build: `npm run check` prints the exact `file:line:col severity message` and exits
 * 1; a real `astro build` of the same project fails with the same message; and afterwards every
 * file of the case's folder (project, last good site, and the folder around them) is byte for
 * byte what it was: no entry overwrote a file, no path led outside, no half-built site.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treeHash } from './helpers.ts';

const run = promisify(execFile);
const repo = new URL('..', import.meta.url).pathname;
const fixture = new URL('fixtures/project/', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'atlas-bad-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Edit = Record<string, (text: string) => string>;
const study = 'content/studies/alpha2020.mdx';
const topic = 'content/topics/integration.mdx';
const bib = 'references/refs.bib';
const append = (extra: string) => (text: string) => `${text}${extra}`;
const swap = (from: string, to: string) => (text: string) => {
  if (!text.includes(from)) throw new Error(`fixture lacks ${JSON.stringify(from)}`);
  return text.replace(from, to);
};

const cases: [name: string, edit: Edit, expected: string][] = [
  [
    'BibTeX entry not closed',
    { [bib]: swap('  doi     = {10.1000/fixture.1}\n}', '  doi     = {10.1000/fixture.1}\n') },
    'references/refs.bib:1:1 error malformed BibTeX: entry "alpha2020" is not closed (a "}" is missing before the next entry)',
  ],
  [
    'BibTeX field without its comma',
    { [bib]: swap('  title   = {Interviews about fixtures},', '  title   = {Interviews about fixtures}') },
    'references/refs.bib:13:3 error malformed BibTeX in entry "beta2021": expected "rbrace", got "identifier" (check the braces, quotes and commas around this point)',
  ],
  [
    'duplicate key in one file',
    { [bib]: append('\n@article{beta2021, title = {Again}, year = {2021}}\n') },
    'references/refs.bib:17:1 error duplicate citation key "beta2021": also defined at references/refs.bib:10:1; rename one of them or merge the entries',
  ],
  [
    'duplicate key across files',
    { 'references/more.bib': () => '@article{alpha2020, title = {Elsewhere}, year = {2020}}\n' },
    'references/refs.bib:1:1 error duplicate citation key "alpha2020": also defined at references/more.bib:1:1; rename one of them or merge the entries',
  ],
  [
    'DOI written as a URL',
    { [bib]: swap('doi     = {10.1000/fixture.1}', 'doi     = {https://doi.org/10.1000/fixture.1}') },
    'references/refs.bib:7:3 error invalid DOI "https://doi.org/10.1000/fixture.1" in "alpha2020": a DOI looks like 10.1000/xyz123, without "https://doi.org/" or "doi:"',
  ],
  [
    'alias naming another entry',
    { [bib]: swap('ids     = {wrongname2020}', 'ids     = {beta2021}') },
    'references/refs.bib:1:1 error alias "beta2021" of "alpha2020" is also the key of another entry (references/refs.bib:10:1); an alias must not name an entry',
  ],
  [
    'summary of an unknown key',
    { [study]: swap('citekey: alpha2020', 'citekey: alpha2002') },
    'content/studies/alpha2020.mdx:2:10 error citekey "alpha2002" does not match the file name: rename the file to alpha2002.mdx or fix the key',
  ],
  [
    'summary under an alias',
    { [study]: swap('citekey: alpha2020', 'citekey: wrongname2020') },
    'content/studies/alpha2020.mdx:2:10 error citekey "wrongname2020" does not match the file name: rename the file to wrongname2020.mdx or fix the key',
  ],
  [
    'unknown topic',
    { [study]: swap('  - integration\nfinding', '  - integraton\nfinding') },
    'content/studies/alpha2020.mdx:11:5 error unknown topic "integraton" (did you mean "integration"?): add content/topics/integraton.mdx or fix the slug',
  ],
  [
    'a theme listed as a substance',
    { [study]: swap('  - psilocybin', '  - integration') },
    'content/studies/alpha2020.mdx:9:5 error "integration" is a theme topic, not a substance: list it under topics, or give the topic kind: substance',
  ],
  [
    'wrong design',
    { [study]: swap('design: rct', 'design: RCT') },
    'content/studies/alpha2020.mdx:4:9 error "design" must be one of "rct", "non-randomized-trial", "open-label-trial", "cohort", "case-series", "qualitative", "mixed-methods", "systematic-review", "meta-analysis", "narrative-review", "protocol", "theoretical", not "RCT" (did you mean "rct"?)',
  ],
  [
    'bare null finding',
    { [study]: swap('finding: "null"', 'finding: null') },
    'content/studies/alpha2020.mdx:12:10 error "finding" is empty: choose one of "positive", "null", "mixed", "negative", "not-applicable" (a null result is written "null", in quotes)',
  ],
  [
    'wrong certainty',
    { [study]: swap('certainty: low', 'certainty: medium') },
    'content/studies/alpha2020.mdx:13:12 error "certainty" must be one of "high", "moderate", "low", "very-low", "not-graded", not "medium"',
  ],
  [
    'missing population',
    { [study]: swap('population: Fixture adults\n', '') },
    'content/studies/alpha2020.mdx:2:1 error "population" is required (string)',
  ],
  [
    'date that is not a date',
    { [study]: swap('added: 2026-11-01', 'added: 2026-13-45') },
    'content/studies/alpha2020.mdx:20:8 error "added" is not a day of the calendar: "2026-13-45" (check the month and day)',
  ],
  [
    'update before addition',
    { [study]: swap('added: 2026-11-01', 'added: 2026-11-01\nupdated: 2026-10-01') },
    'content/studies/alpha2020.mdx:21:10 error "updated" must not be before "added"',
  ],
  [
    'negative sample size',
    { [study]: swap('randomized: 20', 'randomized: -20') },
    'content/studies/alpha2020.mdx:7:15 error "n.randomized" is too small: expected number to be >=0, not -20',
  ],
  [
    'trial without any sample size',
    { [study]: swap('n:\n  randomized: 20\n', '') },
    'content/studies/alpha2020.mdx:2:1 error "n" needs at least one of randomized, enrolled or analysed for a rct design',
  ],
  [
    'unknown field',
    { [study]: swap('population: Fixture adults', 'population: Fixture adults\nparticipants: 20') },
    'content/studies/alpha2020.mdx:6:15 error unknown field "participants": remove it or check its spelling',
  ],
  [
    'malformed registry ID',
    { [study]: swap('added: 2026-11-01', 'registry: [NCT123]\nadded: 2026-11-01') },
    'content/studies/alpha2020.mdx:20:12 error "registry.0" must be a trial registry ID such as NCT04141501 (known forms: NCT01234567, ISRCTN12345678, EudraCT 2017-003288-36, 2023-501234-12-00, ACTRN12345678901234, DRKS00012345, ChiCTR2000012345, CTRI/2020/01/012345, CRD42020123456, osf.io/abcde)',
  ],
  [
    'miscitation alias the entry does not have',
    { [study]: swap('alias: wrongname2020', 'alias: wrongname2021') },
    'content/studies/alpha2020.mdx:16:12 error "wrongname2021" is not an alias of "alpha2020": add it to the entry\'s ids field in references/refs.bib:1',
  ],
  [
    'summary without its limitations',
    { [study]: swap('## Limitations', '## Caveats') },
    'content/studies/alpha2020.mdx:22:1 error missing section "## Limitations": a summary has "What was done", "What was found", "What it means for practice", "Limitations"',
  ],
  [
    'broken YAML',
    { [study]: swap('topics:\n  - integration', 'topics: [integration') },
    'content/studies/alpha2020.mdx:11:1 error invalid YAML in the frontmatter: Flow sequence in block collection must be sufficiently indented and end with a ]',
  ],
  [
    'no frontmatter',
    { 'content/studies/gamma2020.mdx': () => '# A summary without fields\n' },
    'content/studies/gamma2020.mdx:1:1 error missing frontmatter: the file must start with a "---" block of fields',
  ],
  [
    'misspelt key in a bracketed citation',
    { [study]: append('\nAs shown [see @alpha2002, p. 3].\n') },
    'content/studies/alpha2020.mdx:39:15 error unknown citation key "alpha2002" (did you mean "alpha2020"?)',
  ],
  [
    'misspelt key in an in-text citation',
    { [topic]: append('\n@beta2012 interviewed patients.\n') },
    'content/topics/integration.mdx:11:1 error unknown citation key "beta2012" (did you mean "beta2021"?)',
  ],
  [
    'braced key that does not exist',
    { [topic]: append('\nSee @{gamma:2020}.\n') },
    'content/topics/integration.mdx:11:5 error unknown citation key "gamma:2020"',
  ],
  [
    'unknown nocite key',
    { [topic]: swap('kind: theme', 'kind: theme\nnocite: [delta2020]') },
    'content/topics/integration.mdx:5:10 error unknown citation key "delta2020" in nocite',
  ],
  [
    'topic related to a missing topic',
    { [topic]: swap('  - psilocybin', '  - psilocibin') },
    'content/topics/integration.mdx:6:5 error unknown topic "psilocibin" (did you mean "psilocybin"?): add content/topics/psilocibin.mdx or fix the slug',
  ],
  [
    'wrong topic kind',
    { [topic]: swap('kind: theme', 'kind: themes') },
    'content/topics/integration.mdx:4:7 error "kind" must be one of "theme", "condition", "substance", "method", not "themes" (did you mean "theme"?)',
  ],
  [
    'finding drawn from an unsummarised study',
    {
      [topic]: swap(
        'kind: theme',
        'kind: theme\nfindings:\n  - outcome: Trust\n    studies: [gamma2020]\n    direction: not-applicable\n    result: Themes.\n    qualitative: true\n    certainty: low',
      ),
    },
    'content/topics/integration.mdx:7:15 error "gamma2020" in the summary of findings has no summary: findings draw on summarised studies only',
  ],
  [
    'page that takes a site path',
    {
      'content/pages/map.mdx': () =>
        '---\ntitle: Map\ndescription: A page that would hide the evidence map.\n---\n\nText.\n',
    },
    'content/pages/map.mdx error a page cannot be named "map": /map/ belongs to the site; rename the file',
  ],

  // Hostile and malformed input: keys shaped like paths, script in data, MDX that would run code.
  [
    'key that climbs into the references folder',
    { [bib]: append('\n@article{../../references/references, title = {Gone}, year = {2020}}\n') },
    'references/refs.bib:17:1 error citation key "../../references/references" has "/", which a URL segment or file name cannot hold safely and must start with a letter, digit or "_": use letters, digits and _ - . : + (such as _.._.._references_references)',
  ],
  [
    'key that climbs out of the project',
    { [bib]: append('\n@article{x/../../../x, title = {Out}, year = {2020}}\n') },
    'references/refs.bib:17:1 error citation key "x/../../../x" has "/", which a URL segment or file name cannot hold safely: use letters, digits and _ - . : + (such as x_.._.._.._x)',
  ],
  [
    'key with a question mark',
    { [bib]: append('\n@article{what?2020, title = {Query}, year = {2020}}\n') },
    'references/refs.bib:17:1 error citation key "what?2020" has "?", which a URL segment or file name cannot hold safely: use letters, digits and _ - . : + (such as what_2020)',
  ],
  [
    'keys that differ only in case',
    { [bib]: append('\n@article{Beta2021, title = {Twin}, year = {2021}}\n') },
    'references/refs.bib:17:1 error citation key "Beta2021" differs from "beta2021" (references/refs.bib:10:1) only in case: BibTeX reads them as one key and their files would overwrite each other; rename one',
  ],
  [
    'DOI that carries attributes',
    { [bib]: swap('doi     = {10.1000/fixture.1}', 'doi     = {10.1234/x"autofocus/onfocus="alert(1)}') },
    'references/refs.bib:7:3 error invalid DOI "10.1234/x"autofocus/onfocus="alert(1)" in "alpha2020": a DOI looks like 10.1000/xyz123: "10.", the registrant number, "/", then no spaces, quotes or angle brackets',
  ],
  [
    'summary saved as .md',
    { 'content/studies/gamma2020.md': () => '---\ntitle: x\n---\n' },
    'content/studies/gamma2020.md error "gamma2020.md" is not built: content files end in .mdx; rename it to gamma2020.mdx',
  ],
  [
    'summary with an upper-case extension',
    { 'content/studies/gamma2020.MDX': () => '---\ntitle: x\n---\n' },
    'content/studies/gamma2020.MDX error "gamma2020.MDX" is not built: content files end in .mdx; rename it to gamma2020.mdx',
  ],
  [
    'summary in a subfolder',
    { 'content/studies/drafts/gamma2020.mdx': () => '---\ntitle: x\n---\n' },
    'content/studies/drafts error "drafts/" is a folder, and only files directly in studies/ are built: move its files up',
  ],
  [
    'unclosed element in a body',
    { [topic]: append('\nA <div> that never closes.\n') },
    'content/topics/integration.mdx:11:3 error MDX cannot read this: Expected a closing tag for `<div>` (11:3) before the end of `paragraph`. Close the element or expression, or write a literal "<" or "{" as "\\<" or "\\{"',
  ],
  [
    'open brace in a body',
    { [topic]: append('\nA set {of things.\n') },
    'content/topics/integration.mdx:11:7 error MDX cannot read this: Unexpected end of file in expression, expected a corresponding closing brace for `{`. Close the element or expression, or write a literal "<" or "{" as "\\<" or "\\{"',
  ],
  [
    'expression that would run at build time',
    { [topic]: append('\nTotal: {undefinedVariable}.\n') },
    'content/topics/integration.mdx:11:8 error the expression {undefinedVariable} would run as code: content may only hold comments in braces ({/* … */}); write a literal brace as "\\{"',
  ],
  [
    'import in a body',
    { [topic]: append('\nimport fs from "node:fs";\n') },
    'content/topics/integration.mdx:11:1 error import and export are not allowed in content: a body is text, not code; remove the line',
  ],
  [
    'script element in a body',
    { [topic]: append('\n<script>alert(1)</script>\n') },
    'content/topics/integration.mdx:11:1 error <script> is not allowed in content: use Markdown, or one of a, abbr, b, blockquote, br, code, dd, del, details, dfn, div, dl, dt, em, figcaption, figure, h1, h2, h3, h4, h5, h6, hr, i, img, input, ins, kbd, li, mark, ol, p, picture, pre, q, rp, rt, ruby, s, samp, section, source, span, strike, strong, sub, summary, sup, table, tbody, td, tfoot, th, thead, tr, tt, ul, var',
  ],
  [
    'event attribute in a body',
    { [topic]: append('\n<img src="x.png" alt="" onerror="alert(1)" />\n') },
    'content/topics/integration.mdx:11:25 error onerror is not allowed on <img>: content cannot run script; remove it',
  ],
  [
    'script link in a body',
    { [topic]: append('\n[Click](javascript:alert(1)).\n') },
    'content/topics/integration.mdx:11:1 error link a "javascript:" address cannot be linked: use http:, https:, irc:, ircs:, mailto:, xmpp: or a site path',
  ],
  [
    'unknown component in a body',
    { [topic]: append('\n<Chart data="x" />\n') },
    'content/topics/integration.mdx:11:1 error unknown component <Chart>: content can only place <References />',
  ],
  [
    'day that is not on the calendar',
    { [study]: swap('added: 2026-11-01', 'added: 2025-02-30') },
    'content/studies/alpha2020.mdx:20:8 error "added" is not a day of the calendar: "2025-02-30" (check the month and day)',
  ],
  [
    'YAML alias bomb',
    {
      [study]: swap(
        'population: Fixture adults',
        `population: Fixture adults\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n${[1, 2, 3, 4, 5, 6, 7, 8]
          .map(
            (i) =>
              `x${i}: &a${i} [${Array(9)
                .fill(`*a${i - 1}`)
                .join(', ')}]`,
          )
          .join('\n')}`,
      ),
    },
    'content/studies/alpha2020.mdx:2:1 error the frontmatter expands YAML aliases (*name) more than 50 times: write the values out',
  ],
  [
    'byte-order mark',
    { [study]: (text) => `\uFEFF${text}` },
    'content/studies/alpha2020.mdx:1:1 error the file starts with an invisible byte-order mark (BOM): save it as UTF-8 without BOM',
  ],
  [
    'audit file that is not JSON',
    { 'references/audit.json': () => '{"resolver": "x", "entries": {' },
    "references/audit.json error is not valid JSON (Expected property name or '}' in JSON at position 30 (line 1 column 31)): run `npm run audit-refs` again, or remove the file",
  ],
  [
    'audit file of another shape',
    { 'references/audit.json': () => '{"resolver": "x", "entries": {"alpha2020": {"status": "fine"}}}' },
    'references/audit.json error "entries.alpha2020.status" Invalid option: expected one of "match"|"mismatch"|"not-found": run `npm run audit-refs` again, or remove the file',
  ],
  [
    'style file that is not CSL',
    { 'references/styles/broken.csl': () => '<style xmlns="http://purl.org/net/xbiblio/csl"><oops' },
    'references/styles/broken.csl:1:48 error not valid CSL: unclosed token. Check the style against https://docs.citationstyles.org/en/stable/specification.html',
  ],
  [
    'configured style that does not exist',
    { env: () => 'ATLAS_CITATION_STYLE=chicago' },
    'environment error ATLAS_CITATION_STYLE="chicago" is not a style: use apa, vancouver, harvard1, chicago-author-date, mla, or put chicago.csl in references/styles/',
  ],
];

const astro = join(repo, 'node_modules', 'astro', 'bin', 'astro.mjs');
/** The site built from the intact fixture: each case starts with it as the last good build. */
const lastGoodSite = join(scratch, 'last-good-dist');

beforeAll(async () => {
  await run(process.execPath, [astro, 'build', '--outDir', lastGoodSite], {
    cwd: repo,
    env: {
      ...process.env,
      ATLAS_CONTENT_DIR: join(fixture, 'content'),
      ATLAS_REFERENCES_DIR: join(fixture, 'references'),
      ATLAS_CACHE_DIR: join(scratch, 'cache-last-good'),
      ASTRO_TELEMETRY_DISABLED: '1',
    },
  });
});

describe('a bad input', () => {
  it('has at least 50 kinds', () => {
    expect(cases.length).toBeGreaterThanOrEqual(50);
  });

  it.each(cases)(
    '%s: `npm run check` names its place, the build fails on it, and nothing on disk changes',
    async (_name, edit, expected) => {
      // case-N/project is the project; case-N as a whole must come out of the build unchanged.
      const folder = mkdtempSync(join(scratch, 'case-'));
      const root = join(folder, 'project');
      cpSync(fixture, root, { recursive: true });
      const extra: Record<string, string> = {};
      for (const [file, change] of Object.entries(edit)) {
        if (file === 'env') {
          const [name = '', value = ''] = change('').split('=');
          extra[name] = value;
          continue;
        }
        const path = join(root, file);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, change(existsSync(path) ? readFileSync(path, 'utf8') : ''));
      }
      const out = join(root, 'dist');
      cpSync(lastGoodSite, out, { recursive: true });
      const before = treeHash(folder);
      const env = {
        ...process.env,
        ATLAS_CONTENT_DIR: join(root, 'content'),
        ATLAS_REFERENCES_DIR: join(root, 'references'),
        ...extra,
      };
      const check = await run(process.execPath, [join(repo, 'scripts', 'check.ts')], { cwd: repo, env }).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );
      expect(check.code).toBe(1);
      // Paths are printed relative to the project root, where the scratch project is not.
      const lines = check.stdout.split('\n').map((line) => line.replace(/[^\s(]*\/case-[^/]+\/project\//g, ''));
      expect(lines).toContain(expected);

      const build = await run(process.execPath, [astro, 'build', '--outDir', out], {
        cwd: repo,
        env: { ...env, ASTRO_TELEMETRY_DISABLED: '1', ATLAS_CACHE_DIR: `${folder}-cache` },
      }).then(
        () => undefined,
        // CI terminals get colours: read the text.
        (error: { stdout: string; stderr: string }) => stripVTControlCharacters(`${error.stdout}\n${error.stderr}`),
      );
      expect(build, 'the build must fail').toBeDefined();
      const message = expected.replace(/^\S+ error /, '');
      expect(build?.replace(/[^\s(]*\/case-[^/]+\/project\//g, '')).toContain(message);
      // The last good site is still there, byte for byte, and nothing else was written.
      expect(treeHash(folder)).toEqual(before);
    },
  );
});

describe('a build that fails after the pages are written', () => {
  it('keeps the last good site byte for byte and leaves no staging folder', async () => {
    const folder = mkdtempSync(join(scratch, 'late-'));
    const root = join(folder, 'project');
    cpSync(fixture, root, { recursive: true });
    const out = join(root, 'dist');
    cpSync(lastGoodSite, out, { recursive: true });
    writeFileSync(
      join(root, 'content/topics/integration.mdx'),
      `${readFileSync(join(root, 'content/topics/integration.mdx'), 'utf8')}\nA new paragraph.\n`,
    );
    const before = treeHash(out);
    // The build's counters cannot be written under /dev/null: the build fails at its very end, after
    // every page, download and the search index went into the staging folder.
    const failure = await run(process.execPath, [astro, 'build', '--outDir', out], {
      cwd: repo,
      env: {
        ...process.env,
        ATLAS_CONTENT_DIR: join(root, 'content'),
        ATLAS_REFERENCES_DIR: join(root, 'references'),
        ATLAS_CACHE_DIR: `${folder}-cache`,
        ATLAS_BUILD_STATS: '/dev/null/evidence-atlas/stats.json',
        ASTRO_TELEMETRY_DISABLED: '1',
      },
    }).then(
      () => undefined,
      // CI terminals get colours: read the text.
      (error: { stdout: string; stderr: string }) => stripVTControlCharacters(`${error.stdout}\n${error.stderr}`),
    );
    expect(failure).toMatch(/search index: \d+ pages indexed/);
    expect(treeHash(out)).toEqual(before);
    expect(readdirSync(root).sort()).toEqual(['content', 'dist', 'references']);
  });
});
