/**
 * The site's data, joined once per build: each summary with its reference and topics, each topic
 * with its studies. Pages import `loadAtlas()` instead of querying collections themselves.
 */
import { getCollection, render, type CollectionEntry } from 'astro:content';
import site from 'virtual:evidence-atlas/config';
import { readPageCitations, type PageCitations } from '../lib/citations/handoff.ts';
import type { FacetItem, StudyFacts } from '../lib/facets.ts';
import { relatedFinder, type StudyTags } from '../lib/graph.ts';
import { authorYearLabel, headlineSample, issuedYear } from '../lib/labels.ts';
import { partOf, referenceParts, yearParts, type Part } from '../lib/paging.ts';
import type { StudyFilters } from '../lib/routes.ts';
import { writeSearchState } from '../lib/search.ts';
import { anchors, link } from './links.ts';

export type ReferenceData = CollectionEntry<'references'>['data'];

export interface StudyView {
  readonly entry: CollectionEntry<'studies'>;
  readonly key: string;
  readonly reference: ReferenceData;
  /** "Rieser et al. (2025)". */
  readonly label: string;
  /** What was studied, in a few words (the summary's `shortTitle`, else the paper's title). */
  readonly name: string;
  /** The paper's title. */
  readonly title: string;
  readonly year: number | undefined;
  readonly topics: readonly CollectionEntry<'topics'>[];
  readonly substances: readonly CollectionEntry<'topics'>[];
  /** What facets read of the study (src/lib/facets.ts). */
  readonly facts: StudyFacts;
  readonly url: string;
}

export interface TopicView {
  readonly entry: CollectionEntry<'topics'>;
  readonly slug: string;
  readonly studies: readonly StudyView[];
  readonly related: readonly CollectionEntry<'topics'>[];
  readonly url: string;
}

/** A page whose body cites a study, and the address of its first citation there. */
export interface CitingPage {
  readonly title: string;
  readonly kind: 'study' | 'topic' | 'page';
  readonly url: string;
}

export interface Atlas {
  readonly studies: readonly StudyView[];
  readonly topics: readonly TopicView[];
  /** All references in the order of the site's bibliography. */
  readonly references: readonly ReferenceData[];
  readonly studyByKey: ReadonlyMap<string, StudyView>;
  /** Every reference the site publishes, by key. */
  readonly referenceByKey: ReadonlyMap<string, ReferenceData>;
  readonly topicBySlug: ReadonlyMap<string, TopicView>;
  /** Every page whose body cites a reference, by the reference's key. */
  readonly citedOn: ReadonlyMap<string, readonly CitingPage[]>;
  /** What a body cites, as the citation plugin recorded it while compiling it. */
  citationsOf(entry: CollectionEntry<'studies' | 'topics' | 'pages'>): PageCitations;
  /** Every page the search index holds, as the facets see it. */
  readonly facetItems: readonly FacetItem[];
  /** The full bibliography's pages: one, or parts by name when it is long (src/lib/paging.ts). */
  readonly referenceParts: readonly Part<ReferenceData>[];
  /** The study list's pages: one, or parts by year when it is long. */
  readonly studyParts: readonly Part<StudyView>[];
  /** A reference's entry in the full bibliography, on its part. */
  referenceLink(key: string): string;
  /** The studies with these facet values: the filtered list, or search when the list is split by year. */
  studiesLink(filters: StudyFilters): string;
  /** The studies that share most topics with `study` (src/lib/graph.ts), at most six. */
  relatedTo(study: StudyView): readonly StudyView[];
}

/** What related studies are found by: conditions, other topics, substances. */
function studyTags(view: StudyView): StudyTags {
  return {
    key: view.key,
    year: view.year,
    conditions: view.topics.filter((topic) => topic.data.kind === 'condition').map((topic) => topic.id),
    themes: view.topics.filter((topic) => topic.data.kind !== 'condition').map((topic) => topic.id),
    substances: view.substances.map((topic) => topic.id),
  };
}

/** Where a reference sits in the full bibliography: its position in the list style's order. */
function bibliographyOrder(reference: ReferenceData): number {
  return reference.formatted[site.listStyle.name]?.order ?? Number.MAX_SAFE_INTEGER;
}

/** Study-list filters as the search page reads them: one value each, and only studies. */
function searchFilters(filters: StudyFilters): Record<string, string[]> {
  const chosen: Record<string, string[]> = { kind: ['study'] };
  for (const [name, value] of Object.entries(filters)) if (value) chosen[name] = [value];
  return chosen;
}

const byYearThenLabel = (a: StudyView, b: StudyView) => (b.year ?? 0) - (a.year ?? 0) || a.label.localeCompare(b.label);

async function buildAtlas(): Promise<Atlas> {
  const [referenceEntries, studyEntries, topicEntries, pageEntries] = await Promise.all([
    getCollection('references'),
    getCollection('studies'),
    getCollection('topics'),
    getCollection('pages'),
  ]);
  const referenceByKey = new Map(referenceEntries.map((entry) => [entry.id, entry.data]));
  const topicEntryBySlug = new Map(topicEntries.map((entry) => [entry.id, entry]));
  // The content check has already failed the build on any unknown key or topic.
  const topicsOf = (slugs: readonly string[]) =>
    slugs.map((slug) => topicEntryBySlug.get(slug)).filter((topic) => topic !== undefined);

  const studies = studyEntries
    .flatMap((entry): StudyView[] => {
      const reference = referenceByKey.get(entry.data.citekey);
      if (!reference) return [];
      const topics = topicsOf(entry.data.topics);
      const substances = topicsOf(entry.data.substances);
      const year = issuedYear(reference.csl);
      return [
        {
          entry,
          key: entry.id,
          reference,
          label: authorYearLabel(reference.csl, reference.authorListIncomplete),
          title: reference.csl.title ?? entry.id,
          name: entry.data.shortTitle ?? reference.csl.title ?? entry.id,
          year,
          topics,
          substances,
          facts: {
            design: entry.data.design,
            certainty: entry.data.certainty,
            year,
            n: headlineSample(entry.data.n),
            topics: [...topics, ...substances].map((topic) => ({ slug: topic.id, kind: topic.data.kind })),
          },
          url: link.study(entry.id),
        },
      ];
    })
    .sort(byYearThenLabel);

  const topics = topicEntries
    .map((entry): TopicView => ({
      entry,
      slug: entry.id,
      studies: studies.filter(
        (study) => study.entry.data.topics.includes(entry.id) || study.entry.data.substances.includes(entry.id),
      ),
      related: topicsOf(entry.data.related),
      url: link.topic(entry.id),
    }))
    .sort((a, b) => a.entry.data.title.localeCompare(b.entry.data.title));

  // What each body cites, as the citation plugin recorded it while compiling the page.
  const citedOn = new Map<string, CitingPage[]>();
  const bodyCitations = new Map<string, PageCitations>();
  const bodyId = (entry: CollectionEntry<'studies' | 'topics' | 'pages'>) => `${entry.collection}/${entry.id}`;
  const bodies: {
    entry: CollectionEntry<'studies' | 'topics' | 'pages'>;
    title: string;
    kind: CitingPage['kind'];
    path: string;
  }[] = [
    ...studies.map((study) => ({
      entry: study.entry,
      title: `${study.name} (${study.label})`,
      kind: 'study' as const,
      path: study.url,
    })),
    ...topicEntries.map((entry) => ({
      entry,
      title: entry.data.title,
      kind: 'topic' as const,
      path: link.topic(entry.id),
    })),
    ...pageEntries.map((entry) => ({
      entry,
      title: entry.data.title,
      kind: 'page' as const,
      path: link.page(entry.id),
    })),
  ];
  for (const { entry, title, kind, path } of bodies) {
    const { remarkPluginFrontmatter } = await render(entry);
    const citations = readPageCitations(remarkPluginFrontmatter);
    bodyCitations.set(bodyId(entry), citations);
    for (const key of citations.cited) {
      const list = citedOn.get(key) ?? [];
      list.push({ title, kind, url: `${path}#${anchors.citation(key)}` });
      citedOn.set(key, list);
    }
  }

  const inBibliographyOrder = (a: ReferenceData, b: ReferenceData) => bibliographyOrder(a) - bibliographyOrder(b);
  const references = [...referenceByKey.values()].sort(inBibliographyOrder);
  const parts = referenceParts(references, site.listPageSize);
  const referencePart = partOf(parts, (reference) => reference.key);
  const studyParts = yearParts(studies, site.listPageSize);

  const tagged = studies.map((view) => ({ ...studyTags(view), view }));
  const related = relatedFinder(tagged);
  const taggedByKey = new Map(tagged.map((each) => [each.key, each]));
  const relatedByKey = new Map<string, readonly StudyView[]>();
  return {
    studies,
    topics,
    citedOn,
    citationsOf: (entry) => {
      const citations = bodyCitations.get(bodyId(entry));
      if (!citations) throw new Error(`${bodyId(entry)} is not a body of the atlas`);
      return citations;
    },
    facetItems: [
      ...studies.map((study) => ({ kind: 'study' as const, study: study.facts })),
      ...topicEntries.map(() => ({ kind: 'topic' as const })),
      ...pageEntries.map(() => ({ kind: 'page' as const })),
    ],
    references,
    studyByKey: new Map(studies.map((study) => [study.key, study])),
    referenceByKey,
    topicBySlug: new Map(topics.map((topic) => [topic.slug, topic])),
    referenceParts: parts.map((part) => ({ ...part, items: [...part.items].sort(inBibliographyOrder) })),
    studyParts,
    referenceLink: (key) => link.referenceEntry(key, referencePart.get(key) ?? ''),
    studiesLink: (filters) =>
      studyParts.length > 1
        ? link.search(writeSearchState({ q: '', sort: 'relevance', filters: searchFilters(filters) }))
        : link.studies(filters),
    relatedTo: (study) => {
      // Asked twice per study page: for its key and for its links.
      let found = relatedByKey.get(study.key);
      if (!found) {
        found = related(taggedByKey.get(study.key) ?? studyTags(study)).map((each) => each.view);
        relatedByKey.set(study.key, found);
      }
      return found;
    },
  };
}

let atlas: Promise<Atlas> | undefined;

/** The joined data, built on first use and shared by every page of the build. */
export function loadAtlas(): Promise<Atlas> {
  // In dev the content changes under a running server: rebuild on every request.
  if (import.meta.env.DEV) return buildAtlas();
  atlas ??= buildAtlas();
  return atlas;
}
