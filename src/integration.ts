/**
 * The Evidence Atlas integration.
 * - Before Astro loads any content, check the whole project (references, summaries, topics,
 *   pages, citations in bodies) and stop with every problem found, each as `file:line:col
 *   message`. In `astro dev` the problems are logged instead, so the server stays up.
 * - Run Markdown and MDX through Sätteri (or unified) with the citation plugin, in the
 *   configured CSL style.
 * - Expose the configuration to pages as `virtual:evidence-atlas/config`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unified } from '@astrojs/markdown-remark';
import { satteri } from '@astrojs/markdown-satteri';
import type { AstroIntegration } from 'astro';
import { checkProject, resolvePaths, type ProjectPaths } from './lib/check.ts';
import { protectBracedKeys } from './lib/citations/braces.ts';
import remarkCitations from './lib/citations/remark.ts';
import { saveCitationCaches } from './lib/citations/engine.ts';
import { satteriCitations } from './lib/citations/satteri.ts';
import { registerStyles, standardStyles } from './lib/citations/styles.ts';
import { formatProblem, isError, ProblemReport, sortProblems } from './lib/problems.ts';
import { buildStats } from './lib/stats.ts';
import { serveReferenceFiles, writeReferenceFiles } from './reference-files.ts';
import { buildSearchIndex, servePagefind } from './search-index.ts';

export interface EvidenceAtlasOptions {
  /**
   * The CSL style of citations and reference lists: `apa` (APA 7, the default), `vancouver`,
   * `harvard1`, or the name of a `.csl` file in `references/styles/`.
   */
  readonly citationStyle?: string;
  /**
   * The Markdown processor: `satteri` (Astro's default, in Rust; the default here) or `unified`
   * (remark/rehype, for projects that rely on remark or rehype plugins). Citations work with both.
   */
  readonly markdownProcessor?: 'satteri' | 'unified';
}

export interface SiteConfig {
  readonly citationStyle: string;
  /** Styles offered under "Cite this": the standard three, the configured one, and custom ones. */
  readonly citeStyles: readonly string[];
  /** `base` without its trailing slash ('' at the root). */
  readonly base: string;
}

const virtualId = 'virtual:evidence-atlas/config';

/**
 * Astro keeps parsed entries between builds and clears them only when its config or
 * src/content.config.ts changes; the schemas live in other files. When those change, the stored
 * entries (build and dev) are removed, so no entry keeps the shape of an older schema.
 */
function forgetEntriesOnSchemaChange(folders: readonly string[]): void {
  const hash = createHash('sha256');
  for (const file of ['lib/schema.ts', 'lib/registry.ts', 'loaders/bibliography-loader.ts']) {
    hash.update(readFileSync(new URL(file, import.meta.url)));
  }
  const digest = hash.digest('hex');
  for (const folder of folders) {
    const marker = join(folder, 'evidence-atlas-schemas.txt');
    const previous = existsSync(marker) ? readFileSync(marker, 'utf8') : '';
    if (previous === digest) continue;
    rmSync(join(folder, 'data-store.json'), { force: true });
    mkdirSync(folder, { recursive: true });
    writeFileSync(marker, digest);
  }
}

export default function evidenceAtlas(options: EvidenceAtlasOptions = {}): AstroIntegration {
  const citationStyle = options.citationStyle ?? 'apa';
  /** The build's output folder, project paths and base, known once the config is. */
  let outDir = '';
  let paths: ProjectPaths | undefined;
  let base = '';
  return {
    name: 'evidence-atlas',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        saveCitationCaches();
        if (paths) writeReferenceFiles(fileURLToPath(dir), paths);
        const pages = await buildSearchIndex(fileURLToPath(dir));
        logger.info(`search index: ${pages} pages indexed into pagefind/`);
        // For tests and benchmarks: what the build parsed and formatted.
        const file = process.env['ATLAS_BUILD_STATS'];
        if (file) writeFileSync(file, JSON.stringify(buildStats(), null, 2));
      },
      'astro:server:setup': ({ server, logger }) => {
        // In dev, serve the index of the last build, so search works there too; the search box
        // says what to run when there is none.
        const index = join(outDir, 'pagefind');
        server.middlewares.use(servePagefind(index));
        if (paths) server.middlewares.use(serveReferenceFiles(paths, base));
        logger.info(
          existsSync(index)
            ? `search: serving the index of the last build (${index})`
            : 'search: no index yet; run `npm run build` once and restart',
        );
      },
      'astro:config:setup': ({ config, command, logger, updateConfig }) => {
        paths = resolvePaths(fileURLToPath(config.root));
        outDir = fileURLToPath(config.outDir);
        const { problems } = checkProject(paths, { citationStyle });
        for (const warning of sortProblems(problems.filter((problem) => !isError(problem))))
          logger.warn(formatProblem(warning));
        const errors = problems.filter(isError);
        if (errors.length > 0) {
          const report = new ProblemReport(errors);
          if (command === 'dev') logger.error(report.message);
          else throw report;
        }
        base = config.base.replace(/\/+$/, '');
        const custom = registerStyles(join(paths.referencesDir, 'styles'));
        const site: SiteConfig = {
          citationStyle,
          citeStyles: [...new Set([...standardStyles, citationStyle, ...custom])],
          base,
        };
        const citationOptions = { paths, style: citationStyle, base, cacheDir: fileURLToPath(config.cacheDir) };
        forgetEntriesOnSchemaChange([fileURLToPath(config.cacheDir), join(fileURLToPath(config.root), '.astro')]);
        updateConfig({
          markdown: {
            processor:
              options.markdownProcessor === 'unified'
                ? unified({ remarkPlugins: [[remarkCitations, citationOptions]] })
                : satteri({ mdastPlugins: [satteriCitations(citationOptions)] }),
          },
          vite: {
            plugins: [
              {
                name: 'evidence-atlas:config',
                resolveId: (id: string) => (id === virtualId ? `\0${virtualId}` : undefined),
                load: (id: string) => (id === `\0${virtualId}` ? `export default ${JSON.stringify(site)};` : undefined),
              },
              {
                name: 'evidence-atlas:braced-keys',
                enforce: 'pre',
                transform: (code: string, id: string) =>
                  id.split('?')[0]?.endsWith('.mdx') && code.includes('@{') ? protectBracedKeys(code) : undefined,
              },
            ],
          },
        });
      },
    },
  };
}
