import { describe, expect, it } from 'vitest';
import { readFrontmatter, schemaProblems } from '../src/lib/frontmatter.ts';
import { formatProblem } from '../src/lib/problems.ts';
import { studySchema, topicSchema } from '../src/lib/schema.ts';

const validStudy = `---
citekey: rieser2025
summary: Adults with alcohol use disorder took one dose of psilocybin or placebo. Drinking did not differ at four weeks.
design: rct
phase: "2"
blinding: double-blind
population: Adults with alcohol use disorder after withdrawal treatment
n:
  analysed: 37
substances: [psilocybin]
topics:
  - alcohol-use-disorder
  - relapse-prevention
intervention: Psilocybin 25 mg with brief psychotherapy
comparator: Placebo with the same psychotherapy
followUp: 4 weeks
primaryOutcome: Abstinence at 4 weeks
finding: "null"
certainty: low
certaintyReason: Small sample and wide confidence intervals.
added: 2026-11-29
---

## What was done
`;

/** The study above with one line replaced, and the problems its frontmatter then has. */
function problemsWith(find: string, replace: string): string[] {
  const text = validStudy.replace(find, replace);
  expect(text).not.toBe(validStudy);
  const frontmatter = readFrontmatter('content/studies/rieser2025.mdx', text);
  const result = studySchema.safeParse(frontmatter.data);
  return [
    ...frontmatter.problems.map(formatProblem),
    ...(result.success ? [] : schemaProblems(frontmatter, result.error).map(formatProblem)),
  ];
}

describe('study schema', () => {
  it('accepts a valid summary and fills defaults', () => {
    const frontmatter = readFrontmatter('content/studies/rieser2025.mdx', validStudy);
    const study = studySchema.parse(frontmatter.data);
    expect(study.finding).toBe('null');
    expect(study.added).toEqual(new Date('2026-11-29'));
    expect(study.miscitations).toEqual([]);
    expect(frontmatter.bodyLine).toBe(23);
  });

  it.each([
    [
      'design: rct',
      'design: rtc',
      ':4:9 "design" must be one of "rct", "non-randomized-trial"',
      '(did you mean "rct"?)',
    ],
    [
      'finding: "null"',
      'finding: none',
      ':18:10 "finding" must be one of "positive", "null", "mixed", "negative", "not-applicable", not "none"',
      '',
    ],
    ['certainty: low', 'certainty: medium', ':19:12 "certainty" must be one of', 'not "medium"'],
    ['phase: "2"', 'phase: "5"', ':5:8 "phase" must be one of', 'not "5"'],
    ['blinding: double-blind', 'blinding: blind', ':6:11 "blinding" must be one of', 'not "blind"'],
  ])('reports a wrong enum value (%s → %s) at the field', (find, replace, expected, hint) => {
    const [problem, ...rest] = problemsWith(find, replace);
    expect(rest).toEqual([]);
    expect(problem).toContain(`content/studies/rieser2025.mdx${expected}`);
    expect(problem).toContain(hint);
  });

  it.each([
    ['summary', /^summary: .*\n/m],
    ['design', /^design: .*\n/m],
    ['population', /^population: .*\n/m],
    ['topics', /^topics:\n(?: {2}- .*\n)+/m],
    ['finding', /^finding: .*\n/m],
    ['certainty', /^certainty: .*\n/m],
    ['certaintyReason', /^certaintyReason: .*\n/m],
    ['added', /^added: .*\n/m],
  ])('reports a missing required field "%s" by its path', (field, line) => {
    const text = validStudy.replace(line, '');
    const frontmatter = readFrontmatter('content/studies/rieser2025.mdx', text);
    const result = studySchema.safeParse(frontmatter.data);
    expect(result.success).toBe(false);
    if (result.success) return;
    const messages = schemaProblems(frontmatter, result.error).map(formatProblem);
    expect(messages).toContainEqual(expect.stringContaining(`"${field}" is required`));
  });

  it('explains that a bare YAML null is no value and "null" must be quoted', () => {
    expect(problemsWith('finding: "null"', 'finding: null')).toEqual([
      'content/studies/rieser2025.mdx:18:10 "finding" is empty: choose one of "positive", "null", "mixed", "negative", "not-applicable" (a null result is written "null", in quotes)',
    ]);
  });

  it('reports nested paths, unknown fields, bad dates and empirical designs without N', () => {
    expect(problemsWith('  analysed: 37', '  analysed: -1')).toEqual([
      'content/studies/rieser2025.mdx:9:13 "n.analysed" is too small: expected number to be >=0, not -1',
    ]);
    expect(problemsWith('  analysed: 37', '  analysed: 37\n  participants: 40')).toEqual([
      'content/studies/rieser2025.mdx:10:17 unknown field "participants" in "n": remove it or check its spelling',
    ]);
    expect(problemsWith('added: 2026-11-29', 'added: last week')).toEqual([
      'content/studies/rieser2025.mdx:21:8 "added" must be a date such as 2026-11-29, not "last week"',
    ]);
    expect(problemsWith('n:\n  analysed: 37\n', '')).toEqual([
      'content/studies/rieser2025.mdx:2:1 "n" needs at least one of randomized, enrolled or analysed for a rct design',
    ]);
    expect(problemsWith('  - relapse-prevention', '  - Relapse Prevention')).toEqual([
      'content/studies/rieser2025.mdx:13:5 "topics.1" must be a topic slug such as "alcohol-use-disorder"',
    ]);
  });

  it('accepts trial registry IDs and rejects other strings', () => {
    expect(problemsWith('added: 2026-11-29', 'registry: [NCT04141501]\nadded: 2026-11-29')).toEqual([]);
    const [problem] = problemsWith('added: 2026-11-29', 'registry: [NCT4141501]\nadded: 2026-11-29');
    expect(problem).toMatch(
      /^content\/studies\/rieser2025\.mdx:21:12 "registry\.0" must be a trial registry ID such as NCT04141501/,
    );
  });

  it('keeps "not-graded" for designs without outcome data', () => {
    expect(problemsWith('certainty: low', 'certainty: not-graded')).toEqual([
      'content/studies/rieser2025.mdx:19:12 "certainty" "not-graded" is only for designs without outcome data (narrative-review, protocol, theoretical)',
    ]);
    const theoretical = validStudy
      .replace('design: rct', 'design: theoretical')
      .replace('certainty: low', 'certainty: not-graded')
      .replace(/^n:\n {2}analysed: 37\n/m, '');
    expect(studySchema.safeParse(readFrontmatter('x.mdx', theoretical).data).success).toBe(true);
  });

  it('requires the number of included studies for a systematic review', () => {
    expect(problemsWith('design: rct', 'design: systematic-review')).toEqual([
      'content/studies/rieser2025.mdx:8:1 "n.studies" is required for a systematic-review: the number of studies included',
    ]);
  });

  it('reports broken YAML and missing frontmatter with positions', () => {
    expect(problemsWith('topics:\n', 'topics: [\n')[0]).toMatch(
      /^content\/studies\/rieser2025\.mdx:\d+:\d+ invalid YAML in the frontmatter: /,
    );
    const none = readFrontmatter('content/studies/x.mdx', '# Just a body\n');
    expect(none.problems.map(formatProblem)).toEqual([
      'content/studies/x.mdx:1:1 missing frontmatter: the file must start with a "---" block of fields',
    ]);
  });
});

describe('topic schema', () => {
  it('accepts a topic and rejects a wrong kind by its path', () => {
    const text = '---\ntitle: Integration\ndescription: Making sense of the experience afterwards.\nkind: theme\n---\n';
    expect(topicSchema.parse(readFrontmatter('t.mdx', text).data).related).toEqual([]);
    const wrong = readFrontmatter('content/topics/integration.mdx', text.replace('kind: theme', 'kind: themes'));
    const result = topicSchema.safeParse(wrong.data);
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(schemaProblems(wrong, result.error).map(formatProblem)).toEqual([
      'content/topics/integration.mdx:4:7 "kind" must be one of "theme", "condition", "substance", "method", not "themes" (did you mean "theme"?)',
    ]);
  });
});
