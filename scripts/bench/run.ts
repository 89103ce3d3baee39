/**
 * One `astro build` as the benchmark runs it: timed, its peak memory (the build's processes
 * together) and CPU time, each line of its output stamped with when it arrived, and how busy the
 * rest of the machine was meanwhile.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { basename, join } from 'node:path';
import { phaseAt, phasesOf, warningLines, type LogLine, type Phase } from './log.ts';

export interface BuildRun {
  readonly seconds: number;
  /**
   * User + system CPU seconds of the build's Node.js processes (the build and its formatting
   * workers, with their threads; not Pagefind's process).
   */
  readonly cpuSeconds: number;
  /**
   * The most the build's Node.js processes held resident at once: the largest process's own
   * maximum, or the sum over the process and its children sampled every 250 ms, whichever is
   * larger.
   */
  readonly peakMemoryMiB: number;
  /**
   * The phase in which the build's processes, sampled together, held the most (undefined when
   * no sample was taken).
   */
  readonly peakMemoryPhase: string | undefined;
  readonly phases: Phase[];
  /** Lines of the site's warnings in the output. */
  readonly warningLines: number;
  /** The share of the machine's CPU that other processes used during the build (0–1). */
  readonly othersLoad: number | undefined;
  /** The 1-minute load average when the build started. */
  readonly loadAverage: number;
  /** Milliseconds the disk took to create 1,000 small files just before the build (`fileCreationMs`). */
  readonly fileCreationMs: number;
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
  /** Extra Node options (`--cpu-prof`, …); the project's build script passes them on to Astro's process. */
  readonly nodeArgs?: readonly string[];
  /**
   * The project's build script, as `npm run build` runs it (this site's `scripts/build.ts`, which
   * runs `astro build` with its arguments in a process of its own); Astro's bin when not given.
   */
  readonly script?: string;
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
/**
 * How fast the disk creates files at the moment: `files` small files written into a fresh
 * subfolder of `folder` (removed after), as milliseconds per 1,000. A build writes thousands of files, and on a virtual machine the
 * time to create one can change many times over within minutes, which moves a build's time with
 * it; each run records it beside the other processes' CPU share.
 */
export function fileCreationMs(folder: string, files = 500): number {
  const probe = join(folder, `.file-probe-${process.pid}`);
  rmSync(probe, { recursive: true, force: true });
  mkdirSync(probe, { recursive: true });
  const started = performance.now();
  for (let i = 0; i < files; i++) writeFileSync(join(probe, `${i}.txt`), 'x'.repeat(512));
  const elapsed = performance.now() - started;
  rmSync(probe, { recursive: true, force: true });
  return (elapsed * 1000) / files;
}

/** Linux's USER_HZ: /proc/stat counts hundredths of a second. */
const ticksPerSecond = 100;

const astroBin = (root: string) => join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');

/** Resident KiB of `pid` and the Node.js processes below it, from /proc (Linux); 0 elsewhere. */
export function treeResidentKiB(pid: number): number {
  const parents = new Map<number, number[]>();
  const resident = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return 0;
  }
  for (const name of entries) {
    try {
      // By the executable, not the process name: Node.js names its main thread "MainThread".
      if (!basename(readlinkSync(`/proc/${name}/exe`)).startsWith('node')) continue;
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      resident.set(Number(name), Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0));
      const children = parents.get(parent);
      if (children) children.push(Number(name));
      else parents.set(parent, [Number(name)]);
    } catch {
      // Gone meanwhile, or not a process this user may read.
    }
  }
  let total = 0;
  const visit = (each: number) => {
    total += resident.get(each) ?? 0;
    for (const child of parents.get(each) ?? []) visit(child);
  };
  visit(pid);
  return total;
}

/** Run `astro build` once. */
export function runBuild(root: string, options: BuildOptions): Promise<BuildRun> {
  const folder = join(options.logFile, '..');
  mkdirSync(folder, { recursive: true });
  const usageFile = `${options.logFile}.usage.json`;
  const preload = join(folder, 'usage-preload.mjs');
  writeFileSync(
    preload,
    // Every Node.js process of the build (its formatting workers inherit the preload) adds a line.
    `import { appendFileSync } from 'node:fs';\nprocess.on('exit', () => { const u = process.resourceUsage(); appendFileSync(process.env.BENCH_USAGE_FILE, JSON.stringify({ pid: process.pid, maxRSS: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6 }) + '\\n'); });\n`,
  );
  rmSync(usageFile, { force: true });
  rmSync(options.outDir, { recursive: true, force: true });
  if (options.cold) rmSync(options.cacheDir, { recursive: true, force: true });
  const loadAverage = loadavg()[0] ?? 0;
  const fileCreation = fileCreationMs(folder);
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
        ...(options.script ? [options.script] : [astroBin(root), 'build']),
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
    let sampledKiB = 0;
    let sampledAt = 0;
    const sampler = setInterval(() => {
      if (child.pid === undefined) return;
      const resident = treeResidentKiB(child.pid);
      if (resident > sampledKiB) {
        sampledKiB = resident;
        sampledAt = (performance.now() - started) / 1000;
      }
    }, 250);
    child.on('close', (code) => {
      clearInterval(sampler);
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
      const processes = existsSync(usageFile)
        ? readFileSync(usageFile, 'utf8')
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line) as { pid: number; maxRSS: number; cpu: number })
        : [];
      const usage = {
        // The largest process's own maximum (the build's, also under a build script), or the sampled sum.
        maxRSS: Math.max(...processes.map((each) => each.maxRSS), sampledKiB),
        cpu: processes.reduce((sum, each) => sum + each.cpu, 0),
      };
      rmSync(usageFile, { force: true });
      const machineBusy = before && after ? (after.busy - before.busy) / ticksPerSecond : undefined;
      const othersLoad =
        machineBusy === undefined ? undefined : Math.max(0, (machineBusy - usage.cpu) / (seconds * cpus().length));
      const phases = phasesOf(lines, seconds);
      resolve({
        seconds,
        cpuSeconds: usage.cpu,
        peakMemoryMiB: usage.maxRSS / 1024,
        peakMemoryPhase: sampledKiB > 0 ? phaseAt(phases, sampledAt) : undefined,
        phases,
        warningLines: warningLines(lines.map((line) => line.text)).length,
        othersLoad,
        loadAverage,
        fileCreationMs: fileCreation,
      });
    });
  });
}
