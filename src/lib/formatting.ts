/**
 * The formatted bibliography of a build: which references are formatted in which style, formatted
 * once, started as soon as the references and their use are known (in parallel with the content
 * check), and kept on disk between builds.
 *
 * What is formatted: every used reference (cited, listed in `nocite` or summarised; see
 * src/lib/content/usage.ts) in the site's style and in the style the full bibliography is listed
 * in, as one list, for reference lists and /references/; and the summarised ones in every style
 * "Cite this" offers, each on its own as a reader copies it, since only study pages offer it. An
 * entry of the library that nothing uses is never formatted.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { engineRecord, type Bibliography, type Reference } from './bibliography.ts';
import { buildState, buildStats } from './build-state.ts';
import { describeStyle, registerStyles, standardStyles, styleXml } from './citations/styles.ts';
import { fromContentFiles } from './content/collections.ts';
import { referenceUsage, type ReferenceUsage } from './content/usage.ts';
import { formatBibliography, type FormattedBibliography, type FormattedReference } from './format.ts';
import { citeSlot } from './formatted.ts';
import type { CitationKey } from './keys.ts';
import { writeInside } from './output.ts';
import { filingName } from './paging.ts';
import type { Project } from './project.ts';

/** Bump when the formatted output changes for the same records and styles. */
export const formatVersion = 4;

export interface FormatPlan {
  /**
   * What to format: per style, the keys, whether as one list (the site's style and the style
   * /references/ lists in, for every used reference) or each entry alone (the "Cite this"
   * strings of summarised references), and the `slot` of a reference's `formatted` it is kept
   * under (the style's name, or `citeSlot(name)` for the "Cite this" strings of a list style).
   */
  readonly styles: readonly {
    readonly name: string;
    readonly slot: string;
    readonly keys: readonly CitationKey[];
    readonly list: boolean;
  }[];
}

/**
 * About how many entries one engine call formats (see `formatJobs`): the CSL engine's time per
 * entry grows with the size of the call (about 3 ms at 1,000 entries, 7 ms at 10,000).
 */
export const citePartSize = 250;

/** The longest list a list style formats in one engine call (see `formatJobs`). */
export const wholeListSize = 2000;

/** The formatted entries of each slot of the plan. */
export type FormattedStyles = ReadonlyMap<string, FormattedBibliography>;

/**
 * The plan for a site: `listStyles` (the site's style, and APA when the site's is numeric) as one
 * list of every used reference; every "Cite this" style (`citeStyles`) entry by entry for the
 * summarised ones. A list style offered in "Cite this" reuses its list entries, except those a
 * list can change: the entries that share their first author and year with another used entry
 * (2024a, 2024b), and every entry when the style replaces a repeated author with a dash.
 */
export function formatPlan(
  bibliography: Bibliography,
  usage: ReferenceUsage,
  listStyles: readonly string[],
  citeStyles: readonly string[],
  styleXml: (style: string) => string | undefined = () => undefined,
): FormatPlan {
  const inLibraryOrder = (keys: ReadonlySet<CitationKey>) =>
    [...bibliography.references.keys()].filter((key) => keys.has(key));
  const used = inLibraryOrder(usage.used);
  const summarised = inLibraryOrder(usage.summarised);
  const shared = sharedAuthorYear(used.flatMap((key) => bibliography.references.get(key) ?? []));
  const styles: FormatPlan['styles'][number][] = [];
  for (const name of listStyles) styles.push({ name, slot: name, keys: used, list: true });
  for (const name of new Set(citeStyles)) {
    if (!listStyles.includes(name)) styles.push({ name, slot: name, keys: summarised, list: false });
    else {
      const dashes = /subsequent-author-substitute=/.test(styleXml(name) ?? '');
      const keys = dashes ? summarised : summarised.filter((key) => shared.has(key));
      if (keys.length > 0) styles.push({ name, slot: citeSlot(name), keys, list: false });
    }
  }
  return { styles };
}

/**
 * The references whose first author (or editor, or for neither, any title) and year are shared
 * with another of `references`: those a style may tell apart with "2024a" and "2024b".
 */
function sharedAuthorYear(references: readonly Reference[]): Set<CitationKey> {
  const groups = new Map<string, CitationKey[]>();
  for (const { key, csl } of references) {
    const named = csl.author?.[0] ?? csl.editor?.[0];
    const group = `${named ? filingName(csl) : '\0'}\0${csl.issued?.['date-parts']?.[0]?.[0] ?? ''}`;
    const keys = groups.get(group);
    if (keys) keys.push(key);
    else groups.set(group, [key]);
  }
  return new Set([...groups.values()].filter((keys) => keys.length > 1).flat());
}

/** What of a reference its formatted entries depend on (the record as the engine gets it), as text. */
function recordDigestInput(bibliography: Bibliography, key: CitationKey): string {
  const reference = bibliography.references.get(key);
  return JSON.stringify(reference ? engineRecord(reference) : null);
}

function digestOf(
  plan: FormatPlan,
  bibliography: Bibliography,
  styleXml: (style: string) => string | undefined,
): string {
  const hash = createHash('sha256').update(String(formatVersion));
  for (const { name, slot, keys, list } of plan.styles) {
    hash
      .update('\0style\0')
      .update(`${name}\0${slot}\0${list}`)
      .update('\0')
      .update(styleXml(name) ?? '');
    for (const key of keys) hash.update('\0').update(recordDigestInput(bibliography, key));
  }
  return hash.digest('hex');
}

interface CacheFile {
  readonly digest: string;
  readonly styles: Record<
    string,
    { entries: [CitationKey, FormattedReference][]; failures: FormattedBibliography['failures'] }
  >;
  /**
   * For each slot of entries formatted alone, the digest each entry was formatted from: such an
   * entry depends on its own record and its style only, so it is reused when they have not changed
   * even if the rest of the plan has.
   */
  readonly alone?: Record<string, [CitationKey, string][]>;
}

/** What an entry formatted alone depends on: the format version, its style and its record. */
function aloneDigests(
  plan: FormatPlan,
  bibliography: Bibliography,
  styleXml: (style: string) => string | undefined,
): Map<string, Map<CitationKey, string>> {
  const digests = new Map<string, Map<CitationKey, string>>();
  for (const { name, slot, keys, list } of plan.styles) {
    if (list) continue;
    const style = createHash('sha256')
      .update(`${formatVersion}\0${name}\0`)
      .update(styleXml(name) ?? '')
      .digest('hex');
    digests.set(
      slot,
      new Map(
        keys.map((key) => [
          key,
          createHash('sha256').update(style).update(recordDigestInput(bibliography, key)).digest('hex'),
        ]),
      ),
    );
  }
  return digests;
}

/** The entries formatted alone that an earlier build's cache holds for the same record and style. */
function reusableAlone(
  cached: CacheFile | undefined,
  digests: ReadonlyMap<string, ReadonlyMap<CitationKey, string>>,
): Map<string, FormattedBibliography> {
  const reusable = new Map<string, FormattedBibliography>();
  if (!cached?.alone) return reusable;
  for (const [slot, wanted] of digests) {
    const was = new Map(cached.alone[slot] ?? []);
    const style = cached.styles[slot];
    if (!style) continue;
    const failed = new Map(style.failures.map((failure) => [failure.key, failure]));
    const entries = new Map<CitationKey, FormattedReference>();
    const failures: FormattedBibliography['failures'][number][] = [];
    for (const [key, entry] of style.entries) {
      if (wanted.get(key) === undefined || was.get(key) !== wanted.get(key)) continue;
      entries.set(key, entry);
      const failure = failed.get(key);
      if (failure) failures.push(failure);
    }
    reusable.set(slot, { entries, failures });
  }
  return reusable;
}

const cacheName = 'evidence-atlas-formatted.json';

/** The processes formatting now, so a build that stops early can stop them too. */
const running = new Set<{ kill(): boolean }>();

/** Stop every formatting process (a build that fails its content check does not wait for them). */
export function stopFormatting(): void {
  for (const worker of running) worker.kill();
  running.clear();
}

export interface FormatJob {
  readonly style: string;
  readonly xml: string | undefined;
  /** The plan's slot the result is kept under. */
  readonly slot: string;
  /** Each entry formatted on its own ("Cite this"), or the part as one list. */
  readonly alone: boolean;
  /** The part's place among the slot's parts: a list style's order is the parts' order. */
  readonly part: number;
  readonly references: Reference[];
}

/**
 * The plan as jobs of about `partSize` references, so the workers stay busy to the end. Entries
 * formatted alone are cut in library order. A list style is formatted whole up to `wholeList`
 * entries, so its order is the style's own; a longer list is cut only where the first author's
 * name changes (a CSL engine's time per entry grows with the size of the call), so every entry
 * that can share "Smith et al., 2024" with another is in that other's part and the 2024a/2024b
 * an engine adds are the ones of the whole list. Such a list is ordered by its parts, filed by
 * first author as /references/ pages are (the same as the style's order in APA; a style that
 * files "van den Brink" under B lists it under V there).
 */
export function formatJobs(
  plan: FormatPlan,
  bibliography: Bibliography,
  styleXml: (style: string) => string | undefined,
  { partSize = citePartSize, wholeList = wholeListSize } = {},
): FormatJob[] {
  const jobs: FormatJob[] = [];
  for (const { name, slot, keys, list } of plan.styles) {
    const references = keys.flatMap((key) => bibliography.references.get(key) ?? []);
    if (references.length === 0) continue;
    const job = { style: name, xml: styleXml(name), slot, alone: !list };
    if (!list) {
      for (let start = 0; start < references.length; start += partSize) {
        jobs.push({ ...job, part: start / partSize, references: references.slice(start, start + partSize) });
      }
      continue;
    }
    if (references.length <= wholeList) {
      jobs.push({ ...job, part: 0, references });
      continue;
    }
    const filed = references
      .map((reference) => ({ reference, name: filingName(reference.csl) }))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let part: Reference[] = [];
    let count = 0;
    filed.forEach(({ reference, name: filing }, index) => {
      if (part.length >= partSize && filed[index - 1]?.name !== filing) {
        jobs.push({ ...job, part: count++, references: part });
        part = [];
      }
      part.push(reference);
    });
    jobs.push({ ...job, part: count, references: part });
  }
  // The longest first, so the workers finish together.
  return jobs.sort((a, b) => b.references.length - a.references.length);
}

/**
 * Format what the plan says in worker processes, as many as the machine has cores, each taking
 * the next job when it has finished one. Processes rather than threads: a worker thread's memory
 * stays with the build after it ends (about 400 MiB each at 10,000 references), a process's goes
 * back to the system before the pages are bundled.
 */
async function formatInWorkers(
  plan: FormatPlan,
  bibliography: Bibliography,
  styleXml: (style: string) => string | undefined,
): Promise<Map<string, FormattedBibliography>> {
  const { fork } = await import('node:child_process');
  const script = fileURLToPath(new URL('./format-worker.ts', import.meta.url));
  const queue = formatJobs(plan, bibliography, styleXml);
  type Done = { entries: [CitationKey, FormattedReference][]; failures: FormattedBibliography['failures'] };
  const parts = new Map<string, Done[]>();
  const keep = (job: FormatJob, done: Done) => {
    const list = parts.get(job.slot) ?? [];
    list[job.part] = done;
    parts.set(job.slot, list);
  };
  const inThisProcess = (job: FormatJob) => {
    const { entries, failures } = formatBibliography(job.references, { style: job.style, alone: job.alone });
    keep(job, { entries: [...entries], failures });
  };
  const workers = Math.max(1, Math.min(queue.length, availableParallelism()));
  await Promise.all(
    Array.from({ length: workers }, async () => {
      let child: ReturnType<typeof fork> | undefined;
      try {
        child = fork(script, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
        running.add(child);
        const worker = child;
        worker.once('exit', () => running.delete(worker));
        for (let job = queue.shift(); job; job = queue.shift()) {
          const current = job;
          const done = await new Promise<Done>((resolve, reject) => {
            const onError = (error: Error) => reject(error);
            const onExit = (code: number | null) => reject(new Error(`formatting stopped (${code})`));
            worker.once('error', onError);
            worker.once('exit', onExit);
            worker.once('message', (message) => {
              worker.off('error', onError);
              worker.off('exit', onExit);
              resolve(message as never);
            });
            worker.send(current);
          }).catch((error: unknown) => {
            // Put the job back for this process to format itself below.
            queue.unshift(current);
            throw error;
          });
          keep(current, done);
        }
      } catch {
        // A worker could not start or stopped: format the rest in this process.
        for (let job = queue.shift(); job; job = queue.shift()) inThisProcess(job);
      } finally {
        // Done: let it end on its own (a stopped build kills it instead).
        if (child?.connected) child.disconnect();
      }
    }),
  );
  // Each slot's parts in their order: an entry's place is its place in its part after the
  // entries of the parts before.
  const results = new Map<string, FormattedBibliography>();
  for (const style of plan.styles) {
    const entries = new Map<CitationKey, FormattedReference>();
    const failures: FormattedBibliography['failures'][number][] = [];
    for (const part of parts.get(style.slot) ?? []) {
      const offset = entries.size;
      for (const [key, entry] of part.entries) entries.set(key, { ...entry, order: entry.order + offset });
      failures.push(...part.failures);
    }
    // Every planned reference comes back, formatted or as its title-and-year fallback.
    if (entries.size !== style.keys.length) {
      const missing = style.keys.filter((key) => !entries.has(key));
      throw new Error(
        `the ${style.name} style returned ${entries.size} of ${style.keys.length} references (missing: ${missing.slice(0, 5).join(', ')})`,
      );
    }
    results.set(style.slot, { entries, failures });
    const { entriesFormatted } = buildStats();
    entriesFormatted[style.name] = (entriesFormatted[style.name] ?? 0) + entries.size;
  }
  return results;
}

/**
 * The formatted styles of a plan: the same promise for every caller in this build (the
 * integration starts it, the references loader awaits it), read from the cache on disk when the
 * records, styles and plan have not changed. When they have, the lists are formatted again whole
 * and, of the entries formatted alone, only those whose record or style changed.
 */
export function startFormatting(
  plan: FormatPlan,
  bibliography: Bibliography,
  styleXml: (style: string) => string | undefined,
  cacheDir: string | undefined,
): Promise<FormattedStyles> {
  const digest = digestOf(plan, bibliography, styleXml);
  const state = buildState();
  if (state.formatting?.digest === digest) return state.formatting.result;
  const result = (async (): Promise<FormattedStyles> => {
    let cached: CacheFile | undefined;
    if (cacheDir) {
      try {
        cached = JSON.parse(readFileSync(`${cacheDir}/${cacheName}`, 'utf8')) as CacheFile;
        if (cached.digest === digest) {
          return new Map(
            Object.entries(cached.styles).map(([style, { entries, failures }]) => [
              style,
              { entries: new Map(entries), failures },
            ]),
          );
        }
      } catch {
        // No cache yet, or an unreadable one: format everything.
        cached = undefined;
      }
    }
    const digests = aloneDigests(plan, bibliography, styleXml);
    let reused = new Map<string, FormattedBibliography>();
    try {
      reused = reusableAlone(cached, digests);
    } catch {
      // A cache file of another shape: format everything.
    }
    // The lists again whole (an entry's place and 2024a depend on the others), alone only what changed.
    const rest: FormatPlan = {
      styles: plan.styles.map((style) =>
        style.list ? style : { ...style, keys: style.keys.filter((key) => !reused.get(style.slot)?.entries.has(key)) },
      ),
    };
    const formatted = withReused(plan, await formatInWorkers(rest, bibliography, styleXml), reused);
    if (cacheDir) {
      const file: CacheFile = {
        digest,
        styles: Object.fromEntries(
          [...formatted].map(([style, { entries, failures }]) => [style, { entries: [...entries], failures }]),
        ),
        alone: Object.fromEntries([...digests].map(([slot, byKey]) => [slot, [...byKey]])),
      };
      writeInside(cacheDir, cacheName, JSON.stringify(file));
    }
    return formatted;
  })();
  state.formatting = { digest, result };
  return result;
}

/**
 * The plan's entries formatted alone, from what was `reused` and what was just `formatted`, in the
 * plan's order; the lists as formatted.
 */
function withReused(
  plan: FormatPlan,
  formatted: ReadonlyMap<string, FormattedBibliography>,
  reused: ReadonlyMap<string, FormattedBibliography>,
): Map<string, FormattedBibliography> {
  const results = new Map<string, FormattedBibliography>();
  for (const { slot, keys, list } of plan.styles) {
    const fresh = formatted.get(slot) ?? { entries: new Map(), failures: [] };
    const kept = reused.get(slot);
    if (list || !kept || kept.entries.size === 0) {
      results.set(slot, fresh);
      continue;
    }
    const entries = new Map<CitationKey, FormattedReference>();
    keys.forEach((key, order) => {
      const entry = kept.entries.get(key) ?? fresh.entries.get(key);
      if (entry) entries.set(key, { ...entry, order });
    });
    if (entries.size !== keys.length) {
      throw new Error(`the ${slot} entries formatted alone came back ${entries.size} of ${keys.length}`);
    }
    results.set(slot, { entries, failures: [...kept.failures, ...fresh.failures] });
  }
  return results;
}

/**
 * The site's plan and its formatted styles: the references the content uses (a quick scan), in
 * the styles the site lists and offers. The integration starts it before the content check; the
 * references loader awaits the same promise.
 */
export function formatSite(
  project: Project,
  bibliography: Bibliography,
): { plan: FormatPlan; usage: ReferenceUsage; formatted: Promise<FormattedStyles> } {
  const custom = registerStyles(project.stylesDir);
  const site = describeStyle(project.citationStyle);
  const listStyles = [project.citationStyle, ...(site?.numeric ? ['apa'] : [])];
  const citeStyles = [...new Set([...standardStyles, project.citationStyle, ...custom])];
  const usage = fromContentFiles(project.contentDir, project.root, bibliography, (content) =>
    referenceUsage(content, bibliography),
  );
  const plan = formatPlan(bibliography, usage, listStyles, citeStyles, styleXml);
  return { plan, usage, formatted: startFormatting(plan, bibliography, styleXml, project.cacheDir) };
}
