/**
 * What lives for the whole build process, in one place. Astro loads `astro.config.mjs`, the
 * content config and the pages through separate module graphs, so a module-level variable exists
 * once per graph; state that must be shared (one bibliography parse, one citation engine per
 * style, the build's counters) is kept on `globalThis` under one symbol, here and nowhere else.
 *
 * Other caches, for reference (docs/architecture.md lists them with their lifetimes):
 * - on disk: Astro's data store (formatted bibliography, in `cacheDir`), the citation cluster
 *   cache per library and style (`cacheDir/evidence-atlas-clusters-<style>.json`), and the
 *   schema marker that clears stored entries when a schema changes;
 * - per module graph: the registered CSL styles (`citations/styles.ts`, since each copy of
 *   citation-js has its own registry) and the joined site data (`src/data/atlas.ts`);
 * - one patch: citeproc-js's casing functions (`citations/citeproc.ts`).
 */
import type { Bibliography } from './bibliography.ts';
import type { CitationEngine } from './citations/engine.ts';
import type { ContentFiles } from './content/collections.ts';
import type { FormattedStyles } from './formatting.ts';
import type { Project } from './project.ts';

/** Counters of the expensive steps; tests read them to prove "parse once, format once". */
export interface BuildStats {
  /** Times a set of .bib files was parsed. */
  bibliographyParses: number;
  /** Bibliography entries formatted by the CSL engine, per style. */
  entriesFormatted: Record<string, number>;
  /** Citation clusters formatted by the CSL engine (memoized repeats not counted). */
  clustersFormatted: number;
}

/**
 * What pages show about the content that is not in its files: set by the integration, stored by
 * the `facts` collection (src/loaders/content-facts-loader.ts) and read through the data store.
 */
export interface ContentFacts {
  /** Each content file's last commit date (YYYY-MM-DD) by its path from the project root; empty without history. */
  readonly lastCommitDates: Readonly<Record<string, string>>;
  /** How many entries the library holds, used or not (/references/ lists the used ones). */
  readonly librarySize: number;
}

interface BuildState {
  /** The project of this build, set by the integration before Astro loads any content. */
  project: Project | undefined;
  /** Facts of the content, set by the integration with the project. */
  contentFacts: ContentFacts | undefined;
  readonly stats: BuildStats;
  /** The last parsed bibliography, by a digest of its files' contents. */
  parsed: { digest: string; bibliography: Bibliography } | undefined;
  /** The bibliography of a folder, by the folder and its files' sizes and times. */
  readonly folders: Map<string, { signature: string; bibliography: Bibliography }>;
  /**
   * The content files of a folder (until released) and values derived from them, by the folder
   * and its files' sizes and times.
   */
  readonly contentFolders: Map<
    string,
    {
      signature: string;
      content: ContentFiles | undefined;
      derived: WeakMap<object, unknown>;
    }
  >;
  /** The bibliography being formatted for this build, by the digest of what is formatted. */
  formatting: { digest: string; result: Promise<FormattedStyles> } | undefined;
  /** One citation engine per bibliography and style, with the listed keys it registered. */
  engines: WeakMap<Bibliography, Map<string, { listed: ReadonlySet<string> | undefined; engine: CitationEngine }>>;
  /** Every engine created, so the end of the build can save their caches. */
  readonly savers: Set<CitationEngine>;
}

const key = Symbol.for('evidence-atlas.build-state');

export function buildState(): BuildState {
  const store = globalThis as unknown as Record<symbol, BuildState | undefined>;
  return (store[key] ??= {
    project: undefined,
    contentFacts: undefined,
    stats: { bibliographyParses: 0, entriesFormatted: {}, clustersFormatted: 0 },
    parsed: undefined,
    folders: new Map(),
    contentFolders: new Map(),
    formatting: undefined,
    engines: new WeakMap(),
    savers: new Set(),
  });
}

export function buildStats(): BuildStats {
  return buildState().stats;
}

const notSetUp = 'the evidence-atlas integration is not in astro.config.mjs: add it to `integrations`';

/** The project the integration set up; collections and pages read their folders from it. */
export function currentProject(): Project {
  const { project } = buildState();
  if (!project) throw new Error(notSetUp);
  return project;
}

/** The facts of the content the integration read with the project. */
export function currentContentFacts(): ContentFacts {
  const { contentFacts } = buildState();
  if (!contentFacts) throw new Error(notSetUp);
  return contentFacts;
}
