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

/**
 * The suffix as the author wrote it, after a space unless it starts with punctuation: pandoc
 * renders `[@key, p. 3 for a review]` as "(Key, 2004, p. 3 for a review)", adding no comma.
 */
function suffixAffix(suffix: string): string {
  return /^[,;.:!?)\]]/.test(suffix) ? suffix : ` ${suffix}`;
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

/** The cluster's HTML, or '' when the style has nothing to print for it. */
function printed(html: string): string {
  return /NO_PRINTED_FORM|CSL STYLE ERROR/.test(html) ? '' : html;
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
      // In running text the last two names are joined with "and" (APA 7 §8.17: "and" in a
      // narrative citation, "&" in a parenthetical one): "Raine-Smith and Rose".
      const author =
        authorOnly && !authorOnly.includes('NO_PRINTED_FORM')
          ? authorOnly.replace(/ (?:&#38;|&#x26;|&amp;|&) (?!.*(?:&#38;|&#x26;|&amp;| & ))/, ' and ')
          : escapeHtml(authorLabel(first.reference.csl, first.reference.authorListIncomplete).replace(' & ', ' and '));
      // pandoc sets a suffix written straight after `[` apart with a comma: `@key [for a review]`
      // is "Key (2004, for a review)", while `@key [p. 3 for a review]` keeps the author's space.
      const ownSuffix =
        first.item.locator === undefined && first.item.suffix !== undefined && /^[\p{L}\p{N}<]/u.test(first.item.suffix)
          ? { suffix: `, ${first.item.suffix}` }
          : {};
      const own = {
        key: first.key,
        item: clusterItem(first.item, first.key, { 'suppress-author': true, ...ownSuffix }),
      };
      const others = rest.map(({ item, key }) => ({ key, item: clusterItem(item, key) }));
      const strip = (html: string) => stripLayout(html, style.layoutPrefix, style.layoutSuffix);
      // A style may have nothing to print for a year-less work cited without its author (MLA's
      // "(Doe)" without a page is just "Doe" in the sentence): then the name stands alone.
      const ownHtml = printed(engine.cluster([own.item]));
      if (others.length === 0) {
        html = link(first.key, ownHtml ? `${author} ${ownHtml}` : author);
      } else {
        // As pandoc reads `@a [p. 3; @b]`: the author, then one parenthesis holding a's own year
        // and locator first (it belongs next to the name: APA 7 §8.11), then the other items,
        // which the style sorts among themselves if it sorts citations (APA 7 §8.12), else keeps
        // in the author's order. An item without its author is set on its own, in the author's
        // order: grouped with another work of the same author, its year would lose the name.
        const othersHtml = others.some((each) => each.item['suppress-author'])
          ? others
              .map((each) => printed(strip(engine.cluster([each.item]))))
              .map((inner, index) => (inner && others[index] ? link(others[index].key, inner) : ''))
              .filter(Boolean)
              .join(escapeHtml(style.layoutDelimiter))
          : others.length === 1 && others[0]
            ? link(others[0].key, strip(engine.cluster([others[0].item])))
            : linkItems(strip(engine.cluster(others.map((each) => each.item))), others);
        const parts = [ownHtml ? link(first.key, strip(ownHtml)) : '', othersHtml].filter(Boolean);
        html = `${link(first.key, author)} ${escapeHtml(style.layoutPrefix)}${parts.join(escapeHtml(style.layoutDelimiter))}${escapeHtml(style.layoutSuffix)}`;
      }
    } else {
      const items = resolved.map(({ item, key }) => ({ key, item: clusterItem(item, key) }));
      const cluster = printed(engine.cluster(items.map((each) => each.item)));
      const [only] = items;
      // Nothing to print (MLA without author and page): pandoc prints nothing either.
      html = !cluster ? '' : items.length === 1 && only ? link(only.key, cluster) : linkItems(cluster, items);
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
