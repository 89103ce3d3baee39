import { describe, expect, it } from 'vitest';
import { filingName, partOf, referenceParts, yearParts } from '../src/lib/paging.ts';

const reference = (key: string, family: string) => ({
  key,
  csl: { id: key, type: 'article' as const, author: [{ family }] },
});
const slugs = (parts: readonly { slug: string; items: readonly unknown[] }[]) =>
  parts.map((part) => `${part.slug}:${part.items.length}`);

describe('filingName', () => {
  it('files by the first author with particle, accents folded, else an organisation, editor or title', () => {
    expect(filingName({ author: [{ family: 'Müller', given: 'A.' }] })).toBe('muller');
    expect(filingName({ author: [{ family: 'Rotz', 'non-dropping-particle': 'von' }] })).toBe('von rotz');
    expect(filingName({ author: [{ literal: 'World Health Organization' }] })).toBe('world health organization');
    expect(filingName({ editor: [{ family: 'Ångström' }] })).toBe('angstrom');
    expect(filingName({ title: '"Set" and setting' })).toBe('set and setting');
  });
});

describe('referenceParts', () => {
  it('keeps a list that fits on one page', () => {
    const refs = [reference('b1', 'B'), reference('a1', 'A')];
    expect(referenceParts(refs, 2)).toEqual([{ slug: '', label: 'All', items: refs }]);
  });

  it('splits by first letter, a crowded letter by its second letter, and what is still too long by number', () => {
    const refs = [
      reference('a1', 'Adams'),
      reference('s1', 'Sander'),
      reference('s2', 'Sbarra'),
      reference('s3', 'Schmidt'),
      reference('s4', 'Schulz'),
      reference('s5', 'Schwarz'),
      reference('s6', 'Smith'),
      reference('x1', '1st Author'),
    ];
    const parts = referenceParts(refs, 2);
    expect(slugs(parts)).toEqual(['other:1', 'a:1', 'sa-sb:2', 'sc:2', 'sc-2:1', 'sm:1']);
    expect(parts.map((part) => part.label)).toEqual(['Other', 'A', 'Sa–Sb', 'Sc (1)', 'Sc (2)', 'Sm']);
    // Every reference is on exactly one part, and no part is over the size.
    expect(parts.flatMap((part) => part.items.map((item) => item.key)).sort()).toEqual(refs.map((r) => r.key).sort());
    expect(Math.max(...parts.map((part) => part.items.length))).toBeLessThanOrEqual(2);
  });

  it('gives a reference the same part whatever order the library comes in', () => {
    const refs = ['Ortiz', 'Oak', 'Olsen', 'Ng', 'Oh', 'Ode'].map((family, index) => reference(`k${index}`, family));
    const forward = partOf(referenceParts(refs, 2), (item) => item.key);
    const backward = partOf(referenceParts([...refs].reverse(), 2), (item) => item.key);
    expect(backward).toEqual(forward);
  });
});

describe('yearParts', () => {
  it('splits by year, newest first, undated last, a long year in numbered parts in the given order', () => {
    const studies = [
      { key: 'a', year: 2024 },
      { key: 'b', year: undefined },
      { key: 'c', year: 2020 },
      { key: 'd', year: 2024 },
      { key: 'e', year: 2024 },
    ];
    const parts = yearParts(studies, 2);
    expect(slugs(parts)).toEqual(['2024:2', '2024-2:1', '2020:1', 'undated:1']);
    expect(parts[0]?.items.map((study) => study.key)).toEqual(['a', 'd']);
    expect(parts.at(-1)?.label).toBe('Undated');
  });

  it('keeps a list that fits on one page', () => {
    expect(slugs(yearParts([{ year: 2024 }], 300))).toEqual([':1']);
  });
});
