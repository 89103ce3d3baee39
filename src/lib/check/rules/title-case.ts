/** Reference titles in sentence case, proper nouns and acronyms braced, as APA and CSL expect. */
import { checkTitleCase } from '../../grading.ts';
import type { Rule } from '../context.ts';

export const titleCase: Rule = {
  name: 'title-case',
  description:
    'A title that looks like Title Case is a warning: CSL styles change case, and need sentence case to start from.',
  check: ({ bibliography }) =>
    [...bibliography.references.values()].flatMap((reference) =>
      reference.titleField
        ? checkTitleCase(reference.titleField.value).map((problem) => ({
            file: reference.file,
            line: reference.titleField?.line ?? reference.line,
            column: reference.titleField?.column ?? reference.column,
            severity: problem.severity,
            message: `"${reference.key}": ${problem.message}`,
          }))
        : [],
    ),
};
