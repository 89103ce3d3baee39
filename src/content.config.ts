/**
 * Collections: `references` from references/*.bib, and `studies`, `topics` and `pages` from the
 * MDX files under content/. Schemas come from src/lib/schema.ts; cross-collection references are
 * checked, with positions, by the evidence-atlas integration before this file is loaded.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { join } from 'node:path';
import { resolvePaths } from './lib/check.ts';
import { pageSchema, studySchema, topicSchema } from './lib/schema.ts';
import { bibliographyLoader, referenceSchema } from './loaders/bibliography-loader.ts';

const paths = resolvePaths(process.cwd());
const byFileName = ({ entry }: { entry: string }) => entry.replace(/\.mdx?$/, '');

const references = defineCollection({
  loader: bibliographyLoader(paths),
  schema: referenceSchema,
});

const studies = defineCollection({
  loader: glob({ pattern: '*.mdx', base: join(paths.contentDir, 'studies'), generateId: byFileName }),
  schema: studySchema,
});

const topics = defineCollection({
  loader: glob({ pattern: '*.mdx', base: join(paths.contentDir, 'topics'), generateId: byFileName }),
  schema: topicSchema,
});

const pages = defineCollection({
  loader: glob({ pattern: '*.mdx', base: join(paths.contentDir, 'pages'), generateId: byFileName }),
  schema: pageSchema,
});

export const collections = { references, studies, topics, pages };
