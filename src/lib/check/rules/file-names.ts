/** Content file names become URL segments: topics and pages are slugs, and no page takes a site route. */
import { isSlug } from '../../keys.ts';
import { reservedPageSlugs, routes } from '../../routes.ts';
import type { Rule } from '../context.ts';

export const fileNames: Rule = {
  name: 'file-names',
  description: 'Topic and page files are named as slugs; a page cannot take a path the site uses.',
  check: ({ files }) => [
    ...files.topics
      .filter(({ id }) => !isSlug(id))
      .map(({ id, frontmatter }) => ({
        file: frontmatter.file,
        line: 0,
        column: 0,
        message: `"${id}" is not a topic slug: name the file in lower-case words joined by hyphens, such as alcohol-use-disorder.mdx`,
      })),
    ...files.pages
      .filter(({ id }) => reservedPageSlugs.includes(id) || !isSlug(id))
      .map(({ id, frontmatter }) => ({
        file: frontmatter.file,
        line: 0,
        column: 0,
        message: reservedPageSlugs.includes(id)
          ? `a page cannot be named "${id}": ${routes.page(id)} belongs to the site; rename the file`
          : `"${id}" is not a page slug: name the file in lower-case words joined by hyphens, such as about.mdx`,
      })),
  ],
};
