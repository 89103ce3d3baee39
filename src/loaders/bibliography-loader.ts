/**
 * An Astro content loader for references/*.bib: one entry per reference the site uses (cited,
 * listed in `nocite` or summarised), keyed by its citation key, holding the CSL-JSON record and
 * its formatted entry in the styles the site shows it in (src/lib/formatting.ts). The bibliography
 * is parsed once (shared with the content check and the citation plugin) and formatted once, in
 * worker processes started before the check; an entry of the library that nothing uses is neither
 * formatted nor stored.
 */
import type { Loader } from 'astro/loaders';
import { z } from 'astro/zod';
import type { CSL } from '@citation-js/core';
import { existsSync, readFileSync } from 'node:fs';
import { auditSchema } from '../lib/audit.ts';
import { loadBibliographyFolder } from '../lib/bibliography.ts';
import { styleXml } from '../lib/citations/styles.ts';
import { formatSite, formatVersion } from '../lib/formatting.ts';
import type { Project } from '../lib/project.ts';

export const referenceSchema = z.object({
  /** The entry's own citation key. */
  key: z.string(),
  /** biblatex `ids`: other keys that resolve to this entry. */
  aliases: z.array(z.string()),
  /** The record as CSL-JSON. */
  csl: z.custom<CSL>((value) => typeof value === 'object' && value !== null),
  /** True when the record's author list ends in "and others". */
  authorListIncomplete: z.boolean(),
  /** The CSL name variables whose list ends in "and others", for the exports. */
  namesWithOthers: z.array(z.string()),
  /** The title as CSL rich text with the parts the .bib file braces kept from case changes. */
  titleMarkup: z.string().optional(),
  /** The entry as the .bib file writes it (type and fields), for the BibTeX export. */
  entry: z.object({ type: z.string(), fields: z.record(z.string(), z.string()) }),
  /** Where the entry is defined. */
  file: z.string(),
  line: z.number(),
  /** The last check of the record against its DOI's registered metadata (`npm run audit-refs`). */
  audit: z
    .object({
      status: z.enum(['match', 'mismatch', 'not-found']),
      checked: z.string(),
      differences: z.array(z.object({ field: z.string(), bibtex: z.string(), record: z.string() })),
    })
    .optional(),
  /** Where the entry is defined: column. */
  column: z.number(),
  /**
   * The bibliography entry in each style, as HTML, with its position in that style's order; a
   * list style's "Cite this" string under `citeSlot(style)` where it differs from the list's.
   */
  formatted: z.record(z.string(), z.object({ html: z.string(), order: z.number() })),
});

export function bibliographyLoader(project: Project): Loader {
  return {
    name: 'evidence-atlas-bibliography',
    load: async ({ store, meta, parseData, generateDigest, watcher, logger }) => {
      const sync = async () => {
        const bibliography = loadBibliographyFolder(project.referencesDir, project.root);
        const { plan, usage, formatted } = formatSite(project, bibliography);
        const used = [...bibliography.references.values()].filter((reference) => usage.used.has(reference.key));
        // The content check has validated the audit file before this runs.
        const audit = existsSync(project.auditFile)
          ? auditSchema.parse(JSON.parse(readFileSync(project.auditFile, 'utf8')))
          : undefined;
        // The data store keeps the last result: when the records, the plan and the styles have
        // not changed, nothing is stored again.
        const digest = generateDigest(
          JSON.stringify([
            formatVersion,
            audit ?? null,
            plan,
            plan.styles.map(({ name }) => styleXml(name)),
            used.map(({ key, aliases, csl, file, line, authorListIncomplete, namesWithOthers, titleMarkup, entry }) => [
              key,
              aliases,
              csl,
              file,
              line,
              authorListIncomplete,
              namesWithOthers,
              titleMarkup,
              entry,
            ]),
          ]),
        );
        if (meta.get('digest') === digest && store.keys().length === used.length) {
          logger.info(`${used.length} references used of ${bibliography.references.size} (unchanged)`);
          return;
        }
        const formattedStyles = await formatted;
        const bySlot = plan.styles.map(({ name: style, slot }) => {
          const { entries, failures } = formattedStyles.get(slot) ?? { entries: new Map(), failures: [] };
          for (const { key, error } of failures) {
            const reference = bibliography.references.get(key);
            logger.warn(
              `${reference?.file}:${reference?.line} the ${style} style could not format "${key}" (${error}); it is shown as title and year`,
            );
          }
          return { slot, entries };
        });
        store.clear();
        for (const reference of used) {
          // Each slot the reference is formatted in (list styles for all, "Cite this" styles for summaries).
          const formatted = Object.fromEntries(
            bySlot.flatMap(({ slot, entries }) => {
              const entry = entries.get(reference.key);
              return entry ? [[slot, entry]] : [];
            }),
          );
          const data = await parseData({
            id: reference.key,
            data: {
              key: reference.key,
              aliases: [...reference.aliases],
              csl: reference.csl,
              authorListIncomplete: reference.authorListIncomplete,
              namesWithOthers: [...reference.namesWithOthers],
              ...(reference.titleMarkup === undefined ? {} : { titleMarkup: reference.titleMarkup }),
              entry: { type: reference.entry.type, fields: { ...reference.entry.fields } },
              file: reference.file,
              line: reference.line,
              column: reference.column,
              formatted,
              ...(audit?.entries[reference.key] ? { audit: audit.entries[reference.key] } : {}),
            },
          });
          store.set({ id: reference.key, data, digest: generateDigest(data) });
        }
        meta.set('digest', digest);
        logger.info(`${used.length} references used of ${bibliography.references.size}`);
      };
      await sync();
      watcher?.add(project.referencesDir);
      watcher?.on('change', (changed) => {
        if (changed.startsWith(project.referencesDir) && /\.(bib|csl|json)$/.test(changed)) void sync();
      });
    },
  };
}
