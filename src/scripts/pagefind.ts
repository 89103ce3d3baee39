/**
 * Loads Pagefind's search script from the built index, once, when a reader starts to search.
 */
import { link } from '../data/links.ts';

export interface PagefindResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string | undefined>;
  filters: Record<string, string[]>;
}

export interface PagefindSearch {
  results: { id: string; data(): Promise<PagefindResultData> }[];
  unfilteredResultCount: number;
  filters: Record<string, Record<string, number>>;
  totalFilters: Record<string, Record<string, number>>;
}

export interface Pagefind {
  options(options: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(term: string | null, options?: Record<string, unknown>): Promise<PagefindSearch | null>;
  filters(): Promise<Record<string, Record<string, number>>>;
  preload(term: string): Promise<void>;
}

/** Said when the index cannot be loaded (in `npm run dev` before any build). */
export const missingIndexMessage =
  'Search is not available: there is no search index yet. Run `npm run build` (the development server then uses its index).';

let loading: Promise<Pagefind> | undefined;

export function loadPagefind(): Promise<Pagefind> {
  loading ??= (async () => {
    const url = `${link.pagefind()}pagefind.js`;
    const pagefind = (await import(/* @vite-ignore */ url)) as Pagefind;
    // Search on the page's own thread: the worker script would add 12 KB (gzip) to the first
    // query, and a search of this index takes milliseconds either way.
    await pagefind.options({ baseUrl: link.home(), excerptLength: 24, noWorker: true });
    await pagefind.init();
    return pagefind;
  })();
  loading.catch(() => {
    loading = undefined;
  });
  return loading;
}
