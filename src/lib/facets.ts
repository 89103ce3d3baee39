/**
 * The facets readers filter by, defined once: their URL name (also Pagefind's filter name), label,
 * the values an item has, how options are labelled and ordered, and which pages offer them. The
 * search index's filters, the options of /search/ and /studies/, the data on the rows of the
 * study table and the browser scripts that filter all come from this table. Browser-safe.
 */
import {
  certainties,
  certaintyLabels,
  designLabels,
  designs,
  type Certainty,
  type Design,
  type TopicKind,
} from './vocabulary.ts';

/** What a facet can read of a study: plain data, the same in the build and in the browser. */
export interface StudyFacts {
  readonly design: Design;
  readonly certainty: Certainty;
  readonly year: number | undefined;
  /** The headline sample size (labels.ts `headlineSample`). */
  readonly n: { readonly value: number; readonly unit: 'participants' | 'studies' } | undefined;
  /** Every topic of the study, substances included, with its kind. */
  readonly topics: readonly { readonly slug: string; readonly kind: TopicKind }[];
}

export const pageKinds = ['study', 'topic', 'page'] as const;
export type PageKind = (typeof pageKinds)[number];
export const pageKindLabels: Record<PageKind, string> = { study: 'Study summary', topic: 'Topic', page: 'Page' };

/** A page of the site as the facets see it; only summaries carry study facts. */
export interface FacetItem {
  readonly kind: PageKind;
  readonly study?: StudyFacts;
}

/** The bands of participants (N), as URL-safe values. */
export const nBands = [
  { value: 'under-50', label: 'Under 50', test: (n: number) => n < 50 },
  { value: '50-199', label: '50–199', test: (n: number) => n >= 50 && n < 200 },
  { value: '200-plus', label: '200 and over', test: (n: number) => n >= 200 },
] as const;

export function nBand(n: number): (typeof nBands)[number]['value'] {
  return (nBands.find((band) => band.test(n)) ?? nBands[0]).value;
}

/** Where a facet filters: the search page, the table of all studies. */
export type FacetPage = 'search' | 'studies';

export interface Facet {
  /** The URL parameter and the search index's filter name. */
  readonly name: string;
  readonly label: string;
  readonly pages: readonly FacetPage[];
  /** The values of an item (none: the facet does not apply to it). */
  values(item: FacetItem): readonly string[];
  /** What readers see for a value; `title` names a topic by its slug. */
  optionLabel(value: string, title: (slug: string) => string): string;
  /** The order options are listed in. */
  order: 'fixed' | 'label' | 'descending';
  /** For a fixed order, the values in that order. */
  readonly fixed?: readonly string[];
}

const studyValues =
  (read: (study: StudyFacts) => readonly (string | undefined)[]) =>
  (item: FacetItem): readonly string[] =>
    item.study ? read(item.study).filter((value): value is string => value !== undefined) : [];

/** Which facet filters by a topic of each kind: conditions and substances have their own. */
export const topicFacetOf: Record<TopicKind, 'topic' | 'condition' | 'substance'> = {
  theme: 'topic',
  method: 'topic',
  condition: 'condition',
  substance: 'substance',
};

const topicsOf = (name: 'topic' | 'condition' | 'substance') =>
  studyValues((study) => study.topics.filter((topic) => topicFacetOf[topic.kind] === name).map((topic) => topic.slug));

export const facets: readonly Facet[] = [
  {
    name: 'kind',
    label: 'Kind of page',
    pages: ['search'],
    values: (item) => [item.kind],
    optionLabel: (value) => pageKindLabels[value as PageKind] ?? value,
    order: 'fixed',
    fixed: pageKinds,
  },
  {
    name: 'design',
    label: 'Design',
    pages: ['search', 'studies'],
    values: studyValues((study) => [study.design]),
    optionLabel: (value) => designLabels[value as Design] ?? value,
    order: 'fixed',
    fixed: designs,
  },
  {
    name: 'topic',
    label: 'Topic',
    pages: ['search', 'studies'],
    values: topicsOf('topic'),
    optionLabel: (value, title) => title(value),
    order: 'label',
  },
  {
    name: 'condition',
    label: 'Condition',
    pages: ['search', 'studies'],
    values: topicsOf('condition'),
    optionLabel: (value, title) => title(value),
    order: 'label',
  },
  {
    name: 'substance',
    label: 'Substance',
    pages: ['search', 'studies'],
    values: topicsOf('substance'),
    optionLabel: (value, title) => title(value),
    order: 'label',
  },
  {
    name: 'certainty',
    label: 'Certainty',
    pages: ['search', 'studies'],
    values: studyValues((study) => [study.certainty]),
    optionLabel: (value) => certaintyLabels[value as Certainty] ?? value,
    order: 'fixed',
    fixed: certainties,
  },
  {
    name: 'year',
    label: 'Year',
    pages: ['search', 'studies'],
    values: studyValues((study) => [study.year === undefined ? undefined : String(study.year)]),
    optionLabel: (value) => value,
    order: 'descending',
  },
  {
    name: 'n',
    label: 'Participants (N)',
    pages: ['search', 'studies'],
    values: studyValues((study) => [study.n?.unit === 'participants' ? nBand(study.n.value) : undefined]),
    optionLabel: (value) => nBands.find((band) => band.value === value)?.label ?? value,
    order: 'fixed',
    fixed: nBands.map((band) => band.value),
  },
];

export const facetNames: readonly string[] = facets.map((facet) => facet.name);

/** The facets a page offers, in display order. */
export const facetsOf = (page: FacetPage): readonly Facet[] => facets.filter((facet) => facet.pages.includes(page));

export interface FacetOption {
  readonly value: string;
  readonly label: string;
  /** How many items have this value. */
  readonly total: number;
}

/** A facet's options over `items`: every value some item has, counted, labelled and ordered. */
export function facetOptions(
  facet: Facet,
  items: readonly FacetItem[],
  title: (slug: string) => string,
): FacetOption[] {
  const totals = new Map<string, number>();
  for (const item of items)
    for (const value of new Set(facet.values(item))) totals.set(value, (totals.get(value) ?? 0) + 1);
  const options = [...totals].map(([value, total]) => ({ value, total, label: facet.optionLabel(value, title) }));
  switch (facet.order) {
    case 'fixed': {
      const order = facet.fixed ?? [];
      return options.sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value));
    }
    case 'label':
      return options.sort((a, b) => a.label.localeCompare(b.label, 'en'));
    case 'descending':
      return options.sort((a, b) => b.value.localeCompare(a.value, 'en', { numeric: true }));
  }
}

/** The data attribute that holds a facet's values on a row of the study table. */
export const facetAttribute = (name: string) => `data-facet-${name}`;
