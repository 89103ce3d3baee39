/**
 * The content check inside Astro: before anything is built, every problem is found; warnings are
 * logged, and errors stop a build with one message listing them all (no stack trace: the places
 * and mends are the message). In `astro dev` the server stays up, and the check runs again when a
 * reference or content file changes, showing its errors in the log and in the browser overlay.
 */
import type { AstroIntegrationLogger } from 'astro';
import { AstroError } from 'astro/errors';
import type { ViteDevServer } from 'vite';
import type { Bibliography } from '../lib/bibliography.ts';
import { checkProject } from '../lib/check/index.ts';
import type { Project } from '../lib/project.ts';
import { reportOf, summaryLine } from '../lib/check/report.ts';
import { formatProblem, isError, ProblemReport } from '../lib/problems.ts';

/** The error that stops a build: Astro prints a user error as its message and hint, without a stack. */
export function contentProblems(report: ProblemReport): AstroError {
  const error = new AstroError(
    report.message,
    'Mend each problem at its place (`npm run check` lists the same), then build again.',
  );
  // The places in the message are what to look at; a stack into the integration is not.
  error.stack = '';
  return error;
}

/**
 * What the build keeps of a content check. Not the parsed files: at 10,000 summaries their
 * sources and YAML documents are hundreds of megabytes the rest of the build does not read.
 */
export interface CheckOutcome {
  readonly bibliography: Bibliography;
  /** Keys that have a valid summary. */
  readonly summaries: ReadonlySet<string>;
  /** Summaries, topics and pages: the pages the search index must hold. */
  readonly pages: number;
}

/** Check the project and log its warnings; the errors are returned for the caller to act on. */
export async function checkAndReport(
  project: Project,
  logger: AstroIntegrationLogger,
): Promise<{ check: CheckOutcome; errors: ProblemReport | undefined }> {
  const check = await checkProject(project);
  // A rule with many warnings is one line with its count; `npm run check -- --all` lists them.
  const { listed, summarised } = reportOf(check.problems.filter((problem) => !isError(problem)));
  const lines = [...listed.map(formatProblem), ...summarised.map(summaryLine)];
  if (lines.length > 0) logger.warn(lines.join('\n'));
  const errors = check.problems.filter(isError);
  const { bibliography, studies, topics, pages } = check;
  return {
    check: {
      bibliography,
      summaries: new Set(studies.map((study) => study.id)),
      pages: studies.length + topics.length + pages.length,
    },
    errors: errors.length > 0 ? new ProblemReport(errors) : undefined,
  };
}

/**
 * In dev, check again whenever a `.bib`, `.csl` or content file changes, and hand the fresh
 * result on (`onChecked`); errors show in the terminal and as Vite's error overlay.
 */
export function recheckOnChange(
  server: ViteDevServer,
  project: Project,
  logger: AstroIntegrationLogger,
  onChecked: (check: CheckOutcome) => void,
): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watched = (file: string) =>
    (file.startsWith(project.referencesDir) && /\.(bib|csl|json)$/.test(file)) || file.startsWith(project.contentDir);
  const run = async () => {
    const { check, errors } = await checkAndReport(project, logger);
    onChecked(check);
    if (errors) {
      logger.error(errors.message);
      server.ws.send({ type: 'error', err: { message: errors.message, stack: '', plugin: 'evidence-atlas' } });
    } else {
      logger.info('content check: no problems');
    }
  };
  for (const event of ['add', 'change', 'unlink'] as const) {
    server.watcher.on(event, (file: string) => {
      if (!watched(file)) return;
      clearTimeout(timer);
      timer = setTimeout(() => void run(), 150);
    });
  }
  server.watcher.add([project.referencesDir, project.contentDir]);
}
