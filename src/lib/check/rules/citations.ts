/** Every key cited in a body or listed in `nocite` is in the bibliography; an alias is cited by its entry's key. */
import { knownKeys, resolveReference } from '../../bibliography.ts';
import { unknownKeyProblems } from '../../citations/render.ts';
import type { Problem } from '../../problems.ts';
import { didYouMean } from '../../suggest.ts';
import type { Rule } from '../context.ts';
import { allFiles, nociteOf } from './shared.ts';

export const citationKeys: Rule = {
  name: 'citation-keys',
  description:
    'Every citation in a body and every nocite key names a reference; citing an alias is a warning that names the verified key.',
  check: (context) => {
    const { bibliography, citations } = context;
    const problems: Problem[] = [];
    for (const file of allFiles(context)) {
      const { frontmatter } = file;
      if (frontmatter.data === undefined) continue;
      const found = citations(file);
      problems.push(...unknownKeyProblems(frontmatter.file, found, bibliography));
      for (const item of found.flatMap((citation) => citation.items)) {
        const target = bibliography.aliases.get(item.key);
        if (target === undefined) continue;
        problems.push({
          file: frontmatter.file,
          line: item.line,
          column: item.column,
          severity: 'warning',
          message: `"${item.key}" is an alias of "${target}": cite the verified key "${target}"`,
        });
      }
      nociteOf(frontmatter.data).forEach((key, index) => {
        if (resolveReference(bibliography, key)) return;
        problems.push({
          file: frontmatter.file,
          ...frontmatter.locate(['nocite', index]),
          message: `unknown citation key "${key}" in nocite${didYouMean(key, knownKeys(bibliography))}`,
        });
      });
    }
    return problems;
  },
};

export const unusedReferences: Rule = {
  name: 'unused-references',
  description: 'A reference that nothing cites or summarises is probably a leftover or a mistyped key (a warning).',
  check: (context) => {
    const { bibliography, citations, summarised } = context;
    const used = new Set<string>(summarised);
    for (const file of allFiles(context)) {
      if (file.frontmatter.data === undefined) continue;
      const keys = [
        ...citations(file).flatMap((citation) => citation.items.map((item) => item.key)),
        ...nociteOf(file.frontmatter.data),
      ];
      for (const key of keys) {
        const reference = resolveReference(bibliography, key);
        if (reference) used.add(reference.key);
      }
    }
    return [...bibliography.references.values()]
      .filter((reference) => !used.has(reference.key))
      .map((reference) => ({
        file: reference.file,
        line: reference.line,
        column: reference.column,
        severity: 'warning' as const,
        message: `"${reference.key}" is neither cited nor summarised: cite it, summarise it, or remove it`,
      }));
  },
};
