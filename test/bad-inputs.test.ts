/**
 * Bad inputs, one at a time, on a scratch copy of the fixture project: `npm run check` prints the
 * exact `file:line:col severity message`, exits 1, and a real `astro build` of the same project
 * fails with the same message before writing anything.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

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
    'references/refs.bib:1:1 error invalid DOI "https://doi.org/10.1000/fixture.1" in "alpha2020": a DOI looks like 10.1000/xyz123, without "https://doi.org/"',
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
    'content/studies/alpha2020.mdx:20:8 error "added" must be a date such as 2026-11-29, not "2026-13-45"',
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
];

describe('a bad input', () => {
  it('has at least 25 kinds', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('%s: `npm run check` names its place and the build fails on it', async (_name, edit, expected) => {
    const root = mkdtempSync(join(scratch, 'case-'));
    cpSync(fixture, root, { recursive: true });
    for (const [file, change] of Object.entries(edit)) {
      const path = join(root, file);
      writeFileSync(path, change(existsSync(path) ? readFileSync(path, 'utf8') : ''));
    }
    const env = {
      ...process.env,
      ATLAS_CONTENT_DIR: join(root, 'content'),
      ATLAS_REFERENCES_DIR: join(root, 'references'),
    };
    const check = await run(process.execPath, [join(repo, 'scripts', 'check.ts')], { cwd: repo, env }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(check.code).toBe(1);
    // Paths are printed relative to the project root, where the scratch project is not.
    const lines = check.stdout.split('\n').map((line) => line.replace(/[^\s(]*\/case-[^/]+\//g, ''));
    expect(lines).toContain(expected);

    const out = join(root, 'dist');
    const build = await run(
      process.execPath,
      [join(repo, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', out],
      {
        cwd: repo,
        env: { ...env, ASTRO_TELEMETRY_DISABLED: '1', ATLAS_CACHE_DIR: join(root, 'cache') },
      },
    ).then(
      () => undefined,
      (error: { stdout: string; stderr: string }) => `${error.stdout}\n${error.stderr}`,
    );
    expect(build, 'the build must fail').toBeDefined();
    const message = expected.replace(/^\S+ error /, '');
    expect(build?.replace(/[^\s(]*\/case-[^/]+\//g, '')).toContain(message);
    expect(existsSync(out)).toBe(false);
  });
});
