/**
 * Citation clusters through citeproc-js, one engine per (bibliography, style) for the whole
 * build. Each page registers only what it cites: numeric styles in citation order, so numbers
 * follow first citation on the page; author-date styles with every work that shares a first
 * author and year, so disambiguation (2024a, 2024b) matches the full bibliography.
 */
import { plugins, type CSL } from '@citation-js/core';
import '@citation-js/plugin-csl';
import CSLEngine from './citeproc.ts';
import type { Bibliography, CitationKey } from '../bibliography.ts';
import { buildStats } from '../stats.ts';
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
}

export interface CitationEngine {
  readonly style: CitationStyle;
  /** Register a page's keys in citation order (numeric styles number by this order). */
  beginPage(keys: readonly CitationKey[]): void;
  /** The cluster as HTML, without a link. */
  cluster(items: readonly ClusterItem[]): string;
  /** Number of citeproc calls made, for tests. */
  readonly calls: number;
}

const unnamedAuthors = [{ family: '\u2063' }, { family: '\u2063' }, { family: '\u2063' }];

const engines = new WeakMap<Bibliography, Map<string, CitationEngine>>();

/**
 * Works an author-date style may need to tell apart (Smith 2004a, 2004b; or by adding names):
 * the same first author and year. Registering a page's cited works with these keeps its
 * citations identical to the full bibliography's, without registering the whole library.
 */
function ambiguityGroups(bibliography: Bibliography): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  const groups = new Map<string, string[]>();
  for (const reference of bibliography.references.values()) {
    const first = reference.csl.author?.[0];
    const name = (first?.family ?? first?.literal ?? reference.csl.title ?? reference.key).toLowerCase();
    const group = `${name}|${reference.csl.issued?.['date-parts']?.[0]?.[0] ?? ''}`;
    const members = groups.get(group) ?? [];
    members.push(reference.key);
    groups.set(group, members);
    byKey.set(reference.key, members);
  }
  return byKey;
}

function createEngine(bibliography: Bibliography, style: CitationStyle, xml: string): CitationEngine {
  const locales = plugins.config.get('@csl').locales as { get(name: string): string };
  const items = new Map<string, CSL>();
  for (const reference of bibliography.references.values()) {
    // A record whose author list ends in "and others" must still cite as "Mitchell et al.":
    // unnamed stand-ins after the known authors make every style abbreviate the list.
    items.set(
      reference.key,
      reference.authorListIncomplete && reference.csl.author
        ? { ...reference.csl, author: [...reference.csl.author, ...unnamedAuthors] }
        : reference.csl,
    );
  }
  const citeproc = new CSLEngine.Engine(
    {
      retrieveLocale: (lang: string) => locales.get(lang) ?? locales.get('en-US'),
      retrieveItem: (id: string) => items.get(id),
    },
    xml,
    'en-US',
    true,
  ) as Citeproc;
  citeproc.setOutputFormat('html');
  const groups = style.numeric ? undefined : ambiguityGroups(bibliography);
  const memo = new Map<string, string>();
  let calls = 0;
  return {
    style,
    beginPage(keys) {
      if (groups) {
        // Author-date: what a cluster says depends only on its works' groups, so the memo holds.
        const registry = new Set(keys.flatMap((key) => groups.get(key) ?? [key]));
        citeproc.updateItems([...registry]);
        return;
      }
      // Numeric: numbers follow this page's order of first citation.
      citeproc.updateItems([...keys]);
      memo.clear();
    },
    cluster(clusterItems) {
      const signature = JSON.stringify(clusterItems);
      let html = memo.get(signature);
      if (html === undefined) {
        calls++;
        buildStats().clustersFormatted++;
        html = citeproc.makeCitationCluster(clusterItems.map((item) => ({ ...item })));
        memo.set(signature, html);
      }
      return html;
    },
    get calls() {
      return calls;
    },
  };
}

/** The engine for a style, created on first use and kept for the bibliography's lifetime. */
export function getCitationEngine(bibliography: Bibliography, styleName: string): CitationEngine {
  let byStyle = engines.get(bibliography);
  if (!byStyle) engines.set(bibliography, (byStyle = new Map()));
  let engine = byStyle.get(styleName);
  if (!engine) {
    const style = describeStyle(styleName);
    const xml = styleXml(styleName);
    if (!style || xml === undefined) throw new Error(`unknown citation style "${styleName}"`);
    engine = createEngine(bibliography, style, xml);
    byStyle.set(styleName, engine);
  }
  return engine;
}
