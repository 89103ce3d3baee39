/**
 * The process `npm run build` runs Astro's build in (scripts/build.ts), set up to hold less memory
 * on a large corpus. At 10,000 studies most of a build's peak is memory its allocators keep after
 * use: Vite's bundler (Rolldown, native code with the mimalloc allocator) keeps freed pages for
 * later, and V8 lets garbage build up to well over a gigabyte while the bodies are compiled, since
 * its default limit on this kind of machine is far above what the build keeps alive. Both are
 * settings read when a process starts, so they are given to the build's process here:
 *
 * - mimalloc returns freed memory to the system at once and commits memory as it is used
 *   (`MIMALLOC_PURGE_DELAY=0`, `MIMALLOC_ARENA_EAGER_COMMIT=0`, `MIMALLOC_EAGER_COMMIT=0`);
 * - V8's old space is limited to `buildHeapMB`, so it collects before the garbage grows. What the
 *   build keeps alive at 10,000 studies is a few hundred megabytes (docs/performance.md, item 24).
 *
 * A setting the user gives (in the environment, or `--max-old-space-size` in `NODE_OPTIONS`) is
 * kept as given.
 */

/** The JavaScript heap the build allows itself, in MB, unless the user sets their own. */
export const buildHeapMB = 2048;

/** What mimalloc (the bundler's allocator) is told, where the environment does not say. */
export const allocatorSettings: Readonly<Record<string, string>> = {
  MIMALLOC_PURGE_DELAY: '0',
  MIMALLOC_ARENA_EAGER_COMMIT: '0',
  MIMALLOC_EAGER_COMMIT: '0',
};

/** Whether Node.js options already limit the heap. */
const limitsHeap = (options: readonly string[]) =>
  options.some((option) => /^--max[-_](old[-_]space|heap)[-_]size(=|$)/.test(option));

export interface BuildProcess {
  /** Node.js's arguments: its own options, then Astro's command line. */
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  /** The heap limit the build runs with, in MB, when this module set it. */
  readonly heapMB: number | undefined;
}

/**
 * The Node.js command line and environment of the build: `astro` is Astro's bin, `astroArgs`
 * what follows `astro` (`build` and its options), `execArgv` the options of the process that
 * starts it (passed on, so `--cpu-prof` or `--import` reach the build).
 */
export function buildProcess(
  astro: string,
  astroArgs: readonly string[],
  env: NodeJS.ProcessEnv,
  execArgv: readonly string[],
): BuildProcess {
  const nodeOptions = (env['NODE_OPTIONS'] ?? '').split(/\s+/).filter(Boolean);
  const heapMB = limitsHeap([...nodeOptions, ...execArgv]) ? undefined : buildHeapMB;
  const allocator = Object.fromEntries(Object.entries(allocatorSettings).filter(([name]) => env[name] === undefined));
  return {
    args: [...execArgv, ...(heapMB === undefined ? [] : [`--max-old-space-size=${heapMB}`]), astro, ...astroArgs],
    env: { ...env, ...allocator },
    heapMB,
  };
}

/**
 * What to tell the user when the build's process ended by a signal. V8 aborts a process whose
 * heap is full (SIGABRT): the mend is a higher limit.
 */
export function endedBySignal(signal: NodeJS.Signals, heapMB: number | undefined): string {
  if (signal !== 'SIGABRT') return `The build was stopped (${signal}).`;
  const limit = heapMB === undefined ? 'the heap limit set in NODE_OPTIONS' : `its ${heapMB} MB heap limit`;
  return [
    `The build stopped: its process aborted, most likely out of memory against ${limit}.`,
    `Mend: allow more, for example NODE_OPTIONS=--max-old-space-size=${Math.max(4096, (heapMB ?? 2048) * 2)} npm run build.`,
  ].join('\n');
}
