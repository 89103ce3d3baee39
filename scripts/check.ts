/**
 * `npm run check`: every problem in the references and content, as `file:line:col message`,
 * in one run. Exits 1 when there is any. The build runs the same check and stops on it.
 */
import { checkProject, resolvePaths } from '../src/lib/check.ts';
import { formatProblem, sortProblems } from '../src/lib/problems.ts';

const root = new URL('..', import.meta.url).pathname;
const { problems, studies, topics, bibliography } = checkProject(resolvePaths(root));
for (const problem of sortProblems(problems)) console.error(formatProblem(problem));
const counts = `${bibliography.references.size} references, ${studies.length} summaries, ${topics.length} topics`;
if (problems.length > 0) {
  console.error(`\n${problems.length} problem${problems.length === 1 ? '' : 's'} (${counts} valid)`);
  process.exitCode = 1;
} else {
  console.log(`No problems: ${counts}.`);
}
