/**
 * Which references the site uses: those with a summary, and those its bodies cite or list in
 * `nocite`. A whole reference-manager library may hold thousands of entries of which a few are
 * used; only the used ones are formatted, listed and published. This is a quick scan of the raw
 * text (pandoc's citation grammar, no MDX parse), so it can run before the content check: a key
 * inside a code span counts as used, which only formats one reference too many.
 */
import { resolveReference, type Bibliography } from '../bibliography.ts';
import { protectBracedKeys } from '../citations/braces.ts';
import { nociteOf } from '../citations/handoff.ts';
import { parseCitations } from '../citations/syntax.ts';
import type { CitationKey } from '../keys.ts';
import type { ContentFiles } from './collections.ts';

export interface ReferenceUsage {
  /** Keys with a summary (file names in content/studies that name an entry). */
  readonly summarised: ReadonlySet<CitationKey>;
  /** Keys the site uses: summarised, cited or listed in `nocite` anywhere (aliases resolved). */
  readonly used: ReadonlySet<CitationKey>;
}

export function referenceUsage(content: ContentFiles, bibliography: Bibliography): ReferenceUsage {
  const summarised = new Set<CitationKey>();
  const used = new Set<CitationKey>();
  const use = (key: string) => {
    const reference = resolveReference(bibliography, key);
    if (reference) used.add(reference.key);
    return reference;
  };
  for (const file of content.files.studies) {
    const reference = bibliography.references.get(file.id as CitationKey);
    if (reference) summarised.add(reference.key);
  }
  for (const key of summarised) used.add(key);
  for (const file of [...content.files.studies, ...content.files.topics, ...content.files.pages]) {
    for (const citation of parseCitations(protectBracedKeys(file.frontmatter.body)))
      for (const item of citation.items) use(item.key);
    for (const key of nociteOf(file.frontmatter.data)) use(key);
  }
  return { summarised, used };
}
