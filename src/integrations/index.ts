/**
 * The Evidence Atlas integration. It only wires Astro's hooks; each concern lives in its own file
 * beside this one:
 * - content-check.ts: check the whole project before Astro loads any content;
 * - markdown.ts: add the citation plugin to the site's Markdown processor;
 * - site-config.ts: the settings pages read (`virtual:evidence-atlas/config`), with
 *   page-history.ts: each content file's last commit date, from one `git log`;
 * - reference-files.ts, pagefind.ts: the downloads and the search index, written at the end;
 * - cms.ts: the editors' CMS bundle in admin/ (its page and configuration are routes);
 * - atomic-build.ts: build into a staging folder and swap it in only when everything succeeded;
 * - content-store.ts: forget stored entries when a schema changes;
 * - content-chunks.ts: bundle the compiled content entries in a few chunks, not one each.
 * docs/architecture.md walks the whole build.
 */
import { basename, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import { loadBibliographyFolder, type Bibliography, type Reference } from '../lib/bibliography.ts';
import { buildState, buildStats } from '../lib/build-state.ts';
import type { CitationContext } from '../lib/citations/core.ts';
import { saveCitationCaches } from '../lib/citations/engine.ts';
import { cmsReferences } from '../lib/cms/config.ts';
import { registerStyles } from '../lib/citations/styles.ts';
import { releaseContentFiles } from '../lib/content/collections.ts';
import { formatSite, stopFormatting } from '../lib/formatting.ts';
import { writeInside } from '../lib/output.ts';
import { partOf, referenceParts } from '../lib/paging.ts';
import { resolveProject, type Project, type Settings } from '../lib/project.ts';
import { exportExtensions } from '../lib/routes.ts';
import {
  beginCacheUse,
  clearStaging,
  endCacheUse,
  keptFiles,
  stagingFor,
  swapIn,
  type Staging,
} from './atomic-build.ts';
import { serveCmsBundle, writeCmsBundle } from './cms.ts';
import { checkAndReport, contentProblems, recheckOnChange, type CheckOutcome } from './content-check.ts';
import { contentChunk } from './content-chunks.ts';
import { forgetEntriesOnSchemaChange } from './content-store.ts';
import { addCitationPlugins, bracedKeysPlugin, releaseCitationEnginesPlugin } from './markdown.ts';
import { readPageHistory } from './page-history.ts';
import { buildSearchIndex, servePagefind } from './pagefind.ts';
import { serveReferenceFiles, writeReferenceFiles } from './reference-files.ts';
import { siteConfig, siteConfigPlugin, type SiteConfig } from './site-config.ts';

export type { SiteConfig } from './site-config.ts';

/** Settings that override the environment's (see src/lib/project.ts for each). */
export type EvidenceAtlasOptions = Partial<
  Pick<Settings, 'ATLAS_CITATION_STYLE' | 'ATLAS_CONTENT_DIR' | 'ATLAS_REFERENCES_DIR'>
>;

/** The references the site publishes: those its content uses, as the references loader keeps them. */
function publishedReferences(project: Project, bibliography: Bibliography): Reference[] {
  const { usage } = formatSite(project, bibliography);
  return [...bibliography.references.values()].filter((reference) => usage.used.has(reference.key));
}

export default function evidenceAtlas(options: EvidenceAtlasOptions = {}): AstroIntegration {
  let project: Project | undefined;
  let checked: CheckOutcome | undefined;
  let site: SiteConfig | undefined;
  let staging: Staging | undefined;
  /** The real output folder (the dev server serves the last build's search index from it). */
  let outDir = '';
  /** Astro's cache folder (`ATLAS_CACHE_DIR`). */
  let cacheDir = '';

  const bibliography = (): Bibliography => {
    if (!checked) throw new Error('evidence-atlas: the content check has not run');
    return checked.bibliography;
  };
  /** The citation plugin's context, made once per content check (the plugin asks once per file). */
  let context: { check: CheckOutcome; value: CitationContext } | undefined;
  const citationContext = (): CitationContext => {
    if (!project || !checked) throw new Error('evidence-atlas: the content check has not run');
    if (context?.check !== checked) {
      const published = publishedReferences(project, checked.bibliography);
      const parts = referenceParts(published, project.listPageSize);
      const parted = partOf(parts, (reference) => reference.key);
      context = {
        check: checked,
        value: {
          bibliography: checked.bibliography,
          summaries: checked.summaries,
          style: project.citationStyle,
          base: project.base,
          root: project.root,
          stylesDir: project.stylesDir,
          cacheDir: project.cacheDir,
          listed: new Set(published.map((reference) => reference.key)),
          referencePart: (key) => parted.get(key) ?? '',
        },
      };
    }
    return context.value;
  };

  return {
    name: 'evidence-atlas',
    hooks: {
      'astro:config:setup': async ({ config, command, logger, updateConfig }) => {
        project = resolveProject(fileURLToPath(config.root), { ...process.env, ...options });
        buildState().project = project;
        outDir = fileURLToPath(config.outDir);
        cacheDir = fileURLToPath(config.cacheDir);
        // The references the content uses start formatting in worker processes now, while the
        // check runs on this one; the references loader awaits the same work.
        formatSite(project, loadBibliographyFolder(project.referencesDir, project.root)).formatted.catch(() => {
          // The loader reports a formatting failure; a build that stops at the check never asks.
        });
        const result = await checkAndReport(project, logger);
        checked = result.check;
        // What the rest of the build needs of the files is derived from them by now.
        releaseContentFiles();
        if (result.errors) {
          stopFormatting();
          if (command !== 'dev') throw contentProblems(result.errors);
          logger.error(result.errors.message);
        }
        const customStyles = registerStyles(project.stylesDir);
        const history = readPageHistory(project, logger);
        site = siteConfig(project, customStyles, history.prefix);
        buildState().contentFacts = {
          lastCommitDates: history.dates,
          librarySize: checked.bibliography.references.size,
        };
        addCitationPlugins(config, { context: citationContext });
        forgetEntriesOnSchemaChange([fileURLToPath(config.cacheDir), fileURLToPath(new URL('.astro/', config.root))]);
        if (command === 'build') {
          staging = stagingFor(outDir);
          clearStaging(staging);
          const finished = staging;
          // A build that fails leaves nothing behind: the half-written staging folder goes too.
          process.once('exit', () => clearStaging(finished));
          if (beginCacheUse(cacheDir).lastUnfinished) {
            logger.info('the last build did not finish: every page is rendered again');
          }
          updateConfig({
            outDir: pathToFileURL(`${staging.stagingDir}/`),
            // Runs after every other integration's build:done (sitemap included): the swap is last.
            integrations: [
              {
                name: 'evidence-atlas:publish',
                hooks: {
                  'astro:build:done': ({ logger: publishLogger }: { logger: AstroIntegrationLogger }) => {
                    swapIn(finished);
                    endCacheUse(cacheDir);
                    publishLogger.info(`the finished build is now ${finished.outDir}`);
                  },
                },
              },
            ],
          });
        }
        updateConfig({
          vite: {
            plugins: [
              siteConfigPlugin(
                () => site as SiteConfig,
                () => cmsReferences(bibliography(), checked?.summaries ?? new Set()),
              ),
              bracedKeysPlugin(),
              releaseCitationEnginesPlugin(),
            ],
            build: { rollupOptions: { output: { codeSplitting: { groups: [{ name: contentChunk }] } } } },
          },
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const folder = fileURLToPath(dir);
        // The engines were saved and released when the bundles were written; this saves any made since.
        saveCitationCaches();
        const published = publishedReferences(project as Project, bibliography());
        // The downloads and the CMS bundle are written while Pagefind indexes the pages.
        const pages = await buildSearchIndex(folder, () => {
          const { files, unchanged } = writeReferenceFiles(
            folder,
            published,
            keptFiles(cacheDir, 'reference-downloads'),
          );
          if (files !== published.length * exportExtensions.length) {
            throw new Error(`wrote ${files} reference files for ${published.length} references`);
          }
          logger.info(
            `reference downloads: ${files} files for ${published.length} references (${unchanged} unchanged)`,
          );
          logger.info(
            `editors' CMS: ${writeCmsBundle(folder, keptFiles(cacheDir, 'cms-bundle'))} files of its bundle in admin/`,
          );
        });
        const expected = checked ? checked.pages : pages;
        if (pages !== expected) {
          throw new Error(
            `the search index holds ${pages} pages, but the site has ${expected} summaries, topics and pages`,
          );
        }
        logger.info(`search index: ${pages} pages indexed into pagefind/`);
        // For tests and benchmarks: what the build parsed and formatted.
        const stats = project?.buildStatsFile;
        if (stats) writeInside(dirname(stats), basename(stats), JSON.stringify(buildStats(), null, 2));
      },
      'astro:server:setup': ({ server, logger }) => {
        if (!project) return;
        server.middlewares.use(servePagefind(`${outDir}/pagefind`));
        server.middlewares.use(serveReferenceFiles(bibliography, project.base));
        server.middlewares.use(serveCmsBundle(project.base));
        recheckOnChange(server, project, logger, (check) => {
          checked = check;
        });
        logger.info('search: serving the index of the last build; run `npm run build` to refresh it');
      },
    },
  };
}
