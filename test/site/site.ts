/** Helpers of the site tests: building a site, and reading its pages as readers get them. */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { parse, type HTMLElement } from 'node-html-parser';
import { inject } from 'vitest';
import { checkProject } from '../../src/lib/check/index.ts';
import { resolveProject } from '../../src/lib/project.ts';
import { routes } from '../../src/lib/routes.ts';

const run = promisify(execFile);
export const root = new URL('../..', import.meta.url).pathname;
const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');

/**
 * A copy of the site's corpus under `folder` (`references/` and `content/`) for a test to change:
 * `bib` is added to the end of its library, and `appendToTopic` to the end of a topic's body.
 */
export function corpusCopy(
  folder: string,
  { bib = '', appendToTopic = {} }: { bib?: string; appendToTopic?: Record<string, string> } = {},
): { references: string; content: string } {
  const references = join(folder, 'references');
  const content = join(folder, 'content');
  cpSync(join(root, 'references'), references, { recursive: true });
  cpSync(join(root, 'content'), content, { recursive: true });
  const library = join(references, 'references.bib');
  writeFileSync(library, `${readFileSync(library, 'utf8')}${bib}`);
  for (const [slug, text] of Object.entries(appendToTopic)) {
    const topic = join(content, 'topics', `${slug}.mdx`);
    writeFileSync(topic, `${readFileSync(topic, 'utf8')}${text}`);
  }
  return { references, content };
}

/**
 * A cold `astro build` (`--force` clears Astro's content cache) of the project into `out`, with
 * settings in `env`; its own cache folder unless `env` names one.
 */
export function buildSite(out: string, env: Record<string, string> = {}, args: readonly string[] = []) {
  return astroBuild(out, env, ['--force', ...args]);
}

/**
 * A build that keeps what the last one left in its cache folder (`env` must name it with
 * ATLAS_CACHE_DIR): unchanged study pages are restored, and its log says which ("(restored)").
 */
export function rebuildSite(out: string, env: Record<string, string> & { ATLAS_CACHE_DIR: string }) {
  return astroBuild(out, env, []);
}

function astroBuild(out: string, env: Record<string, string>, args: readonly string[]) {
  return run(process.execPath, [astro, 'build', '--outDir', out, ...args], {
    cwd: root,
    env: {
      ...process.env,
      ATLAS_CACHE_DIR: mkdtempSync(join(tmpdir(), 'atlas-cache-')),
      ...env,
      ASTRO_TELEMETRY_DISABLED: '1',
    },
    maxBuffer: 32 * 1024 * 1024,
  });
}

export function htmlFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html'))
    .map((name) => join(directory, name));
}

/**
 * Every reader's page of a built site by its site path (`/topics/ptsd/`), parsed. The editors'
 * CMS at /admin/ is an application, not a page for readers: test/site/admin.test.ts reads it.
 */
export function readPages(directory: string): Map<string, HTMLElement> {
  return new Map(
    htmlFiles(directory)
      .map((file) => [`/${relative(directory, file).replace(/index\.html$/, '')}`, file] as const)
      .filter(([path]) => path !== routes.admin())
      .map(([path, file]) => [path, parse(readFileSync(file, 'utf8'))]),
  );
}

/** The shared build of the real site (test/site/build.ts). */
export function sharedSite() {
  const outDir = inject('siteDir');
  const pages = readPages(outDir);
  /** The parsed page at a site path such as `/topics/ptsd/`. */
  const page = (path: string): HTMLElement => {
    const found = pages.get(path);
    if (!found) throw new Error(`no page ${path}`);
    return found;
  };
  return { outDir, pages, page, statsFile: inject('statsFile') };
}

/** The real project as the content check reads it. */
export const project = await checkProject(resolveProject(root, {}));

/** Internal links of `pages` whose file or `#anchor` is missing, and how many links were checked. */
export function brokenLinks(
  outDir: string,
  pages: ReadonlyMap<string, HTMLElement>,
): { checked: number; broken: string[] } {
  const broken: string[] = [];
  let checked = 0;
  for (const [path, html] of pages) {
    for (const anchor of html.querySelectorAll('a[href]')) {
      const href = anchor.getAttribute('href') ?? '';
      if (/^[a-z]+:/i.test(href) || href.startsWith('//')) continue;
      checked++;
      const url = new URL(href, `http://site${path}`);
      const file = join(outDir, url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname);
      if (!existsSync(file)) {
        broken.push(`${path} → ${href}`);
        continue;
      }
      const id = decodeURIComponent(url.hash.slice(1));
      if (id && !pages.get(url.pathname)?.querySelector(`[id="${id}"]`)) broken.push(`${path} → ${href} (no #${id})`);
    }
  }
  return { checked, broken };
}
