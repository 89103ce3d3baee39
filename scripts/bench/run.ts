/**
 * One `astro build` as the benchmark runs it: timed, its peak memory and CPU time read from inside
 * the process, each line of its output stamped with when it arrived, and how busy the rest of the
 * machine was meanwhile.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { phasesOf, warningLines, type LogLine, type Phase } from './log.ts';

export interface BuildRun {
  readonly seconds: number;
  /** User + system CPU seconds of the build process (its threads; not Pagefind's process). */
  readonly cpuSeconds: number;
  readonly peakMemoryMiB: number;
  readonly phases: Phase[];
  /** Lines of the site's warnings in the output. */
  readonly warningLines: number;
  /** The share of the machine's CPU that other processes used during the build (0–1). */
  readonly othersLoad: number | undefined;
  /** The 1-minute load average when the build started. */
  readonly loadAverage: number;
}

export interface BuildOptions {
  /** The project to build. */
  readonly cwd: string;
  readonly outDir: string;
  readonly env: Readonly<Record<string, string>>;
  /** Astro's cache folder; emptied first for a cold build. */
  readonly cacheDir: string;
  readonly cold: boolean;
  /** Where to keep the stamped log, and the preload script's files. */
  readonly logFile: string;
  /** Extra Node options (`--cpu-prof`, …). */
  readonly nodeArgs?: readonly string[];
}

/** Busy and total CPU ticks of the whole machine, from /proc/stat (Linux); undefined elsewhere. */
function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = fields;
    const busy = user + nice + system + irq + softirq + steal;
    return { busy, total: busy + idle + iowait };
  } catch {
    return undefined;
  }
}
/** Linux's USER_HZ: /proc/stat counts hundredths of a second. */
const ticksPerSecond = 100;

const astroBin = (root: string) => join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');

/** Run `astro build` once. */
export function runBuild(root: string, options: BuildOptions): Promise<BuildRun> {
  const folder = join(options.logFile, '..');
  mkdirSync(folder, { recursive: true });
  const usageFile = `${options.logFile}.usage.json`;
  const preload = join(folder, 'usage-preload.mjs');
  writeFileSync(
    preload,
    `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.resourceUsage(); writeFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ maxRSS: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6 })); });\n`,
  );
  rmSync(usageFile, { force: true });
  rmSync(options.outDir, { recursive: true, force: true });
  if (options.cold) rmSync(options.cacheDir, { recursive: true, force: true });
  const loadAverage = loadavg()[0] ?? 0;
  const before = machineTicks();
  const started = performance.now();
  const lines: LogLine[] = [];
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        ...(options.nodeArgs ?? []),
        '--import',
        preload,
        astroBin(root),
        'build',
        '--outDir',
        options.outDir,
        ...(options.cold ? ['--force'] : []),
      ],
      {
        cwd: options.cwd,
        env: {
          ...process.env,
          ...options.env,
          ATLAS_CACHE_DIR: options.cacheDir,
          BENCH_CACHE_DIR: options.cacheDir,
          BENCH_USAGE_FILE: usageFile,
          ASTRO_TELEMETRY_DISABLED: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const collect = (stream: NodeJS.ReadableStream) => {
      let rest = '';
      stream.on('data', (chunk: Buffer) => {
        const at = (performance.now() - started) / 1000;
        const parts = (rest + chunk.toString()).split('\n');
        rest = parts.pop() ?? '';
        for (const text of parts) lines.push({ at, text });
      });
      stream.on('end', () => {
        if (rest) lines.push({ at: (performance.now() - started) / 1000, text: rest });
      });
    };
    collect(child.stdout);
    collect(child.stderr);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const after = machineTicks();
      writeFileSync(options.logFile, lines.map((line) => `${line.at.toFixed(3).padStart(9)}  ${line.text}`).join('\n'));
      if (code !== 0) {
        const tail = lines
          .slice(-60)
          .map((line) => line.text)
          .join('\n');
        return reject(new Error(`build in ${options.cwd} failed (${code}); log in ${options.logFile}:\n${tail}`));
      }
      const usage = existsSync(usageFile)
        ? (JSON.parse(readFileSync(usageFile, 'utf8')) as { maxRSS: number; cpu: number })
        : { maxRSS: 0, cpu: 0 };
      rmSync(usageFile, { force: true });
      const machineBusy = before && after ? (after.busy - before.busy) / ticksPerSecond : undefined;
      const othersLoad =
        machineBusy === undefined ? undefined : Math.max(0, (machineBusy - usage.cpu) / (seconds * cpus().length));
      resolve({
        seconds,
        cpuSeconds: usage.cpu,
        peakMemoryMiB: usage.maxRSS / 1024,
        phases: phasesOf(lines, seconds),
        warningLines: warningLines(lines.map((line) => line.text)).length,
        othersLoad,
        loadAverage,
      });
    });
  });
}
