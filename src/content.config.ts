/**
 * Collections: `references` from references/*.bib, `studies`, `topics` and `pages` from the MDX
 * files under content/, and `facts`, what pages show about the content beyond its files. Schemas
 * come from src/lib/schema.ts; the folders from the project the evidence-atlas integration
 * resolved; cross-collection references are checked, with positions, by the integration before
 * this file is loaded.
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { join } from 'node:path';
import { currentProject } from './lib/build-state.ts';
import { contentPattern, entryId, type ContentCollection } from './lib/content/collections.ts';
import { pageSchema, studySchema, topicSchema } from './lib/schema.ts';
import { bibliographyLoader, referenceSchema } from './loaders/bibliography-loader.ts';
import { contentFactsLoader, contentFactsSchema } from './loaders/content-facts-loader.ts';

const project = currentProject();
const files = (collection: ContentCollection) =>
  glob({
    pattern: contentPattern,
    base: join(project.contentDir, collection),
    generateId: ({ entry }) => entryId(entry),
    // Pages render an entry from its compiled module and never read its source; kept, the source of
    // every body would also be compiled into the server bundle's copy of the data store.
    retainBody: false,
  });

export const collections = {
  references: defineCollection({ loader: bibliographyLoader(project), schema: referenceSchema }),
  studies: defineCollection({ loader: files('studies'), schema: studySchema }),
  topics: defineCollection({ loader: files('topics'), schema: topicSchema }),
  pages: defineCollection({ loader: files('pages'), schema: pageSchema }),
  facts: defineCollection({ loader: contentFactsLoader(), schema: contentFactsSchema }),
};
