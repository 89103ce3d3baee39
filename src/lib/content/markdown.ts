/**
 * The Markdown the site's bodies are written in, set once: the features Astro's Sätteri processor
 * compiles them with (astro.config.mjs) are the ones the content check parses them with
 * (src/lib/check/context.ts), so the check sees the elements, expressions and links the build
 * will compile.
 */
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/** remark's MDX parser with GFM: the check's under the unified processor, and readability's own. */
export const remarkMdxParser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm);

export const satteriFeatures = { gfm: true, smartPunctuation: true } as const;
