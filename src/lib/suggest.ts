import { closest, distance } from 'fastest-levenshtein';

/**
 * The candidate an editor most likely meant, if one is close enough to be a typo
 * (two edits, or a quarter of the word for long ones, never more than three).
 */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  if (list.length === 0) return undefined;
  const sameLetters = list.find((candidate) => candidate.toLowerCase() === input.toLowerCase());
  if (sameLetters !== undefined) return sameLetters;
  const best = closest(input, list);
  const limit = Math.min(3, Math.max(2, Math.floor(input.length / 4)));
  return distance(input, best) <= limit ? best : undefined;
}

/** ` (did you mean "x"?)`, or nothing. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const hit = suggest(input, candidates);
  return hit === undefined ? '' : ` (did you mean "${hit}"?)`;
}
