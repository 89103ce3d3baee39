import { describe, expect, it } from 'vitest';
import * as grading from '../src/lib/grading.ts';
import {
  capitalisedWords,
  cerqualConcerns,
  certaintyRank,
  checkFindingRow,
  checkFindings,
  checkTitleCase,
  expectedCertainty,
  gradeDomains,
  looksLikeTitleCase,
  startingCertainty,
  type GradedStudy,
} from '../src/lib/grading.ts';
import { findingRowSchema, type FindingRow } from '../src/lib/schema.ts';
import { downgrades } from '../src/lib/vocabulary.ts';

const studies = new Map<string, GradedStudy>([
  ['trial', { design: 'rct', certainty: 'moderate' }],
  ['small', { design: 'rct', certainty: 'low' }],
  ['cohort', { design: 'cohort', certainty: 'very-low' }],
  ['interviews', { design: 'qualitative', certainty: 'low' }],
  ['proposal', { design: 'theoretical', certainty: 'not-graded' }],
]);

/** A valid row (a randomised comparison rated down once), with changes. */
function row(changes: Record<string, unknown> = {}): FindingRow {
  return findingRowSchema.parse({
    outcome: 'Depression at 6 weeks',
    studies: ['trial'],
    direction: 'benefit',
    comparison: true,
    result: 'Scores fell more with the drug.',
    certainty: 'moderate',
    downgrades: [{ reason: 'risk-of-bias', why: 'Participants could tell their group.' }],
    ...changes,
  });
}

const messages = (found: readonly grading.GradingProblem[]) =>
  found.map((problem) => `${problem.severity} ${problem.path.join('.')}: ${problem.message}`);

describe('grading: the schema fields', () => {
  it('defaults comparison to false and a downgrade to one level', () => {
    const parsed = findingRowSchema.parse({
      outcome: 'x',
      studies: ['trial'],
      direction: 'not-applicable',
      result: 'y',
      certainty: 'low',
      downgrades: [{ reason: 'imprecision', why: 'z' }],
    });
    expect(parsed.comparison).toBe(false);
    expect(parsed.downgrades[0]?.levels).toBe(1);
    expect(() => row({ downgrades: [{ reason: 'imprecision', why: 'z', levels: 3 }] })).toThrow();
  });

  it('names every reason of the schema as either a GRADE domain or a CERQual concern', () => {
    expect([...gradeDomains, ...cerqualConcerns].sort()).toEqual([...downgrades].sort());
  });
});

describe('grading: where a row starts and where it ends', () => {
  it('starts randomised comparisons and qualitative findings at high, everything else at low', () => {
    const trial = [studies.get('trial')!];
    expect(startingCertainty(row(), trial)).toBe('high');
    expect(startingCertainty(row({ comparison: false, direction: 'not-applicable' }), trial)).toBe('low');
    expect(startingCertainty(row(), [studies.get('cohort')!])).toBe('low');
    expect(startingCertainty(row({ qualitative: true }), [studies.get('interviews')!])).toBe('high');
  });

  it('takes the levels of every downgrade off the start, never below very low', () => {
    const trial = [studies.get('trial')!];
    expect(expectedCertainty(row(), trial)).toBe('moderate');
    expect(
      expectedCertainty(
        row({
          downgrades: [
            { reason: 'risk-of-bias', why: 'a' },
            { reason: 'imprecision', why: 'Rated down two levels.', levels: 2 },
            { reason: 'indirectness', why: 'Not rated down: direct.', levels: 0 },
          ],
        }),
        trial,
      ),
    ).toBe('very-low');
    expect(
      expectedCertainty(row({ downgrades: [{ reason: 'imprecision', why: 'Rated down two levels.', levels: 2 }] }), [
        studies.get('cohort')!,
      ]),
    ).toBe('very-low');
    expect(certaintyRank('high')).toBe(4);
    expect(certaintyRank('very-low')).toBe(1);
    expect(certaintyRank('not-graded')).toBe(0);
  });
});

describe('grading: rows', () => {
  it('accepts a row that follows the rule', () => {
    expect(checkFindingRow(row(), 0, studies)).toEqual([]);
    const association = row({
      studies: ['cohort'],
      comparison: false,
      direction: 'not-applicable',
      certainty: 'very-low',
      downgrades: [{ reason: 'imprecision', why: 'No interval in the records read.' }],
    });
    expect(checkFindingRow(association, 1, studies)).toEqual([]);
    const theme = row({
      studies: ['interviews'],
      qualitative: true,
      comparison: false,
      direction: 'not-applicable',
      certainty: 'low',
      downgrades: [
        { reason: 'adequacy', why: 'One small study.' },
        { reason: 'methodological-limitations', why: 'Methods not seen.' },
        { reason: 'relevance', why: 'Not rated down: the setting matches.', levels: 0 },
      ],
    });
    expect(checkFindingRow(theme, 2, studies)).toEqual([]);
  });

  it('needs a comparison group for benefit, harm, no difference and mixed', () => {
    for (const direction of ['benefit', 'harm', 'no-difference', 'mixed']) {
      expect(
        messages(
          checkFindingRow(
            row({ direction, comparison: false, certainty: 'very-low', studies: ['cohort'] }),
            3,
            studies,
          ),
        ),
      ).toContain(
        `error findings.3.direction: "${direction}" compares groups, but the row has no comparison group: set "comparison: true" if it compares an intervention with a control, otherwise use "not-applicable"`,
      );
    }
    expect(messages(checkFindingRow(row({ direction: 'not-applicable' }), 0, studies))).toEqual([
      'warning findings.0.direction: "not-applicable" on a row with a comparison: say which way it went (benefit, no-difference, harm or mixed)',
    ]);
  });

  it('does not let a row be more certain than its best study', () => {
    const found = messages(checkFindingRow(row({ studies: ['small'], certainty: 'high', downgrades: [] }), 4, studies));
    expect(found).toContain(
      'error findings.4.certainty: "high" is higher than any of the row\'s studies (best: "low"): a row cannot be more certain than its best study',
    );
    // Two studies: the better one sets the ceiling.
    expect(checkFindingRow(row({ studies: ['small', 'trial'] }), 0, studies)).toEqual([]);
  });

  it('says when the certainty does not follow from the start and the downgrades', () => {
    expect(messages(checkFindingRow(row({ certainty: 'low' }), 5, studies))).toEqual([
      'error findings.5.certainty: "low" does not follow from the rule: the row starts at high and is rated down 1 level, which gives "moderate"',
    ]);
    expect(
      messages(
        checkFindingRow(
          row({ comparison: false, direction: 'not-applicable', studies: ['cohort'], certainty: 'low' }),
          0,
          studies,
        ),
      ),
    ).toContain(
      'error findings.0.certainty: "low" does not follow from the rule: the row starts at low and is rated down 1 level, which gives "very-low"',
    );
  });

  it('keeps GRADE domains and CERQual concerns apart, and qualitative rows without a comparison', () => {
    const found = messages(
      checkFindingRow(
        row({
          studies: ['interviews'],
          qualitative: true,
          certainty: 'moderate',
          downgrades: [{ reason: 'imprecision', why: 'Few people.' }],
        }),
        6,
        studies,
      ),
    );
    expect(found).toContain(
      'error findings.6.downgrades.0.reason: "imprecision" is a GRADE domain: a qualitative finding is rated down for methodological-limitations, coherence, adequacy, relevance',
    );
    expect(found).toContain(
      'error findings.6.comparison: a qualitative finding has no comparison group: set "comparison: false"',
    );
    expect(
      messages(checkFindingRow(row({ downgrades: [{ reason: 'adequacy', why: 'Thin data.' }] }), 7, studies)),
    ).toContain(
      'error findings.7.downgrades.0.reason: "adequacy" is a CERQual concern: a measured outcome is rated down for risk-of-bias, imprecision, inconsistency, indirectness, publication-bias',
    );
  });

  it('asks the text to carry what readers cannot see: "not rated down" and "two levels"', () => {
    const found = messages(
      checkFindingRow(
        row({
          certainty: 'low',
          downgrades: [
            { reason: 'imprecision', why: 'Very few events.', levels: 2 },
            { reason: 'indirectness', why: 'Direct enough.', levels: 0 },
          ],
        }),
        0,
        studies,
      ),
    );
    expect(found).toEqual([
      'warning findings.0.downgrades.0.why: a downgrade of two levels should say "two levels" in its explanation',
      'warning findings.0.downgrades.1.why: a domain with "levels: 0" should say "Not rated down: …" first',
    ]);
  });

  it('reports a domain listed twice and a study without a summary', () => {
    const found = messages(
      checkFindingRow(
        row({
          studies: ['trial', 'nowhere'],
          certainty: 'low',
          downgrades: [
            { reason: 'risk-of-bias', why: 'a' },
            { reason: 'risk-of-bias', why: 'b' },
          ],
        }),
        8,
        studies,
      ),
    );
    expect(found).toEqual([
      'error findings.8.studies.1: "nowhere" has no summary: a row draws on summarised studies only',
      'error findings.8.downgrades.1.reason: "risk-of-bias" is listed twice: give it once, with its levels',
    ]);
  });

  it('keeps "not-graded" for rows on work without outcome data', () => {
    expect(
      checkFindingRow(
        row({
          studies: ['proposal'],
          certainty: 'not-graded',
          comparison: false,
          direction: 'not-applicable',
          downgrades: [],
        }),
        0,
        studies,
      ),
    ).toEqual([]);
    expect(messages(checkFindingRow(row({ certainty: 'not-graded' }), 9, studies))).toEqual([
      'error findings.9.certainty: "not-graded" is only for rows whose studies have no outcome data of their own',
    ]);
  });

  it('checks every row of a topic with its index', () => {
    const found = checkFindings([row(), row({ certainty: 'high' })], studies);
    expect(found.map((problem) => problem.path)).toEqual([
      ['findings', 1, 'certainty'],
      ['findings', 1, 'certainty'],
    ]);
  });
});

describe('grading: reference titles', () => {
  it.each([
    'Trial of Psilocybin versus Escitalopram for Depression',
    'Single-Dose Psilocybin for a Treatment-Resistant Episode of Major Depression',
    'Therapeutic Alliance and Rapport Modulate Responses to Psilocybin Assisted Therapy for Depression',
    "Patients' Accounts of Increased ``Connectedness'' and ``Acceptance'' After Psilocybin",
    'Trauma-Informed Care in Psychedelic Therapy Research: A Qualitative Literature Review of Evidence-Based Psychotherapy Interventions in {PTSD}',
  ])('flags Title Case: %s', (title) => {
    expect(looksLikeTitleCase(title)).toBe(true);
    expect(checkTitleCase(title)[0]?.message).toMatch(/^title looks like Title Case \(/);
    expect(checkTitleCase(title)[0]).toMatchObject({ path: ['title'], severity: 'warning' });
  });

  it.each([
    'Psilocybin-assisted therapy for relapse prevention in alcohol use disorder: A phase 2 randomized clinical trial',
    '{MDMA}-assisted therapy for severe {PTSD}: A randomized, double-blind, placebo-controlled phase 3 study',
    'Psychedelic-assisted {EMDR} therapy ({PsyA-EMDR}): A memory consolidation approach to psychedelic healing',
    'Extended difficulties following the use of psychedelic drugs: A mixed methods study',
    'Is it working? Yes, in {Zurich}',
  ])('accepts sentence case with braced proper nouns: %s', (title) => {
    expect(looksLikeTitleCase(title)).toBe(false);
    expect(capitalisedWords(title)).toEqual([]);
    expect(checkTitleCase(title)).toEqual([]);
  });

  it('asks for braces around a lone proper noun or acronym', () => {
    expect(capitalisedWords('Psilocybin for depression in Zurich and the UK')).toEqual(['Zurich', 'UK']);
    expect(looksLikeTitleCase('Psilocybin for depression in Zurich and the UK')).toBe(false);
    expect(checkTitleCase('Therapy for severe PTSD')).toEqual([
      {
        path: ['title'],
        severity: 'warning',
        message:
          'capital letters outside braces ("PTSD"): brace a proper noun or acronym, as {PTSD}, or write the word in lower case',
      },
    ]);
  });
});

describe('grading: public surface', () => {
  it('exports exactly these', () => {
    expect(Object.keys(grading).sort()).toEqual([
      'capitalisedWords',
      'cerqualConcerns',
      'certaintyRank',
      'checkFindingRow',
      'checkFindings',
      'checkTitleCase',
      'expectedCertainty',
      'gradeDomains',
      'looksLikeTitleCase',
      'startingCertainty',
    ]);
  });
});
