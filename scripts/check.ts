/**
 * `npm run check [-- --all] [-- --format github]`: every problem in the references and content,
 * without a build, in one run. Each line is `file:line:col severity message`; `--format github`
 * prints GitHub Actions annotations instead. Every error is listed; a rule with more than a few
 * warnings is one line with its count unless `--all` is given. Exits 1 when there is an error
 * (warnings do not fail). The settings (ATLAS_CITATION_STYLE and the folders) are the build's,
 * from the environment.
 */
import { checkProject } from '../src/lib/check/index.ts';
import { reportOf, summaryLine } from '../src/lib/check/report.ts';
import {
  formatGithubAnnotation,
  formatProblemWithSeverity,
  isError,
  ProblemReport,
  type Problem,
} from '../src/lib/problems.ts';
import { projectRoot, resolveProject, type Project } from '../src/lib/project.ts';

const github = process.argv.includes('--format') && process.argv[process.argv.indexOf('--format') + 1] === 'github';
const all = process.argv.includes('--all');
const print = (problems: readonly Problem[]) => {
  const { listed, summarised } = reportOf(problems, { all });
  for (const problem of listed)
    console.log(github ? formatGithubAnnotation(problem) : formatProblemWithSeverity(problem));
  for (const summary of summarised) {
    const line = summaryLine(summary);
    console.log(github ? formatGithubAnnotation({ ...summary.first, message: line }) : `warning ${line}`);
  }
};

let project: Project;
try {
  project = resolveProject(projectRoot(new URL('..', import.meta.url).pathname));
} catch (error) {
  if (!(error instanceof ProblemReport)) throw error;
  print(error.problems);
  process.exit(1);
}
const { problems, studies, topics, bibliography } = await checkProject(project);
print(problems);
const errors = problems.filter(isError).length;
const warnings = problems.length - errors;
const counts = `${bibliography.references.size} references, ${studies.length} summaries, ${topics.length} topics`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
if (problems.length === 0) console.log(`No problems: ${counts}.`);
else console.log(`\n${plural(errors, 'error')}, ${plural(warnings, 'warning')} (${counts})`);
process.exitCode = errors > 0 ? 1 : 0;
