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
}

/** `file:line:col message`, the form editors and CI annotations read. */
export function formatProblem({ file, line, column, message }: Problem): string {
  const place = line > 0 ? `${file}:${line}:${column > 0 ? column : 1}` : file;
  return `${place} ${message}`;
}

/** Problems sorted by file, then position, so a report reads top to bottom. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column,
  );
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

/** 1-based line and column of `offset` in `text`. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}
