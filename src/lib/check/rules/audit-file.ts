/** references/audit.json, written by `npm run audit-refs`, is valid and names known references. */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { auditSchema } from '../../audit.ts';
import type { Problem } from '../../problems.ts';
import type { Rule } from '../context.ts';

export const auditFile: Rule = {
  name: 'audit-file',
  description: 'The DOI audit file, when there is one, is valid JSON of the shape `npm run audit-refs` writes.',
  check: ({ project, bibliography }) => {
    const { auditFile: path } = project;
    if (!existsSync(path)) return [];
    const file = relative(project.root, path);
    const problems: Problem[] = [];
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      return [
        {
          file,
          line: 0,
          column: 0,
          message: `is not valid JSON (${error instanceof Error ? error.message : String(error)}): run \`npm run audit-refs\` again, or remove the file`,
        },
      ];
    }
    const parsed = auditSchema.safeParse(json);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 20)) {
        problems.push({
          file,
          line: 0,
          column: 0,
          message: `"${issue.path.join('.')}" ${issue.message}: run \`npm run audit-refs\` again, or remove the file`,
        });
      }
      return problems;
    }
    for (const key of Object.keys(parsed.data.entries)) {
      if (bibliography.references.has(key as never)) continue;
      problems.push({
        file,
        line: 0,
        column: 0,
        severity: 'warning',
        message: `audits "${key}", which is not in the bibliography: run \`npm run audit-refs\` again to drop it`,
      });
    }
    return problems;
  },
};
