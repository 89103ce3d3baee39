/**
 * The editors' CMS bundle (src/lib/cms/bundle.ts): copied from the npm package into the build's
 * `admin/` folder through the safe writer at the end of the build, and served from the package by
 * the development server. The page and its configuration are ordinary routes (src/pages/admin/).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Connect } from 'vite';
import { cmsBundle, isBundleFile } from '../lib/cms/bundle.ts';
import { createWriter } from '../lib/output.ts';
import { outputFile, routes, withBase } from '../lib/routes.ts';

/** The package's `dist/` folder, found the way Node resolves the package. */
function bundleFolder(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve(`${cmsBundle.packageName}/package.json`)), 'dist');
}

/** The names of the bundle's files. */
export function bundleFiles(folder = bundleFolder()): string[] {
  return readdirSync(folder).filter(isBundleFile).sort();
}

/**
 * Copy the bundle into the build `outDir` (linking files as the last build wrote them from
 * `keptIn`); returns how many files were written.
 */
export function writeCmsBundle(outDir: string, keptIn?: string): number {
  const folder = bundleFolder();
  const files = bundleFiles(folder);
  if (!files.includes(cmsBundle.entry)) throw new Error(`${cmsBundle.packageName} has no dist/${cmsBundle.entry}`);
  // The staging folder of the build, published whole (src/integrations/atomic-build.ts).
  const writer = createWriter(outDir, { fresh: true, keptIn });
  for (const name of files) writer.write(outputFile(routes.adminFile(name)), readFileSync(join(folder, name)));
  writer.finish();
  return writer.count;
}

/** Development server middleware: the bundle's files at /admin/<file>. */
export function serveCmsBundle(base: string): Connect.NextHandleFunction {
  const folder = bundleFolder();
  const files = new Set(bundleFiles(folder));
  const prefix = withBase(base, routes.adminFile(''));
  return (request, response, next) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const name = path.startsWith(prefix) ? decodeURIComponent(path.slice(prefix.length)) : '';
    if (!files.has(name)) return next();
    response.setHeader('content-type', name.endsWith('.wasm') ? 'application/wasm' : 'text/javascript; charset=utf-8');
    response.end(readFileSync(join(folder, name)));
  };
}
