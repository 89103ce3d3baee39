/**
 * The Evidence Atlas integration: before Astro loads any content, check the whole project
 * (references, summaries, topics, pages) and stop with every problem found, each as
 * `file:line:col message`. In `astro dev` the problems are logged instead, so the server stays up.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { checkProject, resolvePaths } from './lib/check.ts';
import { ProblemReport } from './lib/problems.ts';

export default function evidenceAtlas(): AstroIntegration {
  return {
    name: 'evidence-atlas',
    hooks: {
      'astro:config:setup': ({ config, command, logger }) => {
        const { problems } = checkProject(resolvePaths(fileURLToPath(config.root)));
        if (problems.length === 0) return;
        const report = new ProblemReport(problems);
        if (command === 'dev') logger.error(report.message);
        else throw report;
      },
    },
  };
}
