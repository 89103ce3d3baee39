/**
 * The Markdown the site's bodies are written in, set once: the features Astro's Sätteri processor
 * compiles them with (astro.config.mjs) are the ones the content check parses them with
 * (src/lib/check/context.ts), so the check sees the elements, expressions and links the build
 * will compile.
 */
export const satteriFeatures = { gfm: true, smartPunctuation: true } as const;
