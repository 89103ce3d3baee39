/**
 * `npm run check [-- --format github]`: every problem in the references and content, without a
 * build, in one run. Each line is `file:line:col severity message`; `--format github` prints
 * GitHub Actions annotations instead. Exits 1 when there is an error (warnings do not fail).
 */
import { checkProject, resolvePaths } from '../src/lib/check.ts';
import { formatGithubAnnotation, formatProblemWithSeverity, isError, sortProblems } from '../src/lib/problems.ts';

const root = new URL('..', import.meta.url).pathname;
const github = process.argv.includes('--format') && process.argv[process.argv.indexOf('--format') + 1] === 'github';
const { problems, studies, topics, bibliography } = checkProject(resolvePaths(root));
const sorted = sortProblems(problems);
for (const problem of sorted)
  console.log(github ? formatGithubAnnotation(problem) : formatProblemWithSeverity(problem));
const errors = sorted.filter(isError).length;
const warnings = sorted.length - errors;
const counts = `${bibliography.references.size} references, ${studies.length} summaries, ${topics.length} topics`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
if (sorted.length === 0) console.log(`No problems: ${counts}.`);
else console.log(`\n${plural(errors, 'error')}, ${plural(warnings, 'warning')} (${counts})`);
process.exitCode = errors > 0 ? 1 : 0;
