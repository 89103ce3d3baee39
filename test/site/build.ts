/**
 * Global set-up of the site tests: one cold `astro build` of the real site, shared by every test
 * file in test/site/ that reads it (`inject('siteDir')`). Tests that need another build (another
 * style, base or corpus) make their own with `buildSite` from ./site.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite } from './site.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The output folder of the shared build. */
    siteDir: string;
    /** The build's counters (ATLAS_BUILD_STATS). */
    statsFile: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const scratch = mkdtempSync(join(tmpdir(), 'atlas-site-'));
  const siteDir = join(scratch, 'dist');
  const statsFile = join(scratch, 'stats.json');
  await buildSite(siteDir, { ATLAS_BUILD_STATS: statsFile, ATLAS_CACHE_DIR: join(scratch, 'cache') });
  project.provide('siteDir', siteDir);
  project.provide('statsFile', statsFile);
  return () => rmSync(scratch, { recursive: true, force: true });
}
