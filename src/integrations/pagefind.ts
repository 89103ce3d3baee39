/**
 * The search index: Pagefind over the built site, from the build itself, and the same index
 * served by the dev server (from the last build).
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import * as pagefind from 'pagefind';

/**
 * Index every page of `outDir` that marks its main content with `data-pagefind-body`; returns how
 * many pages the written index holds (read back from the index, not from what was scanned).
 */
export async function buildSearchIndex(outDir: string, meanwhile?: () => void): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  try {
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    // Pagefind reads the pages in its own process while this one does `meanwhile` (it reads only
    // HTML, so files written meanwhile are not its concern).
    const adding = index.addDirectory({ path: outDir });
    try {
      meanwhile?.();
    } catch (error) {
      await adding.catch(() => undefined);
      throw error;
    }
    const added = await adding;
    if (added.errors.length > 0) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
    const entry = JSON.parse(readFileSync(join(outDir, 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
  } finally {
    await pagefind.close();
  }
}

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
};

/** Connect-style middleware for `/pagefind/*` from `directory`; 404 when there is no index. */
export function servePagefind(directory: string) {
  return (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const at = path.indexOf('/pagefind/');
    if (at < 0) return next();
    const file = normalize(join(directory, decodeURIComponent(path.slice(at + '/pagefind/'.length))));
    if (!file.startsWith(directory + sep) || !existsSync(file) || !statSync(file).isFile()) {
      response.statusCode = 404;
      response.end('No search index: run `npm run build` once, then restart `npm run dev`.');
      return;
    }
    response.setHeader('Content-Type', types[extname(file)] ?? 'application/octet-stream');
    createReadStream(file).pipe(response);
  };
}
