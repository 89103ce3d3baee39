/**
 * `npm run bench`: what a build of the site costs against the framework floor (a bare Astro + MDX
 * + Pagefind project over the same MDX bodies) and, with `--peer`, against the citation plugin a
 * user would otherwise pick (the floor + `rehype-citation` over the same library); where the time
 * goes; what a reader downloads; and, at the end, every target of the performance issue with its
 * measured value. A benchmark, not a test: it never fails on a number. docs/performance.md has the
 * figures and how to read them.
 *
 * How to run it: `usage` below (`npm run bench -- --help`).
 * Results go to .bench/results-*.json; the targets table reads every one of them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { editSummary, generateCorpus, type Corpus } from './bench/corpus.ts';
import { medianPhases, phaseOrder, type Phase } from './bench/log.ts';
import { folderBytes, largestPages, pagesOver, pageWeight, queryBytes } from './bench/measure.ts';
import { formatSummary, summarise, threadOfFile, type CpuProfile, type ThreadSummary } from './bench/profile.ts';
import { writeFloor, writePeer } from './bench/projects.ts';
import { runBuild, type BuildRun } from './bench/run.ts';
import { formatTable, kib, mib, ratio, seconds } from './bench/table.ts';
import { evaluateTargets, limits, type BenchResult, type BuildSummary, type Saved } from './bench/targets.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const benchDir = join(root, '.bench');

const usage = `usage:
  npm run bench -- --studies 1000 --runs 3          warm: caches kept between builds (default)
  npm run bench -- --studies 1000 --runs 3 --cold   every build from scratch
  npm run bench -- --studies 1000 --runs 3 --edit   warm, one summary edited before each pair
  npm run bench -- --studies 1000 --runs 1 --cold --peer
  npm run bench -- --library 5000 --studies 20      a whole reference-manager export, 20 summaries
  npm run bench -- --studies 1000 --profile         one build under --cpu-prof: where the CPU goes
  npm run bench -- --targets                        the targets table from saved results only

Other options: --no-floor, --no-browser (skip the Pagefind download measurement), --query WORD
(the one-word query, "psilocybin"), --markdown (tables as Markdown), --out FILE, --help.`;

const optionSpec = {
  studies: { type: 'string' },
  runs: { type: 'string', default: '3' },
  library: { type: 'string' },
  cold: { type: 'boolean', default: false },
  edit: { type: 'boolean', default: false },
  floor: { type: 'boolean', default: true },
  browser: { type: 'boolean', default: true },
  peer: { type: 'boolean', default: false },
  profile: { type: 'boolean', default: false },
  targets: { type: 'boolean', default: false },
  markdown: { type: 'boolean', default: false },
  query: { type: 'string', default: 'psilocybin' },
  out: { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;
const args = (() => {
  try {
    return parseArgs({ allowNegative: true, options: optionSpec });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${usage}\n`);
    process.exit(2);
  }
})();
if (args.values.help) {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}
const options = args.values;
if (options.edit && (options.cold || options.library)) {
  process.stderr.write(`--edit measures warm builds of the studies scenario after an edit\n\n${usage}\n`);
  process.exit(2);
}

const library = options.library ? Number(options.library) : undefined;
const studies = Number(options.studies ?? (library ? 20 : 1000));
const runs = Number(options.runs);
const cold = options.cold;
const caches = cold ? 'cold' : 'warm';
const markdown = options.markdown;
const write = (text: string) => process.stdout.write(`${text}\n`);

/** A build variant: a project, the environment it builds with, and its own cache folder. */
interface Variant {
  readonly name: 'full' | 'floor' | 'peer' | 'cited';
  readonly label: string;
  readonly cwd: string;
  readonly env: Record<string, string>;
  /** The project's build script (`BuildOptions.script`): this site's, not the floor's or the peer's. */
  readonly script?: string;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

function git(...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}
/** The commit measured, marked when the site's own files differ from it. */
function commit(): string {
  const head = git('rev-parse', '--short', 'HEAD') || 'unknown';
  const changed = git(
    'status',
    '--porcelain',
    '--untracked-files=no',
    '--',
    'src',
    'astro.config.mjs',
    'package-lock.json',
  );
  return changed ? `${head}+changes` : head;
}

/**
 * Build each variant `runs` times, alternating, each from its own cache folder. Warm: a variant
 * whose cache folder does not exist yet is built once first, uncounted, to fill it.
 */
async function measure(
  work: string,
  variants: readonly Variant[],
  beforeRun?: (run: number) => void,
): Promise<Map<Variant['name'], BuildRun[]>> {
  const results = new Map<Variant['name'], BuildRun[]>(variants.map((variant) => [variant.name, []]));
  const buildOnce = (variant: Variant, run: number | 'warm-up') =>
    runBuild(root, {
      cwd: variant.cwd,
      outDir: join(work, `dist-${variant.name}`),
      env: variant.env,
      ...(variant.script ? { script: variant.script } : {}),
      cacheDir: join(work, `cache-${variant.name}-${caches}`),
      cold,
      logFile: join(work, 'logs', `${variant.name}-${caches}-${run}.log`),
    });
  if (!cold) {
    for (const variant of variants) {
      if (existsSync(join(work, `cache-${variant.name}-warm`))) continue;
      write(`warm-up: ${variant.label} (fills its caches; not counted)`);
      await buildOnce(variant, 'warm-up');
    }
  }
  for (let run = 1; run <= runs; run++) {
    beforeRun?.(run);
    for (const variant of variants) {
      const build = await buildOnce(variant, run);
      results.get(variant.name)?.push(build);
      const others =
        build.othersLoad === undefined ? '' : `, others used ${(build.othersLoad * 100).toFixed(0)}% of CPU`;
      const disk = `, 1,000 files created in ${build.fileCreationMs.toFixed(0)} ms before it`;
      write(
        `run ${run}: ${variant.label.padEnd(6)} ${build.seconds.toFixed(1).padStart(6)} s  (${build.cpuSeconds.toFixed(1)} s CPU, ${build.peakMemoryMiB.toFixed(0)} MiB${build.peakMemoryPhase ? ` most during "${build.peakMemoryPhase}"` : ''}${others}${disk})`,
      );
    }
  }
  return results;
}

function summary(builds: readonly BuildRun[] | undefined): BuildSummary | null {
  if (!builds?.length) return null;
  const highest = builds.reduce((most, build) => (build.peakMemoryMiB > most.peakMemoryMiB ? build : most));
  return {
    seconds: builds.map((build) => build.seconds),
    medianSeconds: median(builds.map((build) => build.seconds)),
    cpuSeconds: builds.map((build) => build.cpuSeconds),
    peakMemoryMiB: highest.peakMemoryMiB,
    ...(highest.peakMemoryPhase === undefined ? {} : { peakMemoryPhase: highest.peakMemoryPhase }),
    phases: medianPhases(builds.map((build) => build.phases)),
  };
}

/** The full site's time against another variant's: ratio of medians, and median of each run's ratio. */
function ratios(full: readonly BuildRun[] | undefined, other: readonly BuildRun[] | undefined) {
  if (!full?.length || !other?.length) return null;
  return {
    ofMedians: median(full.map((build) => build.seconds)) / median(other.map((build) => build.seconds)),
    paired: median(full.map((build, i) => build.seconds / (other[i]?.seconds ?? Number.NaN))),
  };
}

/** How busy the machine was: the median share of CPU other processes used, and the load average. */
function noise(all: readonly BuildRun[]) {
  const shares = all.map((build) => build.othersLoad).filter((share): share is number => share !== undefined);
  return {
    othersCpuShare: shares.length ? median(shares) : null,
    othersCpuShareMax: shares.length ? Math.max(...shares) : null,
    loadAverage: median(all.map((build) => build.loadAverage)),
    fileCreationMs: median(all.map((build) => build.fileCreationMs)),
    fileCreationMsMax: Math.max(...all.map((build) => build.fileCreationMs)),
  };
}

const machine = () => ({
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
});

/** Where the time goes: one column per variant, one row per phase (median seconds). */
function phaseTable(columns: readonly [string, BuildSummary | null | undefined][]): string {
  const present = columns.filter((column): column is [string, BuildSummary] => Boolean(column[1]));
  const names: string[] = [];
  for (const [, build] of present)
    for (const phase of build.phases) if (!names.includes(phase.name)) names.push(phase.name);
  const rank = (name: string) => (phaseOrder.includes(name) ? phaseOrder.indexOf(name) : phaseOrder.length);
  names.sort((a, b) => rank(a) - rank(b));
  const cell = (phases: readonly Phase[], name: string) => {
    const phase = phases.find((each) => each.name === name);
    return phase ? seconds(phase.seconds) : '–';
  };
  return formatTable(
    ['phase', ...present.map(([label]) => label)],
    [
      ...names.map((name) => [name, ...present.map(([, build]) => cell(build.phases, name))]),
      ['total (median build)', ...present.map(([, build]) => seconds(build.medianSeconds))],
    ],
    markdown,
  );
}

function savedResults(): Saved[] {
  if (!existsSync(benchDir)) return [];
  return readdirSync(benchDir)
    .filter((file) => /^results-.*\.json$/.test(file))
    .flatMap((file) => {
      try {
        const result = JSON.parse(readFileSync(join(benchDir, file), 'utf8')) as BenchResult;
        return result.scenario && result.full ? [{ file, result }] : [];
      } catch {
        return [];
      }
    });
}

function printTargets(): void {
  const rows = evaluateTargets(savedResults());
  write(`\nTargets (from the results in ${relative(root, benchDir)}/; now at ${commit()}):\n`);
  write(
    formatTable(
      ['target', 'measured', 'status', 'from'],
      rows.map((row) => [row.target, row.measured, row.status, row.source]),
      markdown,
    ),
  );
}

function save(result: object, file: string): string {
  const out = options.out ?? join(benchDir, file);
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  return out;
}

function print(rows: readonly [string, string][]): void {
  write(`\n${formatTable(['', ''], rows, markdown).split('\n').slice(2).join('\n')}`);
}

/** The corpus scenario: floor, optional peer and full site over N studies. */
async function studiesScenario(): Promise<void> {
  const work = join(benchDir, `studies-${studies}`);
  mkdirSync(work, { recursive: true });
  write(`Generating ${studies} studies in ${relative(root, work)}/ …`);
  const corpus = generateCorpus(join(work, 'corpus'), studies);
  const variants: Variant[] = [];
  if (options.floor)
    variants.push({ name: 'floor', label: 'floor', cwd: writeFloor(join(work, 'floor'), corpus), env: {} });
  if (options.peer) variants.push({ name: 'peer', label: 'peer', cwd: writePeer(join(work, 'peer'), corpus), env: {} });
  variants.push({
    name: 'full',
    label: 'full',
    cwd: root,
    env: siteEnv(corpus, corpus.referencesDir),
    script: siteBuild,
  });
  // --edit: before each pair, one more summary's sentence changes, as an editor's correction would.
  const edit = options.edit
    ? (run: number) => {
        const key = corpus.keys[(run - 1) % corpus.keys.length] as string;
        write(`run ${run}: edited ${relative(root, editSummary(corpus, key, `Edited before run ${run}.`))}`);
      }
    : undefined;
  const builds = await measure(work, variants, edit);

  const dist = join(work, 'dist-full');
  const studyPath = `/studies/${corpus.keys[0]}/`;
  const word = options.query;
  const queries = [word, `${word} craving`, 'therapy'];
  const pagefindQueryBytes = options.browser
    ? await queryBytes(dist, studyPath, queries, join(work, 'chromium-profile'))
    : null;
  const full = summary(builds.get('full')) as BuildSummary;
  const all = [...builds.values()].flat();
  const result = {
    scenario: 'studies',
    commit: commit(),
    date: new Date().toISOString(),
    studies,
    library: studies,
    runs,
    caches,
    ...(options.edit ? { edited: true } : {}),
    machine: { ...machine(), ...noise(all) },
    full,
    floor: summary(builds.get('floor')),
    peer: summary(builds.get('peer')),
    ratioToFloor: ratios(builds.get('full'), builds.get('floor')),
    ratioToPeer: ratios(builds.get('full'), builds.get('peer')),
    millisecondsPerStudyPage: (full.medianSeconds * 1000) / studies,
    distBytes: folderBytes(dist),
    largestPages: largestPages(dist),
    pagesOver1MB: pagesOver(dist, limits.pageBytes),
    studyPage: pageWeight(dist, studyPath),
    topicPage: pageWeight(dist, '/topics/integration/'),
    oneWordQuery: word,
    pagefindQueryBytes,
  } satisfies BenchResult & Record<string, unknown>;
  const out = save(
    result,
    `results-${studies}-${caches}${options.edit ? '-edit' : ''}${options.peer ? '-peer' : ''}.json`,
  );

  const weight = (page: typeof result.studyPage) =>
    page ? `${kib(page.html)} + ${kib(page.css)} + ${kib(page.js)}` : '–';
  const biggest = result.largestPages[0];
  print([
    ['studies', String(studies)],
    [
      'caches',
      cold
        ? 'cold (every build from scratch)'
        : `warm (caches kept between builds${options.edit ? "; one summary's sentence edited before each pair" : ''})`,
    ],
    ['commit', result.commit],
    [
      'full build (median)',
      `${seconds(full.medianSeconds)}  (runs: ${full.seconds.map((value) => value.toFixed(1)).join(', ')})`,
    ],
    ...(result.floor
      ? ([
          [
            'floor build (median)',
            `${seconds(result.floor.medianSeconds)}  (runs: ${result.floor.seconds.map((value) => value.toFixed(1)).join(', ')})`,
          ],
          [
            'full / floor',
            `${ratio(result.ratioToFloor?.paired)} paired median, ${ratio(result.ratioToFloor?.ofMedians)} of medians`,
          ],
        ] as [string, string][])
      : []),
    ...(result.peer
      ? ([
          [
            'peer build (median)',
            `${seconds(result.peer.medianSeconds)}  (runs: ${result.peer.seconds.map((value) => value.toFixed(1)).join(', ')})`,
          ],
          ['full / peer', peerComparison(result.ratioToPeer?.paired)],
        ] as [string, string][])
      : []),
    ['peak memory (full)', `${full.peakMemoryMiB.toFixed(0)} MiB${peakPhase(full)}`],
    ['CPU time (full, median)', seconds(median(full.cpuSeconds))],
    ['time per study page', `${result.millisecondsPerStudyPage.toFixed(1)} ms`],
    ['dist/ size', mib(result.distBytes)],
    [
      'largest HTML page',
      biggest ? `${(biggest.bytes / 1e6).toFixed(2)} MB ${biggest.path} (${result.pagesOver1MB} over 1 MB)` : '–',
    ],
    ['study page gzip (HTML + CSS + JS)', weight(result.studyPage)],
    ['topic page gzip (HTML + CSS + JS)', weight(result.topicPage)],
    ...Object.entries(pagefindQueryBytes ?? {}).map(([query, bytes]): [string, string] => [
      `Pagefind download, "${query}"${query === 'therapy' ? ' (a common word)' : ''}`,
      kib(bytes),
    ]),
    ['machine', noiseLine(result.machine)],
  ]);
  write(`\nWhere the time goes (median seconds per phase, ${caches}):\n`);
  write(
    phaseTable([
      ['floor', result.floor],
      ['peer', result.peer],
      ['full', full],
    ]),
  );
  write(`\nWritten to ${relative(root, out)}`);
  printTargets();
}

function peerComparison(paired: number | undefined): string {
  if (paired === undefined) return '–';
  return `${ratio(paired)} paired median (the site is ${paired < 1 ? `${ratio(1 / paired)} faster` : `${ratio(paired)} slower`})`;
}

/** Where the most memory was held, as the peak line shows it. */
const peakPhase = (summary: BuildSummary) =>
  summary.peakMemoryPhase === undefined
    ? ''
    : ` (the processes sampled together held the most during "${summary.peakMemoryPhase}")`;

function noiseLine(machine: { cores: number } & ReturnType<typeof noise>): string {
  const share =
    machine.othersCpuShare === null
      ? ''
      : `; other processes used ${(machine.othersCpuShare * 100).toFixed(0)}% of the CPU during builds (median; at most ${((machine.othersCpuShareMax ?? 0) * 100).toFixed(0)}%)`;
  const disk =
    machine.fileCreationMs === undefined
      ? ''
      : `; creating 1,000 files took ${machine.fileCreationMs.toFixed(0)} ms before a build (median; at most ${(machine.fileCreationMsMax ?? 0).toFixed(0)} ms)`;
  return `${machine.cores} cores, load average ${machine.loadAverage.toFixed(1)} at the builds' start${share}${disk}`;
}

/** The site's build as `npm run build` runs it. */
const siteBuild = join(root, 'scripts', 'build.ts');

const siteEnv = (corpus: Corpus, referencesDir: string) => ({
  ATLAS_CONTENT_DIR: corpus.contentDir,
  ATLAS_REFERENCES_DIR: referencesDir,
});

/** The library scenario: the same summaries with a whole reference-manager export, and with only the references used. */
async function libraryScenario(size: number): Promise<void> {
  const work = join(benchDir, `library-${size}-${studies}`);
  mkdirSync(work, { recursive: true });
  write(`Generating a library of ${size} references with ${studies} summaries in ${relative(root, work)}/ …`);
  const corpus = generateCorpus(join(work, 'corpus'), studies, { library: size });
  write(
    `${corpus.citedEntries} references are summarised or cited; ${corpus.libraryEntries - corpus.citedEntries} are used nowhere`,
  );
  const builds = await measure(work, [
    { name: 'cited', label: 'cited', cwd: root, env: siteEnv(corpus, corpus.citedReferencesDir), script: siteBuild },
    { name: 'full', label: 'full', cwd: root, env: siteEnv(corpus, corpus.referencesDir), script: siteBuild },
  ]);
  const dist = join(work, 'dist-full');
  const full = summary(builds.get('full')) as BuildSummary;
  const cited = summary(builds.get('cited'));
  const all = [...builds.values()].flat();
  const result = {
    scenario: 'library',
    commit: commit(),
    date: new Date().toISOString(),
    studies,
    library: size,
    citedEntries: corpus.citedEntries,
    runs,
    caches,
    machine: { ...machine(), ...noise(all) },
    full,
    cited,
    ratioToCited: ratios(builds.get('full'), builds.get('cited')),
    warningLines: {
      library: median(builds.get('full')?.map((build) => build.warningLines) ?? []),
      cited: median(builds.get('cited')?.map((build) => build.warningLines) ?? []),
    },
    distBytes: folderBytes(dist),
    largestPages: largestPages(dist),
    pagesOver1MB: pagesOver(dist, limits.pageBytes),
  } satisfies BenchResult & Record<string, unknown>;
  const out = save(result, `results-library-${size}-${studies}-${caches}.json`);
  const biggest = result.largestPages[0];
  print([
    ['library', `${size} references (${corpus.citedEntries} used), ${studies} summaries`],
    ['caches', caches],
    ['commit', result.commit],
    [
      `whole library (median)`,
      `${seconds(full.medianSeconds)}  (runs: ${full.seconds.map((value) => value.toFixed(1)).join(', ')})`,
    ],
    [
      `only the used references`,
      `${seconds(cited?.medianSeconds)}  (runs: ${cited?.seconds.map((value) => value.toFixed(1)).join(', ')})`,
    ],
    [
      'whole / used',
      `${ratio(result.ratioToCited?.paired)} paired median, ${ratio(result.ratioToCited?.ofMedians)} of medians`,
    ],
    [
      'warning lines printed',
      `${result.warningLines.library} with the whole library, ${result.warningLines.cited} with the used references`,
    ],
    ['peak memory (whole library)', `${full.peakMemoryMiB.toFixed(0)} MiB${peakPhase(full)}`],
    ['largest HTML page', biggest ? `${(biggest.bytes / 1e6).toFixed(2)} MB ${biggest.path}` : '–'],
    ['machine', noiseLine(result.machine)],
  ]);
  write(`\nWhere the time goes (median seconds per phase, ${caches}):\n`);
  write(
    phaseTable([
      ['used references', cited],
      ['whole library', full],
    ]),
  );
  write(`\nWritten to ${relative(root, out)}`);
  printTargets();
}

/** One full build under `--cpu-prof` (after a build that fills the caches, unless cold). */
async function profileScenario(): Promise<void> {
  const work = join(benchDir, library ? `library-${library}-${studies}` : `studies-${studies}`);
  mkdirSync(work, { recursive: true });
  write(`Generating the corpus in ${relative(root, work)}/ …`);
  const corpus = generateCorpus(join(work, 'corpus'), studies, library ? { library } : {});
  const base = {
    cwd: root,
    script: siteBuild,
    outDir: join(work, 'dist-full'),
    env: siteEnv(corpus, corpus.referencesDir),
    cacheDir: join(work, `cache-full-${caches}`),
    cold,
  };
  if (!cold) {
    write('A first build to fill the caches …');
    await runBuild(root, { ...base, logFile: join(work, 'logs', 'profile-warm-up.log') });
  }
  const profiles = join(work, `cpu-profile-${caches}`);
  rmSync(profiles, { recursive: true, force: true });
  write(`Profiling one ${caches} build into ${relative(root, profiles)}/ …`);
  const build = await runBuild(root, {
    ...base,
    logFile: join(work, 'logs', `profile-${caches}.log`),
    nodeArgs: ['--cpu-prof', '--cpu-prof-dir', profiles],
  });
  const threads = readdirSync(profiles)
    .map((file) => ({ file, thread: threadOfFile(file) }))
    .filter((each) => each.thread !== undefined);
  const read = (file: string) => JSON.parse(readFileSync(join(profiles, file), 'utf8')) as CpuProfile;
  const pids = [...new Set(threads.map((each) => each.thread?.pid))];
  const summaries: ThreadSummary[] = [];
  for (const pid of pids) {
    const label = pids.length > 1 ? ` (process ${pid})` : '';
    const mine = threads.filter((each) => each.thread?.pid === pid);
    const main = mine.filter((each) => each.thread?.thread === 0);
    const workers = mine.filter((each) => each.thread?.thread !== 0);
    if (main.length)
      summaries.push(
        summarise(
          `main thread${label}`,
          main.map((each) => read(each.file)),
          root,
        ),
      );
    if (workers.length)
      summaries.push(
        summarise(
          `${workers.length} worker thread${workers.length === 1 ? '' : 's'}${label}`,
          workers.map((each) => read(each.file)),
          root,
        ),
      );
  }
  write(
    `\nThe profiled build took ${seconds(build.seconds)} (${seconds(build.cpuSeconds)} CPU; profiling slows it).\n`,
  );
  // The build script's own process only waits for Astro's (its busy time is a few milliseconds).
  const waiting = summaries.filter((each) => each.busyMs < 0.01 * each.totalMs);
  for (const each of summaries) if (!waiting.includes(each)) write(`${formatSummary(each)}\n`);
  if (waiting.length > 0) write(`(${waiting.map((each) => each.thread).join(', ')}: idle throughout, left out)\n`);
  write(`Phases of the profiled build:\n`);
  write(
    formatTable(
      ['phase', 'seconds'],
      build.phases.map((phase) => [phase.name, seconds(phase.seconds)]),
      markdown,
    ),
  );
  const out = save(
    {
      scenario: library ? 'library' : 'studies',
      commit: commit(),
      date: new Date().toISOString(),
      studies,
      library: library ?? studies,
      caches,
      seconds: build.seconds,
      phases: build.phases,
      threads: summaries,
    },
    `profile-${library ? `library-${library}-` : ''}${studies}-${caches}.json`,
  );
  write(`\nWritten to ${relative(root, out)}; open the .cpuprofile files in Chrome's DevTools for the full picture.`);
}

if (options.targets) printTargets();
else if (options.profile) await profileScenario();
else if (library) await libraryScenario(library);
else await studiesScenario();
