/**
 * Each reference's `.bib`, `.ris` and `.json` under `/references/`: written into the output at the
 * end of the build through the safe writer (thousands of tiny files do not need a route each),
 * and served by the dev server from the same writers.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bibliography, Reference } from '../lib/bibliography.ts';
import { exportFormats } from '../lib/exports.ts';
import { createWriter } from '../lib/output.ts';
import { exportExtensions, outputFile, routes, withBase } from '../lib/routes.ts';

/**
 * Write the files of each reference the site publishes into the output folder, linking those that
 * are as the last build wrote them from `keptIn`; returns how many files, and how many of them
 * were unchanged.
 */
export function writeReferenceFiles(
  outDir: string,
  references: Iterable<Reference>,
  keptIn?: string,
): { files: number; unchanged: number } {
  // The staging folder of the build, published whole (src/integrations/atomic-build.ts).
  const writer = createWriter(outDir, { fresh: true, keptIn });
  for (const reference of references) {
    for (const extension of exportExtensions) {
      writer.write(
        outputFile(routes.referenceFile(reference.key, extension)),
        exportFormats[extension].write([reference]),
      );
    }
  }
  writer.finish();
  return { files: writer.count, unchanged: writer.unchanged };
}

/** Dev-server middleware for `/references/<key>.bib|ris|json`. */
export function serveReferenceFiles(bibliography: () => Bibliography, base: string) {
  const folder = withBase(base, routes.references());
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const extension = exportExtensions.find((each) => path.endsWith(`.${each}`));
    if (!path.startsWith(folder) || !extension) return next();
    let key: string;
    try {
      key = decodeURIComponent(path.slice(folder.length, -extension.length - 1));
    } catch {
      return next();
    }
    const reference = bibliography().references.get(key as never);
    // The route is built from the key, so only a path the build would write is served.
    if (!reference || withBase(base, routes.referenceFile(reference.key, extension)) !== path) return next();
    response.setHeader('Content-Type', exportFormats[extension].type);
    response.end(exportFormats[extension].write([reference]));
  };
}
