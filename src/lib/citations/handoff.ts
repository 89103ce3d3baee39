/**
 * What the citation plugin hands to pages, in one typed shape. Both adapters (remark and Sätteri)
 * write it with `writePageCitations` onto the file's frontmatter data, which Astro passes to pages
 * as `remarkPluginFrontmatter`; pages read it back with `readPageCitations`, never by hand.
 */
import type { CitationKey } from '../keys.ts';

/** The name of the MDX element that marks where a page's reference list goes. */
export const referenceListMarker = 'References';

export interface PageCitations {
  /** Cited keys (aliases resolved) in order of first citation, then the `nocite` keys. */
  readonly keys: readonly CitationKey[];
  /** The keys cited in the text (no `nocite`), for "Cited on". */
  readonly cited: readonly CitationKey[];
  /** True when the body places its reference list itself with `<References />`. */
  readonly referencesPlaced: boolean;
}

/** The one frontmatter field the plugin writes. */
const field = 'evidenceAtlasCitations';

export function writePageCitations(frontmatter: Record<string, unknown>, citations: PageCitations): void {
  frontmatter[field] = {
    keys: [...citations.keys],
    cited: [...citations.cited],
    referencesPlaced: citations.referencesPlaced,
  };
}

const keyList = (value: unknown): CitationKey[] =>
  Array.isArray(value) ? value.filter((each): each is CitationKey => typeof each === 'string') : [];

/** The citations of a rendered entry; none when the plugin did not run on it. */
export function readPageCitations(frontmatter: Record<string, unknown> | undefined): PageCitations {
  const data = frontmatter?.[field] as Partial<Record<keyof PageCitations, unknown>> | undefined;
  return { keys: keyList(data?.keys), cited: keyList(data?.cited), referencesPlaced: data?.referencesPlaced === true };
}

/** The frontmatter's `nocite` keys, whatever shape the YAML gave them. */
export function nociteOf(frontmatter: unknown): string[] {
  const nocite = (frontmatter as { nocite?: unknown } | undefined)?.nocite;
  return Array.isArray(nocite) ? nocite.map(String) : [];
}
