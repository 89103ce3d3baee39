/**
 * The editors' CMS in the shared build of the real site: `/admin/` loads Decap CMS from the site
 * itself (nothing from a CDN), is kept out of search engines, the sitemap and the search index,
 * and its generated configuration offers the real corpus. e2e/admin.test.ts drives it in Chromium.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { sharedSite, project } from './site.ts';

const { outDir } = sharedSite();
const html = parse(readFileSync(join(outDir, 'admin', 'index.html'), 'utf8'));

describe('/admin/', () => {
  it('loads its scripts from the site: the Decap bundle, then the script that adds the checks', () => {
    const scripts = html.querySelectorAll('script[src]').map((script) => script.getAttribute('src') ?? '');
    expect(scripts[0]).toBe('/admin/decap-cms.js');
    expect(scripts[1]).toMatch(/^\/_astro\/[^/]+\.js$/);
    for (const src of scripts) expect(existsSync(join(outDir, src))).toBe(true);
    expect(html.querySelector('link[rel="cms-config-url"]')?.getAttribute('href')).toBe('/admin/config.yml');
    expect(html.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
  });

  it('holds the bundle, its chunks and WebAssembly, and nothing of the package that is not needed', () => {
    const files = readdirSync(join(outDir, 'admin'));
    expect(files).toContain('decap-cms.js');
    expect(files.some((file) => /^\d+\.decap-cms\.js$/.test(file))).toBe(true);
    expect(files.some((file) => file.endsWith('.wasm'))).toBe(true);
    expect(files.filter((file) => file.endsWith('.map') || file === 'cms.js')).toEqual([]);
  });

  it('is neither in the sitemap nor in the search index', () => {
    expect(readFileSync(join(outDir, 'sitemap-0.xml'), 'utf8')).not.toContain('/admin/');
    expect(html.querySelector('[data-pagefind-body]')).toBeNull();
  });

  it('is configured from the schemas and the corpus of the build', () => {
    const config = parseYaml(readFileSync(join(outDir, 'admin', 'config.yml'), 'utf8')) as {
      publish_mode: string;
      collections: { name: string; folder: string; fields: { name: string; options?: { value: string }[] }[] }[];
    };
    expect(config.publish_mode).toBe('editorial_workflow');
    expect(config.collections.map((collection) => [collection.name, collection.folder])).toEqual([
      ['studies', 'content/studies'],
      ['topics', 'content/topics'],
      ['pages', 'content/pages'],
    ]);
    const studies = config.collections[0]?.fields ?? [];
    const values = (name: string) => studies.find((field) => field.name === name)?.options?.map((o) => o.value);
    const substances = project.topics.filter((topic) => topic.data.kind === 'substance').map((topic) => topic.id);
    expect(values('substances')?.sort()).toEqual(substances.sort());
    expect(values('topics')?.length).toBe(project.topics.length - substances.length);
    // Every paper of the bibliography, those without a summary first.
    expect(values('citekey')?.sort()).toEqual([...project.bibliography.references.keys()].sort());
  });
});
