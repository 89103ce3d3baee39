/**
 * The project's settings: every folder and option, resolved once from the project root and the
 * environment, validated with one schema. `astro.config.mjs`, the integration, the content
 * collections and the editor commands all start from `resolveProject`; nothing else reads the
 * environment. The README's settings table is generated from `settingsSchema` (and a test keeps
 * the two the same).
 */
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { ProblemReport, type Problem } from './problems.ts';
import { defaultListPageSize } from './paging.ts';

/** The environment variables the project reads, each with its meaning and default. */
export const settingsSchema = z.object({
  SITE_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) address such as https://example.org' })
    .default('http://localhost:4321')
    .describe('The public address of the site, for canonical links, feeds and the sitemap.'),
  ATLAS_BASE: z
    .string()
    // Each segment is followed by "/" or ends the path: `([…]+\/?)*` backtracks for minutes on a long bad value.
    .regex(/^\/?(?:[A-Za-z0-9._~-]+\/)*[A-Za-z0-9._~-]*$/, 'must be a path such as /evidence-atlas')
    .refine((value) => !value.split('/').some((segment) => segment === '.' || segment === '..'), {
      message: 'must not hold "." or ".." segments: name the folder, such as /evidence-atlas',
    })
    .default('/')
    .describe('The path the site lives under, such as `/evidence-atlas` for a GitHub Pages project site.'),
  ATLAS_CITATION_STYLE: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a style name such as apa, vancouver or harvard1')
    .default('apa')
    .describe(
      'The CSL style of citations: `apa`, `vancouver`, `harvard1`, `chicago-author-date`, `mla`, or a `.csl` file name in `references/styles/`.',
    ),
  ATLAS_MARKDOWN_PROCESSOR: z
    .enum(['satteri', 'unified'], { error: 'must be satteri or unified' })
    .default('satteri')
    .describe('The Markdown processor: `satteri` (fast, the default) or `unified` (remark and rehype plugins).'),
  ATLAS_LIST_PAGE_SIZE: z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/, 'must be a whole number such as 300')
    .default(String(defaultListPageSize))
    .describe(
      "The longest list one page holds: a longer bibliography is split by the first author's name (`/references/by-name/s/`), a longer study list by year (`/studies/by-year/2024/`), and a topic's table shows this many of its studies.",
    ),
  ATLAS_CONTENT_DIR: z
    .string()
    .optional()
    .describe('The folder holding `studies/`, `topics/` and `pages/` (default `content/`), to build another corpus.'),
  ATLAS_REFERENCES_DIR: z.string().optional().describe('The folder holding the `.bib` files (default `references/`).'),
  ATLAS_CACHE_DIR: z
    .string()
    .optional()
    .describe(
      "Astro's cache folder (default `node_modules/.astro`), which also keeps formatted citations, rendered pages and the reference downloads between builds; `astro build --force` renders every page again.",
    ),
  ATLAS_BUILD_STATS: z
    .string()
    .optional()
    .describe('A file to write the build counters to (parses, formatted entries), for tests and benchmarks.'),
  ATLAS_DOI_RESOLVER: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) address such as https://doi.org' })
    .default('https://doi.org')
    .describe('The DOI resolver `npm run new -- --doi` and `npm run audit-refs` ask.'),
  ATLAS_TODAY: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-11-30')
    .optional()
    .describe('The date the editor commands write (YYYY-MM-DD; default today), for reproducible tests.'),
  ATLAS_ROOT: z.string().optional().describe('The project the editor commands work on (default this folder).'),
  ATLAS_REPOSITORY: z
    .url({
      protocol: /^https$/,
      hostname: /^[A-Za-z0-9.-]+$/,
      error: 'must be the https address of a repository, such as https://github.com/owner/evidence-atlas',
    })
    .refine((value) => repositoryPath(value) !== undefined, {
      message: 'must name a repository as https://HOST/OWNER/NAME, such as https://github.com/owner/evidence-atlas',
    })
    .optional()
    .describe(
      'The https address of the site\'s Git repository, such as `https://github.com/owner/evidence-atlas`: pages link to "Edit this page" and "Report a problem" there, and `/admin/` saves changes there as pull requests. Without it, neither link is shown and `/admin/` works only with `decap-server` on the same computer.',
    ),
  ATLAS_BRANCH: z
    .string()
    .regex(/^(?!\/|.*\/\/|.*\.\.|.*\/$)[A-Za-z0-9._/-]+$/, 'must be a branch name such as main')
    .default('main')
    .describe('The branch the pull requests from `/admin/` go into.'),
  ATLAS_CMS_AUTH_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) address such as https://auth.example.org' })
    .default('https://api.netlify.com')
    .describe(
      "The OAuth server that signs editors in to GitHub from `/admin/` (Decap CMS's `base_url`; GitHub Pages has none of its own).",
    ),
  ATLAS_CMS_LOCAL_BACKEND: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) address such as http://localhost:8081/api/v1' })
    .default('http://localhost:8081/api/v1')
    .describe(
      'The address of `decap-server` (`npx decap-server`), which `/admin/` uses instead of GitHub when it is opened on the same computer.',
    ),
});
export type Settings = z.infer<typeof settingsSchema>;

export interface Project {
  /** The project root: `astro.config.mjs` is here. */
  readonly root: string;
  /** Holds `studies/`, `topics/` and `pages/`. */
  readonly contentDir: string;
  /** Holds the `.bib` files, `styles/` and `audit.json`. */
  readonly referencesDir: string;
  /** Custom CSL styles, selectable by file name. */
  readonly stylesDir: string;
  /** The last DOI audit (`npm run audit-refs`). */
  readonly auditFile: string;
  readonly site: string;
  /** The base path without its trailing slash: '' at the root, `/evidence-atlas` below it. */
  readonly base: string;
  readonly citationStyle: string;
  readonly markdownProcessor: 'satteri' | 'unified';
  /** The longest list one page holds (src/lib/paging.ts). */
  readonly listPageSize: number;
  readonly cacheDir: string | undefined;
  readonly buildStatsFile: string | undefined;
  readonly doiResolver: string;
  /** YYYY-MM-DD. */
  readonly today: string;
  /**
   * The Git repository's https address without a trailing slash or `.git`: "Edit this page" and
   * "Report a problem" link there, and `/admin/` saves there (`repositoryPath` gives `owner/name`).
   */
  readonly repository: string | undefined;
  /** The branch the pull requests from `/admin/` go into. */
  readonly branch: string;
  /** The OAuth server for GitHub sign-in from `/admin/`. */
  readonly cmsAuthUrl: string;
  /** The local `decap-server` that `/admin/` uses when opened on the same computer. */
  readonly cmsLocalBackend: string;
}

/** `owner/name` of a repository address, or undefined when its path does not name one. */
export function repositoryPath(url: string): string | undefined {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return undefined;
  }
  const match = /^\/([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(pathname);
  return match ? `${match[1]}/${match[2]}` : undefined;
}

type Environment = Readonly<Record<string, string | undefined>>;

/** The root the editor commands work on: ATLAS_ROOT, or the given folder. */
export function projectRoot(fallback: string, env: Environment = process.env): string {
  return env['ATLAS_ROOT'] ? resolve(env['ATLAS_ROOT']) : fallback;
}

/**
 * The project at `root`, with the settings of `env`. Throws a ProblemReport naming every
 * variable with a value it cannot use.
 */
export function resolveProject(root: string, env: Environment = process.env): Project {
  const known = Object.fromEntries(
    Object.keys(settingsSchema.shape).flatMap((name) => (env[name] ? [[name, env[name]]] : [])),
  );
  const parsed = settingsSchema.safeParse(known);
  if (!parsed.success) {
    const problems: Problem[] = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return {
        file: 'environment',
        line: 0,
        column: 0,
        message: `${name}=${JSON.stringify(known[name] ?? '')} ${issue.message}`,
      };
    });
    throw new ProblemReport(problems);
  }
  const settings = parsed.data;
  const folder = (value: string | undefined, fallback: string) =>
    value ? (isAbsolute(value) ? value : resolve(root, value)) : join(root, fallback);
  const referencesDir = folder(settings.ATLAS_REFERENCES_DIR, 'references');
  return {
    root,
    contentDir: folder(settings.ATLAS_CONTENT_DIR, 'content'),
    referencesDir,
    stylesDir: join(referencesDir, 'styles'),
    auditFile: join(referencesDir, 'audit.json'),
    site: settings.SITE_URL,
    base: `/${settings.ATLAS_BASE.replace(/^\/+|\/+$/g, '')}`.replace(/^\/$/, ''),
    citationStyle: settings.ATLAS_CITATION_STYLE,
    markdownProcessor: settings.ATLAS_MARKDOWN_PROCESSOR,
    listPageSize: Number(settings.ATLAS_LIST_PAGE_SIZE),
    cacheDir: settings.ATLAS_CACHE_DIR ? folder(settings.ATLAS_CACHE_DIR, '') : undefined,
    buildStatsFile: settings.ATLAS_BUILD_STATS ? folder(settings.ATLAS_BUILD_STATS, '') : undefined,
    doiResolver: settings.ATLAS_DOI_RESOLVER.replace(/\/+$/, ''),
    today: settings.ATLAS_TODAY ?? new Date().toISOString().slice(0, 10),
    repository: settings.ATLAS_REPOSITORY?.replace(/\/+$/, '').replace(/\.git$/, ''),
    branch: settings.ATLAS_BRANCH,
    cmsAuthUrl: settings.ATLAS_CMS_AUTH_URL.replace(/\/+$/, ''),
    cmsLocalBackend: settings.ATLAS_CMS_LOCAL_BACKEND,
  };
}

/** The README's table of settings, generated from the schema. */
export function settingsTable(): string {
  const rows = Object.entries(settingsSchema.shape).map(([name, schema]) => {
    const fallback = schema instanceof z.ZodDefault ? `\`${String(schema.def.defaultValue)}\`` : '';
    return `| \`${name}\` | ${schema.description ?? ''} | ${fallback} |`;
  });
  return ['| Variable | What it sets | Default |', '| --- | --- | --- |', ...rows].join('\n');
}
