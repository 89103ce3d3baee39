/**
 * Counters of the expensive steps of a build, shared by every module instance in the process
 * (Astro loads content config and pages through Vite, so a module-level variable would be
 * counted per instance). Tests read them to prove "parse once, format once".
 */
export interface BuildStats {
  /** Times a set of .bib files was parsed. */
  bibliographyParses: number;
  /** Bibliography entries formatted by the CSL engine, per style. */
  entriesFormatted: Record<string, number>;
  /** Citation clusters formatted by the CSL engine (memoized repeats not counted). */
  clustersFormatted: number;
}

const key = Symbol.for('evidence-atlas.build-stats');

export function buildStats(): BuildStats {
  const store = globalThis as unknown as Record<symbol, BuildStats | undefined>;
  return (store[key] ??= { bibliographyParses: 0, entriesFormatted: {}, clustersFormatted: 0 });
}
