/**
 * What the built site weighs: the size of `dist/`, its largest HTML pages, the gzip bytes a page
 * loads, and what Pagefind downloads for a query typed into the search box (in Chromium).
 */
import { createReadStream, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromiumArgs } from '../../e2e/chromium.ts';

function files(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .map((name) => join(directory, name))
    .filter((path) => statSync(path).isFile());
}

export function folderBytes(directory: string): number {
  return files(directory).reduce((sum, path) => sum + statSync(path).size, 0);
}

/** The `count` largest HTML files, as site paths with their uncompressed bytes. */
export function largestPages(dist: string, count = 5): { path: string; bytes: number }[] {
  return files(dist)
    .filter((path) => path.endsWith('.html'))
    .map((path) => ({
      path: `/${path
        .slice(dist.length + 1)
        .split(sep)
        .join('/')}`,
      bytes: statSync(path).size,
    }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
}

/** How many HTML files are over `limit` bytes. */
export function pagesOver(dist: string, limit: number): number {
  return files(dist).filter((path) => path.endsWith('.html') && statSync(path).size > limit).length;
}

const gzipBytes = (path: string) => gzipSync(readFileSync(path)).length;

/** The gzip bytes of a page's HTML and the CSS and JavaScript it loads before any interaction. */
export function pageWeight(dist: string, pagePath: string): { html: number; css: number; js: number } | null {
  const file = join(dist, pagePath, 'index.html');
  if (!existsSync(file)) return null;
  const html = readFileSync(file, 'utf8');
  const assets = (pattern: RegExp) =>
    [...html.matchAll(pattern)]
      .map((match) => match[1] ?? '')
      .filter((href) => href.startsWith('/') && existsSync(join(dist, href)));
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

/**
 * Bytes Pagefind downloads for each query typed into a page's search box, with an empty cache
 * (what a first-time reader downloads). Text files count as gzip, as a host that compresses text
 * sends them; Pagefind's index files are compressed already.
 */
export async function queryBytes(
  dist: string,
  pagePath: string,
  queries: readonly string[],
  profile: string,
): Promise<Record<string, number>> {
  const { chromium } = await import('playwright-core');
  const server = await serve(dist);
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
        bytes += /\.(js|json|css)$/.test(new URL(response.url()).pathname) ? gzipSync(body).length : body.length;
      });
      const session = await context.newCDPSession(page);
      await session.send('Network.clearBrowserCache');
      await page.goto(`${base}${pagePath}`);
      await page.locator('#site-search-input').fill(query);
      await page
        .locator('#site-search-panel .search-status')
        .filter({ hasText: /result/ })
        .waitFor({ timeout: 60_000 });
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
