/**
 * The citation engines' lifetime (src/lib/citations/engine.ts): one engine per bibliography and
 * style while pages compile; released once the bundles are written, with the clusters it formatted
 * kept in the cache folder for the next build.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseBibliography } from '../src/lib/bibliography.ts';
import { buildStats } from '../src/lib/build-state.ts';
import { getCitationEngine, releaseCitationEngines } from '../src/lib/citations/engine.ts';

const bibliography = parseBibliography([
  {
    path: 'references/test.bib',
    text: [
      '@article{smith2000, author = {Smith, Ann}, title = {First}, journal = {J}, year = {2000}}',
      '@article{smith2004, author = {Smith, Ann}, title = {Second}, journal = {J}, year = {2004}}',
      '@article{doe1999, author = {Doe, Bo}, title = {Third}, journal = {J}, year = {1999}}',
    ].join('\n'),
  },
]);

const folders: string[] = [];
afterEach(() => {
  releaseCitationEngines();
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('releaseCitationEngines', () => {
  it('saves the clusters formatted so far and lets the engine go', () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'engine-cache-'));
    folders.push(cacheDir);
    const engine = getCitationEngine(bibliography, 'chicago-author-date', cacheDir);
    expect(getCitationEngine(bibliography, 'chicago-author-date', cacheDir)).toBe(engine);
    const html = engine.cluster([{ id: 'smith2000' }, { id: 'smith2004' }]);
    expect(html).toBe('(Smith 2000, 2004)');

    releaseCitationEngines();
    const cacheFile = join(cacheDir, 'evidence-atlas-clusters-chicago-author-date.json');
    expect(existsSync(cacheFile)).toBe(true);
    expect(Object.values(JSON.parse(readFileSync(cacheFile, 'utf8')).clusters)).toEqual([html]);

    // The next engine is a new one, and reads what the released one formatted from the cache.
    const next = getCitationEngine(bibliography, 'chicago-author-date', cacheDir);
    expect(next).not.toBe(engine);
    const formatted = buildStats().clustersFormatted;
    expect(next.cluster([{ id: 'smith2000' }, { id: 'smith2004' }])).toBe(html);
    expect(buildStats().clustersFormatted).toBe(formatted);
  });

  it('keeps after-collapse delimiters to clusters whose locators group works of one author', () => {
    const engine = getCitationEngine(bibliography, 'chicago-author-date');
    // CMoS 17, 15.30: years of one author joined by commas, but by semicolons once a page is given.
    expect(engine.cluster([{ id: 'smith2000' }, { id: 'smith2004' }])).toBe('(Smith 2000, 2004)');
    expect(engine.cluster([{ id: 'smith2000', locator: '5', label: 'page' }, { id: 'smith2004' }])).toBe(
      '(Smith 2000, 5; 2004)',
    );
    // A locator on a work no other item shares authors with leaves the commas as they were.
    expect(
      engine.cluster([{ id: 'doe1999', locator: '3', label: 'page' }, { id: 'smith2000' }, { id: 'smith2004' }]),
    ).toBe('(Doe 1999, 3; Smith 2000, 2004)');
  });
});
