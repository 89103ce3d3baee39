/**
 * A problem in the project's input, with the place an editor must look and, where we can tell,
 * the mend. Every check collects problems instead of throwing, so one run reports all of them.
 */
export interface Problem {
  /** Path of the file, relative to the project root. */
  readonly file: string;
  /** 1-based line; 0 when the problem concerns the whole file. */
  readonly line: number;
  /** 1-based column; 0 when the problem concerns the whole line or file. */
  readonly column: number;
  readonly message: string;
  /** Errors stop the build; warnings are reported and let it go on. Default: error. */
  readonly severity?: 'error' | 'warning';
  /** The check rule that found it (src/lib/check/), when a rule did. */
  readonly rule?: string;
}

export const isError = (problem: Problem) => problem.severity !== 'warning';

/** `file:line:col`, or the file alone for a problem of the whole file. */
export function place({ file, line, column }: Problem): string {
  return line > 0 ? `${file}:${line}:${column > 0 ? column : 1}` : file;
}

/** `file:line:col message`, the form editors and build errors read. */
export function formatProblem(problem: Problem): string {
  return `${place(problem)} ${problem.message}`;
}

/** `file:line:col severity message`, what `npm run check` prints. */
export function formatProblemWithSeverity(problem: Problem): string {
  return `${place(problem)} ${problem.severity ?? 'error'} ${problem.message}`;
}

/** A GitHub Actions workflow command, so the problem shows on the pull request's diff. */
export function formatGithubAnnotation({ file, line, column, message, severity = 'error' }: Problem): string {
  const escape = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const place = line > 0 ? `,line=${line},col=${column > 0 ? column : 1}` : '';
  return `::${severity} file=${escape(file).replace(/,/g, '%2C').replace(/:/g, '%3A')}${place}::${escape(message)}`;
}

/** Problems sorted by file, then position, so a report reads top to bottom. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** Thrown once, with every problem found, when the build must stop. */
export class ProblemReport extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: readonly Problem[]) {
    const sorted = sortProblems(problems);
    const count = `${sorted.length} problem${sorted.length === 1 ? '' : 's'}`;
    super(`${count} in the content:\n${sorted.map(formatProblem).join('\n')}`);
    this.name = 'ProblemReport';
    this.problems = sorted;
  }
}

/** Where each line of a text starts, for the last few texts asked about (a .bib file, a body). */
const lineStartsOf = new Map<string, number[]>();

function lineStarts(text: string): number[] {
  let starts = lineStartsOf.get(text);
  if (!starts) {
    starts = [0];
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
    if (lineStartsOf.size >= 8) lineStartsOf.delete(lineStartsOf.keys().next().value as string);
    lineStartsOf.set(text, starts);
  }
  return starts;
}

/** 1-based line and column of `offset` in `text` (a binary search over the text's line starts). */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  const starts = lineStarts(text);
  const target = Math.max(0, Math.min(offset, text.length));
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= target) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}
