/**
 * The check's report as editors read it: every error, and the warnings of each rule up to a few;
 * a rule with more (a whole reference-manager library of uncited entries, say) is one line with
 * its count, and `npm run check -- --all` lists them all.
 */
import { isError, place, sortProblems, type Problem } from '../problems.ts';

/** Warnings of one rule listed before they are summarised in one line. */
export const warningsListed = 10;

export interface Report {
  /** Errors and the warnings that are listed, sorted by place. */
  readonly listed: readonly Problem[];
  /** Per rule whose warnings are not listed: how many, and the first of them. */
  readonly summarised: readonly { readonly rule: string; readonly count: number; readonly first: Problem }[];
}

export function reportOf(problems: readonly Problem[], options: { all?: boolean } = {}): Report {
  const sorted = sortProblems(problems);
  if (options.all) return { listed: sorted, summarised: [] };
  const warningsOf = new Map<string, Problem[]>();
  for (const problem of sorted) {
    if (isError(problem)) continue;
    const rule = problem.rule ?? 'content';
    const warnings = warningsOf.get(rule);
    if (warnings) warnings.push(problem);
    else warningsOf.set(rule, [problem]);
  }
  const folded = new Set<string>();
  const summarised = [];
  for (const [rule, warnings] of warningsOf) {
    if (warnings.length <= warningsListed) continue;
    folded.add(rule);
    summarised.push({ rule, count: warnings.length, first: warnings[0] as Problem });
  }
  return {
    listed: sorted.filter((problem) => isError(problem) || !folded.has(problem.rule ?? 'content')),
    summarised,
  };
}

/** The line that stands for a rule's warnings: its count, its first place and how to see the rest. */
export function summaryLine({ rule, count, first }: Report['summarised'][number]): string {
  return `${count} warnings from the ${rule} rule, the first at ${place(first)}: ${first.message} (\`npm run check -- --all\` lists them all)`;
}
