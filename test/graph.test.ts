import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { relatedFinder, type StudyTags } from '../src/lib/graph.ts';
import { registryLink } from '../src/lib/registry.ts';

const study = (key: string, year: number, conditions: string[], themes: string[], substances: string[]): StudyTags => ({
  key,
  year,
  conditions,
  themes,
  substances,
});

describe('relatedFinder', () => {
  const subject = study('a2020', 2020, ['aud'], ['integration', 'preparation'], ['psilocybin']);
  const others = [
    study('a2020', 2020, ['aud'], ['integration'], ['psilocybin']),
    study('theme2019', 2019, [], ['integration', 'preparation'], []),
    study('condition2018', 2018, ['aud'], [], []),
    study('substance2024', 2024, [], [], ['psilocybin']),
    study('unrelated2025', 2025, ['ptsd'], ['emdr'], ['mdma']),
    study('both2017', 2017, ['aud'], ['integration'], ['psilocybin']),
    study('newer2021', 2021, [], ['integration', 'preparation'], []),
  ];

  it('ranks by shared conditions (3), substances (2) and themes (1), newer first on ties, without itself', () => {
    expect(relatedFinder(others)(subject).map((each) => each.key)).toEqual([
      'both2017',
      'condition2018',
      'substance2024',
      'newer2021',
      'theme2019',
    ]);
  });

  it('keeps at most the limit, and nothing that shares nothing', () => {
    expect(relatedFinder(others)(subject, 2).map((each) => each.key)).toEqual(['both2017', 'condition2018']);
    expect(relatedFinder(others)(study('x', 2020, ['none'], [], []))).toEqual([]);
  });

  it('gives what scoring and sorting every study gives, for any set of studies', () => {
    const weight = { conditions: 3, substances: 2, themes: 1 } as const;
    const everyStudy = (all: readonly StudyTags[], subject: StudyTags, limit: number) =>
      all
        .filter((other) => other.key !== subject.key)
        .map((other) => {
          let score = 0;
          for (const kind of ['conditions', 'substances', 'themes'] as const) {
            const mine = new Set(subject[kind]);
            for (const slug of new Set(other[kind])) if (mine.has(slug)) score += weight[kind];
          }
          return { other, score };
        })
        .filter(({ score }) => score > 0)
        .sort(
          (a, b) =>
            b.score - a.score || (b.other.year ?? 0) - (a.other.year ?? 0) || a.other.key.localeCompare(b.other.key),
        )
        .slice(0, limit)
        .map(({ other }) => other.key);
    const tags = fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 3 });
    const studies = fc.uniqueArray(
      fc.record({
        key: fc.stringMatching(/^[A-Za-z][a-z0-9_-]{0,5}$/),
        year: fc.option(fc.integer({ min: 2018, max: 2021 }), { nil: undefined }),
        conditions: tags,
        themes: tags,
        substances: tags,
      }),
      { selector: (each) => each.key.toLowerCase(), maxLength: 30 },
    );
    fc.assert(
      fc.property(studies, fc.nat({ max: 8 }), fc.nat(), (all, limit, pick) => {
        const subject = all[pick % Math.max(1, all.length)] ?? study('x', 2020, ['a'], ['b'], ['c']);
        const find = relatedFinder(all);
        expect(find(subject, limit).map((each) => each.key)).toEqual(everyStudy(all, subject, limit));
        // Asking again gives the same: nothing of one question stays for the next.
        expect(find(subject, limit).map((each) => each.key)).toEqual(everyStudy(all, subject, limit));
      }),
    );
  });
});

describe('registryLink', () => {
  it.each([
    ['NCT04141501', 'ClinicalTrials.gov', 'https://clinicaltrials.gov/study/NCT04141501'],
    ['ISRCTN12345678', 'ISRCTN', 'https://www.isrctn.com/ISRCTN12345678'],
    [
      'EudraCT 2017-003288-36',
      'EU Clinical Trials Register',
      'https://www.clinicaltrialsregister.eu/ctr-search/search?query=2017-003288-36',
    ],
    [
      'ACTRN12619000123456',
      'ANZCTR',
      'https://www.anzctr.org.au/Trial/Registration/TrialReview.aspx?ACTRN=12619000123456',
    ],
    ['DRKS00012345', 'German Clinical Trials Register', 'https://drks.de/search/en/trial/DRKS00012345'],
    ['CRD42020123456', 'PROSPERO', 'https://www.crd.york.ac.uk/prospero/display_record.php?RecordID=42020123456'],
  ])('links %s to %s', (id, registry, url) => {
    expect(registryLink(id)).toEqual({ id, registry, url });
  });

  it('refuses what is not a registry ID', () => {
    expect(registryLink('NCT123')).toBeUndefined();
    expect(registryLink('javascript:alert(1)')).toBeUndefined();
  });
});
