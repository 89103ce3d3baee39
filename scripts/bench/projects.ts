/**
 * The projects the site is measured against, written next to the corpus:
 * - the floor: a bare Astro + MDX + Pagefind project over the same study bodies, with Astro's
 *   default Markdown processor (Sätteri) — the least any site of these pages costs;
 * - the peer: the same project with the citation plugin a user would otherwise pick,
 *   `rehype-citation` (on the unified processor, which rehype plugins need), configured with the
 *   same .bib library and APA, so every `[@key]` becomes a citation and each page gets its
 *   bibliography.
 * Both read their cache folder from BENCH_CACHE_DIR (the benchmark empties it for cold builds).
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Corpus } from './corpus.ts';

const pagefindIntegration = `{ name: 'pagefind', hooks: { 'astro:build:done': async ({ dir }) => {
    const { index } = await pagefind.createIndex({});
    await index.addDirectory({ path: fileURLToPath(dir) });
    await index.writeFiles({ outputPath: fileURLToPath(new URL('pagefind/', dir)) });
    await pagefind.close();
  } } }`;

function writeProject(folder: string, corpus: Corpus, config: { imports: string; markdown: string }): string {
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(join(folder, 'src', 'pages', 'studies'), { recursive: true });
  writeFileSync(
    join(folder, 'astro.config.mjs'),
    `import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
${config.imports}
export default defineConfig({
  ...(process.env.BENCH_CACHE_DIR ? { cacheDir: process.env.BENCH_CACHE_DIR } : {}),
  ${config.markdown}
  integrations: [mdx(), ${pagefindIntegration}],
  // As the site does: every MDX entry triggers this harmless warning (withastro/astro#18087).
  vite: { build: { rollupOptions: { onwarn(warning, warn) {
    if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
    warn(warning);
  } } } },
});
`,
  );
  writeFileSync(
    join(folder, 'src', 'content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
export const collections = {
  studies: defineCollection({ loader: glob({ pattern: '*.mdx', base: ${JSON.stringify(join(corpus.contentDir, 'studies'))} }) }),
};
`,
  );
  writeFileSync(
    join(folder, 'src', 'pages', 'studies', '[id].astro'),
    `---
import { getCollection, render } from 'astro:content';
export async function getStaticPaths() {
  return (await getCollection('studies')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
const { Content } = await render(entry);
---
<html lang="en"><head><meta charset="utf-8" /><title>{entry.id}</title></head>
<body><main data-pagefind-body><h1>{entry.id}</h1><Content /></main></body></html>
`,
  );
  return folder;
}

/** The bare project: Astro + MDX + Pagefind over the same study bodies, nothing of ours. */
export function writeFloor(folder: string, corpus: Corpus): string {
  return writeProject(folder, corpus, { imports: '', markdown: '' });
}

/** The floor plus `rehype-citation` over the same library, in APA. */
export function writePeer(folder: string, corpus: Corpus, referencesDir = corpus.referencesDir): string {
  const options = { bibliography: 'references.bib', path: referencesDir, csl: 'apa', linkCitations: true };
  return writeProject(folder, corpus, {
    imports: `import { unified } from '@astrojs/markdown-remark';\nimport rehypeCitation from 'rehype-citation';`,
    markdown: `markdown: { processor: unified({ rehypePlugins: [[rehypeCitation, ${JSON.stringify(options)}]] }) },`,
  });
}
