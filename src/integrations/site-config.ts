/**
 * The settings pages need, resolved once and handed to them as `virtual:evidence-atlas/config`:
 * the base path, the facts of the citation styles (so no page asks a style registry that only
 * other module graphs fill) and the repository for edit and issue links. Settings only: what
 * changes with the content (the files' commit dates, the library's size) is in the `facts`
 * collection, since every page imports this module (src/loaders/content-facts-loader.ts).
 */
import type { Plugin } from 'vite';
import { describeStyle, standardStyles } from '../lib/citations/styles.ts';
import type { CmsReference } from '../lib/cms/config.ts';
import { pathInRepository } from '../lib/cms/repository.ts';
import type { Project } from '../lib/project.ts';

export interface StyleFacts {
  readonly name: string;
  /** What readers see: "APA 7", "Vancouver", or the style's own title. */
  readonly title: string;
  /** Numeric styles number references by first citation on the page. */
  readonly numeric: boolean;
}

export interface SiteConfig {
  /** `base` without its trailing slash ('' at the root). */
  readonly base: string;
  /** The site's citation style. */
  readonly style: StyleFacts;
  /**
   * The style the full bibliography is listed in: the site's, or APA when the site's is numeric
   * (numbers belong to a page's citations, not to the library).
   */
  readonly listStyle: StyleFacts;
  /** The longest list one page holds (ATLAS_LIST_PAGE_SIZE; src/lib/paging.ts). */
  readonly listPageSize: number;
  /** Styles offered under "Cite this": the standard three, the site's, and custom ones. */
  readonly citeStyles: readonly StyleFacts[];
  /**
   * The https address of the site's Git repository (`ATLAS_REPOSITORY`), for "Edit this page" and
   * "Report a problem"; without it pages show neither.
   */
  readonly repository?: string | undefined;
  /** The project root's path in the repository ('' at its root), put before a file's path in edit links. */
  readonly repositoryPrefix: string;
  /** What the CMS at /admin/ needs: where it saves, and the content folder's path in the repository. */
  readonly cms: Pick<Project, 'repository' | 'branch' | 'cmsAuthUrl' | 'cmsLocalBackend' | 'site' | 'base'> & {
    readonly contentFolder: string;
  };
}

const virtualId = 'virtual:evidence-atlas/config';
const libraryId = 'virtual:evidence-atlas/library';

function facts(name: string): StyleFacts {
  const style = describeStyle(name);
  if (!style) throw new Error(`unknown citation style "${name}"`);
  return { name, title: style.title, numeric: style.numeric };
}

/** The site config of a project whose custom styles are registered. */
export function siteConfig(project: Project, customStyles: readonly string[], repositoryPrefix = ''): SiteConfig {
  const style = facts(project.citationStyle);
  return {
    base: project.base,
    style,
    listStyle: style.numeric ? facts('apa') : style,
    listPageSize: project.listPageSize,
    citeStyles: [...new Set([...standardStyles, project.citationStyle, ...customStyles])].map(facts),
    repository: project.repository,
    repositoryPrefix,
    cms: {
      repository: project.repository,
      branch: project.branch,
      cmsAuthUrl: project.cmsAuthUrl,
      cmsLocalBackend: project.cmsLocalBackend,
      site: project.site,
      base: project.base,
      contentFolder: pathInRepository(project.contentDir),
    },
  };
}

/**
 * The Vite plugin that serves the site config as `virtual:evidence-atlas/config`, and the whole
 * library as the CMS offers it as `virtual:evidence-atlas/library` (only /admin/config.yml reads
 * it: pages publish the references the content uses, the CMS offers every one).
 */
export function siteConfigPlugin(config: () => SiteConfig, library: () => readonly CmsReference[]): Plugin {
  return {
    name: 'evidence-atlas:config',
    resolveId: (id) => (id === virtualId || id === libraryId ? `\0${id}` : undefined),
    load: (id) => {
      // `base` on its own too: browser scripts import only it, and the bundler leaves the rest out.
      if (id === `\0${virtualId}`) {
        return `export const base = ${JSON.stringify(config().base)};\nexport default ${JSON.stringify(config())};`;
      }
      if (id === `\0${libraryId}`) return `export default ${JSON.stringify(library())};`;
      return undefined;
    },
  };
}
