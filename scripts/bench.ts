/**
 * `npm run bench -- --studies 1000 --runs 3`: build cost of the full site against the framework
 * floor (a bare Astro + MDX + Pagefind project over the same MDX bodies, with Astro's default
 * Markdown processor), and what a reader downloads. Builds alternate (floor, full, floor, …);
 * the report gives medians. A benchmark, not a test: it never fails on a number.
 *
 * Options: --studies N (1000), --runs R (3), --out FILE (.bench/results-N[-cold].json),
 * --cold (every build starts without caches: `--force` and an empty cache folder), --no-floor,
 * --no-browser (skip the Pagefind download measurement).
 *
 * Warm builds (the default) keep Astro's caches between runs, as a developer's machine or a CI
 * with a cache does; both the floor and the full site use theirs.
 */
import { spawn } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { extname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromiumArgs } from '../e2e/chromium.ts';
import { generateCorpus, type Corpus } from './bench/corpus.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const astroBin = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? (process.argv[at + 1] as string) : fallback;
}
const studies = Number(option('studies', '1000'));
const runs = Number(option('runs', '3'));
const cold = process.argv.includes('--cold');
const work = join(root, '.bench', `studies-${studies}`);
const out = option('out', join(root, '.bench', `results-${studies}${cold ? '-cold' : ''}.json`));
const withFloor = !process.argv.includes('--no-floor');
const withBrowser = !process.argv.includes('--no-browser');

interface BuildRun {
  seconds: number;
  peakMemoryMiB: number;
}

/** Run `astro build` in `cwd`, timing it and reading the process's peak memory. */
function runBuild(cwd: string, outDir: string, env: Record<string, string>): Promise<BuildRun> {
  const rssFile = join(work, `rss-${process.hrtime.bigint()}.txt`);
  const preload = join(work, 'peak-memory.mjs');
  writeFileSync(
    preload,
    `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`,
  );
  rmSync(outDir, { recursive: true, force: true });
  const coldEnv: Record<string, string> = {};
  if (cold) {
    const cache = join(work, 'cold-cache');
    rmSync(cache, { recursive: true, force: true });
    coldEnv['ATLAS_CACHE_DIR'] = cache;
  }
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', preload, astroBin, 'build', '--outDir', outDir, ...(cold ? ['--force'] : [])],
      {
        cwd,
        env: { ...process.env, ...env, ...coldEnv, ASTRO_TELEMETRY_DISABLED: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('exit', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`build in ${cwd} failed (${code}):\n${errors.slice(-4000)}`));
      const rss = existsSync(rssFile) ? Number(readFileSync(rssFile, 'utf8')) : 0;
      rmSync(rssFile, { force: true });
      resolve({ seconds, peakMemoryMiB: rss / 1024 });
    });
  });
}

/** The bare project: Astro + MDX + Pagefind over the same study bodies, nothing of ours. */
function writeFloor(corpus: Corpus): string {
  const floor = join(work, 'floor');
  rmSync(floor, { recursive: true, force: true });
  mkdirSync(join(floor, 'src', 'pages', 'studies'), { recursive: true });
  writeFileSync(
    join(floor, 'astro.config.mjs'),
    `import mdx from '@astrojs/mdx';
import { defineConfig } from 'astro/config';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
export default defineConfig({
  integrations: [mdx(), { name: 'pagefind', hooks: { 'astro:build:done': async ({ dir }) => {
    const { index } = await pagefind.createIndex({});
    await index.addDirectory({ path: fileURLToPath(dir) });
    await index.writeFiles({ outputPath: fileURLToPath(new URL('pagefind/', dir)) });
    await pagefind.close();
  } } }],
});
`,
  );
  writeFileSync(
    join(floor, 'src', 'content.config.ts'),
    `import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
export const collections = {
  studies: defineCollection({ loader: glob({ pattern: '*.mdx', base: ${JSON.stringify(join(corpus.contentDir, 'studies'))} }) }),
};
`,
  );
  writeFileSync(
    join(floor, 'src', 'pages', 'studies', '[id].astro'),
    `---
import { getCollection, render } from 'astro:content';
export async function getStaticPaths() {
  return (await getCollection('studies')).map((entry) => ({ params: { id: entry.id }, props: { entry } }));
}
const { entry } = Astro.props;
const { Content } = await render(entry);
---
<html lang="en"><head><meta charset="utf-8" /><title>{entry.id}</title></head>
<body><main data-pagefind-body><h1>{entry.id}</h1><Content /></main></body></html>
`,
  );
  return floor;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};

function folderBytes(directory: string): number {
  let total = 0;
  for (const name of readdirSync(directory, { recursive: true, encoding: 'utf8' })) {
    const path = join(directory, name);
    if (statSync(path).isFile()) total += statSync(path).size;
  }
  return total;
}

const gzipBytes = (path: string) => gzipSync(readFileSync(path)).length;

/** The gzip bytes of a page's HTML and the CSS and JavaScript it loads before any interaction. */
function pageWeight(dist: string, pagePath: string): { html: number; css: number; js: number } {
  const file = join(dist, pagePath, 'index.html');
  const html = readFileSync(file, 'utf8');
  const assets = (pattern: RegExp) =>
    [...html.matchAll(pattern)].map((match) => match[1] ?? '').filter((href) => href.startsWith('/'));
  // Inline <style> and <script> are part of the HTML's bytes.
  const css = assets(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g).reduce(
    (sum, href) => sum + gzipBytes(join(dist, href)),
    0,
  );
  const js = assets(/<script[^>]+src="([^"]+)"/g).reduce((sum, href) => sum + gzipBytes(join(dist, href)), 0);
  return { html: gzipBytes(file), css, js };
}

function serve(dist: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/');
    let file = normalize(join(dist, path));
    if (!file.startsWith(dist)) file = dist;
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) {
      response.statusCode = 404;
      response.end();
      return;
    }
    const types: Record<string, string> = {
      '.html': 'text/html',
      '.js': 'text/javascript',
      '.css': 'text/css',
      '.json': 'application/json',
      '.wasm': 'application/wasm',
    };
    response.setHeader('Content-Type', types[extname(file)] ?? 'application/octet-stream');
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Bytes Pagefind downloads for a query typed into a study page's search box. */
async function queryBytes(dist: string, studyPath: string, queries: string[]): Promise<Record<string, number>> {
  const { chromium } = await import('playwright-core');
  const server = await serve(dist);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const profile = join(work, 'chromium-profile');
  rmSync(profile, { recursive: true, force: true });
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env['CHROME_PATH'] || '/usr/bin/chromium',
    headless: true,
    args: [...chromiumArgs],
  });
  const result: Record<string, number> = {};
  try {
    for (const query of queries) {
      const page = await context.newPage();
      let bytes = 0;
      page.on('response', async (response) => {
        if (!response.url().includes('/pagefind/')) return;
        const body = await response.body().catch(() => Buffer.alloc(0));
        // What a host that gzips text sends; Pagefind's index files are compressed already.
        bytes += /\.(js|json|css)$/.test(new URL(response.url()).pathname) ? gzipSync(body).length : body.length;
      });
      // A fresh cache for each query: what a first-time reader downloads.
      const session = await context.newCDPSession(page);
      await session.send('Network.clearBrowserCache');
      await page.goto(`${base}${studyPath}`);
      await page.locator('#site-search-input').fill(query);
      await page
        .locator('#site-search-panel .search-status')
        .filter({ hasText: /result/ })
        .waitFor({ timeout: 30_000 });
      await page.waitForTimeout(300);
      result[query] = bytes;
      await page.close();
    }
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return result;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  mkdirSync(work, { recursive: true });
  process.stdout.write(`Generating ${studies} studies in ${relative(root, work)}/ …\n`);
  const corpus = generateCorpus(join(work, 'corpus'), studies);
  const floor = withFloor ? writeFloor(corpus) : undefined;
  const fullOut = join(work, 'dist-full');
  const floorOut = join(work, 'dist-floor');
  const env = { ATLAS_CONTENT_DIR: corpus.contentDir, ATLAS_REFERENCES_DIR: corpus.referencesDir };

  const full: BuildRun[] = [];
  const bare: BuildRun[] = [];
  for (let run = 1; run <= runs; run++) {
    if (floor) {
      bare.push(await runBuild(floor, floorOut, {}));
      process.stdout.write(`run ${run}: floor ${bare.at(-1)?.seconds.toFixed(1)} s\n`);
    }
    full.push(await runBuild(root, fullOut, env));
    process.stdout.write(`run ${run}: full  ${full.at(-1)?.seconds.toFixed(1)} s\n`);
  }

  const fullSeconds = median(full.map((run) => run.seconds));
  const floorSeconds = bare.length ? median(bare.map((run) => run.seconds)) : undefined;
  const studyPath = `/studies/${corpus.keys[0]}/`;
  const topicPath = '/topics/integration/';
  const queries = withBrowser ? await queryBytes(fullOut, studyPath, ['psilocybin', 'psilocybin craving']) : {};
  const cpu = cpus()[0]?.model ?? 'unknown';
  const report = {
    studies,
    runs,
    caches: cold ? 'cold' : 'warm',
    machine: { cpu, cores: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    full: {
      seconds: full.map((run) => run.seconds),
      medianSeconds: fullSeconds,
      peakMemoryMiB: Math.max(...full.map((run) => run.peakMemoryMiB)),
    },
    floor:
      floorSeconds === undefined
        ? null
        : {
            seconds: bare.map((run) => run.seconds),
            medianSeconds: floorSeconds,
            peakMemoryMiB: Math.max(...bare.map((run) => run.peakMemoryMiB)),
          },
    ratioToFloor: floorSeconds ? fullSeconds / floorSeconds : null,
    millisecondsPerStudyPage: (fullSeconds * 1000) / studies,
    distBytes: folderBytes(fullOut),
    studyPage: pageWeight(fullOut, studyPath),
    topicPage: pageWeight(fullOut, topicPath),
    pagefindQueryBytes: queries,
  };
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);

  const rows: [string, string][] = [
    ['studies', String(studies)],
    ['caches', cold ? 'cold (every build from scratch)' : 'warm (caches kept between builds)'],
    ['full build (median)', `${fullSeconds.toFixed(1)} s`],
    ['floor build (median)', floorSeconds ? `${floorSeconds.toFixed(1)} s` : 'not run'],
    ['ratio to floor', report.ratioToFloor ? `${report.ratioToFloor.toFixed(2)}×` : 'n/a'],
    ['peak memory (full)', `${report.full.peakMemoryMiB.toFixed(0)} MiB`],
    ['time per study page', `${report.millisecondsPerStudyPage.toFixed(1)} ms`],
    ['dist/ size', `${(report.distBytes / 2 ** 20).toFixed(1)} MiB`],
    [
      'study page gzip (HTML + CSS + JS)',
      `${kib(report.studyPage.html)} + ${kib(report.studyPage.css)} + ${kib(report.studyPage.js)}`,
    ],
    [
      'topic page gzip (HTML + CSS + JS)',
      `${kib(report.topicPage.html)} + ${kib(report.topicPage.css)} + ${kib(report.topicPage.js)}`,
    ],
    ...Object.entries(queries).map(([query, bytes]): [string, string] => [`Pagefind download, "${query}"`, kib(bytes)]),
  ];
  const width = Math.max(...rows.map(([name]) => name.length));
  process.stdout.write(
    `\n${rows.map(([name, value]) => `${name.padEnd(width)}  ${value}`).join('\n')}\n\nWritten to ${relative(root, out)}\n`,
  );
}

await main();
