import { describe, expect, it } from 'vitest';
import { contentChunk, contentChunkCount } from '../src/integrations/content-chunks.ts';

describe('content chunks', () => {
  it('groups compiled .mdx entries only, with the query Astro adds', () => {
    expect(contentChunk('/site/content/studies/rieser2025.mdx')).toMatch(/^content-\d+$/);
    expect(contentChunk('/site/content/studies/rieser2025.mdx?astroPropagatedAssets')).toBe(
      contentChunk('/site/content/studies/rieser2025.mdx'),
    );
    for (const id of ['/site/src/pages/index.astro', '/site/node_modules/astro/dist/index.js', 'virtual:mdx']) {
      expect(contentChunk(id)).toBeNull();
    }
  });

  it('places an entry by its file name, the same wherever the project is checked out', () => {
    expect(contentChunk('/home/a/atlas/content/studies/mitchell2021.mdx')).toBe(
      contentChunk('C:/work/b/content/studies/mitchell2021.mdx'),
    );
  });

  it('spreads 1,000 entries over every chunk, none holding more than twice its share', () => {
    const sizes = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const chunk = contentChunk(`/site/content/studies/author${1950 + (i % 75)}s${i}.mdx`) as string;
      sizes.set(chunk, (sizes.get(chunk) ?? 0) + 1);
    }
    expect(sizes.size).toBe(contentChunkCount);
    expect(Math.max(...sizes.values())).toBeLessThanOrEqual((2 * 1000) / contentChunkCount);
  });
});
