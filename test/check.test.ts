import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { mdxToJs } from 'satteri';
import { afterEach, describe, expect, it } from 'vitest';
import { checkProject } from '../src/lib/check/index.ts';
import { reportOf, summaryLine } from '../src/lib/check/report.ts';
import { resolveProject } from '../src/lib/project.ts';
import { formatGithubAnnotation, formatProblem, formatProblemWithSeverity } from '../src/lib/problems.ts';

const run = promisify(execFile);
const fixture = new URL('fixtures/project/', import.meta.url).pathname;
const copies: string[] = [];

/** A scratch copy of the fixture project, with files edited as `edits` says. */
function project(edits: Record<string, (text: string) => string> = {}): string {
  const root = mkdtempSync(join(tmpdir(), 'atlas-check-'));
  copies.push(root);
  cpSync(fixture, root, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(root, file);
    const before = readFileSync(path, 'utf8');
    const after = edit(before);
    expect(after, `edit of ${file} changed nothing`).not.toBe(before);
    writeFileSync(path, after);
  }
  return root;
}

const problemsOf = async (root: string) => (await checkProject(resolveProject(root, {}))).problems.map(formatProblem);

afterEach(() => {
  for (const root of copies.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('problem formats', () => {
  it('prints severities for npm run check and GitHub annotations for CI', async () => {
    const problem = { file: 'content/studies/a, b.mdx', line: 3, column: 5, message: 'unknown topic "x"\n50% sure' };
    expect(formatProblemWithSeverity(problem)).toBe('content/studies/a, b.mdx:3:5 error unknown topic "x"\n50% sure');
    expect(formatProblemWithSeverity({ ...problem, severity: 'warning' })).toMatch(/:3:5 warning /);
    expect(formatGithubAnnotation(problem)).toBe(
      '::error file=content/studies/a%2C b.mdx,line=3,col=5::unknown topic "x"%0A50%25 sure',
    );
    expect(
      formatGithubAnnotation({ file: 'references', line: 0, column: 0, message: 'none', severity: 'warning' }),
    ).toBe('::warning file=references::none');
  });
});

describe('checkProject', () => {
  it('passes a consistent project and returns its validated collections', async () => {
    const result = await checkProject(resolveProject(project(), {}));
    expect(result.problems).toEqual([]);
    expect(result.studies.map((study) => study.id)).toEqual(['alpha2020', 'beta2021']);
    expect(result.topics.map((topic) => topic.id)).toEqual(['integration', 'psilocybin']);
    expect(result.pages.map((page) => page.id)).toEqual(['about']);
    expect(result.bibliography.references.size).toBe(2);
  });

  it('names the file, line and column of a mistyped topic, with a suggestion', async () => {
    const root = project({
      'content/studies/alpha2020.mdx': (text) => text.replace('  - integration', '  - integraton'),
    });
    expect(await problemsOf(root)).toEqual([
      'content/studies/alpha2020.mdx:11:5 unknown topic "integraton" (did you mean "integration"?): add content/topics/integraton.mdx or fix the slug',
    ]);
  });

  it('reports every problem of the project in one run', async () => {
    const root = project({
      'content/studies/alpha2020.mdx': (text) =>
        text
          .replace('citekey: alpha2020', 'citekey: alpha2002')
          .replace('  - psilocybin', '  - integration')
          .replace('alias: wrongname2020', 'alias: othername2020'),
      'content/studies/beta2021.mdx': (text) => text.replace('design: qualitative', 'design: interviews'),
      'content/topics/integration.mdx': (text) => text.replace('  - psilocybin', '  - integration\n  - lsd'),
      'references/refs.bib': (text) => `${text}\n@article{beta2021, title = {Again}}\n`,
    });
    expect(await problemsOf(root)).toEqual([
      'content/studies/beta2021.mdx:4:9 "design" must be one of "rct", "non-randomized-trial", "open-label-trial", "cohort", "case-series", "qualitative", "mixed-methods", "systematic-review", "meta-analysis", "narrative-review", "protocol", "theoretical", not "interviews"',
      'references/refs.bib:17:1 duplicate citation key "beta2021": also defined at references/refs.bib:10:1; rename one of them or merge the entries',
      'content/studies/alpha2020.mdx:2:10 citekey "alpha2002" does not match the file name: rename the file to alpha2002.mdx or fix the key',
      'content/studies/alpha2020.mdx:2:10 unknown citation key "alpha2002" (did you mean "alpha2020"?): the summary needs its entry in references/*.bib',
      'content/studies/alpha2020.mdx:9:5 "integration" is a theme topic, not a substance: list it under topics, or give the topic kind: substance',
      'content/topics/integration.mdx:6:5 a topic cannot be related to itself: remove "integration"',
      'content/topics/integration.mdx:7:5 unknown topic "lsd": add content/topics/lsd.mdx or fix the slug',
      // The invalid summary no longer counts, so its reference is unused: a warning, not an error.
      'references/refs.bib:10:1 "beta2021" is neither cited nor summarised: cite it, summarise it, or remove it',
    ]);
    expect(
      (await checkProject(resolveProject(root, {}))).problems.filter((problem) => problem.severity === 'warning'),
    ).toHaveLength(1);
  });

  it('asks a summary to use the entry key, not an alias, and checks miscitation aliases', async () => {
    const aliasKey = project({
      'content/studies/alpha2020.mdx': (text) => text.replace('citekey: alpha2020', 'citekey: wrongname2020'),
    });
    expect(await problemsOf(aliasKey)).toContain(
      'content/studies/alpha2020.mdx:2:10 citekey "wrongname2020" is an alias of "alpha2020": a summary uses the entry\'s own key (rename to alpha2020.mdx)',
    );
    const badAlias = project({
      'content/studies/alpha2020.mdx': (text) => text.replace('alias: wrongname2020', 'alias: other2020'),
    });
    expect(await problemsOf(badAlias)).toEqual([
      'content/studies/alpha2020.mdx:16:12 "other2020" is not an alias of "alpha2020": add it to the entry\'s ids field in references/refs.bib:1',
    ]);
  });

  it('reads the content and references folders from ATLAS_CONTENT_DIR and ATLAS_REFERENCES_DIR', async () => {
    const root = project();
    const paths = resolveProject('/elsewhere', {
      ATLAS_CONTENT_DIR: join(root, 'content'),
      ATLAS_REFERENCES_DIR: join(root, 'references'),
    });
    expect(paths.contentDir).toBe(join(root, 'content'));
    const relativePaths = resolveProject(root, { ATLAS_CONTENT_DIR: 'content' });
    expect(relativePaths.contentDir).toBe(join(root, 'content'));
    expect(relativePaths.referencesDir).toBe(join(root, 'references'));
  });

  it('rejects topic files that are not slugs and pages that would take a site path', async () => {
    const root = project();
    writeFileSync(join(root, 'content/topics/Bad Name.mdx'), readFileSync(join(root, 'content/topics/psilocybin.mdx')));
    writeFileSync(join(root, 'content/pages/studies.mdx'), readFileSync(join(root, 'content/pages/about.mdx')));
    expect(await problemsOf(root)).toEqual([
      'content/topics/Bad Name.mdx "Bad Name" is not a topic slug: name the file in lower-case words joined by hyphens, such as alcohol-use-disorder.mdx',
      'content/pages/studies.mdx a page cannot be named "studies": /studies/ belongs to the site; rename the file',
    ]);
  });

  it('reports every unknown citation key in bodies and nocite, with positions and suggestions', async () => {
    const root = project({
      'content/studies/alpha2020.mdx': (text) =>
        `${text}\nAs [see @alpha2021, p. 3] and @beta2012 showed; mail a@alpha2020.org; \`@code\`.\n`,
      'content/topics/integration.mdx': (text) => text.replace('kind: theme', 'kind: theme\nnocite:\n  - gamma2020'),
      'content/pages/about.mdx': (text) =>
        `${text}\nSee [the link](https://example.org/@nobody) and [@wrongname2020].\n`,
    });
    expect(await problemsOf(root)).toEqual([
      'content/studies/alpha2020.mdx:39:9 unknown citation key "alpha2021" (did you mean "alpha2020"?)',
      'content/studies/alpha2020.mdx:39:31 unknown citation key "beta2012" (did you mean "beta2021"?)',
      'content/topics/integration.mdx:6:5 unknown citation key "gamma2020" in nocite',
      'content/pages/about.mdx:8:50 "wrongname2020" is an alias of "alpha2020": cite the verified key "alpha2020"',
    ]);
  });

  it('reports an unknown citation style', async () => {
    const result = await checkProject(resolveProject(project(), { ATLAS_CITATION_STYLE: 'chicago' }));
    expect(result.problems.map(formatProblem)).toEqual([
      'environment ATLAS_CITATION_STYLE="chicago" is not a style: use apa, vancouver, harvard1, chicago-author-date, mla, or put chicago.csl in references/styles/',
    ]);
  });

  it('reports a project without references', async () => {
    const root = project({ 'references/refs.bib': () => '' });
    expect((await problemsOf(root))[0]).toBe(
      'references no references: add at least one .bib file with entries to this folder',
    );
  });

  it('warns about long sentences, a high reading grade and a Title Case title, each at its place', async () => {
    const long =
      'This sentence goes on and on with very many words that a reader on a small phone would find far too long to follow between two sessions of therapy with a client today.';
    const dense =
      'Methodological heterogeneity notwithstanding, psychopharmacological investigations demonstrated considerable interindividual variability. ';
    const root = project({
      'content/topics/integration.mdx': (text) => `${text}
${long}

${dense.repeat(3)}
`,
      'references/refs.bib': (text) =>
        text.replace('title   = {A small trial of a fixture}', 'title   = {A Small Trial of a Fixture for {PTSD}}'),
    });
    const warnings = (await checkProject(resolveProject(root, {}))).problems
      .filter((problem) => problem.severity === 'warning')
      .map(formatProblem);
    expect(warnings).toEqual([
      'references/refs.bib:4:3 "alpha2020": title looks like Title Case ("Small", "Trial", "Fixture"): write it in sentence case and brace proper nouns and acronyms, as {MDMA}',
      'content/topics/integration.mdx:11:1 sentence of 33 words (at most 30): "This sentence goes on and on with very many words that a re…"',
      'content/topics/integration.mdx:11:1 reading grade 27.5 (Flesch–Kincaid; at most 12): shorten sentences and use plainer words; longest at line 11 (33 words), line 13 (9 words), line 13 (9 words)',
    ]);
  });

  it('applies the grading rule to every summary-of-findings row', async () => {
    const root = project({
      'content/topics/integration.mdx': (text) =>
        text.replace(
          'kind: theme\n',
          'kind: theme\nfindings:\n  - outcome: Trust\n    studies: [alpha2020]\n    direction: benefit\n    result: Better.\n    certainty: high\n',
        ),
    });
    expect(await problemsOf(root)).toEqual([
      'content/topics/integration.mdx:8:16 "benefit" compares groups, but the row has no comparison group: set "comparison: true" if it compares an intervention with a control, otherwise use "not-applicable"',
      'content/topics/integration.mdx:10:16 "high" is higher than any of the row\'s studies (best: "low"): a row cannot be more certain than its best study',
      'content/topics/integration.mdx:10:16 "high" does not follow from the rule: the row starts at low and is rated down 0 levels, which gives "low"',
    ]);
  });
});

describe('a library of many uncited entries', () => {
  const library = (count: number) =>
    Array.from(
      { length: count },
      (_, index) =>
        `@article{extra${index + 100},\n  author = {Extra, Ed},\n  title = {Extra ${index}},\n  year = {2020},\n}\n`,
    ).join('\n');

  it('summarises a rule with many warnings in one line with its count, and lists them all on demand', async () => {
    const root = project({ 'references/refs.bib': (text) => `${text}\n${library(40)}` });
    const { problems } = await checkProject(resolveProject(root, {}));
    const { listed, summarised } = reportOf(problems);
    expect(listed.filter((problem) => problem.rule === 'unused-references')).toEqual([]);
    expect(summarised.map(summaryLine)).toEqual([
      '40 warnings from the unused-references rule, the first at references/refs.bib:17:1: "extra100" is neither cited nor summarised: cite it, summarise it, or remove it (`npm run check -- --all` lists them all)',
    ]);
    expect(
      reportOf(problems, { all: true }).listed.filter((problem) => problem.rule === 'unused-references'),
    ).toHaveLength(40);

    const script = join(new URL('..', import.meta.url).pathname, 'scripts', 'check.ts');
    const env = {
      ...process.env,
      ATLAS_CONTENT_DIR: join(root, 'content'),
      ATLAS_REFERENCES_DIR: join(root, 'references'),
    };
    const lines = async (args: string[]) =>
      (await run(process.execPath, [script, ...args], { env })).stdout
        .split('\n')
        .filter((line) => line.includes('extra'));
    const [summary, ...rest] = await lines([]);
    expect(rest).toEqual([]);
    expect(summary).toMatch(
      /^warning 40 warnings from the unused-references rule, the first at .*refs\.bib:17:1: "extra100"/,
    );
    expect(await lines(['--all'])).toHaveLength(40);
  });

  it('lists a rule with a few warnings one by one', async () => {
    const root = project({ 'references/refs.bib': (text) => `${text}\n${library(3)}` });
    const { listed, summarised } = reportOf((await checkProject(resolveProject(root, {}))).problems);
    expect(summarised).toEqual([]);
    expect(listed.filter((problem) => problem.rule === 'unused-references').map(formatProblem)).toEqual([
      'references/refs.bib:17:1 "extra100" is neither cited nor summarised: cite it, summarise it, or remove it',
      'references/refs.bib:23:1 "extra101" is neither cited nor summarised: cite it, summarise it, or remove it',
      'references/refs.bib:29:1 "extra102" is neither cited nor summarised: cite it, summarise it, or remove it',
    ]);
  });
});

describe('bodies read by the parser that compiles them', () => {
  const topic = 'content/topics/integration.mdx';
  const body = (text: string) => ({ [topic]: (before: string) => `${before}\n${text}\n` });
  /** The problems of the topic's body (line 11 on) under one processor setting. */
  const bodyProblems = async (text: string, processor: 'satteri' | 'unified') =>
    (await checkProject(resolveProject(project(body(text)), { ATLAS_MARKDOWN_PROCESSOR: processor }))).problems
      .filter((problem) => problem.file === topic)
      .map(formatProblem);

  for (const processor of ['satteri', 'unified'] as const) {
    it(`keeps comments and refuses code hidden between them (${processor})`, async () => {
      expect(await bodyProblems('A note {/* for editors */} stays.', processor)).toEqual([]);
      expect(await bodyProblems('Hidden {/* a */ globalThis.x = 1 /* b */} code.', processor)).toEqual([
        `${topic}:11:8 the expression {/* a */ globalThis.x = 1 /* b */} would run as code: content may only hold comments in braces ({/* … */}); write a literal brace as "\\{"`,
      ]);
    });

    it(`places a refused attribute where it is written, on a tag's later line too (${processor})`, async () => {
      expect(await bodyProblems('<img\n  src="x.png" alt=""\n  onerror="alert(1)" />', processor)).toEqual([
        `${topic}:13:3 onerror is not allowed on <img>: content cannot run script; remove it`,
      ]);
      expect(await bodyProblems('Some <span title="onclick" onclick="x">text</span>.', processor)).toEqual([
        `${topic}:11:28 onclick is not allowed on <span>: content cannot run script; remove it`,
      ]);
    });
  }

  it("reports a body the build cannot compile at the place the build's compiler names", async () => {
    const text = 'A list of {things.';
    const [problem] = await bodyProblems(text, 'satteri');
    // The same text compiled as the build compiles it, on the line the check counts it on (11).
    const compileError = (() => {
      try {
        mdxToJs(`${'\n'.repeat(10)}${text}\n`);
        return '';
      } catch (error) {
        return String((error as Error).message);
      }
    })();
    const place = /^(\d+):(\d+):/.exec(compileError);
    expect(place, compileError).not.toBeNull();
    expect(problem).toMatch(new RegExp(`^${topic}:${place?.[1]}:${place?.[2]} MDX cannot read this: `));
  });
});
