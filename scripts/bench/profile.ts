/**
 * A small aggregator over V8 CPU profiles (the `.cpuprofile` files `node --cpu-prof` writes, one
 * per thread): self time by package or file and by function, and inclusive time of the project's
 * own functions. Pure functions over parsed profiles.
 */

export interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber?: number;
}
export interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}
export interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  /** Microseconds between one sample and the one before it. */
  readonly timeDeltas: readonly number[];
}

/** A row of a summary: a name, milliseconds, and the share of the thread's profiled time. */
export interface Row {
  readonly name: string;
  readonly ms: number;
  readonly share: number;
}

export interface ThreadSummary {
  readonly thread: string;
  /** Profiled wall time of the thread(s), in ms (for merged workers: summed). */
  readonly totalMs: number;
  /** Self time outside `(idle)`, `(program)` and `(garbage collector)`. */
  readonly busyMs: number;
  readonly byPackage: readonly Row[];
  readonly byFunction: readonly Row[];
  /** Inclusive time of the project's own functions (everything they called counted in). */
  readonly ownInclusive: readonly Row[];
}

/** `CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile`: Node's name for a thread's profile. */
export function threadOfFile(name: string): { pid: number; thread: number } | undefined {
  const match = /^CPU\.\d+\.\d+\.(\d+)\.(\d+)\.\d+\.cpuprofile$/.exec(name);
  return match ? { pid: Number(match[1]), thread: Number(match[2]) } : undefined;
}

const pseudo = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

/** The package (`astro`, `@citation-js/core`) or, for the project's own files, the file. */
export function packageOf(frame: CallFrame, root: string): string {
  if (pseudo.has(frame.functionName) && !frame.url) return frame.functionName;
  const url = frame.url;
  if (!url) return '(native)';
  if (url.startsWith('node:')) return 'node (built-in)';
  const path = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  // The pages and components Vite built for rendering (the site's and packages' code bundled).
  const built = path.indexOf('/.prerender/');
  if (built >= 0) return `(built) ${path.slice(built + '/.prerender/'.length)}`;
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const [first, second] = path.slice(modules + '/node_modules/'.length).split('/');
    // Astro's own cache (node_modules/.astro) holds built code, not a package.
    if (first?.startsWith('.')) return `${first}/${second ?? ''}`;
    return first?.startsWith('@') ? `${first}/${second}` : (first ?? path);
  }
  const base = root.endsWith('/') ? root : `${root}/`;
  return path.startsWith(base) ? path.slice(base.length) : path;
}

const shortUrl = (frame: CallFrame, root: string) => {
  const place = packageOf(frame, root);
  const file = frame.url.split('/').at(-1) ?? '';
  return place.endsWith(file) || !file ? place : `${place} ${file}`;
};

export const functionOf = (frame: CallFrame, root: string) =>
  pseudo.has(frame.functionName) && !frame.url
    ? frame.functionName
    : `${frame.functionName || '(anonymous)'} (${shortUrl(frame, root)}:${frame.lineNumber + 1})`;

/** Microseconds of self time per node: each sample lasts until the next one. */
export function selfTimes(profile: CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    const duration = i + 1 < timeDeltas.length ? (timeDeltas[i + 1] as number) : 0;
    const id = samples[i] as number;
    self.set(id, (self.get(id) ?? 0) + Math.max(0, duration));
  }
  return self;
}

function top(totals: Map<string, number>, totalUs: number, limit: number): Row[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([name, us]) => ({ name, ms: us / 1000, share: totalUs > 0 ? us / totalUs : 0 }));
}

/** Is this frame the project's own code (not a package, not Node, not a pseudo-frame)? */
const isOwn = (frame: CallFrame, root: string) => {
  const place = packageOf(frame, root);
  return /^(src|scripts)\//.test(place) || place === 'astro.config.mjs';
};

/**
 * Summarise one or more profiles of the same kind of thread (the main thread, or all workers
 * together): self time by package and by function, and inclusive time of own functions.
 */
export function summarise(thread: string, profiles: readonly CpuProfile[], root: string, limit = 15): ThreadSummary {
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const ownInclusive = new Map<string, number>();
  let totalUs = 0;
  let idleUs = 0;
  for (const profile of profiles) {
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const self = selfTimes(profile);
    for (const [id, us] of self) {
      const node = nodes.get(id);
      if (!node) continue;
      totalUs += us;
      if (pseudo.has(node.callFrame.functionName) && !node.callFrame.url) idleUs += us;
      const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + us);
      add(byPackage, packageOf(node.callFrame, root));
      add(byFunction, functionOf(node.callFrame, root));
      // Every own function on the stack gets the sample once, however deep the recursion.
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const frame = nodes.get(at)?.callFrame;
        if (!frame || !isOwn(frame, root)) continue;
        const key = functionOf(frame, root);
        if (seen.has(key)) continue;
        seen.add(key);
        add(ownInclusive, key);
      }
    }
  }
  return {
    thread,
    totalMs: totalUs / 1000,
    busyMs: (totalUs - idleUs) / 1000,
    byPackage: top(byPackage, totalUs, limit),
    byFunction: top(byFunction, totalUs, limit),
    ownInclusive: top(ownInclusive, totalUs, limit),
  };
}

/** A summary as text: one table per view. */
export function formatSummary(summary: ThreadSummary): string {
  const table = (title: string, rows: readonly Row[]) =>
    [
      `  ${title}`,
      ...rows.map(
        (row) =>
          `    ${(row.ms / 1000).toFixed(2).padStart(7)} s  ${(row.share * 100).toFixed(1).padStart(5)}%  ${row.name}`,
      ),
    ].join('\n');
  return [
    `${summary.thread}: ${(summary.totalMs / 1000).toFixed(1)} s profiled, ${(summary.busyMs / 1000).toFixed(1)} s busy`,
    table('self time by package or file', summary.byPackage),
    table('self time by function', summary.byFunction),
    table('own functions, inclusive', summary.ownInclusive),
  ].join('\n');
}
