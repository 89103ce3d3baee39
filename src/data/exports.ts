/**
 * Static endpoints for the whole library as BibTeX, RIS and CSL-JSON, from the `references`
 * collection. The files of each reference are written at the end of the build
 * (src/integrations/reference-files.ts), without a route each.
 */
import type { APIRoute } from 'astro';
import { exportFormats } from '../lib/exports.ts';
import type { ExportExtension } from '../lib/routes.ts';
import { loadAtlas } from './atlas.ts';

/** `/references.<format>`: the whole library, in the order of the full bibliography. */
export function libraryExport(format: ExportExtension): APIRoute {
  return async () => {
    const { references } = await loadAtlas();
    return new Response(exportFormats[format].write(references), {
      headers: { 'Content-Type': exportFormats[format].type },
    });
  };
}
