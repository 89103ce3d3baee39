/**
 * Atomic builds: Astro writes into a staging folder beside the output folder, and only when the
 * whole build (pages, downloads, search index, sitemap) has succeeded is the staging folder swapped
 * in. A build that fails at any point leaves the last site exactly as it was.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeInside } from '../lib/output.ts';

export interface Staging {
  /** The real output folder. */
  readonly outDir: string;
  /** Where this build writes. */
  readonly stagingDir: string;
}

/** The staging folder of an output folder: a hidden sibling, on the same file system. */
export function stagingFor(outDir: string): Staging {
  const parent = dirname(outDir);
  const name = basename(outDir);
  return { outDir, stagingDir: join(parent, `.${name}.staging`) };
}

/** Remove what a failed earlier build left in the staging folder. */
export function clearStaging({ stagingDir }: Staging): void {
  rmSync(stagingDir, { recursive: true, force: true });
}

/** Put the finished build in place of the output folder, and drop the old one. */
export function swapIn({ outDir, stagingDir }: Staging): void {
  const previous = join(dirname(outDir), `.${basename(outDir)}.previous`);
  rmSync(previous, { recursive: true, force: true });
  if (existsSync(outDir)) renameSync(outDir, previous);
  try {
    renameSync(stagingDir, outDir);
  } catch (error) {
    // Put the last site back before reporting.
    if (existsSync(previous) && !existsSync(outDir)) renameSync(previous, outDir);
    throw error;
  }
  rmSync(previous, { recursive: true, force: true });
}

/**
 * Where the build keeps a copy of the files it writes itself (`what`: the reference downloads, the
 * CMS bundle), so the next build can link those that are unchanged (`keptIn` of the safe writer).
 */
export function keptFiles(cacheDir: string, what: 'reference-downloads' | 'cms-bundle'): string {
  return join(cacheDir, 'evidence-atlas-kept', what);
}

/** Astro's list of the pages it kept in the cache folder, with their keys (its incremental build). */
const restorablePages = 'incremental-build.json';
/** Present while a build that may write into the cache folder runs. */
const unfinishedMark = 'evidence-atlas-build-unfinished';

/**
 * Mark the cache folder as in use by a build, and return whether the last build that used it
 * stopped before it finished; its list of restorable pages is then forgotten. Astro keeps each
 * page it renders in the cache folder as it goes, but writes the list of their keys only when
 * every page is rendered: after a build that stopped between the two, the list still holds the
 * older keys, and content put back as it was would restore a page the failed build rendered.
 */
export function beginCacheUse(cacheDir: string): { lastUnfinished: boolean } {
  const mark = join(cacheDir, unfinishedMark);
  const lastUnfinished = existsSync(mark);
  if (lastUnfinished) rmSync(join(cacheDir, restorablePages), { force: true });
  writeInside(cacheDir, unfinishedMark, '');
  return { lastUnfinished };
}

/** The build finished: what it left in the cache folder is whole. */
export function endCacheUse(cacheDir: string): void {
  rmSync(join(cacheDir, unfinishedMark), { force: true });
}
