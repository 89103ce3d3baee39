/**
 * The findings-statements rule of `npm run check`: every comparison row carries a statement in
 * GRADE's words, no association or qualitative row does, and a "no difference" row says
 * little-or-no-difference. Runs the check on scratch copies of test/fixtures/project/.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkProject } from '../src/lib/check/index.ts';
import { plainStatement } from '../src/lib/findings.ts';
import { resolveProject } from '../src/lib/project.ts';
import { formatProblem } from '../src/lib/problems.ts';
import { findingRowSchema } from '../src/lib/schema.ts';

const fixture = new URL('fixtures/project/', import.meta.url).pathname;
const copies: string[] = [];

afterEach(() => {
  for (const root of copies.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** The fixture project with `rows` as the integration topic's summary of findings. */
async function problemsWith(rows: string): Promise<string[]> {
  const root = mkdtempSync(join(tmpdir(), 'atlas-statements-'));
  copies.push(root);
  cpSync(fixture, root, { recursive: true });
  const topic = join(root, 'content/topics/integration.mdx');
  writeFileSync(topic, readFileSync(topic, 'utf8').replace('kind: theme\n', `kind: theme\nfindings:\n${rows}`));
  return (await checkProject(resolveProject(root, {}))).problems.map(formatProblem);
}

/** A randomised comparison rated down twice (high to low), so the grading rule is satisfied. */
const comparison = (direction: string, statement = '') =>
  [
    '  - outcome: Abstinence at 4 weeks',
    '    studies: [alpha2020]',
    '    comparison: true',
    `    direction: ${direction}`,
    statement,
    '    result: No difference was shown.',
    '    certainty: low',
    '    downgrades:',
    '      - reason: risk-of-bias',
    '        why: Participants could tell their group.',
    '      - reason: imprecision',
    '        why: One small trial.',
    '',
  ]
    .filter((line) => line !== '')
    .join('\n') + '\n';

const statement = (effect: string) =>
  [
    '    statement:',
    '      intervention: one dose of psilocybin',
    `      effect: ${effect}`,
    '      outcome: abstinence at 4 weeks',
    '      comparator: placebo',
  ].join('\n');

describe('findings statements', () => {
  it('asks a comparison row for its statement, at the row\'s "comparison" line', async () => {
    expect(await problemsWith(comparison('no-difference'))).toEqual([
      "content/topics/integration.mdx:8:17 a comparison row needs a statement: intervention, effect (reduces, increases, improves, worsens, little-or-no-difference) and outcome, which the page puts in GRADE's words",
    ]);
  });

  it('passes a comparison row whose statement fits its direction', async () => {
    expect(await problemsWith(comparison('no-difference', statement('little-or-no-difference')))).toEqual([]);
  });

  it('refuses an effect that does not fit a "no difference" row', async () => {
    expect(await problemsWith(comparison('no-difference', statement('reduces')))).toEqual([
      'content/topics/integration.mdx:12:15 "reduces" does not say "no difference shown": use little-or-no-difference',
    ]);
  });

  it('refuses a statement on an association', async () => {
    const association = [
      '  - outcome: Alliance and later depression',
      '    studies: [alpha2020]',
      '    direction: not-applicable',
      statement('reduces'),
      '    result: A correlation.',
      '    certainty: low',
      '',
    ].join('\n');
    expect(await problemsWith(association)).toEqual([
      'content/topics/integration.mdx:9:5 only a comparison row has a statement: this row is an association; remove it',
    ]);
  });

  it('writes the statement with the verb of each certainty', () => {
    const row = findingRowSchema.parse({
      outcome: 'Heavy drinking days',
      studies: ['alpha2020'],
      comparison: true,
      direction: 'benefit',
      result: 'Fewer heavy drinking days.',
      certainty: 'high',
      statement: {
        intervention: 'psilocybin in two sessions',
        effect: 'reduces',
        outcome: 'heavy drinking days',
        comparator: 'placebo',
      },
    });
    expect(
      (['high', 'moderate', 'low', 'very-low'] as const).map((certainty) => plainStatement({ ...row, certainty })),
    ).toEqual([
      'Psilocybin in two sessions reduces heavy drinking days compared with placebo.',
      'Psilocybin in two sessions probably reduces heavy drinking days compared with placebo.',
      'Psilocybin in two sessions may reduce heavy drinking days compared with placebo.',
      'We are very uncertain whether psilocybin in two sessions reduces heavy drinking days compared with placebo.',
    ]);
  });
});
