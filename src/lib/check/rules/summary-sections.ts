/** Every summary has the four body sections. */
import { summarySections } from '../../content/sections.ts';
import type { Rule } from '../context.ts';

export const summarySectionsRule: Rule = {
  name: 'summary-sections',
  description: `A summary's body has the sections ${summarySections.map((each) => `"${each}"`).join(', ')}.`,
  check: ({ files, body }) =>
    files.studies.flatMap((file) => {
      const { frontmatter } = file;
      if (frontmatter.data === undefined) return [];
      const { tree } = body(file);
      if (!tree) return [];
      const headings = tree.children
        .filter((node) => node.type === 'heading' && node.depth === 2)
        .map((node) => textOf(node).trim().toLowerCase());
      return summarySections
        .filter((section) => !headings.includes(section.toLowerCase()))
        .map((section) => ({
          file: frontmatter.file,
          line: frontmatter.bodyLine,
          column: 1,
          message: `missing section "## ${section}": a summary has ${summarySections.map((each) => `"${each}"`).join(', ')}`,
        }));
    }),
};

function textOf(node: unknown): string {
  const { value, children } = node as { value?: unknown; children?: unknown[] };
  if (typeof value === 'string') return value;
  return (children ?? []).map(textOf).join('');
}
