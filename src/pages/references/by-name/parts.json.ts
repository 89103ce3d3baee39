/**
 * `/references/by-name/parts.json`: the part of the split bibliography each published reference is
 * on, by key, so that /references/ can forward an address from before the split
 * (`/references/#ref-smith2020`) to the entry's part (src/scripts/references-parts.ts).
 */
import type { APIRoute } from 'astro';
import { loadAtlas } from '../../../data/atlas.ts';

export const GET: APIRoute = async () => {
  const { referenceParts } = await loadAtlas();
  // Own properties only, so that a key such as "__proto__" is a key like any other.
  const partOfKey = Object.fromEntries(
    referenceParts.length > 1
      ? referenceParts.flatMap((part) => part.items.map((reference) => [reference.key, part.slug]))
      : [],
  );
  return new Response(JSON.stringify(partOfKey), { headers: { 'Content-Type': 'application/json' } });
};
