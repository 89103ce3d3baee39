/**
 * Every comparison row says its result in GRADE's standard words (its `statement`), and no other
 * row does: an association or a qualitative finding is stated by what it is, not by an effect.
 */
import type { Problem } from '../../problems.ts';
import type { Rule } from '../context.ts';

export const findingsStatements: Rule = {
  name: 'findings-statements',
  description:
    'A comparison row has a statement (intervention, effect, outcome); an association or qualitative row has none; "no difference" rows say "little-or-no-difference".',
  check: ({ topics, at }) =>
    topics.flatMap(({ file, data }) =>
      data.findings.flatMap((row, index): Problem[] => {
        const here = (path: PropertyKey[]) => at(file, ['findings', index, ...path]);
        if (row.comparison && !row.qualitative && !row.statement) {
          return [
            {
              ...here(['comparison']),
              message:
                "a comparison row needs a statement: intervention, effect (reduces, increases, improves, worsens, little-or-no-difference) and outcome, which the page puts in GRADE's words",
            },
          ];
        }
        if (row.statement && (!row.comparison || row.qualitative)) {
          return [
            {
              ...here(['statement']),
              message: `only a comparison row has a statement: this row is ${row.qualitative ? 'a qualitative finding' : 'an association'}; remove it`,
            },
          ];
        }
        if (
          row.statement &&
          (row.direction === 'no-difference') !== (row.statement.effect === 'little-or-no-difference')
        ) {
          return [
            {
              ...here(['statement', 'effect']),
              message:
                row.direction === 'no-difference'
                  ? `"${row.statement.effect}" does not say "no difference shown": use little-or-no-difference`
                  : `little-or-no-difference fits only a row whose direction is no-difference, not ${row.direction}`,
            },
          ];
        }
        return [];
      }),
    ),
};
