/**
 * Rendering of search results, shared by the header box and the search page: each field in its
 * own element (title, facts joined by " · ", summary, topics, excerpt), so none runs into the
 * next. Text from the index goes in as text; only Pagefind's excerpt, which it escapes and marks
 * up with <mark>, goes in as HTML.
 */
import type { PagefindResultData } from './pagefind.ts';

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Keep only <mark> from an excerpt: Pagefind escapes the text, this guards against the rest. */
function safeExcerpt(html: string): string {
  return html.replace(/<(?!\/?mark>)[^>]*>/g, '');
}

export interface RenderOptions {
  /** Show the full summary (search page) or only the excerpt (header box). */
  readonly full: boolean;
}

export function renderResult(data: PagefindResultData, { full }: RenderOptions): HTMLLIElement {
  const item = element('li', 'search-result');
  const link = element('a', 'search-result-link');
  link.href = data.url;
  const { meta } = data;
  const kind = meta['kind'] ?? 'page';
  link.append(
    element(
      'span',
      'search-result-title',
      // A study leads with what was studied (its h1), then its authors and year.
      meta['label'] && kind === 'study' ? `${meta['title'] ?? ''} — ${meta['label']}` : (meta['title'] ?? data.url),
    ),
  );
  item.append(link);
  const facts =
    kind === 'study'
      ? [
          meta['design'],
          meta['year'],
          meta['n'] ? (meta['n'].includes('studies') ? meta['n'] : `N = ${meta['n']}`) : undefined,
        ]
      : [kind === 'topic' ? 'Topic' : 'Page'];
  item.append(element('p', 'search-result-facts', facts.filter(Boolean).join(' · ')));
  if (full && meta['summary']) item.append(element('p', 'search-result-summary', meta['summary']));
  if (full && meta['topics']) item.append(element('p', 'search-result-topics', `Topics: ${meta['topics']}`));
  // The excerpt is a window on the page's text: marked as one, apart from the fields above it.
  const excerpt = element('p', 'search-result-excerpt');
  excerpt.innerHTML = safeExcerpt(data.excerpt);
  if (excerpt.textContent?.trim()) {
    excerpt.prepend('… ');
    excerpt.append(' …');
    item.append(excerpt);
  }
  return item;
}
