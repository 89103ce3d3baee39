/**
 * The site's one grading rule (content/pages/methods.mdx, "How certainty is graded"), checked
 * where a check can reach: a topic's summary-of-findings rows against the studies they cite, and
 * the sentence case of reference titles. Pure functions; each problem carries the frontmatter path
 * of the value at fault, so a caller can place it at a line with `Frontmatter.locate(path)`.
 *
 * What the rows must satisfy:
 * - A direction other than `not-applicable` (benefit, harm, no difference, mixed) says how groups
 *   compared, so it needs `comparison: true`; a row without a comparison group takes
 *   `not-applicable`. A qualitative finding has no comparison.
 * - A qualitative row is rated down only for CERQual's concerns, a measured outcome only for
 *   GRADE's domains.
 * - The rating is where the row starts, less the levels of its downgrades (never below very low):
 *   high for a comparison between randomised groups and for a qualitative finding, low for
 *   anything else (an association, a description, a survey, a non-randomised comparison).
 * - A row's certainty cannot exceed the highest certainty of its studies.
 */
import type { FindingRow } from './schema.ts';
import type { Certainty, Design } from './vocabulary.ts';

export interface GradingProblem {
  /** Frontmatter path of the value at fault, such as `['findings', 2, 'certainty']`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** What a row needs to know about each study it cites. */
export interface GradedStudy {
  readonly design: Design;
  readonly certainty: Certainty;
}

/** GRADE's domains; the other reasons are CERQual's concerns. */
export const gradeDomains = [
  'risk-of-bias',
  'imprecision',
  'inconsistency',
  'indirectness',
  'publication-bias',
] as const;
export const cerqualConcerns = ['methodological-limitations', 'coherence', 'adequacy', 'relevance'] as const;

const graded = ['very-low', 'low', 'moderate', 'high'] as const;
type Level = (typeof graded)[number];

/** Rank of a certainty: very low 1 … high 4; not graded 0. */
export function certaintyRank(certainty: Certainty): number {
  return graded.indexOf(certainty as Level) + 1;
}

/** Directions that compare groups. */
const comparative = new Set<FindingRow['direction']>(['benefit', 'no-difference', 'harm', 'mixed']);

/** Where a row's rating starts under the rule. */
export function startingCertainty(row: FindingRow, studies: readonly GradedStudy[]): Certainty {
  if (row.qualitative) return 'high';
  if (row.comparison && studies.length > 0 && studies.every((study) => study.design === 'rct')) return 'high';
  return 'low';
}

/** The rating the rule gives a row: its start less the levels of its downgrades. */
export function expectedCertainty(row: FindingRow, studies: readonly GradedStudy[]): Certainty {
  const levels = row.downgrades.reduce((sum, downgrade) => sum + downgrade.levels, 0);
  const start = certaintyRank(startingCertainty(row, studies));
  return graded[Math.max(1, start - levels) - 1] ?? 'very-low';
}

const label = (certainty: Certainty) => certainty.replace('-', ' ');

/** Problems of one summary-of-findings row; `index` is its place in `findings`. */
export function checkFindingRow(
  row: FindingRow,
  index: number,
  studies: ReadonlyMap<string, GradedStudy>,
): GradingProblem[] {
  const problems: GradingProblem[] = [];
  const at = (...path: (string | number)[]) => ['findings', index, ...path];
  const error = (path: (string | number)[], message: string) => problems.push({ path, message, severity: 'error' });
  const warning = (path: (string | number)[], message: string) => problems.push({ path, message, severity: 'warning' });

  const cited: GradedStudy[] = [];
  row.studies.forEach((key, position) => {
    const study = studies.get(key);
    if (study) cited.push(study);
    else error(at('studies', position), `"${key}" has no summary: a row draws on summarised studies only`);
  });

  if (comparative.has(row.direction) && !row.comparison) {
    error(
      at('direction'),
      `"${row.direction}" compares groups, but the row has no comparison group: set "comparison: true" if it compares an intervention with a control, otherwise use "not-applicable"`,
    );
  }
  if (row.comparison && row.direction === 'not-applicable') {
    warning(
      at('direction'),
      '"not-applicable" on a row with a comparison: say which way it went (benefit, no-difference, harm or mixed)',
    );
  }
  if (row.qualitative && row.comparison) {
    error(at('comparison'), 'a qualitative finding has no comparison group: set "comparison: false"');
  }

  const allowed: readonly string[] = row.qualitative ? cerqualConcerns : gradeDomains;
  row.downgrades.forEach((downgrade, position) => {
    if (!allowed.includes(downgrade.reason)) {
      error(
        at('downgrades', position, 'reason'),
        row.qualitative
          ? `"${downgrade.reason}" is a GRADE domain: a qualitative finding is rated down for ${cerqualConcerns.join(', ')}`
          : `"${downgrade.reason}" is a CERQual concern: a measured outcome is rated down for ${gradeDomains.join(', ')}`,
      );
    }
    // Readers see the explanation, not the number of levels, so the text must carry it.
    if (downgrade.levels === 0 && !/^not rated down\b/i.test(downgrade.why)) {
      warning(at('downgrades', position, 'why'), 'a domain with "levels: 0" should say "Not rated down: …" first');
    }
    if (downgrade.levels === 2 && !/\btwo levels\b/i.test(downgrade.why)) {
      warning(
        at('downgrades', position, 'why'),
        'a downgrade of two levels should say "two levels" in its explanation',
      );
    }
  });
  const reasons = row.downgrades.map((downgrade) => downgrade.reason);
  reasons.forEach((reason, position) => {
    if (reasons.indexOf(reason) !== position) {
      error(at('downgrades', position, 'reason'), `"${reason}" is listed twice: give it once, with its levels`);
    }
  });

  if (row.certainty === 'not-graded') {
    if (cited.some((study) => study.certainty !== 'not-graded')) {
      error(at('certainty'), '"not-graded" is only for rows whose studies have no outcome data of their own');
    }
    return problems;
  }

  const best = Math.max(0, ...cited.map((study) => certaintyRank(study.certainty)));
  if (cited.length === row.studies.length && certaintyRank(row.certainty) > best) {
    const top = cited.map((study) => study.certainty).find((certainty) => certaintyRank(certainty) === best);
    error(
      at('certainty'),
      `"${row.certainty}" is higher than any of the row's studies (best: "${top ?? 'not-graded'}"): a row cannot be more certain than its best study`,
    );
  }

  const expected = expectedCertainty(row, cited);
  if (cited.length === row.studies.length && expected !== row.certainty) {
    const start = startingCertainty(row, cited);
    const levels = row.downgrades.reduce((sum, downgrade) => sum + downgrade.levels, 0);
    error(
      at('certainty'),
      `"${row.certainty}" does not follow from the rule: the row starts at ${label(start)} and is rated down ${levels} level${levels === 1 ? '' : 's'}, which gives "${expected}"`,
    );
  }
  return problems;
}

/** Problems of every row of a topic's summary of findings. */
export function checkFindings(
  rows: readonly FindingRow[],
  studies: ReadonlyMap<string, GradedStudy>,
): GradingProblem[] {
  return rows.flatMap((row, index) => checkFindingRow(row, index, studies));
}

/** A title with its `{…}` groups (protected proper nouns and acronyms) blanked out. */
function unprotected(title: string): string {
  let depth = 0;
  let out = '';
  for (const char of title) {
    if (char === '{') depth++;
    if (depth > 0) out += ' ';
    else out += char;
    if (char === '}' && depth > 0) depth--;
  }
  return out;
}

/**
 * Words of a title that carry a capital outside braces, other than the first word of the title
 * or of a subtitle (after `:`, `?`, `!` or `.`). In sentence case there are none: proper nouns
 * and acronyms are braced, as `{MDMA}`, so that styles that lower-case titles keep them.
 */
export function capitalisedWords(title: string): string[] {
  const words: string[] = [];
  // Split into the title and its subtitles; the first word of each may be capitalised.
  for (const part of unprotected(title).split(/[:?!.](?=\s)/)) {
    const tokens = part.split(/\s+/).filter((token) => /\p{L}/u.test(token));
    for (const token of tokens.slice(1)) {
      // A capital after a hyphen counts too ("Treatment-Resistant").
      const capital = token.split(/[-–/]/).some((piece) => /^[^\p{L}]*\p{Lu}/u.test(piece));
      if (capital) words.push(token.replace(/^[^\p{L}]+|[^\p{L}\p{N}]+$/gu, ''));
    }
  }
  return words;
}

/** A word with lower-case letters whose first letter (or a part after a hyphen) is a capital. */
function isCapitalisedWord(token: string): boolean {
  return /\p{Ll}/u.test(token) && token.split(/[-–/]/).some((piece) => /^[^\p{L}]*\p{Lu}/u.test(piece));
}

/**
 * True when a title looks like Title Case: at least two words after the first are capitalised
 * outside braces (acronyms in capitals aside), and they are at least half of the longer words
 * (four letters or more), which Title Case always capitalises.
 */
export function looksLikeTitleCase(title: string): boolean {
  const longer = unprotected(title)
    .split(/[:?!.](?=\s)/)
    .flatMap((part) =>
      part
        .split(/\s+/)
        .filter((token) => /\p{L}/u.test(token))
        .slice(1),
    )
    .filter((token) => /\p{Ll}/u.test(token));
  if (longer.filter(isCapitalisedWord).length < 2) return false;
  const long = longer.filter((token) => token.replace(/[^\p{L}]/gu, '').length >= 4);
  return long.filter(isCapitalisedWord).length * 2 >= long.length;
}

/** Warnings about a reference title's case, with the path `['title']`. */
export function checkTitleCase(title: string): GradingProblem[] {
  const words = capitalisedWords(title);
  if (words.length === 0) return [];
  const list = words.map((word) => `"${word}"`).join(', ');
  if (looksLikeTitleCase(title)) {
    return [
      {
        path: ['title'],
        severity: 'warning',
        message: `title looks like Title Case (${list}): write it in sentence case and brace proper nouns and acronyms, as {MDMA}`,
      },
    ];
  }
  return [
    {
      path: ['title'],
      severity: 'warning',
      message: `capital letters outside braces (${list}): brace a proper noun or acronym, as {PTSD}, or write the word in lower case`,
    },
  ];
}
