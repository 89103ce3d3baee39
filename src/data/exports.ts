/**
 * Static endpoints for reference exports: the whole library and each reference, as BibTeX, RIS
 * and CSL-JSON. Records come from the parsed bibliography (one parse per build).
 */
import type { APIRoute, GetStaticPaths } from 'astro';
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

/** `getStaticPaths` for `/references/<key>.<format>`. */
export const referencePaths: GetStaticPaths = () =>
  references().map((reference) => ({ params: { key: reference.key }, props: { reference } }));

/** `/references/<key>.<format>`: one reference. */
export function referenceExport(format: ExportFormat): APIRoute {
  return ({ props }) => {
    const { reference } = props as { reference: Reference };
    return new Response(writers[format].write([reference]), { headers: { 'Content-Type': writers[format].type } });
  };
}
