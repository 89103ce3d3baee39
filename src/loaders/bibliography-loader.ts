/**
 * An Astro content loader for references/*.bib: one entry per BibTeX entry, keyed by its
 * citation key, holding the CSL-JSON record and its APA 7 bibliography entry. The bibliography
 * is parsed once (shared with the content check) and formatted once, in a single engine call
 * that also yields APA's sort order.
 */
import type { Loader } from 'astro/loaders';
import { z } from 'astro/zod';
import type { CSL } from '@citation-js/core';
import { loadBibliography, readBibFiles } from '../lib/bibliography.ts';
import type { ProjectPaths } from '../lib/check.ts';
import { formatBibliography } from '../lib/format.ts';

export const referenceSchema = z.object({
  /** The entry's own citation key. */
  key: z.string(),
  /** biblatex `ids`: other keys that resolve to this entry. */
  aliases: z.array(z.string()),
  /** The record as CSL-JSON. */
  csl: z.custom<CSL>((value) => typeof value === 'object' && value !== null),
  /** True when the record's author list ends in "and others". */
  authorListIncomplete: z.boolean(),
  /** Where the entry is defined. */
  file: z.string(),
  line: z.number(),
  /** The APA 7 bibliography entry, as HTML. */
  apa: z.string(),
  /** Position in APA's sort order. */
  apaOrder: z.number(),
});

export function bibliographyLoader(paths: ProjectPaths): Loader {
  return {
    name: 'evidence-atlas-bibliography',
    load: async ({ store, parseData, generateDigest, watcher, logger }) => {
      const sync = async () => {
        const bibliography = loadBibliography(readBibFiles(paths.referencesDir, paths.root));
        const { entries: formatted, failures } = formatBibliography(bibliography.references.values());
        for (const { key, error } of failures) {
          const reference = bibliography.references.get(key);
          logger.warn(`${reference?.file}:${reference?.line} the APA style could not format "${key}" (${error}); it is shown as title and year`);
        }
        store.clear();
        for (const reference of bibliography.references.values()) {
          const apa = formatted.get(reference.key);
          const data = await parseData({
            id: reference.key,
            data: {
              key: reference.key,
              aliases: [...reference.aliases],
              csl: reference.csl,
              authorListIncomplete: reference.authorListIncomplete,
              file: reference.file,
              line: reference.line,
              apa: apa?.html ?? '',
              apaOrder: apa?.order ?? Number.MAX_SAFE_INTEGER,
            },
          });
          store.set({ id: reference.key, data, digest: generateDigest(data) });
        }
        logger.info(`${bibliography.references.size} references`);
      };
      await sync();
      watcher?.add(paths.referencesDir);
      watcher?.on('change', (changed) => {
        if (changed.startsWith(paths.referencesDir) && changed.endsWith('.bib')) void sync();
      });
    },
  };
}
