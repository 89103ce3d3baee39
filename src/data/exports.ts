/**
 * Static endpoints for the whole library as BibTeX, RIS and CSL-JSON. The files of each
 * reference are written at the end of the build (src/reference-files.ts), without a route each.
 */
import type { APIRoute } from 'astro';
import { loadBibliographyFolder, type Reference } from '../lib/bibliography.ts';
import { resolvePaths } from '../lib/check.ts';
import { exportFormats as writers, type ExportFormat } from '../lib/exports.ts';

function references(): Reference[] {
  const paths = resolvePaths(process.cwd());
  return [...loadBibliographyFolder(paths.referencesDir, paths.root).references.values()];
}

/** `/references.<format>`: the whole library. */
export function libraryExport(format: ExportFormat): APIRoute {
  return () => new Response(writers[format].write(references()), { headers: { 'Content-Type': writers[format].type } });
}
