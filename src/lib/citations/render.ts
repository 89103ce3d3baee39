/**
 * Turning the citations found on one page into linked, styled clusters. Every key is resolved
 * first (aliases to their entry); unknown keys are reported all at once with their positions.
 */
import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import type { PhrasingContent } from 'mdast';
import { knownKeys, resolveReference, type Bibliography, type CitationKey } from '../bibliography.ts';
import { escapeHtml, sanitizeCslHtml } from '../html.ts';
import { authorLabel } from '../labels.ts';
import type { Problem } from '../problems.ts';
import { anchors } from '../routes.ts';
import { didYouMean } from '../suggest.ts';
import type { CitationEngine, ClusterItem } from './engine.ts';
import type { FoundCitation, FoundItem } from './mdast.ts';

export interface PageRendererOptions {
  readonly bibliography: Bibliography;
  readonly engine: CitationEngine;
  /** Where a citation of `key` links: the summary, or the bibliography entry. */
  readonly href: (key: CitationKey) => string;
  /** The page's file, for messages. */
  readonly file: string;
}

export interface PageCitations {
  /** Cited keys (aliases resolved) in order of first citation. */
  readonly keys: readonly CitationKey[];
  readonly problems: readonly Problem[];
  /** Render a found citation as an mdast node carrying its hast. */
  render(citation: FoundCitation): PhrasingContent;
}

/** Problems for every citation key on a page that the bibliography does not know. */
export function unknownKeyProblems(
  file: string,
  citations: readonly FoundCitation[],
  bibliography: Bibliography,
): Problem[] {
  const candidates = knownKeys(bibliography);
  return citations.flatMap((citation) =>
    citation.items
      .filter((item) => !resolveReference(bibliography, item.key))
      .map((item) => ({
        file,
        line: item.line,
        column: item.column,
        message: `unknown citation key "${item.key}"${didYouMean(item.key, candidates)}`,
      })),
  );
}

/** Like pandoc, set a suffix off with a comma when it starts with a word. */
function suffixAffix(suffix: string): string {
  if (/^[,;.:]/.test(suffix)) return suffix;
  return /^[\p{L}\p{N}<]/u.test(suffix) ? `, ${suffix}` : ` ${suffix}`;
}

function clusterItem(item: FoundItem, key: CitationKey, overrides: Partial<ClusterItem> = {}): ClusterItem {
  return {
    id: key,
    ...(item.locator !== undefined ? { locator: item.locator, label: item.label ?? 'page' } : {}),
    ...(item.prefix !== undefined ? { prefix: `${item.prefix} ` } : {}),
    ...(item.suffix !== undefined ? { suffix: suffixAffix(item.suffix) } : {}),
    ...(item.suppressAuthor ? { 'suppress-author': true } : {}),
    ...overrides,
  };
}

function linkHtml(key: CitationKey, href: string, inner: string, first: boolean): string {
  const id = first ? ` id="${escapeHtml(anchors.citation(key))}"` : '';
  return `<a class="cite"${id} href="${escapeHtml(href)}" data-cite="${escapeHtml(key)}" aria-describedby="${escapeHtml(anchors.reference(key))}">${inner}</a>`;
}

/**
 * A cluster without its style's layout prefix and suffix. The cluster is sanitised HTML, which
 * writes "<" and "&" as `&#x3C;` and `&#x26;`, so the prefix and suffix are looked for written
 * the same way, as well as plain.
 */
function stripLayout(html: string, prefix: string, suffix: string): string {
  let inner = html;
  const forms = (text: string) => [...new Set([sanitizeCslHtml(escapeHtml(text)), escapeHtml(text), text])];
  const start = prefix ? forms(prefix).find((form) => inner.startsWith(form)) : undefined;
  if (start) inner = inner.slice(start.length);
  const end = suffix ? forms(suffix).find((form) => inner.endsWith(form)) : undefined;
  if (end) inner = inner.slice(0, -end.length);
  return inner;
}

export function createPageRenderer(citations: readonly FoundCitation[], options: PageRendererOptions): PageCitations {
  const { bibliography, engine, href, file } = options;
  const problems = unknownKeyProblems(file, citations, bibliography);
  const keys: CitationKey[] = [];
  for (const citation of citations) {
    for (const item of citation.items) {
      const key = resolveReference(bibliography, item.key)?.key;
      if (key && !keys.includes(key)) keys.push(key);
    }
  }
  engine.beginPage(keys);
  const { style } = engine;
  const anchored = new Set<CitationKey>();
  /** A citation link; the first one of each key on the page gets an id. */
  const link = (key: CitationKey, inner: string) => {
    const first = !anchored.has(key);
    anchored.add(key);
    return linkHtml(key, href(key), inner, first);
  };

  /**
   * Link each item's part of a multi-item cluster where it can be found: the style may sort the
   * items, and may merge some (a numeric range "1–3"), which then stay unlinked.
   */
  const linkItems = (html: string, items: readonly { key: CitationKey; item: ClusterItem }[]): string => {
    const claimed: { start: number; end: number; key: CitationKey }[] = [];
    const claim = (key: CitationKey, alone: string): boolean => {
      if (!alone) return false;
      for (let at = html.indexOf(alone); at >= 0; at = html.indexOf(alone, at + 1)) {
        const end = at + alone.length;
        const overlaps = claimed.some((range) => at < range.end && end > range.start);
        // "1" must not match inside "11" or "2011".
        const bounded = !/[\p{L}\p{N}]/u.test(html[at - 1] ?? '') || !/^[\p{L}\p{N}]/u.test(alone);
        const boundedEnd = !/[\p{L}\p{N}]/u.test(html[end] ?? '') || !/[\p{L}\p{N}]$/u.test(alone);
        if (!overlaps && bounded && boundedEnd) {
          claimed.push({ start: at, end, key });
          return true;
        }
      }
      return false;
    };
    const alone = (item: ClusterItem) => stripLayout(engine.cluster([item]), style.layoutPrefix, style.layoutSuffix);
    for (const { key, item } of items) {
      // A later work by the same authors is often merged into "Smith, 2000, 2004": find its year.
      if (!claim(key, alone(item))) claim(key, alone({ ...item, 'suppress-author': true }));
    }
    claimed.sort((a, b) => a.start - b.start);
    let out = '';
    let cursor = 0;
    for (const { start, end, key } of claimed) {
      out += html.slice(cursor, start) + link(key, html.slice(start, end));
      cursor = end;
    }
    return out + html.slice(cursor);
  };

  const render = (citation: FoundCitation): PhrasingContent => {
    const resolved = citation.items.map((item) => {
      const reference = resolveReference(bibliography, item.key);
      return { item, reference, key: (reference?.key ?? item.key) as CitationKey };
    });
    let html: string;
    if (resolved.some((each) => !each.reference)) {
      // Only reached when problems are ignored: show the source, marked.
      html = `<mark class="cite-unknown">${escapeHtml(citation.items.map((item) => `@${item.key}`).join('; '))}</mark>`;
    } else if (citation.inText) {
      const [first, ...rest] = resolved;
      if (!first?.reference) throw new Error('in-text citation without an item');
      const authorOnly = style.numeric ? '' : engine.cluster([{ id: first.key, 'author-only': true }]);
      // In running text the last two names are joined with "and" ("Raine-Smith and Rose").
      const author =
        authorOnly && !authorOnly.includes('NO_PRINTED_FORM')
          ? authorOnly.replace(/ (?:&#38;|&amp;|&) (?!.*(?:&#38;|&amp;| & ))/, ' and ')
          : escapeHtml(authorLabel(first.reference.csl, first.reference.authorListIncomplete).replace(' & ', ' and '));
      const items = [
        { key: first.key, item: clusterItem(first.item, first.key, { 'suppress-author': true }) },
        ...rest.map(({ item, key }) => ({ key, item: clusterItem(item, key) })),
      ];
      const cluster = engine.cluster(items.map((each) => each.item));
      html =
        rest.length === 0
          ? link(first.key, `${author} ${cluster}`)
          : `${link(first.key, author)} ${linkItems(cluster, items)}`;
    } else {
      const items = resolved.map(({ item, key }) => ({ key, item: clusterItem(item, key) }));
      const cluster = engine.cluster(items.map((each) => each.item));
      const [only] = items;
      html = items.length === 1 && only ? link(only.key, cluster) : linkItems(cluster, items);
    }
    const children = fromHtml(html, { fragment: true }).children as ElementContent[];
    // Every cited key, in source order, including those a numeric range merges and leaves unlinked.
    const cites = resolved.map((each) => each.key).join(' ');
    const element: Element = {
      type: 'element',
      tagName: 'span',
      properties: { className: ['citation'], dataCites: cites },
      children,
    };
    return {
      type: 'citation',
      data: { hName: element.tagName, hProperties: element.properties, hChildren: element.children },
    } as unknown as PhrasingContent;
  };

  return { keys, problems, render };
}
