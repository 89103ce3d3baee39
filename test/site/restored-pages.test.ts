/**
 * Study and topic pages, topic feeds and downloads and the CMS configuration restored from the
 * last build (src/data/page-keys.ts): a build with nothing changed restores every one; a renamed topic renders again the pages that
 * name it, and a summary citing another the pages that say where it is cited; after edits to a
 * reference, another summary and the library (a second paper of the same authors and year), the
 * build restores only what the edits left alone and publishes exactly
 * what a build from scratch publishes. After a build that stopped part way, nothing is restored.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, corpusCopy, rebuildSite, root } from './site.ts';

const scratch = mkdtempSync(join(tmpdir(), 'atlas-restored-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const studies = readdirSync(join(root, 'content', 'studies'))
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => name.replace(/\.mdx$/, ''));

const topics = readdirSync(join(root, 'content', 'topics'))
  .filter((name) => name.endsWith('.mdx'))
  .map((name) => name.replace(/\.mdx$/, ''));

/** Every path a build's log says it restored instead of rendering. */
const restoredPaths = (log: string) =>
  [...log.matchAll(/├─ (\S+) \(restored\)/g)].map((match) => (match[1] ?? '').replace(/\/$/, '')).sort();

/** The study pages a build's log says it restored. */
const restored = (log: string) =>
  restoredPaths(log).flatMap((path) => /^\/studies\/([^/]+)\/index\.html$/.exec(path)?.[1] ?? []);

/** What each topic has that can be restored: its page, its feed and its three downloads. */
const topicFiles = (slug: string) =>
  ['index.html', 'feed.xml', 'references.bib', 'references.ris', 'references.json'].map(
    (file) => `/topics/${slug}/${file}`,
  );

/** Every file of a built site, by its path in the site. */
function files(dir: string): Map<string, string> {
  return new Map(
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((each) => each.isFile())
      .map((each) => {
        const path = join(each.parentPath, each.name);
        return [relative(dir, path), readFileSync(path, 'latin1')] as const;
      }),
  );
}

/** The paths whose files differ between two built sites, or exist in only one. */
function differences(a: string, b: string): string[] {
  const [left, right] = [files(a), files(b)];
  return [...new Set([...left.keys(), ...right.keys()])].filter((path) => left.get(path) !== right.get(path)).sort();
}

/** Replaces `from` with `to` in a file, failing when `from` is not there. */
function edit(path: string, from: string, to: string) {
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`${path} does not contain ${from}`);
  writeFileSync(path, text.replace(from, to));
}

describe('study pages restored from the last build', () => {
  const cache = join(scratch, 'cache');
  const out = (name: string) => join(scratch, name);
  const page = (site: string, key: string) =>
    parse(readFileSync(join(out(site), 'studies', key, 'index.html'), 'utf8'));
  const logs: Record<string, string> = {};
  /** A rebuild's log, without the colours Astro's logger adds under CI. */
  const rebuild = async (name: string) => stripVTControlCharacters((await rebuildSite(out(name), settings)).stdout);
  let settings: Record<string, string> & { ATLAS_CACHE_DIR: string };

  beforeAll(async () => {
    const { references, content } = corpusCopy(join(scratch, 'corpus'));
    settings = { ATLAS_REFERENCES_DIR: references, ATLAS_CONTENT_DIR: content, ATLAS_CACHE_DIR: cache };
    await buildSite(out('first'), settings);
    logs.unchanged = await rebuild('unchanged');

    // A topic renamed, alone: the pages of its studies list it, and the CMS offers it.
    edit(join(content, 'topics', 'mdma.mdx'), 'title: "MDMA"', 'title: "MDMA (midomafetamine)"');
    logs.renamed = await rebuild('renamed');

    // A summary citing another study, alone: grabski2022's page and the topic tables that list it
    // say where it is cited.
    writeFileSync(
      join(content, 'studies', 'watts2017.mdx'),
      `${readFileSync(join(content, 'studies', 'watts2017.mdx'), 'utf8')}\nA ketamine trial is summarised too [@grabski2022].\n`,
    );
    logs.cited = await rebuild('cited');

    // A reference's journal: bogenschutz2022's body cites it, and its own page shows it.
    edit(join(references, 'references.bib'), 'journal = {eClinicalMedicine}', 'journal = {eClinicalMedicine Edited}');
    // Another summary's sentence: levin2024's reference list carries it under davis2021.
    edit(
      join(content, 'studies', 'davis2021.mdx'),
      'summary: "Adults with major depression',
      'summary: "Edited: adults with major depression',
    );
    // A second paper of mitchell2021's authors and year, cited on a topic: every citation of
    // mitchell2021 gets a letter (2021b), mitchell2023's body among them.
    const authors = /@article\{mitchell2021,\s*author\s*=\s*\{(.*)\},\n/.exec(
      readFileSync(join(references, 'references.bib'), 'utf8'),
    )?.[1];
    writeFileSync(
      join(references, 'references.bib'),
      `${readFileSync(join(references, 'references.bib'), 'utf8')}
@article{sameyear2021,
  author  = {${authors}},
  title   = {A second paper of the same authors and year},
  journal = {Journal of Examples},
  year    = {2021},
}
`,
    );
    edit(join(content, 'topics', 'ptsd.mdx'), '\n---\n', '\n---\n\nA second paper of that year [@sameyear2021].\n');

    logs.edited = await rebuild('edited');
    // A build that stopped after rendering some pages leaves the cache folder marked as in use.
    writeFileSync(join(cache, 'evidence-atlas-build-unfinished'), '');
    logs.afterUnfinished = await rebuild('after-unfinished');
    await buildSite(out('scratch'), { ...settings, ATLAS_CACHE_DIR: join(scratch, 'scratch-cache') });
  });

  it('restores every study page and the CMS configuration when nothing changed, and publishes the same site', () => {
    expect(restored(logs.unchanged ?? '')).toEqual([...studies].sort());
    expect(restoredPaths(logs.unchanged ?? '')).toEqual(
      [
        ...studies.map((key) => `/studies/${key}/index.html`),
        ...topics.flatMap(topicFiles),
        '/admin/config.yml',
      ].sort(),
    );
    expect(differences(out('first'), out('unchanged'))).toEqual([]);
  });

  it("links the downloads as the last build wrote them, and never changes an earlier build's files", () => {
    const downloads = (log: string) => {
      const match = /reference downloads: (\d+) files for (\d+) references \((\d+) unchanged\)/.exec(log);
      return { files: Number(match?.[1]), references: Number(match?.[2]), unchanged: Number(match?.[3]) };
    };
    const unchanged = downloads(logs.unchanged ?? '');
    // Every summarised study's reference at least, each as .bib, .ris and .json.
    expect(unchanged.references).toBeGreaterThanOrEqual(studies.length);
    expect(unchanged.files).toBe(unchanged.references * 3);
    expect(unchanged.unchanged).toBe(unchanged.files);
    // The journal edit changes rieser2025's three files; the new reference, cited on a topic,
    // adds three.
    const edited = downloads(logs.edited ?? '');
    expect(edited.files - edited.unchanged).toBe(6);
    const bib = (site: string) => readFileSync(join(out(site), 'references', 'rieser2025.bib'), 'utf8');
    expect(bib('edited')).toContain('eClinicalMedicine Edited');
    // The earlier builds' file is its own: the kept copy was replaced, not written over.
    expect(bib('cited')).toContain('journal = {eClinicalMedicine}');
    expect(bib('first')).toContain('journal = {eClinicalMedicine}');
  });

  it('after edits, publishes exactly what a build from scratch does', () => {
    expect(differences(out('edited'), out('scratch'))).toEqual([]);
  });

  it('after a topic is renamed, renders again the pages that name it and restores the others', () => {
    const again = studies.filter((key) => !restored(logs.renamed ?? '').includes(key));
    // The summaries that list MDMA among their substances, and no other.
    const naming = studies.filter((key) =>
      /^ {2}- mdma$/m.test(readFileSync(join(root, 'content', 'studies', `${key}.mdx`), 'utf8')),
    );
    expect(naming).toContain('mitchell2021');
    expect(again).toEqual(naming);
    expect(page('renamed', 'mitchell2021').querySelector('.tags')?.text).toContain('MDMA (midomafetamine)');
    expect(logs.renamed).not.toContain('/admin/config.yml (restored)');
    // Every topic page names the topics (its studies' facets, related topics); feeds and
    // downloads name none but their own, and the downloads not even that.
    const topicRestored = restoredPaths(logs.renamed ?? '').filter((path) => path.startsWith('/topics/'));
    expect(topicRestored).toEqual(
      topics
        .flatMap(topicFiles)
        .filter((path) => !path.endsWith('/index.html') && path !== '/topics/mdma/feed.xml')
        .sort(),
    );
    expect(readFileSync(join(out('renamed'), 'admin', 'config.yml'), 'utf8')).toContain('MDMA (midomafetamine)');
  });

  it('after a summary cites another study, renders again the pages that say where it is cited', () => {
    const again = studies.filter((key) => !restored(logs.cited ?? '').includes(key));
    expect(again).toEqual(['grabski2022', 'watts2017']);
    const citedOn = page('cited', 'grabski2022').querySelector('#cited-on-heading')?.parentNode;
    expect(citedOn?.querySelector('a[href^="/studies/watts2017/"]')).toBeTruthy();
    // The topics listing grabski2022 show where it is cited in their tables; the others are restored.
    const frontmatter = readFileSync(join(root, 'content', 'studies', 'grabski2022.mdx'), 'utf8');
    const listing = ['substances', 'topics'].flatMap((field) =>
      [...(new RegExp(`^${field}:\\n((?: {2}- .+\\n)+)`, 'm').exec(frontmatter)?.[1] ?? '').matchAll(/- (.+)/g)].map(
        (match) => match[1],
      ),
    );
    expect(listing).toContain('ketamine');
    const topicPagesAgain = topics.filter(
      (slug) => !restoredPaths(logs.cited ?? '').includes(`/topics/${slug}/index.html`),
    );
    expect(topicPagesAgain).toEqual([...listing].sort());
  });

  it('renders every page again after a build that did not finish', () => {
    expect(logs.afterUnfinished).toContain('the last build did not finish: every page is rendered again');
    expect(restoredPaths(logs.afterUnfinished ?? '')).toEqual([]);
    expect(differences(out('after-unfinished'), out('scratch'))).toEqual([]);
  });

  it('renders again the pages that show what was edited, and restores the others', () => {
    const again = studies.filter((key) => !restored(logs.edited ?? '').includes(key));
    expect(again).toEqual(expect.arrayContaining(['mitchell2021', 'mitchell2023', 'rieser2025', 'bogenschutz2022']));
    expect(again).toEqual(expect.arrayContaining(['davis2021', 'levin2024']));
    // The CMS offers the new reference.
    expect(logs.edited).not.toContain('/admin/config.yml (restored)');
    expect(readFileSync(join(out('edited'), 'admin', 'config.yml'), 'utf8')).toContain('sameyear2021');
    // evans2023 shares no topic with the edited studies, cites nothing and is cited nowhere.
    expect(restored(logs.edited ?? '')).toContain('evans2023');
    // What the edits changed, on pages they did not touch directly.
    expect(page('edited', 'bogenschutz2022').querySelector('.page-references')?.text).toContain(
      'eClinicalMedicine Edited',
    );
    expect(page('edited', 'levin2024').querySelector('[id="ref-davis2021"] .evidence-summary')?.text).toContain(
      'Edited: adults',
    );
    const mitchell = (site: string) =>
      page(site, 'mitchell2023').querySelector('a.cite[data-cite="mitchell2021"]')?.text;
    expect(mitchell('first')).toMatch(/2021\)/);
    expect(mitchell('edited')).toMatch(/2021[ab]\)/);
  });
});
