/** A summary names its reference by the entry's own key, which is also its file name. */
import { knownKeys, resolveReference } from '../../bibliography.ts';
import { citationKeyProblem } from '../../keys.ts';
import type { Problem } from '../../problems.ts';
import { didYouMean } from '../../suggest.ts';
import type { Rule } from '../context.ts';

export const summaryReferences: Rule = {
  name: 'summary-references',
  description:
    'A summary is named after its citation key, which follows the key grammar and names an entry (not an alias); its miscitation aliases belong to that entry.',
  check: ({ studies, files, bibliography, at }) => {
    const problems: Problem[] = [];
    for (const { id, frontmatter } of files.studies) {
      const problem = citationKeyProblem(id);
      if (problem) {
        problems.push({ file: frontmatter.file, line: 0, column: 0, message: `the file name "${id}" ${problem}` });
      }
    }
    for (const { id, file, data } of studies) {
      if (data.citekey !== id) {
        problems.push({
          ...at(file, ['citekey']),
          message: `citekey "${data.citekey}" does not match the file name: rename the file to ${data.citekey}.mdx or fix the key`,
        });
      }
      const reference = resolveReference(bibliography, data.citekey);
      if (!reference) {
        problems.push({
          ...at(file, ['citekey']),
          message: `unknown citation key "${data.citekey}"${didYouMean(data.citekey, knownKeys(bibliography))}: the summary needs its entry in references/*.bib`,
        });
      } else if (reference.key !== data.citekey) {
        problems.push({
          ...at(file, ['citekey']),
          message: `citekey "${data.citekey}" is an alias of "${reference.key}": a summary uses the entry's own key (rename to ${reference.key}.mdx)`,
        });
      } else {
        data.miscitations.forEach((miscitation, index) => {
          if (reference.aliases.includes(miscitation.alias)) return;
          problems.push({
            ...at(file, ['miscitations', index, 'alias']),
            message: `"${miscitation.alias}" is not an alias of "${reference.key}": add it to the entry's ids field in ${reference.file}:${reference.line}`,
          });
        });
      }
    }
    return problems;
  },
};
