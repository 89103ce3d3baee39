/**
 * The benchmark's CPU-profile aggregator (scripts/bench/profile.ts) over a small hand-made
 * profile: self time by package or file and by function, inclusive time of own functions with
 * recursion counted once, and the thread a profile file belongs to.
 */
import { describe, expect, it } from 'vitest';
import {
  formatSummary,
  functionOf,
  packageOf,
  selfTimes,
  summarise,
  threadOfFile,
  type CpuProfile,
} from '../scripts/bench/profile.ts';

const root = '/repo';
const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

/**
 * (root) → main (src/main.ts) → walk (src/walk.ts) → walk → format (citeproc)
 *                              → parse (@citation-js/core)
 *        → (idle), (garbage collector)
 */
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 7, 8] },
    { id: 2, callFrame: frame('main', 'file:///repo/src/main.ts', 9), children: [3, 6] },
    { id: 3, callFrame: frame('walk', 'file:///repo/src/walk.ts', 0), children: [4] },
    { id: 4, callFrame: frame('walk', 'file:///repo/src/walk.ts', 0), children: [5] },
    { id: 5, callFrame: frame('format', 'file:///repo/node_modules/citeproc/citeproc_commonjs.js', 99) },
    {
      id: 6,
      callFrame: frame('parse', 'file:///repo/node_modules/@citation-js/core/lib/index.js', 4),
    },
    { id: 7, callFrame: frame('(idle)') },
    { id: 8, callFrame: frame('(garbage collector)') },
  ],
  startTime: 0,
  endTime: 100_000,
  // Each sample lasts until the next: 10 ms each, the last one 0.
  samples: [5, 5, 4, 6, 2, 7, 7, 8, 3, 5],
  timeDeltas: [0, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000, 10_000],
};

describe('reading a profile', () => {
  it('gives each sample the time until the next', () => {
    const self = selfTimes(profile);
    expect(self.get(5)).toBe(20_000); // the last sample has no duration
    expect(self.get(7)).toBe(20_000);
    expect([...self.values()].reduce((a, b) => a + b, 0)).toBe(90_000);
  });

  it('names packages, built-ins and the project’s own files', () => {
    expect(packageOf(frame('x', 'file:///repo/node_modules/astro/dist/core/build.js'), root)).toBe('astro');
    expect(packageOf(frame('x', 'file:///repo/node_modules/@astrojs/mdx/dist/index.js'), root)).toBe('@astrojs/mdx');
    expect(packageOf(frame('x', 'file:///repo/node_modules/a/node_modules/b/i.js'), root)).toBe('b');
    expect(packageOf(frame('x', 'file:///repo/node_modules/.astro/chunk.mjs'), root)).toBe('.astro/chunk.mjs');
    expect(packageOf(frame('x', 'node:internal/fs/utils'), root)).toBe('node (built-in)');
    expect(packageOf(frame('x', 'file:///repo/.dist.staging/.prerender/chunks/atlas_x1.mjs'), root)).toBe(
      '(built) chunks/atlas_x1.mjs',
    );
    expect(packageOf(frame('x', 'file:///repo/src/lib/check/index.ts'), root)).toBe('src/lib/check/index.ts');
    expect(packageOf(frame('x', 'file:///elsewhere/a.js'), root)).toBe('/elsewhere/a.js');
    expect(packageOf(frame('JSON.parse'), root)).toBe('(native)');
    expect(packageOf(frame('(idle)'), root)).toBe('(idle)');
    expect(functionOf(frame('', 'file:///repo/src/main.ts', 9), root)).toBe('(anonymous) (src/main.ts:10)');
    expect(functionOf(frame('format', 'file:///repo/node_modules/citeproc/c.js', 0), root)).toBe(
      'format (citeproc c.js:1)',
    );
  });

  it('reads the process and thread from a profile’s file name', () => {
    expect(threadOfFile('CPU.20261130.120000.4242.0.001.cpuprofile')).toEqual({ pid: 4242, thread: 0 });
    expect(threadOfFile('CPU.20261130.120000.4242.3.007.cpuprofile')).toEqual({ pid: 4242, thread: 3 });
    expect(threadOfFile('notes.txt')).toBeUndefined();
  });
});

describe('summarising threads', () => {
  const summary = summarise('main thread', [profile], root);

  it('adds self time by package and by function, busy time without idle and GC', () => {
    expect(summary.totalMs).toBe(90);
    expect(summary.busyMs).toBe(60);
    expect(summary.byPackage).toEqual([
      { name: '(idle)', ms: 20, share: 20 / 90 },
      { name: 'citeproc', ms: 20, share: 20 / 90 },
      { name: 'src/walk.ts', ms: 20, share: 20 / 90 },
      { name: '(garbage collector)', ms: 10, share: 10 / 90 },
      { name: '@citation-js/core', ms: 10, share: 10 / 90 },
      { name: 'src/main.ts', ms: 10, share: 10 / 90 },
    ]);
    expect(summary.byFunction).toContainEqual({
      name: 'format (citeproc citeproc_commonjs.js:100)',
      ms: 20,
      share: 20 / 90,
    });
  });

  it('counts a recursive own function once per sample in its inclusive time', () => {
    expect(summary.ownInclusive).toEqual([
      { name: 'main (src/main.ts:10)', ms: 60, share: 60 / 90 },
      { name: 'walk (src/walk.ts:1)', ms: 40, share: 40 / 90 },
    ]);
  });

  it('merges several profiles (the workers) into one summary', () => {
    const workers = summarise('2 worker threads', [profile, profile], root);
    expect(workers.totalMs).toBe(180);
    expect(workers.byPackage[0]).toMatchObject({ ms: 40 });
    expect(formatSummary(workers)).toContain('2 worker threads: 0.2 s profiled, 0.1 s busy');
  });
});
