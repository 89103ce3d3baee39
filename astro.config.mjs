// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import evidenceAtlas from './src/integration.ts';

export default defineConfig({
  // The public address; set SITE_URL when deploying elsewhere.
  site: process.env.SITE_URL ?? 'http://localhost:4321',
  // The path the site lives under, for a GitHub Pages project site: ATLAS_BASE=/evidence-atlas
  base: process.env.ATLAS_BASE || '/',
  trailingSlash: 'always',
  // Astro's cache, which also keeps formatted citations between builds.
  ...(process.env.ATLAS_CACHE_DIR ? { cacheDir: process.env.ATLAS_CACHE_DIR } : {}),
  integrations: [
    evidenceAtlas({
      // apa, vancouver, harvard1, or the name of a .csl file in references/styles/
      citationStyle: process.env.ATLAS_CITATION_STYLE ?? 'apa',
      // satteri (Rust, fast) or unified (remark/rehype plugins)
      markdownProcessor: process.env.ATLAS_MARKDOWN_PROCESSOR === 'unified' ? 'unified' : 'satteri',
    }),
    mdx(),
    // Pages only: the search page and downloads are not for search engines.
    sitemap({ filter: (page) => !/\/search\/$/.test(page) }),
  ],
  server: { port: 4321 },
  devToolbar: { enabled: false },
  vite: {
    build: {
      rollupOptions: {
        // Every MDX entry triggers this harmless warning: https://github.com/withastro/astro/issues/18087
        onwarn(warning, warn) {
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          warn(warning);
        },
      },
    },
  },
});
