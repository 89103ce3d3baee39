/**
 * Each reference's `.bib`, `.ris` and `.json` under `/references/`: written straight to the
 * output at the end of the build (thousands of tiny files do not need a route each), and served
 * by the dev server from the same writers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { loadBibliographyFolder } from './lib/bibliography.ts';
import type { ProjectPaths } from './lib/check.ts';
import { exportFormats } from './lib/exports.ts';

const formats = exportFormats;

/** Write every reference's files into `<outDir>/references/`; returns how many references. */
export function writeReferenceFiles(outDir: string, paths: ProjectPaths): number {
  const folder = join(outDir, 'references');
  mkdirSync(folder, { recursive: true });
  const { references } = loadBibliographyFolder(paths.referencesDir, paths.root);
  for (const reference of references.values()) {
    for (const [extension, { write }] of Object.entries(formats)) {
      writeFileSync(join(folder, `${reference.key}.${extension}`), write([reference]));
    }
  }
  return references.size;
}

/** Dev-server middleware for `/references/<key>.bib|ris|json`. */
export function serveReferenceFiles(paths: ProjectPaths, base: string) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const path = decodeURIComponent((request.url ?? '').split('?')[0] ?? '');
    const match = new RegExp(`^${base}/references/(.+)\\.(bib|ris|json)$`).exec(path);
    if (!match) return next();
    const [, key = '', extension = 'bib'] = match;
    const reference = loadBibliographyFolder(paths.referencesDir, paths.root).references.get(key as never);
    if (!reference) return next();
    const format = formats[extension as keyof typeof formats];
    response.setHeader('Content-Type', format.type);
    response.end(format.write([reference]));
  };
}
