/**
 * Every address of the site: page routes, downloads, anchors, and the file each route becomes in
 * the output folder. Pages, the citation plugin, feeds and file writers all take their paths from
 * here; `withBase` is the one place the site's base path is added. Browser-safe: no Node imports.
 *
 * Route functions return site paths without the base (`/studies/rieser2025/`). Keys and slugs
 * follow the grammars of `keys.ts`, so they are single URL segments by construction; segments are
 * still percent-encoded where a character is not URL-safe as it stands (a non-ASCII letter).
 */
import type { CitationKey, Slug } from './keys.ts';

/** The download formats of references, by file extension. */
export const exportExtensions = ['bib', 'ris', 'json'] as const;
export type ExportExtension = (typeof exportExtensions)[number];

/** One path segment, percent-encoded where needed; ":" and "+" are allowed in a path as they are. */
function segment(value: string): string {
  return encodeURIComponent(value).replace(/%3A/gi, ':').replace(/%2B/gi, '+');
}

const referencesPart = (part: string) => `/references/by-name/${segment(part)}/`;

/** A study list filtered by facet values (`/studies/?topic=ptsd&design=rct`). */
export type StudyFilters = Readonly<Record<string, string | undefined>>;

export const routes = {
  home: () => '/',
  studies: (filters: StudyFilters = {}) => {
    const query = new URLSearchParams(
      Object.entries(filters).filter((entry): entry is [string, string] => Boolean(entry[1])),
    ).toString();
    return query ? `/studies/?${query}` : '/studies/';
  },
  /** A year of a split study list (`/studies/by-year/2024/`). */
  studiesPart: (part: string) => `/studies/by-year/${segment(part)}/`,
  study: (key: CitationKey | string) => `/studies/${segment(key)}/`,
  topics: () => '/topics/',
  topic: (slug: Slug | string) => `/topics/${segment(slug)}/`,
  topicFeed: (slug: Slug | string) => `/topics/${segment(slug)}/feed.xml`,
  topicReferences: (slug: Slug | string, extension: ExportExtension) =>
    `/topics/${segment(slug)}/references.${extension}`,
  /** The full bibliography (the index of its parts when it is split: src/lib/paging.ts). */
  references: () => '/references/',
  /** A part of a split bibliography (`/references/by-name/s/`). */
  referencesPart: (part: string) => referencesPart(part),
  /**
   * Which part of a split bibliography holds each reference (`{"smith2020": "s"}`), for links made
   * before the split (`/references/#ref-smith2020`); an empty object when the list is one page.
   */
  referencesPartsMap: () => '/references/by-name/parts.json',
  /** A reference's entry in the full bibliography, on its part when the bibliography is split. */
  referenceEntry: (key: CitationKey | string, part = '') =>
    `${part ? referencesPart(part) : '/references/'}#${anchors.reference(key)}`,
  /** A reference's record as a download. */
  referenceFile: (key: CitationKey | string, extension: ExportExtension) => `/references/${segment(key)}.${extension}`,
  /** The whole library as a download. */
  library: (extension: ExportExtension) => `/references.${extension}`,
  search: (query = '') => `/search/${query}`,
  map: () => '/map/',
  /** A standalone page from content/pages (`/about/`). */
  page: (slug: Slug | string) => `/${segment(slug)}/`,
  rss: () => '/rss.xml',
  sitemap: () => '/sitemap-index.xml',
  favicon: () => '/favicon.svg',
  /** The icon browsers and feed readers ask for by themselves. */
  faviconIco: () => '/favicon.ico',
  /** The page a static host serves for an address the site does not have (GitHub Pages: 404.html). */
  notFound: () => '/404.html',
  /** Pagefind's files, written by the build. */
  pagefind: () => '/pagefind/',
  /** The editors' CMS (Decap CMS), its generated configuration, and a file of its bundle. */
  admin: () => '/admin/',
  adminConfig: () => '/admin/config.yml',
  adminFile: (name: string) => `/admin/${segment(name)}`,
} as const;

/**
 * First path segments the site's own routes take: a page in content/pages cannot be named after
 * one (nor after an `.html` route without its extension: `/404/` and `/404.html` are one page to
 * Astro). Derived from the routes above, so a new route reserves its name here by itself.
 */
export const reservedPageSlugs: readonly string[] = [
  ...new Set(
    [
      routes.studies(),
      routes.topics(),
      routes.references(),
      routes.search(),
      routes.map(),
      routes.rss(),
      routes.sitemap(),
      routes.favicon(),
      routes.faviconIco(),
      routes.notFound(),
      routes.pagefind(),
      routes.admin(),
      ...exportExtensions.map((extension) => routes.library(extension)),
    ].map((path) => (path.split('/')[1] ?? '').replace(/\.html$/, '')),
  ),
].filter(Boolean);

/**
 * Element ids. Each family has its own prefix, and keys cannot hold "~", so an id of one family
 * never equals an id of another, whatever the key.
 */
export const anchors = {
  /** A reference's entry in a reference list (a page's own, or the full bibliography). */
  reference: (key: CitationKey | string) => `ref-${key}`,
  /** The first citation of a key on a page, where "Cited on" links land. */
  citation: (key: CitationKey | string) => `cite-${key}`,
  /** A formatted "Cite this" string, which its copy button names. */
  citeString: (key: CitationKey | string, style: string) => `copy-${style}~${key}`,
  /** The label of a "Cite this" string. */
  citeStringLabel: (key: CitationKey | string, style: string) => `copy-${style}~${key}~label`,
  citeThisHeading: () => 'heading-cite-this',
  /** The heading of a page's own reference list. */
  referencesHeading: () => 'page-references-heading',
  miscitation: () => 'miscitation-heading',
  /** A numbered reason for rating down under a summary-of-findings table. */
  findingsNote: (number: number) => `sof-note-${number}`,
} as const;

/** The site path with the base in front: the only place the base is applied. */
export function withBase(base: string, path: string): string {
  const prefix = base.replace(/\/+$/, '');
  if (!path.startsWith('/') || path.startsWith('//')) return path;
  return `${prefix}${path}`;
}

/** Every route function with the base applied, for pages and the citation plugin. */
export type BasedRoutes = { readonly [Name in keyof typeof routes]: (typeof routes)[Name] };

export function routesWithBase(base: string): BasedRoutes {
  const based = {} as Record<string, (...args: never[]) => string>;
  for (const [name, route] of Object.entries(routes)) {
    based[name] = (...args: never[]) => withBase(base, (route as (...args: never[]) => string)(...args));
  }
  return based as unknown as BasedRoutes;
}

/**
 * The file a site path is written to, relative to the output folder: `/studies/x/` →
 * `studies/x/index.html`, `/references/x.bib` → `references/x.bib`. The query and fragment are
 * dropped and segments decoded; a path that would climb out of the folder (also with an encoded
 * "/" or "..") is refused.
 */
export function outputFile(path: string): string {
  const bare = path.replace(/[?#].*$/, '');
  if (!bare.startsWith('/')) throw new Error(`not a site path: "${path}"`);
  const segments = bare
    .slice(1)
    .split('/')
    .map((each) => {
      try {
        return decodeURIComponent(each);
      } catch {
        throw new Error(`site path "${path}" has a "%" that is not followed by an encoded character`);
      }
    });
  // A decoded segment must stay one segment: "..%2F..%2Fx" is "../../x".
  if (
    segments.some(
      (each) => each === '..' || each === '.' || each.includes('/') || each.includes('\\') || each.includes('\0'),
    )
  ) {
    throw new Error(`site path "${path}" leaves the output folder`);
  }
  // "//etc/x" would name an absolute file.
  if (segments.slice(0, -1).includes('')) throw new Error(`site path "${path}" has an empty segment ("//")`);
  const file = segments.join('/');
  return file === '' || file.endsWith('/') ? `${file}index.html` : file;
}
