/**
 * What BaseLayout shows about where a page comes from: "Last updated" (the content file's last
 * commit, else its frontmatter date), "Edit this page" and "Report a problem" (when the site has a
 * repository, `ATLAS_REPOSITORY`). Study and topic pages pass `source={pageSource(entry)}` to
 * BaseLayout, with their `headings` for the table of contents (see BaseLayout's props).
 */
import { render, type CollectionEntry } from 'astro:content';
import site from 'virtual:evidence-atlas/config';
import { readPageCitations } from '../lib/citations/handoff.ts';
import { lastChange } from '../lib/git-history.ts';
import { editUrl, issueUrl } from '../lib/repository.ts';
import type { TocHeading } from '../lib/toc.ts';
import { loadContentFacts } from './content-facts.ts';
import { anchors } from './links.ts';

export type { TocHeading } from '../lib/toc.ts';

/** The content file a page is made from. */
export interface PageSource {
  /** Its path from the project root, as the collection gives it (`content/studies/rieser2025.mdx`). */
  readonly file: string;
  /** Its frontmatter's `updated` or `added` date: "Last updated" when Git has no history of it. */
  readonly updated?: Date | undefined;
}

/** The source of a study, topic or page entry (none for an entry without a file). */
export function pageSource(entry: CollectionEntry<'studies' | 'topics' | 'pages'>): PageSource | undefined {
  if (!entry.filePath) return undefined;
  const { data } = entry;
  const updated = 'added' in data ? (data.updated ?? data.added) : undefined;
  return { file: entry.filePath, updated };
}

/** When the page last changed (YYYY-MM-DD): its file's last commit, else its frontmatter date. */
export async function lastUpdated(source: PageSource): Promise<string | undefined> {
  const { lastCommitDates } = await loadContentFacts();
  return lastChange(lastCommitDates, source.file, source.updated);
}

/** Where the page's file is edited, when the site has a repository and the file is in it. */
export function editLink(source: PageSource): string | undefined {
  if (!site.repository || source.file.startsWith('..') || source.file.startsWith('/')) return undefined;
  return editUrl(site.repository, `${site.repositoryPrefix}${source.file}`, site.cms.branch);
}

/** A new issue about the page at `url`, when the site has a repository. */
export function reportLink(title: string, url: string): string | undefined {
  return site.repository ? issueUrl(site.repository, { title, url }) : undefined;
}

/**
 * The headings of an entry's body, for the table of contents: its own, then its reference list's
 * (`Body` adds the list after the body unless the body placed it). A page puts its own sections
 * around these in the order it shows them.
 */
export async function bodyHeadings(
  entry: CollectionEntry<'studies' | 'topics' | 'pages'>,
  referencesHeading = 'References',
): Promise<TocHeading[]> {
  const { headings, remarkPluginFrontmatter } = await render(entry);
  const citations = readPageCitations(remarkPluginFrontmatter);
  const list =
    citations.keys.length > 0 && !citations.referencesPlaced
      ? [{ depth: 2, slug: anchors.referencesHeading(), text: referencesHeading }]
      : [];
  return [...headings, ...list];
}
