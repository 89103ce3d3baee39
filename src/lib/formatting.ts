/**
 * The formatted bibliography of a build: which references are formatted in which style, formatted
 * once, started as soon as the references and their use are known (in parallel with the content
 * check), and kept on disk between builds.
 *
 * What is formatted: every used reference (cited, listed in `nocite` or summarised; see
 * src/lib/content/usage.ts) in the site's style and in the style the full bibliography is listed
 * in, for reference lists and /references/; and the summarised ones in every style "Cite this"
 * offers, since only study pages offer it. An entry of the library that nothing uses is never
 * formatted.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Bibliography } from './bibliography.ts';
import { buildState, buildStats } from './build-state.ts';
import { describeStyle, registerStyles, standardStyles, styleXml } from './citations/styles.ts';
import { loadContentFiles } from './content/collections.ts';
import { referenceUsage, type ReferenceUsage } from './content/usage.ts';
import { formatBibliography, type FormattedBibliography, type FormattedReference } from './format.ts';
import type { CitationKey } from './keys.ts';
import { writeInside } from './output.ts';
import type { Project } from './project.ts';

/** Bump when the formatted output changes for the same records and styles. */
export const formatVersion = 3;

export interface FormatPlan {
  /** Per style, the keys to format in it. */
  readonly styles: readonly { readonly name: string; readonly keys: readonly CitationKey[] }[];
}

export type FormattedStyles = ReadonlyMap<string, FormattedBibliography>;

/**
 * The plan for a site: `listStyles` (the site's style, and APA when the site's is numeric) for
 * every used reference, the other `citeStyles` for the summarised ones.
 */
export function formatPlan(
  bibliography: Bibliography,
  usage: ReferenceUsage,
  listStyles: readonly string[],
  citeStyles: readonly string[],
): FormatPlan {
  const inLibraryOrder = (keys: ReadonlySet<CitationKey>) =>
    [...bibliography.references.keys()].filter((key) => keys.has(key));
  const used = inLibraryOrder(usage.used);
  const summarised = inLibraryOrder(usage.summarised);
  const names = [...new Set([...listStyles, ...citeStyles])];
  return {
    styles: names.map((name) => ({ name, keys: listStyles.includes(name) ? used : summarised })),
  };
}

function digestOf(
  plan: FormatPlan,
  bibliography: Bibliography,
  styleXml: (style: string) => string | undefined,
): string {
  const hash = createHash('sha256').update(String(formatVersion));
  for (const { name, keys } of plan.styles) {
    hash
      .update('\0style\0')
      .update(name)
      .update('\0')
      .update(styleXml(name) ?? '');
    for (const key of keys) hash.update('\0').update(JSON.stringify(bibliography.references.get(key)?.csl ?? null));
  }
  return hash.digest('hex');
}

interface CacheFile {
  readonly digest: string;
  readonly styles: Record<
    string,
    { entries: [CitationKey, FormattedReference][]; failures: FormattedBibliography['failures'] }
  >;
}

const cacheName = 'evidence-atlas-formatted.json';

/** The threads formatting now, so a build that stops early can stop them too. */
const running = new Set<{ terminate(): Promise<number> }>();

/** Stop every formatting thread (a build that fails its content check does not wait for them). */
export function stopFormatting(): void {
  for (const thread of running) void thread.terminate();
  running.clear();
}

/** Format what the plan says, in worker threads: as many as the machine has cores, each a share of the styles. */
async function formatInWorkers(
  plan: FormatPlan,
  bibliography: Bibliography,
  styleXml: (style: string) => string | undefined,
): Promise<Map<string, FormattedBibliography>> {
  const { Worker } = await import('node:worker_threads');
  const script = new URL('./format-worker.ts', import.meta.url);
  const jobs = plan.styles
    .filter((style) => style.keys.length > 0)
    .map((style) => ({
      style: style.name,
      xml: styleXml(style.name),
      references: style.keys.flatMap((key) => bibliography.references.get(key) ?? []),
    }))
    // The longest first, so the threads finish together.
    .sort((a, b) => b.references.length - a.references.length);
  const threads = Math.max(1, Math.min(jobs.length, availableParallelism()));
  const shares: (typeof jobs)[] = Array.from({ length: threads }, () => []);
  jobs.forEach((job, index) => shares[index % threads]?.push(job));
  const results = new Map<string, FormattedBibliography>();
  await Promise.all(
    shares.map(async (share) => {
      try {
        const done = await new Promise<
          { style: string; entries: [CitationKey, FormattedReference][]; failures: FormattedBibliography['failures'] }[]
        >((resolve, reject) => {
          const thread = new Worker(script, { workerData: share });
          running.add(thread);
          thread.once('exit', () => running.delete(thread));
          thread.once('message', resolve);
          thread.once('error', reject);
          thread.once('exit', (code) => code !== 0 && reject(new Error(`formatting stopped (${code})`)));
        });
        for (const { style, entries, failures } of done) results.set(style, { entries: new Map(entries), failures });
      } catch {
        // Workers could not start here: format on this thread instead.
        for (const job of share) results.set(job.style, formatBibliography(job.references, { style: job.style }));
      }
    }),
  );
  for (const style of plan.styles) {
    if (!results.has(style.name)) results.set(style.name, { entries: new Map(), failures: [] });
    const { entriesFormatted } = buildStats();
    entriesFormatted[style.name] = (entriesFormatted[style.name] ?? 0) + style.keys.length;
  }
  return results;
}

/**
 * The formatted styles of a plan: the same promise for every caller in this build (the
 * integration starts it, the references loader awaits it), read from the cache on disk when the
 * records, styles and plan have not changed.
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
    if (cacheDir) {
      try {
        const cached = JSON.parse(readFileSync(`${cacheDir}/${cacheName}`, 'utf8')) as CacheFile;
        if (cached.digest === digest) {
          return new Map(
            Object.entries(cached.styles).map(([style, { entries, failures }]) => [
              style,
              { entries: new Map(entries), failures },
            ]),
          );
        }
      } catch {
        // No cache yet, or an unreadable one: format.
      }
    }
    const formatted = await formatInWorkers(plan, bibliography, styleXml);
    if (cacheDir) {
      const file: CacheFile = {
        digest,
        styles: Object.fromEntries(
          [...formatted].map(([style, { entries, failures }]) => [style, { entries: [...entries], failures }]),
        ),
      };
      writeInside(cacheDir, cacheName, JSON.stringify(file));
    }
    return formatted;
  })();
  state.formatting = { digest, result };
  return result;
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
  const usage = referenceUsage(loadContentFiles(project.contentDir, project.root), bibliography);
  const plan = formatPlan(bibliography, usage, listStyles, citeStyles);
  return { plan, usage, formatted: startFormatting(plan, bibliography, styleXml, project.cacheDir) };
}
