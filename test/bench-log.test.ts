/**
 * Reading a build's log for the benchmark (scripts/bench/log.ts): phases between the lines Astro
 * and the site print, the durations lines report, and the lines of the site's warnings.
 */
import { describe, expect, it } from 'vitest';
import {
  medianPhases,
  phaseAt,
  phaseOrder,
  phasesOf,
  reportedSeconds,
  stripAnsi,
  warningLines,
} from '../scripts/bench/log.ts';

/** A log as `astro build` of the site prints it, each line with when it arrived. */
const siteLog: [number, string][] = [
  [2.0, '12:00:02 [WARN] [evidence-atlas] references/references.bib:10:1 "a2020" is neither cited nor summarised'],
  [2.0, 'references/references.bib:20:1 "b2021" is neither cited nor summarised'],
  [2.0, 'content/studies/c.mdx:5:1 sentence of 40 words (at most 30)'],
  [2.5, '12:00:02 [evidence-atlas] no Git history: "Last updated" shows the summaries\' own dates'],
  [3.0, '12:00:03 [content] Syncing content'],
  [9.0, '12:00:09 [evidence-atlas-bibliography] 5000 references'],
  [9.5, '12:00:09 [content] Synced content'],
  [9.6, '12:00:09 [types] Generated 6.50s'],
  [9.7, '12:00:09 [build] ✓ Completed in 6.70s.'],
  [9.8, '12:00:09 [build] Building static entrypoints...'],
  [12.0, '12:00:12 [vite] ✓ built in 2.10s'],
  [12.2, '12:00:12 [WARN] [vite] [plugin rolldown:vite-resolve] Module "node:path" has been externalized'],
  [12.3, '12:00:12 [vite] ✓ built in 157ms'],
  [12.4, ''],
  [12.4, '\u001b[42m generating static routes \u001b[49m'],
  [12.5, '12:00:12   ├─ /404.html (+34ms) '],
  [16.0, '12:00:16 ✓ Completed in 3.73s.'],
  [16.0, ''],
  [16.1, '12:00:16 [build] ✓ Completed in 6.30s.'],
  [17.0, '12:00:17 [evidence-atlas] reference downloads: 15000 files for 5000 references (14994 unchanged)'],
  [17.2, "12:00:17 [evidence-atlas] editors' CMS: 98 files of its bundle in admin/"],
  [18.4, '12:00:18 [evidence-atlas] search index: 61 pages indexed into pagefind/'],
  [18.5, '12:00:18 [@astrojs/sitemap] `sitemap-index.xml` created at `dist`'],
  [18.6, '12:00:18 [evidence-atlas:publish] the finished build is now dist/'],
  [18.6, '12:00:18 [build] 69 page(s) built in 2m 55s'],
  [18.7, '12:00:18 [build] Complete!'],
];
const lines = siteLog.map(([at, text]) => ({ at, text }));

describe('phases of a build', () => {
  it('splits the site build at its own and Astro’s lines, in order, up to the exit', () => {
    const phases = phasesOf(lines, 19);
    expect(phases.map((phase) => [phase.name, Number(phase.seconds.toFixed(2))])).toEqual([
      ['start-up, config:setup to the end of the content check', 2],
      ['rest of config:setup (styles, page history)', 1],
      ['content sync (collections, bibliography)', 6.5],
      ['types and build info', 0.3],
      ['Vite bundles (server, client)', 2.6],
      ['rendering pages', 3.6],
      ['end of rendering', 0.1],
      ['reference downloads', 0.9],
      ["editors' CMS copy", 0.2],
      ['search index (Pagefind)', 1.2],
      ['sitemap', 0.1],
      ['publish (staging swapped in)', 0.1],
      ['other build:done hooks', 0],
      ['exit', 0.4],
    ]);
    expect(phases.reduce((sum, phase) => sum + phase.seconds, 0)).toBeCloseTo(19);
    expect(phases.find((phase) => phase.name === 'rendering pages')?.reported).toBe(3.73);
  });

  it('names the phase a moment of the build fell in (where the peak of memory was sampled)', () => {
    const phases = phasesOf(lines, 19);
    expect(phaseAt(phases, 0.5)).toBe('start-up, config:setup to the end of the content check');
    expect(phaseAt(phases, 3)).toBe('rest of config:setup (styles, page history)');
    // 2 + 1 + 6.5 + 0.3 s before bundling starts; it lasts 2.6 s.
    expect(phaseAt(phases, 10)).toBe('Vite bundles (server, client)');
    expect(phaseAt(phases, 13)).toBe('rendering pages');
    expect(phaseAt(phases, 18.9)).toBe('exit');
    expect(phaseAt(phases, 25)).toBe('exit');
    expect(phaseAt([], 1)).toBeUndefined();
  });

  it('gives the time of missing markers to the next phase found (the floor has no site lines)', () => {
    const floor = lines.filter(({ text }) => !/\[evidence-atlas|\[@astrojs\/sitemap/.test(text));
    const phases = phasesOf(floor, 19);
    expect(phases[0]).toEqual({ name: 'start-up and config:setup hooks', seconds: 3 });
    expect(phases.at(-2)).toMatchObject({ name: 'other build:done hooks' });
    expect(phases.at(-2)?.seconds).toBeCloseTo(2.5);
    expect(phases.map((phase) => phase.name).every((name) => phaseOrder.includes(name))).toBe(true);
  });

  it('does not take a site line after content sync for the end of the check', () => {
    const quiet = lines.filter((_, i) => i > 3);
    expect(phasesOf(quiet, 19)[0]).toEqual({ name: 'start-up and config:setup hooks', seconds: 3 });
  });

  it('takes the median of each phase over runs', () => {
    const run = (seconds: number) => [
      { name: 'a', seconds },
      { name: 'b', seconds: seconds * 2 },
    ];
    expect(medianPhases([run(1), run(3), run(2)])).toEqual([
      { name: 'a', seconds: 2 },
      { name: 'b', seconds: 4 },
    ]);
    expect(medianPhases([[{ name: 'a', seconds: 1 }], [{ name: 'b', seconds: 4 }]])).toEqual([
      { name: 'a', seconds: 0.5 },
      { name: 'b', seconds: 2 },
    ]);
  });
});

describe('durations and escapes', () => {
  it('reads the durations lines report', () => {
    expect(reportedSeconds('[vite] ✓ built in 1.80s')).toBe(1.8);
    expect(reportedSeconds('[vite] ✓ built in 157ms')).toBe(0.157);
    expect(reportedSeconds('[build] 69 page(s) built in 2m 55s')).toBe(175);
    expect(reportedSeconds('[content] Synced content')).toBeUndefined();
  });

  it('removes terminal colours', () => {
    expect(stripAnsi('\u001b[33m[WARN]\u001b[0m x')).toBe('[WARN] x');
  });
});

describe('warning lines', () => {
  it('counts each site warning and the lines of its message, not other loggers’', () => {
    expect(warningLines(lines.map(({ text }) => text))).toEqual([
      '12:00:02 [WARN] [evidence-atlas] references/references.bib:10:1 "a2020" is neither cited nor summarised',
      'references/references.bib:20:1 "b2021" is neither cited nor summarised',
      'content/studies/c.mdx:5:1 sentence of 40 words (at most 30)',
    ]);
  });

  it('counts a summary of one line as one line', () => {
    const summary = [
      '12:00:02 [WARN] [evidence-atlas] 4,960 references are neither cited nor summarised (ATLAS_LIST=1 lists them)',
      '12:00:02 [evidence-atlas] content check: 20 summaries',
      '12:00:03 [content] Syncing content',
    ];
    expect(warningLines(summary)).toHaveLength(1);
    expect(warningLines([`\u001b[33m${summary[0]}\u001b[0m`])).toHaveLength(1);
  });
});
