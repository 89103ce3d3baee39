/**
 * Citation clusters through citeproc-js, one engine per (bibliography, style) for the whole
 * build.
 *
 * Numeric styles register each page's references in citation order, so numbers follow first
 * citation on the page; that is cheap. Author-date styles register every reference the site lists
 * once, so disambiguation (2024a, 2024b) matches the lists (an entry of the library that nothing
 * uses must not give a cited one a suffix the lists do not show); that costs seconds for a large
 * library, so it happens only when a cluster is not in the cache of earlier builds, which is kept
 * per library, listed references and style (`cacheDir`) and is valid only while none changes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { plugins, type CSL } from '@citation-js/core';
import '@citation-js/plugin-csl';
import CSLEngine from './citeproc.ts';
import { engineRecord, type Bibliography, type CitationKey } from '../bibliography.ts';
import { buildState, buildStats } from '../build-state.ts';
import { sanitizeCslHtml } from '../html.ts';
import { writeInside } from '../output.ts';
import { describeStyle, styleXml, type CitationStyle } from './styles.ts';

/** An item of a citation cluster, as citeproc-js reads it. */
export interface ClusterItem {
  readonly id: string;
  readonly locator?: string;
  readonly label?: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly 'suppress-author'?: boolean;
  readonly 'author-only'?: boolean;
}

interface Citeproc {
  updateItems(ids: string[]): void;
  makeCitationCluster(items: ClusterItem[]): string;
  setOutputFormat(format: string): void;
  /** The style's compiled `<citation>` options; citeproc-js reads its delimiters when it formats a cluster. */
  citation: { opt: Record<string, unknown> };
}

export interface CitationEngine {
  readonly style: CitationStyle;
  /** Register a page's keys in citation order (numeric styles number by this order). */
  beginPage(keys: readonly CitationKey[]): void;
  /** The cluster as HTML (sanitised: only CSL's formatting elements), without a link. */
  cluster(items: readonly ClusterItem[]): string;
  /** Write the clusters formatted in this process to the cache, for the next build. */
  save(): void;
}

/** Bump when cluster output changes for the same library and style. */
const cacheVersion = 3;
const unnamedAuthors = [{ family: '\u2063' }, { family: '\u2063' }, { family: '\u2063' }];

/** Upper-case roman numerals as words: "VII" in a locator "VII, 89". */
const upperRoman = /\b[IVXLCDM]+\b/g;

/**
 * One cluster through citeproc-js, with two of its departures from CSL mended:
 * - it counts only lower-case roman numerals as numbers, so "pp. VII, 89" came out as "p. VII,
 *   89": such locators are formatted in lower case and their case put back afterwards;
 * - en-US puts commas and periods inside closing quotation marks (the locale's
 *   `punctuation-in-quote`), which citeproc-js does for its own delimiters but not for an affix
 *   that starts with one: `“Bees”, xi` becomes `“Bees,” xi`, as pandoc renders it.
 */
function formatCluster(citeproc: Citeproc, items: readonly ClusterItem[]): string {
  const restore: [string, string][] = [];
  const prepared = items.map((item) => {
    if (!item.locator || !/\b[IVXLCDM]+\b/.test(item.locator)) return { ...item };
    const lowered = item.locator.replace(upperRoman, (word) => word.toLowerCase());
    restore.push([lowered, item.locator]);
    return { ...item, locator: lowered };
  });
  let html = sanitizeCslHtml(citeproc.makeCitationCluster(prepared));
  for (const [lowered, original] of restore) html = html.replace(lowered, original);
  return html.replace(/”([,.])/g, '$1”');
}

function createEngine(
  bibliography: Bibliography,
  listed: ReadonlySet<string> | undefined,
  style: CitationStyle,
  xml: string,
  cacheDir: string | undefined,
): CitationEngine {
  const locales = plugins.config.get('@csl').locales as { get(name: string): string };
  const items = new Map<string, CSL>();
  for (const reference of bibliography.references.values()) {
    // A record whose author list ends in "and others" must still cite as "Mitchell et al.":
    // unnamed stand-ins after the known authors make every style abbreviate the list.
    const csl = engineRecord(reference);
    items.set(
      reference.key,
      reference.authorListIncomplete && csl.author ? { ...csl, author: [...csl.author, ...unnamedAuthors] } : csl,
    );
  }
  const registered = [...items.keys()].filter((key) => !listed || listed.has(key));
  const create = (styleXml: string): Citeproc => {
    const citeproc = new CSLEngine.Engine(
      {
        retrieveLocale: (lang: string) => locales.get(lang) ?? locales.get('en-US'),
        retrieveItem: (id: string) => items.get(id),
      },
      styleXml,
      'en-US',
      true,
    ) as Citeproc;
    citeproc.setOutputFormat('html');
    if (!style.numeric) citeproc.updateItems(registered);
    return citeproc;
  };
  let citeproc: Citeproc | undefined;
  const engine = (): Citeproc => (citeproc ??= create(xml));
  /**
   * `after-collapse-delimiter` is how CSL styles say "semicolons between the years of one author
   * where page numbers are given" (CMoS 17, 15.30: "Smith 2000, 2004" but "Smith 2000, 5; 2004"),
   * which pandoc follows; citeproc-js uses it for every group. A cluster without locators is
   * formatted as if the style left it out, as is one whose locators all belong to works no other
   * item of the cluster shares authors with. citeproc-js reads the option only while it formats a
   * cluster, so one engine (one registry of the listed references) serves both.
   */
  const authors = (id: string) => JSON.stringify(items.get(id)?.author?.map((name) => [name.family, name.literal]));
  const format = (clusterItems: readonly ClusterItem[]): string => {
    const citeproc = engine();
    const options = citeproc.citation.opt;
    const afterCollapse = options['after-collapse-delimiter'];
    const grouped = clusterItems.some(
      (item) =>
        item.locator !== undefined &&
        clusterItems.some((other) => other !== item && authors(other.id) === authors(item.id)),
    );
    if (afterCollapse === undefined || grouped) return formatCluster(citeproc, clusterItems);
    options['after-collapse-delimiter'] = undefined;
    try {
      return formatCluster(citeproc, clusterItems);
    } finally {
      options['after-collapse-delimiter'] = afterCollapse;
    }
  };

  // Author-date clusters depend on the library and the style only: remember them across builds.
  const cacheName = `evidence-atlas-clusters-${style.name}.json`;
  const cacheFile = !style.numeric && cacheDir ? join(cacheDir, cacheName) : undefined;
  const digest = createHash('sha256')
    .update(JSON.stringify([cacheVersion, xml, [...items], registered]))
    .digest('hex');
  const memo = new Map<string, string>();
  let added = 0;
  if (cacheFile) {
    try {
      const cached = JSON.parse(readFileSync(cacheFile, 'utf8')) as {
        digest?: string;
        clusters?: Record<string, string>;
      };
      if (cached.digest === digest)
        for (const [signature, html] of Object.entries(cached.clusters ?? {})) memo.set(signature, html);
    } catch {
      // No cache yet, or an unreadable one: start empty.
    }
  }

  return {
    style,
    beginPage(keys) {
      if (!style.numeric) return;
      engine().updateItems([...keys]);
      memo.clear();
    },
    cluster(clusterItems) {
      const signature = JSON.stringify(clusterItems);
      let html = memo.get(signature);
      if (html === undefined) {
        buildStats().clustersFormatted++;
        html = format(clusterItems);
        memo.set(signature, html);
        added++;
      }
      return html;
    },
    save() {
      if (!cacheFile || !cacheDir || added === 0) return;
      writeInside(cacheDir, cacheName, JSON.stringify({ digest, clusters: Object.fromEntries(memo) }));
      added = 0;
    },
  };
}

/**
 * The engine for a style, created on first use and kept for the bibliography's lifetime, in the
 * build state, so the end of the build can save what every module graph formatted. `listed` are
 * the keys the site lists (all of the library when not given); an engine is made again when the
 * set changes.
 */
export function getCitationEngine(
  bibliography: Bibliography,
  styleName: string,
  cacheDir?: string,
  listed?: ReadonlySet<string>,
): CitationEngine {
  const { engines, savers } = buildState();
  let byStyle = engines.get(bibliography);
  if (!byStyle) engines.set(bibliography, (byStyle = new Map()));
  let made = byStyle.get(styleName);
  if (!made || made.listed !== listed) {
    const style = describeStyle(styleName);
    const xml = styleXml(styleName);
    if (!style || xml === undefined) throw new Error(`unknown citation style "${styleName}"`);
    if (made) savers.delete(made.engine);
    made = { listed, engine: createEngine(bibliography, listed, style, xml, cacheDir) };
    byStyle.set(styleName, made);
    savers.add(made.engine);
  }
  return made.engine;
}

/** Save the cluster caches of every engine of this process (at the end of a build). */
export function saveCitationCaches(): void {
  for (const engine of buildState().savers) engine.save();
}

/**
 * Save the cluster caches and let every engine go. A build calls it once its pages are compiled:
 * no cluster is formatted after that, and an author-date engine holds a registry of every listed
 * reference (about 50 MiB for 3,000) that rendering does not need.
 */
export function releaseCitationEngines(): void {
  saveCitationCaches();
  const state = buildState();
  state.engines = new WeakMap();
  state.savers.clear();
}
