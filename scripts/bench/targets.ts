/**
 * The targets, measured: each target is read from the saved benchmark results that can
 * answer it (this run's and earlier ones in .bench/), and marked met, not met, or not measured.
 * Pure: the caller reads the result files.
 */
import type { Phase } from './log.ts';

/** What one build variant measured over its runs. */
export interface BuildSummary {
  readonly seconds: readonly number[];
  readonly medianSeconds: number;
  readonly cpuSeconds: readonly number[];
  readonly peakMemoryMiB: number;
  /** The phase in which the run with the highest peak held the most (older results lack it). */
  readonly peakMemoryPhase?: string;
  readonly phases: readonly Phase[];
}

/** A results file of `npm run bench` (the fields the targets read; the file holds more). */
export interface BenchResult {
  readonly scenario: 'studies' | 'library';
  readonly commit: string;
  readonly date: string;
  readonly studies: number;
  readonly library: number;
  readonly runs: number;
  readonly caches: 'warm' | 'cold';
  /** True when one summary was edited before each pair of warm builds (`--edit`). */
  readonly edited?: boolean;
  readonly full: BuildSummary;
  readonly floor?: BuildSummary | null;
  readonly peer?: BuildSummary | null;
  /** The library scenario's comparison: the same site with only the references it uses. */
  readonly cited?: BuildSummary | null;
  /** Full site against the floor: ratio of medians, and median of each run's pair. */
  readonly ratioToFloor?: { readonly ofMedians: number; readonly paired: number } | null;
  readonly ratioToPeer?: { readonly ofMedians: number; readonly paired: number } | null;
  readonly ratioToCited?: { readonly ofMedians: number; readonly paired: number } | null;
  /** Warning lines the site's integration printed (median over runs), whole and cited library. */
  readonly warningLines?: { readonly library: number; readonly cited: number } | null;
  readonly largestPages?: readonly { readonly path: string; readonly bytes: number }[] | null;
  readonly pagefindQueryBytes?: Readonly<Record<string, number>> | null;
  readonly oneWordQuery?: string | null;
}

export type Status = 'met' | 'not met' | 'not measured';

export interface TargetRow {
  readonly id: string;
  readonly target: string;
  readonly measured: string;
  readonly status: Status;
  /** Which results it was read from: file, commit, date. */
  readonly source: string;
}

/** A results file and its name. */
export interface Saved {
  readonly file: string;
  readonly result: BenchResult;
}

export const limits = {
  warmRatio: 1.3,
  coldRatio: 1.6,
  scale10k: 11,
  memory10kMiB: 4 * 1024,
  libraryRatio: 1.3,
  /** Lines the 4,980 references nobody cites may add to the build's output: one summary line. */
  libraryExtraWarningLines: 1,
  /** 1 MB, uncompressed. */
  pageBytes: 1_000_000,
  queryBytes: 150 * 1024,
} as const;

/** Among the results that can answer, the one with the most runs, then the newest. */
function best(saved: readonly Saved[], fits: (result: BenchResult) => boolean): Saved | undefined {
  return saved
    .filter((each) => fits(each.result))
    .sort((a, b) => b.result.runs - a.result.runs || b.result.date.localeCompare(a.result.date))[0];
}

const sourceOf = (...items: (Saved | undefined)[]) =>
  items
    .filter((item): item is Saved => item !== undefined)
    .map((item) => `${item.file} (${item.result.commit}, ${item.result.runs} run${item.result.runs === 1 ? '' : 's'})`)
    .join(' + ');

const s = (value: number) => `${value.toFixed(1)} s`;
const x = (value: number) => `${value.toFixed(2)}×`;
const status = (met: boolean): Status => (met ? 'met' : 'not met');
const studiesRun = (studies: number, caches?: 'warm' | 'cold') => (result: BenchResult) =>
  result.scenario === 'studies' &&
  result.studies === studies &&
  !result.edited &&
  (caches === undefined || result.caches === caches);

/** Every target of the issue, from the saved results. */
export function evaluateTargets(saved: readonly Saved[]): TargetRow[] {
  const rows: TargetRow[] = [];
  const row = (id: string, target: string, found: Omit<TargetRow, 'id' | 'target'> | undefined) =>
    rows.push({ id, target, ...(found ?? { measured: '–', status: 'not measured', source: '–' }) });

  for (const [caches, limit] of [
    ['warm', limits.warmRatio],
    ['cold', limits.coldRatio],
  ] as const) {
    const found = best(saved, (result) => studiesRun(1000, caches)(result) && Boolean(result.ratioToFloor));
    const ratio = found?.result.ratioToFloor;
    row(
      `${caches}-1000`,
      `1,000 studies ${caches}: ≤ ${limit}× the floor (paired median)`,
      found && ratio
        ? {
            measured: `${x(ratio.paired)} (full ${s(found.result.full.medianSeconds)}, floor ${s(found.result.floor?.medianSeconds ?? 0)})`,
            status: status(ratio.paired <= limit),
            source: sourceOf(found),
          }
        : undefined,
    );
  }

  const cold10k = best(saved, studiesRun(10000, 'cold'));
  const cold1k = best(saved, studiesRun(1000, 'cold'));
  row(
    'scale-10000',
    `10,000 studies cold: ≤ ${limits.scale10k}× the 1,000-study cold time`,
    cold10k && cold1k
      ? {
          measured: `${x(cold10k.result.full.medianSeconds / cold1k.result.full.medianSeconds)} (${s(cold10k.result.full.medianSeconds)} / ${s(cold1k.result.full.medianSeconds)})`,
          status: status(cold10k.result.full.medianSeconds <= limits.scale10k * cold1k.result.full.medianSeconds),
          source: sourceOf(cold10k, cold1k),
        }
      : undefined,
  );

  const any10k = cold10k ?? best(saved, studiesRun(10000));
  row(
    'memory-10000',
    '10,000 studies: peak memory ≤ 4 GiB',
    any10k
      ? {
          measured: `${(any10k.result.full.peakMemoryMiB / 1024).toFixed(2)} GiB (${any10k.result.caches})`,
          status: status(any10k.result.full.peakMemoryMiB <= limits.memory10kMiB),
          source: sourceOf(any10k),
        }
      : undefined,
  );

  const library = best(
    saved,
    (result) => result.scenario === 'library' && result.library === 5000 && Boolean(result.ratioToCited),
  );
  const libraryRatio = library?.result.ratioToCited;
  row(
    'library-time',
    `5,000-entry library, 20 summaries: ≤ ${limits.libraryRatio}× the build with only the cited entries`,
    library && libraryRatio
      ? {
          measured: `${x(libraryRatio.paired)} (${s(library.result.full.medianSeconds)} / ${s(library.result.cited?.medianSeconds ?? 0)}, ${library.result.caches})`,
          status: status(libraryRatio.paired <= limits.libraryRatio),
          source: sourceOf(library),
        }
      : undefined,
  );
  const warnings = library?.result.warningLines;
  row(
    'library-warnings',
    '5,000-entry library: unused entries summarised in one warning line',
    library && warnings
      ? {
          measured: `${warnings.library - warnings.cited} more warning lines than with only the cited entries (${warnings.library} against ${warnings.cited})`,
          status: status(warnings.library - warnings.cited <= limits.libraryExtraWarningLines),
          source: sourceOf(library),
        }
      : undefined,
  );

  const pages10k = best(saved, (result) => studiesRun(10000)(result) && Boolean(result.largestPages?.length));
  const largest = pages10k?.result.largestPages?.[0];
  row(
    'pages-10000',
    '10,000 studies: no HTML page over 1 MB',
    pages10k && largest
      ? {
          measured: `largest ${(largest.bytes / 1e6).toFixed(2)} MB (${largest.path})`,
          status: status(largest.bytes <= limits.pageBytes),
          source: sourceOf(pages10k),
        }
      : undefined,
  );

  const query10k = best(
    saved,
    (result) =>
      studiesRun(10000)(result) &&
      Boolean(result.oneWordQuery) &&
      result.pagefindQueryBytes?.[result.oneWordQuery ?? ''] !== undefined,
  );
  const word = query10k?.result.oneWordQuery ?? '';
  const bytes = query10k?.result.pagefindQueryBytes?.[word];
  row(
    'query-10000',
    '10,000 studies: a one-word query downloads ≤ 150 KiB',
    query10k && bytes !== undefined
      ? {
          measured: `${(bytes / 1024).toFixed(1)} KiB ("${word}")`,
          status: status(bytes <= limits.queryBytes),
          source: sourceOf(query10k),
        }
      : undefined,
  );

  const peer = best(saved, (result) => studiesRun(1000, 'cold')(result) && Boolean(result.ratioToPeer));
  const toPeer = peer?.result.ratioToPeer;
  row(
    'peer-1000',
    '1,000 studies cold: faster than Astro + MDX + rehype-citation',
    peer && toPeer
      ? {
          measured: `${x(1 / toPeer.paired)} faster (full ${s(peer.result.full.medianSeconds)}, peer ${s(peer.result.peer?.medianSeconds ?? 0)})`,
          status: status(toPeer.paired < 1),
          source: sourceOf(peer),
        }
      : undefined,
  );
  return rows;
}
