/**
 * Reading a build's log: where the time went (phases between the lines Astro and the site's
 * integration print, timed by when each line arrived) and how many warning lines the build
 * printed. Pure functions over lines; the benchmark stamps each line with the seconds since it
 * started the build.
 */

/** A line of the build's output and when it arrived, in seconds since the build started. */
export interface LogLine {
  readonly at: number;
  readonly text: string;
}

/** One phase of a build and its wall-clock seconds. */
export interface Phase {
  readonly name: string;
  readonly seconds: number;
  /** The duration the line itself reports ("✓ built in 1.80s"), when it has one. */
  readonly reported?: number;
}

/** The line that ends a phase, and the phase's name. */
export interface Marker {
  readonly name: string;
  readonly end: RegExp;
  /** Only a line before the first line matching this counts. */
  readonly before?: RegExp;
  /** The phase's name when no marker before it was found (it then starts at the build's start). */
  readonly nameFromStart?: string;
}

/**
 * The phases of `astro build`, in the order their closing lines appear. A marker missing from a
 * log (the floor has no `[evidence-atlas]` lines) is skipped, and its time goes to the next phase
 * that is found; the last phase runs to the process's exit.
 */
export const buildMarkers: readonly Marker[] = [
  // Before Astro's first content line: Node and Astro start, the config loads, and the
  // integrations' `astro:config:setup` runs. The site's first line there comes right after its
  // content check (the warnings, or what the check or Git's log report), and splits the two.
  {
    name: 'start-up, config:setup to the end of the content check',
    end: /^(?:\d\d:\d\d:\d\d )?(?:\[\w+\] )?\[evidence-atlas\]/,
    before: /\[content\] Syncing content/,
  },
  {
    name: 'rest of config:setup (styles, page history)',
    nameFromStart: 'start-up and config:setup hooks',
    end: /\[content\] Syncing content/,
  },
  { name: 'content sync (collections, bibliography)', end: /\[content\] Synced content/ },
  { name: 'types and build info', end: /\[build\] Building static entrypoints/ },
  { name: 'Vite bundles (server, client)', end: /generating static routes/ },
  { name: 'rendering pages', end: /^(?:\d\d:\d\d:\d\d )?✓ Completed in/ },
  { name: 'end of rendering', end: /\[build\] ✓ Completed in/ },
  { name: 'reference downloads', end: /\[evidence-atlas\] reference downloads/ },
  { name: "editors' CMS copy", end: /\[evidence-atlas\] editors' CMS/ },
  { name: 'search index (Pagefind)', end: /\[evidence-atlas\] search index/ },
  { name: 'sitemap', end: /\[@astrojs\/sitemap\]/ },
  { name: 'publish (staging swapped in)', end: /\[evidence-atlas:publish\]/ },
  { name: 'other build:done hooks', end: /\[build\] \d+ page\(s\) built in/ },
];

/** Every phase name in the order of a build, for tables. */
export const phaseOrder: readonly string[] = [
  ...buildMarkers.flatMap((marker) => (marker.nameFromStart ? [marker.nameFromStart, marker.name] : [marker.name])),
  'exit',
];

/** Colours and other terminal escapes, which CI terminals and some loggers add. */
export const stripAnsi = (text: string) =>
  // eslint-disable-next-line no-control-regex
  text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

/** "1.80s", "737ms", "4.22 s", "2m 55s" after "in" in a line, as seconds. */
export function reportedSeconds(text: string): number | undefined {
  const match = /\bin (?:(\d+)m )?([\d.]+)\s?(ms|s)\b/.exec(text);
  if (!match) return undefined;
  const value = Number(match[2]) / (match[3] === 'ms' ? 1000 : 1);
  return Number(match[1] ?? 0) * 60 + value;
}

/**
 * The phases of one build from its log: each marker found in order closes a phase that began at
 * the previous marker (or at 0); what follows the last marker until `exitAt` is "exit".
 */
export function phasesOf(lines: readonly LogLine[], exitAt: number, markers = buildMarkers): Phase[] {
  const phases: Phase[] = [];
  let from = 0;
  let index = 0;
  const texts = lines.map((line) => stripAnsi(line.text));
  for (const marker of markers) {
    let found = texts.findIndex((text, i) => i >= index && marker.end.test(text));
    const limit = marker.before ? texts.findIndex((text) => marker.before?.test(text)) : -1;
    if (marker.before && (limit < 0 || found > limit)) found = -1;
    if (found < 0) continue;
    const line = lines[found] as LogLine;
    const reported = reportedSeconds(texts[found] as string);
    const name = phases.length === 0 && marker.nameFromStart ? marker.nameFromStart : marker.name;
    phases.push({ name, seconds: line.at - from, ...(reported === undefined ? {} : { reported }) });
    from = line.at;
    index = found + 1;
  }
  phases.push({ name: 'exit', seconds: Math.max(0, exitAt - from) });
  return phases;
}

/** The phase a moment of the build (seconds from its start) fell in; the last phase after the end. */
export function phaseAt(phases: readonly Phase[], at: number): string | undefined {
  let end = 0;
  for (const phase of phases) {
    end += phase.seconds;
    if (at <= end) return phase.name;
  }
  return phases.at(-1)?.name;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

/**
 * The median of each phase over several builds, in the order phases first appear. A phase that
 * is missing from some builds counts as 0 s in them.
 */
export function medianPhases(runs: readonly (readonly Phase[])[]): Phase[] {
  const names: string[] = [];
  for (const run of runs) for (const phase of run) if (!names.includes(phase.name)) names.push(phase.name);
  return names.map((name) => ({
    name,
    seconds: median(runs.map((run) => run.find((phase) => phase.name === name)?.seconds ?? 0)),
  }));
}

/** A line Astro's logger starts: `HH:MM:SS [LEVEL] [label] …` or `HH:MM:SS [label] …`. */
const loggerLine = /^(?:\d\d:\d\d:\d\d )?\[[^\]]+\]/;
const warningStart = (label: string) =>
  new RegExp(`^(?:\\d\\d:\\d\\d:\\d\\d )?\\[WARN\\] \\[${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\]`);

/**
 * The lines of the warnings a logger `label` printed: each warning's first line and the lines of
 * the same message that follow it (an Astro log message of several lines prints them as they are,
 * so they run until the next line the logger starts, or a blank line).
 */
export function warningLines(texts: readonly string[], label = 'evidence-atlas'): string[] {
  const start = warningStart(label);
  const found: string[] = [];
  let inside = false;
  for (const raw of texts) {
    const text = stripAnsi(raw);
    if (start.test(text)) {
      inside = true;
      found.push(text);
    } else if (inside && text.trim() !== '' && !loggerLine.test(text) && !/^\s*[├└]─/.test(text)) {
      found.push(text);
    } else {
      inside = false;
    }
  }
  return found;
}
