/**
 * The site under a sub-path, built with a repository (ATLAS_REPOSITORY): every link and anchor
 * resolves with the base in front, and pages link to edit their file and to report a problem.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, htmlFiles } from './site.ts';

const scratch = mkdtempSync(join(tmpdir(), 'atlas-site-'));
const repository = 'https://github.com/owner/evidence-atlas';
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('under a sub-path (base), with a repository', () => {
  const base = '/evidence-atlas';
  const out = join(scratch, 'with-base');
  beforeAll(async () => {
    await buildSite(out, { ATLAS_BASE: base, ATLAS_REPOSITORY: repository, SITE_URL: 'https://owner.github.io' });
  });

  it('resolves every internal link and #anchor, with the base in front of each', async () => {
    const built = new Map(
      htmlFiles(out).map((file) => [
        `/${relative(out, file).replace(/index\.html$/, '')}`,
        parse(readFileSync(file, 'utf8')),
      ]),
    );
    const broken: string[] = [];
    let checked = 0;
    for (const [path, html] of built) {
      for (const node of html.querySelectorAll('a[href], link[href], script[src]')) {
        const href = node.getAttribute('href') ?? node.getAttribute('src') ?? '';
        if (/^[a-z]+:/i.test(href) || href.startsWith('//') || href.startsWith('#')) continue;
        checked++;
        const target = new URL(href, `http://site${base}${path}`);
        if (!target.pathname.startsWith(`${base}/`)) {
          broken.push(`${path} → ${href} (outside ${base})`);
          continue;
        }
        const local = target.pathname.slice(base.length);
        const file = join(out, local.endsWith('/') ? `${local}index.html` : local);
        if (!existsSync(file)) broken.push(`${path} → ${href}`);
        const id = decodeURIComponent(target.hash.slice(1));
        if (id && existsSync(file) && !built.get(local)?.querySelector(`[id="${id}"]`))
          broken.push(`${path} → ${href} (no #${id})`);
      }
    }
    expect(checked).toBeGreaterThan(100);
    expect(broken).toEqual([]);
    // Citations, exports and the search box carry the base too.
    const topic = built.get('/topics/alcohol-use-disorder/');
    expect(topic?.querySelector('a.cite')?.getAttribute('href')).toMatch(new RegExp(`^${base}/`));
    expect(topic?.querySelector('form.site-search')?.getAttribute('action')).toBe(`${base}/search/`);
  });
});

describe('"Edit this page" and "Report a problem"', () => {
  const out = join(scratch, 'with-base');
  const read = (path: string) => parse(readFileSync(join(out, path), 'utf8'));

  it('edit a page in the repository and report a problem with its public address', () => {
    const links = read('methods/index.html').querySelectorAll('.page-meta a');
    expect(links.map((a) => a.text)).toEqual(['Edit this page', 'Report a problem']);
    expect(links[0]?.getAttribute('href')).toBe(`${repository}/edit/main/content/pages/methods.mdx`);
    const issue = new URL(links[1]?.getAttribute('href') ?? '');
    expect(`${issue.origin}${issue.pathname}`).toBe(`${repository}/issues/new`);
    expect(issue.searchParams.get('title')).toBe('Problem on “Methods”');
    expect(issue.searchParams.get('body')).toContain('Page: https://owner.github.io/evidence-atlas/methods/');
  });

  it('report a problem from pages without a file of their own, but not from the 404 page', () => {
    expect(
      read('map/index.html')
        .querySelectorAll('.page-meta a')
        .map((a) => a.text),
    ).toEqual(['Report a problem']);
    expect(read('404.html').querySelector('.page-meta')).toBeNull();
  });
});
