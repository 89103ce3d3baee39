/** Bodies a practitioner reads on a phone: no sentence over 30 words, a reading grade of 12 or less. */
import { measureTree, readabilityProblems } from '../../readability.ts';
import type { Rule } from '../context.ts';
import { allFiles } from './shared.ts';

export const plainLanguage: Rule = {
  name: 'plain-language',
  description:
    'Every body keeps sentences to 30 words and the Flesch–Kincaid grade to 12 (warnings, at the longest sentences).',
  check: (context) =>
    allFiles(context).flatMap((file) => {
      const { tree } = context.body(file);
      return tree && file.frontmatter.data !== undefined
        ? readabilityProblems(file.frontmatter.file, measureTree(tree))
        : [];
    }),
};
