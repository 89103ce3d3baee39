/**
 * A topic's summary of findings as a reader gets it, after Cochrane's and GRADEpro's tables: per
 * row the participants (studies), the follow-up, the certainty as ⊕ symbols and a word, a
 * plain-language statement in GRADE's standard words, and the reasons for rating down as numbered
 * footnotes. Pure functions over the rows and the studies they cite.
 *
 * The statements follow GRADE's guidance on communicating findings (Santesso et al., J Clin
 * Epidemiol 2020;119:126-135): the verb carries the certainty: "reduces" (high), "probably
 * reduces" (moderate), "may reduce" (low), "we are very uncertain whether … reduces" (very low).
 * Qualitative findings carry CERQual's wording for confidence (Lewin et al., Implement Sci 2018).
 */
import { headlineSample } from './labels.ts';
import type { FindingRow, Sample } from './schema.ts';
import { certaintyLabels, downgradeLabels, type Certainty, type Design, type StatementEffect } from './vocabulary.ts';

/** ⨁ for each level of certainty, ◯ for the rest, out of four (GRADEpro's symbols). */
export function certaintySymbols(certainty: Certainty): string {
  const filled = { high: 4, moderate: 3, low: 2, 'very-low': 1, 'not-graded': 0 }[certainty];
  return filled === 0 ? '' : '⨁'.repeat(filled) + '◯'.repeat(4 - filled);
}

/** The certainty as a reader hears it: "⨁⨁◯◯ Low". */
export function certaintyText(certainty: Certainty): string {
  return [certaintySymbols(certainty), certaintyLabels[certainty]].filter(Boolean).join(' ');
}

/** What kind of evidence a row holds, which decides how it is stated. */
export type RowKind = 'comparison' | 'association' | 'qualitative';

export function rowKind(row: Pick<FindingRow, 'qualitative' | 'comparison'>): RowKind {
  return row.qualitative ? 'qualitative' : row.comparison ? 'comparison' : 'association';
}

/** The verb of an effect: third person ("reduces") and after a modal ("reduce"). */
const verbs: Record<StatementEffect, readonly [string, string]> = {
  reduces: ['reduces', 'reduce'],
  increases: ['increases', 'increase'],
  improves: ['improves', 'improve'],
  worsens: ['worsens', 'worsen'],
  'little-or-no-difference': ['results in little to no difference in', 'result in little to no difference in'],
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The row's finding in GRADE's standard words, or undefined for a row without a statement. A
 * comparison's certainty sets the verb; an association says it is not a comparison; a qualitative
 * finding says how likely it reflects the experience of the people studied.
 */
export function plainStatement(row: FindingRow): string | undefined {
  switch (rowKind(row)) {
    case 'qualitative':
      return {
        high: 'It is highly likely that this finding reflects the experience of the people studied.',
        moderate: 'It is likely that this finding reflects the experience of the people studied.',
        low: 'This finding possibly reflects the experience of the people studied.',
        'very-low': 'It is not clear whether this finding reflects the experience of the people studied.',
        'not-graded': undefined,
      }[row.certainty];
    case 'association':
      return 'An association, not a comparison: without a comparison group it cannot show that the treatment caused the change.';
    case 'comparison': {
      const { statement } = row;
      if (!statement) return undefined;
      const [third, base] = verbs[statement.effect];
      const compared = statement.comparator ? ` compared with ${statement.comparator}` : '';
      const subject = statement.intervention;
      switch (row.certainty) {
        case 'high':
          return `${capitalise(subject)} ${third} ${statement.outcome}${compared}.`;
        case 'moderate':
          return `${capitalise(subject)} probably ${third} ${statement.outcome}${compared}.`;
        case 'low':
          return `${capitalise(subject)} may ${base} ${statement.outcome}${compared}.`;
        case 'very-low':
          return statement.effect === 'little-or-no-difference'
            ? `We are very uncertain about the effect of ${subject} on ${statement.outcome}${compared}.`
            : `We are very uncertain whether ${subject} ${third} ${statement.outcome}${compared}.`;
        case 'not-graded':
          return undefined;
      }
    }
  }
}

/** What a row needs of each study it cites. */
export interface RowStudy {
  readonly design: Design;
  readonly n: Sample;
  readonly followUp?: string | undefined;
}

/** Short names of designs for the "(2 RCTs)" part of a participants cell. */
const designShort: Record<Design, readonly [string, string]> = {
  rct: ['RCT', 'RCTs'],
  'non-randomized-trial': ['non-randomised trial', 'non-randomised trials'],
  'open-label-trial': ['open-label trial', 'open-label trials'],
  cohort: ['cohort study', 'cohort studies'],
  'case-series': ['case series', 'case series'],
  qualitative: ['qualitative study', 'qualitative studies'],
  'mixed-methods': ['mixed-methods study', 'mixed-methods studies'],
  'systematic-review': ['systematic review', 'systematic reviews'],
  'meta-analysis': ['meta-analysis', 'meta-analyses'],
  'narrative-review': ['narrative review', 'narrative reviews'],
  protocol: ['protocol', 'protocols'],
  theoretical: ['proposal', 'proposals'],
};

/**
 * "194 (2 RCTs)": the participants behind a row (the row's own figure, or the sum of its studies'
 * headline N when every study gives one) and its studies by design.
 */
export function participantsText(row: FindingRow, studies: ReadonlyMap<string, RowStudy>): string {
  const cited = row.studies.map((key) => studies.get(key)).filter((study) => study !== undefined);
  const byDesign = new Map<Design, number>();
  for (const study of cited) byDesign.set(study.design, (byDesign.get(study.design) ?? 0) + 1);
  const designs = [...byDesign]
    .map(([design, count]) => `${count} ${designShort[design][count === 1 ? 0 : 1]}`)
    .join(', ');
  const sizes = cited.map((study) => headlineSample(study.n));
  const people =
    row.participants ??
    (sizes.length > 0 && sizes.every((size) => size?.unit === 'participants')
      ? sizes.reduce((sum, size) => sum + (size?.value ?? 0), 0)
      : undefined);
  return people === undefined ? `(${designs})` : `${people} (${designs})`;
}

/** When the outcome was measured: the row's own follow-up, or its one study's. */
export function followUpText(row: FindingRow, studies: ReadonlyMap<string, RowStudy>): string | undefined {
  if (row.followUp) return row.followUp;
  const [only, ...others] = row.studies;
  return only && others.length === 0 ? studies.get(only)?.followUp : undefined;
}

export interface Footnote {
  /** Numbered through the table, from 1. */
  readonly number: number;
  readonly label: string;
  readonly why: string;
  /** Levels rated down: 0 for a domain considered and not rated down. */
  readonly levels: 0 | 1 | 2;
}

/** Every reason for rating down in a table, numbered in order, per row. */
export function footnotes(rows: readonly FindingRow[]): Footnote[][] {
  let number = 0;
  return rows.map((row) =>
    row.downgrades.map((downgrade) => ({
      number: ++number,
      label: downgradeLabels[downgrade.reason],
      why: downgrade.why,
      levels: downgrade.levels,
    })),
  );
}
