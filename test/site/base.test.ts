/**
 * The site under a sub-path: every link and anchor resolves with the base in front.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, htmlFiles } from './site.ts';

const scratch = mkdtempSync(join(tmpdir(), 'atlas-site-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('under a sub-path (base)', () => {
  const base = '/evidence-atlas';
  const out = join(scratch, 'with-base');
  beforeAll(async () => {
    await buildSite(out, { ATLAS_BASE: base });
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
