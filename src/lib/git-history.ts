/**
 * When each content file last changed, from one `git log` over the content folder (not one
 * process per page). This module builds the command and reads its output; the integration runs
 * it. A shallow clone (or a tarball without `.git`) has no usable history: its one commit would
 * date every file, so the caller falls back to the frontmatter dates then.
 */

/** Starts each commit in the log's output; a file name cannot contain it. */
const commitMark = '\u001e';

/**
 * The arguments of `git` that list, newest commit first, each commit's date (YYYY-MM-DD) and the
 * files it changed under `folder`, as paths relative to the working directory (`--relative`).
 */
export function lastCommitLogArgs(folder: string): string[] {
  return [
    '-c',
    'core.quotePath=false',
    'log',
    `--format=format:${commitMark}%cs`,
    '--name-only',
    '--relative',
    '--',
    folder,
  ];
}

/** The arguments of `git` that say whether the clone is shallow and where the working directory is. */
export const repositoryFactsArgs = ['rev-parse', '--is-shallow-repository', '--show-prefix'] as const;

export interface RepositoryFacts {
  /** A shallow clone's history is cut off: its dates are not the files' own. */
  readonly shallow: boolean;
  /** The working directory's path in the repository ('' at its root, else ending in `/`). */
  readonly prefix: string;
}

/** Reads the output of `git rev-parse --is-shallow-repository --show-prefix`. */
export function parseRepositoryFacts(output: string): RepositoryFacts {
  const [shallow = '', prefix = ''] = output.split('\n');
  return { shallow: shallow.trim() === 'true', prefix: prefix.trim() };
}

/**
 * Reads the output of the log of `lastCommitLogArgs`: each file's date of its newest commit
 * (the first commit, in the log's order, that names it), by its path.
 */
export function parseLastCommitDates(output: string): Map<string, string> {
  const dates = new Map<string, string>();
  for (const commit of output.split(commitMark)) {
    const [date = '', ...files] = commit.split('\n');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date.trim())) continue;
    for (const file of files) {
      const path = file.trim();
      if (path && !dates.has(path)) dates.set(path, date.trim());
    }
  }
  return dates;
}

/**
 * When a file last changed (YYYY-MM-DD): its last commit when the history has it, else the date
 * its frontmatter gives (`updated`, else `added`), else none.
 */
export function lastChange(
  dates: Readonly<Record<string, string>>,
  file: string,
  fallback?: Date | undefined,
): string | undefined {
  return dates[file] ?? fallback?.toISOString().slice(0, 10);
}
