/**
 * The configured citation style exists, and every custom style in references/styles/ is valid
 * CSL (the CSL schema, through csl-validator-wasm) that the citation engine can run.
 */
import { relative } from 'node:path';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import { validateStyle } from 'csl-validator-wasm';
import CSLEngine from '../../citations/citeproc.ts';
import { readStyleFiles, standardStyles, styleNameProblem } from '../../citations/styles.ts';
import type { Problem } from '../../problems.ts';
import type { Rule } from '../context.ts';

const sample = {
  id: 'sample',
  type: 'article-journal',
  title: 'A sample',
  author: [{ family: 'Sample', given: 'Ann' }],
  issued: { 'date-parts': [[2020]] },
};

/** Run the style once on a sample record; the engine's error, or undefined when it works. */
function dryRun(xml: string, locale: (lang: string) => string): string | undefined {
  try {
    const engine = new CSLEngine.Engine({ retrieveLocale: locale, retrieveItem: () => sample }, xml, 'en-US', true) as {
      updateItems(ids: string[]): void;
      makeCitationCluster(items: { id: string }[]): string;
      makeBibliography(): unknown;
    };
    engine.updateItems(['sample']);
    engine.makeCitationCluster([{ id: 'sample' }]);
    engine.makeBibliography();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

export const citationStyle: Rule = {
  name: 'citation-style',
  description:
    'The configured style is apa, vancouver, harvard1, chicago-author-date, mla or a file in references/styles/; every style file is valid CSL that the engine can run.',
  check: async ({ project }) => {
    const problems: Problem[] = [];
    const files = readStyleFiles(project.stylesDir);
    const locales = plugins.config.get('@csl').locales as { get(name: string): string };
    const locale = (lang: string) => locales.get(lang) ?? locales.get('en-US');
    for (const { name, path, xml } of files) {
      const file = relative(project.root, path);
      const badName = styleNameProblem(name);
      if (badName) {
        problems.push({ file, line: 0, column: 0, message: `the style file name "${name}" ${badName}` });
        continue;
      }
      const report = await validateStyle(xml);
      const errors = [...report.matchAll(/^\/style\.csl:(\d+):(\d+): error: (.*)$/gm)];
      for (const [, line, column, message] of errors) {
        problems.push({
          file,
          line: Number(line),
          column: Number(column) + 1,
          message: `not valid CSL: ${message}. Check the style against https://docs.citationstyles.org/en/stable/specification.html`,
        });
      }
      if (errors.length > 0) continue;
      const failure = dryRun(xml, locale);
      if (failure) {
        problems.push({
          file,
          line: 0,
          column: 0,
          message: `the citation engine cannot run this style: ${failure.split('\n')[0]}`,
        });
      }
    }
    const known = [...standardStyles, ...files.map((each) => each.name)];
    if (!known.includes(project.citationStyle)) {
      problems.push({
        file: 'environment',
        line: 0,
        column: 0,
        message: `ATLAS_CITATION_STYLE="${project.citationStyle}" is not a style: use ${standardStyles.join(', ')}, or put ${project.citationStyle}.csl in ${relative(project.root, project.stylesDir)}/`,
      });
    }
    return problems;
  },
};
