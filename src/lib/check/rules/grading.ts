/** The one grading rule (content/pages/methods.mdx) applied to every summary-of-findings row. */
import { checkFindings, type GradedStudy } from '../../grading.ts';
import type { Rule } from '../context.ts';

export const findingsGrading: Rule = {
  name: 'findings-grading',
  description:
    "A row's direction needs a comparison, its certainty follows from where it starts and its downgrades, and never exceeds its best study's.",
  check: ({ topics, studies, at }) => {
    const graded = new Map<string, GradedStudy>(studies.map((study) => [study.id, study.data]));
    return topics.flatMap(({ file, data }) =>
      checkFindings(data.findings, graded).map((problem) => ({
        ...at(file, problem.path),
        severity: problem.severity,
        message: problem.message,
      })),
    );
  },
};
