/** Problems the bibliography loader found, and a project with no references at all. */
import { relative } from 'node:path';
import type { Rule } from '../context.ts';

export const referenceProblems: Rule = {
  name: 'references',
  description: 'Every .bib entry parses, has a usable key, a valid DOI and no duplicate; the folder has entries.',
  check: ({ bibliography, project }) =>
    bibliography.references.size === 0 && bibliography.problems.length === 0
      ? [
          {
            file: relative(project.root, project.referencesDir) || '.',
            line: 0,
            column: 0,
            message: 'no references: add at least one .bib file with entries to this folder',
          },
        ]
      : bibliography.problems,
};
