import { describe, expect, it } from 'vitest';
import { dataDigest } from '../src/lib/digest.ts';

describe('dataDigest, the digest of plain data that page keys are made of', () => {
  it('is the same for the same data, whatever order its objects were built in', () => {
    expect(dataDigest({ a: 1, b: { c: [1, 2], d: 'x' } })).toBe(dataDigest({ b: { d: 'x', c: [1, 2] }, a: 1 }));
  });

  it('changes with any value, however deep', () => {
    const base = { study: { data: { added: new Date('2026-01-02'), n: [{ value: 12 }] } } };
    const digest = dataDigest(base);
    expect(dataDigest({ study: { data: { added: new Date('2026-01-03'), n: [{ value: 12 }] } } })).not.toBe(digest);
    expect(dataDigest({ study: { data: { added: new Date('2026-01-02'), n: [{ value: 13 }] } } })).not.toBe(digest);
    expect(dataDigest({ study: { data: { added: '2026-01-02', n: [{ value: 12 }] } } })).not.toBe(digest);
    expect(dataDigest([1, 2])).not.toBe(dataDigest([2, 1]));
    expect(dataDigest({ a: '1' })).not.toBe(dataDigest({ a: 1 }));
  });

  it('refuses what it cannot see into, naming where it is', () => {
    expect(() => dataDigest({ related: [{ tags: new Map([['a', 1]]) }] })).toThrow(
      'value.related[0].tags is a Map: a digest reads plain data only',
    );
    expect(() => dataDigest({ link: () => '/' })).toThrow('value.link is a function');
    expect(() => dataDigest({ keys: new Set(['a']) })).toThrow('value.keys is a Set');
  });
});
