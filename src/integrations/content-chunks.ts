/**
 * The compiled content entries bundled in a fixed number of chunks instead of one chunk each.
 * Astro imports each entry on its own, so the bundler otherwise writes a chunk per summary
 * (10,000 at 10,000 summaries); in groups, each chunk holds the entries whose file names fall in
 * it. The pages are the same; the bundle is written in fewer, larger files, and rendering loads
 * fewer modules (docs/performance.md, item 21).
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';

/** How many chunks the content entries are bundled in. */
export const contentChunkCount = 64;

/**
 * The chunk of a module: one of `contentChunkCount`, by its file name, for a compiled `.mdx`
 * file (with any query Astro adds); null for every other module, which the bundler places as usual.
 * By name, not path, so a project gets the same chunks wherever it is checked out.
 */
export function contentChunk(id: string): string | null {
  const path = id.split('?')[0] ?? id;
  if (!path.endsWith('.mdx')) return null;
  const hash = createHash('sha256').update(basename(path)).digest().readUInt32BE(0);
  return `content-${hash % contentChunkCount}`;
}
