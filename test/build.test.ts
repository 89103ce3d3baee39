/**
 * Builds the real site once and reads what readers get: every study and topic has its page,
 * each topic's table lists exactly the studies tagged with it, and every internal link resolves.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { parse, type HTMLElement } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkProject, resolvePaths } from '../src/lib/check.ts';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const astro = join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'atlas-build-'));
const outDir = join(scratch, 'dist');

function build(out: string, env: Record<string, string> = {}) {
  return run(process.execPath, [astro, 'build', '--outDir', out], {
    cwd: root,
    env: { ...process.env, ...env, ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 32 * 1024 * 1024,
  });
}

function htmlFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.html'))
    .map((name) => join(directory, name));
}

const pages = new Map<string, HTMLElement>();
/** The parsed page at a site path such as `/topics/ptsd/`. */
function page(path: string): HTMLElement {
  const found = pages.get(path);
  if (!found) throw new Error(`no page ${path}`);
  return found;
}

const project = checkProject(resolvePaths(root, {}));

beforeAll(async () => {
  await build(outDir);
  for (const file of htmlFiles(outDir)) {
    const path = `/${relative(outDir, file).replace(/index\.html$/, '')}`;
    pages.set(path, parse(readFileSync(file, 'utf8')));
  }
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the built site', () => {
  it('has the top-level pages', () => {
    for (const path of ['/', '/studies/', '/topics/', '/references/', '/about/', '/methods/']) {
      expect(pages.has(path), path).toBe(true);
    }
  });

  it('has a page for every study, with its title, summary, panel, reference and topics', () => {
    expect(project.problems).toEqual([]);
    expect(project.studies.length).toBeGreaterThanOrEqual(4);
    for (const study of project.studies) {
      const html = page(`/studies/${study.id}/`);
      const reference = project.bibliography.references.get(study.data.citekey as never);
      expect(html.querySelector('h1')?.text).toBe(reference?.csl.title);
      expect(html.querySelector('.lead')?.text).toBe(study.data.summary);
      const terms = html.querySelectorAll('.glance dt').map((dt) => dt.text);
      expect(terms).toEqual(
        expect.arrayContaining(['Design', 'Participants (N)', 'Population', 'Intervention', 'Comparator', 'Follow-up', 'Primary outcome', 'Finding', 'Certainty']),
      );
      expect(html.querySelector('.glance')?.text).toContain(study.data.certaintyReason);
      const doi = reference?.csl.DOI;
      if (doi) expect(html.querySelector(`.reference a[href="https://doi.org/${doi}"]`), study.id).not.toBeNull();
      const topicLinks = html.querySelectorAll('.tags a').map((a) => a.getAttribute('href'));
      expect(topicLinks.sort()).toEqual(
        [...study.data.topics, ...study.data.substances].map((slug) => `/topics/${slug}/`).sort(),
      );
    }
  });

  it('shows how a mis-attributed reference is cited and what the record says', () => {
    const html = page('/studies/rieser2025/');
    const notice = html.querySelector('.notice');
    expect(notice?.text).toContain('Mikulić');
    expect(notice?.text).toContain('mikulic2025');
    expect(html.querySelector('.reference')?.text).toContain('Rieser, N. M.');
    for (const key of ['breeksema2024', 'rainesmith2023']) {
      expect(page(`/studies/${key}/`).querySelector('.notice'), key).not.toBeNull();
    }
  });

  it('has a topic page for every topic whose table lists exactly the studies tagged with it', () => {
    expect(project.topics.length).toBeGreaterThanOrEqual(10);
    for (const topic of project.topics) {
      const tagged = project.studies
        .filter((study) => study.data.topics.includes(topic.id) || study.data.substances.includes(topic.id))
        .map((study) => `/studies/${study.id}/`)
        .sort();
      const listed = page(`/topics/${topic.id}/`)
        .querySelectorAll('table tbody tr th a')
        .map((a) => a.getAttribute('href'))
        .sort();
      expect(listed, topic.id).toEqual(tagged);
    }
  });

  it('lists every reference in /references/ with an anchor, APA-sorted, summaries linked, aliases anchored', () => {
    const html = page('/references/');
    const entries = html.querySelectorAll('.bibliography > li');
    expect(entries.map((li) => li.id).sort()).toEqual([...project.bibliography.references.keys()].sort());
    // APA sorts by the first author's family name.
    const families = entries.map((li) => {
      const family = project.bibliography.references.get(li.id as never)?.csl.author?.[0]?.family ?? '';
      return family.replace(/^von /, '').toLowerCase();
    });
    expect(families).toEqual([...families].sort((a, b) => a.localeCompare(b, 'en')));
    expect(html.querySelector('[id="rieser2025"] a[href="/studies/rieser2025/"]')).not.toBeNull();
    expect(html.querySelector('[id="goodwin2022"] a[href^="/studies/"]')).toBeNull();
    expect(html.querySelector('[id="mikulic2025"]')).not.toBeNull();
  });

  it('resolves every internal link and #anchor', () => {
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
    expect(checked).toBeGreaterThan(100);
    expect(broken).toEqual([]);
  });

  it('ships no client JavaScript', () => {
    for (const [path, html] of pages) {
      expect(html.querySelectorAll('script').length, path).toBe(0);
    }
    expect(readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.js'))).toEqual([]);
  });
});

describe('a broken corpus', () => {
  it('fails the build naming the file of a mistyped topic, and writes nothing', async () => {
    const content = join(scratch, 'content');
    cpSync(join(root, 'content'), content, { recursive: true });
    const file = join(content, 'studies', 'rieser2025.mdx');
    const text = readFileSync(file, 'utf8');
    const mistyped = text.replace(/^( {2}- )alcohol-use-disorder$/m, '$1alcohol-use-disordr');
    expect(mistyped).not.toBe(text);
    writeFileSync(file, mistyped);
    const brokenOut = join(scratch, 'broken-dist');
    const failure = await build(brokenOut, { ATLAS_CONTENT_DIR: content }).then(
      () => undefined,
      (error: { stdout: string; stderr: string }) => `${error.stdout}\n${error.stderr}`,
    );
    expect(failure).toBeDefined();
    expect(failure).toMatch(/rieser2025\.mdx:\d+:\d+ unknown topic "alcohol-use-disordr" \(did you mean "alcohol-use-disorder"\?\)/);
    expect(existsSync(brokenOut)).toBe(false);
  });
});
