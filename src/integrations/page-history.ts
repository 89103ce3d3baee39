/**
 * The history of the content files for "Last updated" and "Edit this page": one `git rev-parse`
 * and one `git log` per build (src/lib/git-history.ts builds and reads them). Without git, outside
 * a repository or in a shallow clone there are no dates, and pages fall back to their frontmatter.
 */
import { execFileSync } from 'node:child_process';
import type { AstroIntegrationLogger } from 'astro';
import {
  lastCommitLogArgs,
  parseLastCommitDates,
  parseRepositoryFacts,
  repositoryFactsArgs,
} from '../lib/git-history.ts';
import type { Project } from '../lib/project.ts';

export interface PageHistory {
  /** The project root's path in the repository: '' at its root, else ending in `/`. */
  readonly prefix: string;
  /** Each content file's last commit date (YYYY-MM-DD), by its path from the project root. */
  readonly dates: Readonly<Record<string, string>>;
}

const git = (args: readonly string[], cwd: string) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
    maxBuffer: 64 * 1024 * 1024,
  });

export function readPageHistory(project: Project, logger: AstroIntegrationLogger): PageHistory {
  let prefix = '';
  try {
    const facts = parseRepositoryFacts(git(repositoryFactsArgs, project.root));
    prefix = facts.prefix;
    if (facts.shallow) {
      logger.warn(
        'this is a shallow clone: "Last updated" shows the summaries\' own dates (clone with full history, `fetch-depth: 0` on GitHub)',
      );
      return { prefix, dates: {} };
    }
    const dates = Object.fromEntries(parseLastCommitDates(git(lastCommitLogArgs(project.contentDir), project.root)));
    return { prefix, dates };
  } catch {
    logger.info('no Git history: "Last updated" shows the summaries\' own dates');
    return { prefix, dates: {} };
  }
}
