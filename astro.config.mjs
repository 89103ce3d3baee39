// @ts-check
import { fileURLToPath } from 'node:url';
import { unified } from '@astrojs/markdown-remark';
import { satteri } from '@astrojs/markdown-satteri';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import evidenceAtlas from './src/integrations/index.ts';
import { satteriFeatures } from './src/lib/content/markdown.ts';
import { resolveProject } from './src/lib/project.ts';
import { routes } from './src/lib/routes.ts';

// Every setting comes from the environment through one schema (README, "Settings").
const project = resolveProject(fileURLToPath(new URL('.', import.meta.url)));

export default defineConfig({
  site: project.site,
  base: project.base || '/',
  trailingSlash: 'always',
  // Astro 7 compresses HTML by JSX's rules by default ('jsx'), which drops the line break between a
  // word and a link or `{expression}` on the next source line ("browse all\n<a>studies</a>" became
  // "browse allstudies"). HTML-aware compression keeps one space wherever the source had whitespace.
  compressHTML: true,
  ...(project.cacheDir ? { cacheDir: project.cacheDir } : {}),
  markdown: {
    // The site's own Markdown setup; the integration adds its citation plugin to it. The content
    // check parses bodies with the same features (src/lib/content/markdown.ts).
    processor: project.markdownProcessor === 'unified' ? unified() : satteri({ features: { ...satteriFeatures } }),
  },
  integrations: [
    evidenceAtlas(),
    mdx(),
    // Pages only: the search page, the editors' CMS and downloads are not for search engines.
    sitemap({
      filter: (page) => ![routes.search(), routes.admin()].some((path) => new URL(page).pathname.endsWith(path)),
    }),
  ],
  experimental: {
    // Study and topic pages whose key (src/data/page-keys.ts) and code are unchanged are copied
    // from the last build (kept in the cache folder) instead of rendered again.
    incrementalBuild: true,
  },
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
