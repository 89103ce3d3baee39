/**
 * The benchmark's targets table (scripts/bench/targets.ts): each target of the performance issue
 * read from the saved results that can answer it, marked met, not met or not measured, with the
 * results it came from.
 */
import { describe, expect, it } from 'vitest';
import { evaluateTargets, type BenchResult, type BuildSummary, type Saved } from '../scripts/bench/targets.ts';

const build = (medianSeconds: number, peakMemoryMiB = 1500): BuildSummary => ({
  seconds: [medianSeconds],
  medianSeconds,
  cpuSeconds: [medianSeconds],
  peakMemoryMiB,
  phases: [],
});

function studies(
  file: string,
  studiesCount: number,
  caches: 'warm' | 'cold',
  fields: Partial<BenchResult> = {},
): Saved {
  return {
    file,
    result: {
      scenario: 'studies',
      commit: 'abc1234',
      date: '2026-11-30T12:00:00.000Z',
      studies: studiesCount,
      library: studiesCount,
      runs: 3,
      caches,
      full: build(20),
      ...fields,
    },
  };
}

const byId = (saved: Saved[]) => Object.fromEntries(evaluateTargets(saved).map((row) => [row.id, row]));

describe('the targets table', () => {
  it('lists every target, not measured when no result answers it', () => {
    const rows = evaluateTargets([]);
    expect(rows.map((row) => row.id)).toEqual([
      'warm-1000',
      'cold-1000',
      'scale-10000',
      'memory-10000',
      'library-time',
      'library-warnings',
      'pages-10000',
      'query-10000',
      'peer-1000',
    ]);
    expect(rows.every((row) => row.status === 'not measured' && row.measured === '–')).toBe(true);
  });

  it('marks the floor ratios at 1,000 by their paired medians', () => {
    const rows = byId([
      studies('results-1000-warm.json', 1000, 'warm', {
        floor: build(16),
        ratioToFloor: { ofMedians: 1.25, paired: 1.29 },
      }),
      studies('results-1000-cold.json', 1000, 'cold', {
        floor: build(15),
        ratioToFloor: { ofMedians: 1.6, paired: 1.7 },
      }),
    ]);
    expect(rows['warm-1000']).toMatchObject({ status: 'met', source: 'results-1000-warm.json (abc1234, 3 runs)' });
    expect(rows['warm-1000']?.measured).toBe('1.29× (full 20.0 s, floor 16.0 s)');
    expect(rows['cold-1000']).toMatchObject({ status: 'not met' });
  });

  it('takes the result with the most runs, and ignores results of other sizes', () => {
    const rows = byId([
      studies('results-1000-cold-peer.json', 1000, 'cold', {
        runs: 1,
        floor: build(10),
        ratioToFloor: { ofMedians: 2, paired: 2 },
      }),
      studies('results-1000-cold.json', 1000, 'cold', {
        floor: build(15),
        ratioToFloor: { ofMedians: 1.5, paired: 1.5 },
      }),
      studies('results-200-cold.json', 200, 'cold', { floor: build(15), ratioToFloor: { ofMedians: 9, paired: 9 } }),
    ]);
    expect(rows['cold-1000']).toMatchObject({ status: 'met', source: 'results-1000-cold.json (abc1234, 3 runs)' });
  });

  it('does not take a warm result with an edit between builds (--edit) for the warm target', () => {
    const rows = byId([
      studies('results-1000-warm-edit.json', 1000, 'warm', {
        runs: 5,
        edited: true,
        floor: build(16),
        ratioToFloor: { ofMedians: 1.1, paired: 1.1 },
      }),
      studies('results-1000-warm.json', 1000, 'warm', {
        floor: build(16),
        ratioToFloor: { ofMedians: 1.4, paired: 1.4 },
      }),
    ]);
    expect(rows['warm-1000']).toMatchObject({ status: 'not met', source: 'results-1000-warm.json (abc1234, 3 runs)' });
  });

  it('compares 10,000 studies cold with 1,000 cold, and reads memory, page size and query bytes at 10,000', () => {
    const rows = byId([
      studies('results-1000-cold.json', 1000, 'cold', { full: build(30) }),
      studies('results-10000-cold.json', 10000, 'cold', {
        runs: 1,
        full: build(300, 4200),
        largestPages: [{ path: '/references/index.html', bytes: 29_000_000 }],
        oneWordQuery: 'psilocybin',
        pagefindQueryBytes: { psilocybin: 140 * 1024, 'psilocybin craving': 200 * 1024 },
      }),
    ]);
    expect(rows['scale-10000']).toMatchObject({ status: 'met', measured: '10.00× (300.0 s / 30.0 s)' });
    expect(rows['scale-10000']?.source).toContain('results-10000-cold.json');
    expect(rows['scale-10000']?.source).toContain('results-1000-cold.json');
    expect(rows['memory-10000']).toMatchObject({ status: 'not met', measured: '4.10 GiB (cold)' });
    expect(rows['pages-10000']).toMatchObject({
      status: 'not met',
      measured: 'largest 29.00 MB (/references/index.html)',
    });
    expect(rows['query-10000']).toMatchObject({ status: 'met', measured: '140.0 KiB ("psilocybin")' });
  });

  it('does not answer the 10,000-study targets from a 1,000-study run', () => {
    const rows = byId([
      studies('results-1000-cold.json', 1000, 'cold', {
        largestPages: [{ path: '/references/index.html', bytes: 100 }],
        oneWordQuery: 'psilocybin',
        pagefindQueryBytes: { psilocybin: 1 },
      }),
    ]);
    for (const id of ['scale-10000', 'memory-10000', 'pages-10000', 'query-10000'])
      expect(rows[id]?.status).toBe('not measured');
  });

  it('reads the library scenario: time against the cited library, and the extra warning lines', () => {
    const library: Saved = {
      file: 'results-library-5000-20-cold.json',
      result: {
        scenario: 'library',
        commit: 'abc1234',
        date: '2026-11-30T12:00:00.000Z',
        studies: 20,
        library: 5000,
        runs: 3,
        caches: 'cold',
        full: build(34),
        cited: build(10),
        ratioToCited: { ofMedians: 3.4, paired: 3.3 },
        warningLines: { library: 5150, cited: 170 },
      },
    };
    const rows = byId([library]);
    expect(rows['library-time']).toMatchObject({ status: 'not met', measured: '3.30× (34.0 s / 10.0 s, cold)' });
    expect(rows['library-warnings']).toMatchObject({ status: 'not met' });
    expect(rows['library-warnings']?.measured).toMatch(/^4980 more warning lines/);
    const summarised = byId([
      { ...library, result: { ...library.result, warningLines: { library: 171, cited: 170 } } },
    ]);
    expect(summarised['library-warnings']?.status).toBe('met');
  });

  it('reads the peer at 1,000 cold: met while the site is faster', () => {
    const rows = byId([
      studies('results-1000-cold-peer.json', 1000, 'cold', {
        runs: 1,
        full: build(45),
        peer: build(121),
        ratioToPeer: { ofMedians: 45 / 121, paired: 45 / 121 },
      }),
    ]);
    expect(rows['peer-1000']).toMatchObject({ status: 'met', measured: '2.69× faster (full 45.0 s, peer 121.0 s)' });
  });
});
