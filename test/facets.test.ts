/**
 * The facet table (src/lib/facets.ts): which values a study has under each facet, and the options
 * a filter offers, counted, labelled and ordered the way readers see them.
 */
import { describe, expect, it } from 'vitest';
import {
  facetAttribute,
  facetNames,
  facetOptions,
  facets,
  facetsOf,
  nBand,
  topicFacetOf,
  type Facet,
  type FacetItem,
  type StudyFacts,
} from '../src/lib/facets.ts';
import { topicKinds } from '../src/lib/vocabulary.ts';

const sample: StudyFacts = {
  design: 'rct',
  certainty: 'moderate',
  year: 2024,
  n: { value: 104, unit: 'participants' },
  topics: [
    { slug: 'ptsd', kind: 'condition' },
    { slug: 'psilocybin', kind: 'substance' },
    { slug: 'mdma', kind: 'substance' },
    { slug: 'integration', kind: 'theme' },
    { slug: 'qualitative-methods', kind: 'method' },
  ],
};

const facet = (name: string): Facet => {
  const found = facets.find((each) => each.name === name);
  if (!found) throw new Error(`no facet ${name}`);
  return found;
};

const titles: Record<string, string> = {
  ptsd: 'PTSD',
  'alcohol-use-disorder': 'Alcohol use disorder',
  depression: 'Depression',
  integration: 'Integration',
  'qualitative-methods': 'Qualitative methods',
  'set-and-setting': 'Set and setting',
  psilocybin: 'Psilocybin',
  mdma: 'MDMA',
};
const title = (slug: string) => titles[slug] ?? slug;

const study = (facts: Partial<StudyFacts>): FacetItem => ({ kind: 'study', study: { ...sample, ...facts } });

describe('facets', () => {
  it('are, in display order, the filters of the search page and the study table', () => {
    expect(facetNames).toEqual(['kind', 'design', 'topic', 'condition', 'substance', 'certainty', 'year', 'n']);
    expect(facets.map((each) => each.label)).toEqual([
      'Kind of page',
      'Design',
      'Topic',
      'Condition',
      'Substance',
      'Certainty',
      'Year',
      'Participants (N)',
    ]);
  });

  it('all filter the search page; all but the kind of page filter the study table', () => {
    expect(facetsOf('search').map((each) => each.name)).toEqual(facetNames);
    expect(facetsOf('studies').map((each) => each.name)).toEqual([
      'design',
      'topic',
      'condition',
      'substance',
      'certainty',
      'year',
      'n',
    ]);
  });

  it.each<[string, string[]]>([
    ['kind', ['study']],
    ['design', ['rct']],
    ['topic', ['integration', 'qualitative-methods']],
    ['condition', ['ptsd']],
    ['substance', ['psilocybin', 'mdma']],
    ['certainty', ['moderate']],
    ['year', ['2024']],
    ['n', ['50-199']],
  ])('give the sample study its %s', (name, values) => {
    expect(facet(name).values({ kind: 'study', study: sample })).toEqual(values);
  });

  it('give a topic or a page only its kind', () => {
    for (const kind of ['topic', 'page'] as const) {
      expect(facets.map((each) => each.values({ kind }))).toEqual([[kind], [], [], [], [], [], [], []]);
    }
  });

  it('leave out a year or N the study does not have, and N counted in studies', () => {
    expect(facet('year').values(study({ year: undefined }))).toEqual([]);
    expect(facet('n').values(study({ n: undefined }))).toEqual([]);
    expect(facet('n').values(study({ n: { value: 12, unit: 'studies' } }))).toEqual([]);
  });
});

describe('topicFacetOf', () => {
  it('sends conditions and substances to their own facet, themes and methods to topics', () => {
    expect(topicFacetOf).toEqual({ theme: 'topic', method: 'topic', condition: 'condition', substance: 'substance' });
    expect(Object.keys(topicFacetOf).sort()).toEqual([...topicKinds].sort());
  });

  it('puts each topic of a study under exactly one facet', () => {
    const item: FacetItem = { kind: 'study', study: sample };
    const placed = ['topic', 'condition', 'substance'].flatMap((name) => facet(name).values(item));
    expect(placed.sort()).toEqual(sample.topics.map((topic) => topic.slug).sort());
  });
});

describe('nBand', () => {
  it.each<[number, string]>([
    [0, 'under-50'],
    [1, 'under-50'],
    [49, 'under-50'],
    [50, '50-199'],
    [199, '50-199'],
    [200, '200-plus'],
    [12_000, '200-plus'],
  ])('puts N = %i in %s', (n, band) => {
    expect(nBand(n)).toBe(band);
  });
});

describe('facetOptions', () => {
  const items: FacetItem[] = [
    study({
      design: 'meta-analysis',
      certainty: 'low',
      year: 2019,
      n: { value: 12, unit: 'studies' },
      topics: [{ slug: 'depression', kind: 'condition' }],
    }),
    study({
      design: 'rct',
      year: 2024,
      n: { value: 30, unit: 'participants' },
      topics: [
        { slug: 'set-and-setting', kind: 'theme' },
        { slug: 'alcohol-use-disorder', kind: 'condition' },
      ],
    }),
    study({ design: 'cohort', year: 999, n: { value: 250, unit: 'participants' } }),
    study({ design: 'rct', certainty: 'high', year: 2021 }),
    // The same topic twice in one study counts once.
    study({
      design: 'qualitative',
      certainty: 'not-graded',
      year: undefined,
      n: undefined,
      topics: [
        { slug: 'integration', kind: 'theme' },
        { slug: 'integration', kind: 'theme' },
      ],
    }),
    { kind: 'topic' },
    { kind: 'topic' },
    { kind: 'page' },
  ];

  it.each<[string, [value: string, label: string, total: number][]]>([
    [
      'kind',
      [
        ['study', 'Study summary', 5],
        ['topic', 'Topic', 2],
        ['page', 'Page', 1],
      ],
    ],
    [
      // In the order of the vocabulary, not by count or label.
      'design',
      [
        ['rct', 'Randomised controlled trial', 2],
        ['cohort', 'Cohort study', 1],
        ['qualitative', 'Qualitative study', 1],
        ['meta-analysis', 'Meta-analysis', 1],
      ],
    ],
    [
      // By label, whatever the slug.
      'topic',
      [
        ['integration', 'Integration', 3],
        ['qualitative-methods', 'Qualitative methods', 2],
        ['set-and-setting', 'Set and setting', 1],
      ],
    ],
    [
      'condition',
      [
        ['alcohol-use-disorder', 'Alcohol use disorder', 1],
        ['depression', 'Depression', 1],
        ['ptsd', 'PTSD', 2],
      ],
    ],
    [
      'substance',
      [
        ['mdma', 'MDMA', 2],
        ['psilocybin', 'Psilocybin', 2],
      ],
    ],
    [
      'certainty',
      [
        ['high', 'High', 1],
        ['moderate', 'Moderate', 2],
        ['low', 'Low', 1],
        ['not-graded', 'Not graded', 1],
      ],
    ],
    [
      // Newest first, compared as numbers.
      'year',
      [
        ['2024', '2024', 1],
        ['2021', '2021', 1],
        ['2019', '2019', 1],
        ['999', '999', 1],
      ],
    ],
    [
      'n',
      [
        ['under-50', 'Under 50', 1],
        ['50-199', '50–199', 1],
        ['200-plus', '200 and over', 1],
      ],
    ],
  ])('lists the options of %s', (name, expected) => {
    expect(facetOptions(facet(name), items, title)).toEqual(
      expected.map(([value, label, total]) => ({ value, label, total })),
    );
  });

  it('offers no options when no item has a value', () => {
    expect(facetOptions(facet('year'), [{ kind: 'page' }], title)).toEqual([]);
    expect(facetOptions(facet('design'), [], title)).toEqual([]);
  });
});

describe('facetAttribute', () => {
  it('is the data attribute of a facet on a row of the study table', () => {
    expect(facetAttribute('design')).toBe('data-facet-design');
    expect(facetNames.map(facetAttribute)).toEqual(facetNames.map((name) => `data-facet-${name}`));
  });
});
