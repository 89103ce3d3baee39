/**
 * The `facts` collection: one entry, `content`, holding what pages show about the content that is
 * not in its files (the files' last commit dates, the library's size). It lives in the data store
 * rather than in `virtual:evidence-atlas/config` because Astro's incremental build renders again
 * every page whose imported code changed: in a module, each commit would render every page again,
 * while a study page's key (src/data/page-keys.ts) holds only its own file's date.
 */
import type { Loader } from 'astro/loaders';
import { z } from 'astro/zod';
import { currentContentFacts } from '../lib/build-state.ts';

export const contentFactsId = 'content';

export const contentFactsSchema = z.object({
  lastCommitDates: z.record(z.string(), z.string()),
  librarySize: z.number(),
});

export function contentFactsLoader(): Loader {
  return {
    name: 'evidence-atlas-content-facts',
    load: async ({ store, parseData, generateDigest }) => {
      const data = await parseData({ id: contentFactsId, data: { ...currentContentFacts() } });
      store.clear();
      store.set({ id: contentFactsId, data, digest: generateDigest(data) });
    },
  };
}
