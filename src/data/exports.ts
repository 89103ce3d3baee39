/**
 * Static endpoints for the whole library as BibTeX, RIS and CSL-JSON. The files of each
 * reference are written at the end of the build (src/reference-files.ts), without a route each.
 */
import type { APIRoute } from 'astro';
import { loadBibliographyFolder, type Reference } from '../lib/bibliography.ts';
import { resolvePaths } from '../lib/check.ts';
import { toBibtex, toCslJson, toRis } from '../lib/exports.ts';

export type ExportFormat = 'bib' | 'ris' | 'json';

const writers: Record<ExportFormat, { write: (references: readonly Reference[]) => string; type: string }> = {
  bib: { write: toBibtex, type: 'application/x-bibtex; charset=utf-8' },
  ris: { write: toRis, type: 'application/x-research-info-systems; charset=utf-8' },
  json: { write: toCslJson, type: 'application/vnd.citationstyles.csl+json; charset=utf-8' },
};

function references(): Reference[] {
  const paths = resolvePaths(process.cwd());
  return [...loadBibliographyFolder(paths.referencesDir, paths.root).references.values()];
}

/** `/references.<format>`: the whole library. */
export function libraryExport(format: ExportFormat): APIRoute {
  return () => new Response(writers[format].write(references()), { headers: { 'Content-Type': writers[format].type } });
}
