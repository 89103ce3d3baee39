/**
 * What a page says about its source: the repository's edit and issue addresses, the content
 * files' last commit dates read from one `git log`, the table of contents, and the setting that
 * names the repository.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AstroIntegrationLogger } from 'astro';
import { readPageHistory } from '../src/integrations/page-history.ts';
import {
  lastChange,
  lastCommitLogArgs,
  parseLastCommitDates,
  parseRepositoryFacts,
  repositoryFactsArgs,
} from '../src/lib/git-history.ts';
import { ProblemReport } from '../src/lib/problems.ts';
import { resolveProject } from '../src/lib/project.ts';
import { editUrl, issueUrl } from '../src/lib/repository.ts';
import { reservedPageSlugs, routes } from '../src/lib/routes.ts';
import { splitAfterLead, tocEntries, tocMinimum } from '../src/lib/toc.ts';

/** Runs git in `cwd` as a fixed author. */
function git(cwd: string, args: readonly string[], env: Record<string, string> = {}): string {
  const identity = {
    GIT_AUTHOR_NAME: 'a',
    GIT_AUTHOR_EMAIL: 'a@b',
    GIT_COMMITTER_NAME: 'a',
    GIT_COMMITTER_EMAIL: 'a@b',
  };
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...identity, ...env } });
}

describe('repository links', () => {
  it('edits a file on main, each path segment encoded', () => {
    expect(editUrl('https://github.com/owner/evidence-atlas', 'content/studies/rieser2025.mdx')).toBe(
      'https://github.com/owner/evidence-atlas/edit/main/content/studies/rieser2025.mdx',
    );
    expect(editUrl('https://github.com/owner/atlas/', '/content/pages/a b#c.mdx')).toBe(
      'https://github.com/owner/atlas/edit/main/content/pages/a%20b%23c.mdx',
    );
  });

  it('opens an issue whose title and body name the page, every character encoded', () => {
    const url = new URL(
      issueUrl('https://github.com/owner/atlas', {
        title: 'PTSD & "MDMA" <script>',
        url: 'https://example.org/topics/ptsd/?a=1&b=2#x',
      }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://github.com/owner/atlas/issues/new');
    expect([...url.searchParams.keys()]).toEqual(['title', 'body']);
    expect(url.searchParams.get('title')).toBe('Problem on “PTSD & "MDMA" <script>”');
    expect(url.searchParams.get('body')).toMatch(/^Page: https:\/\/example\.org\/topics\/ptsd\/\?a=1&b=2#x\n/);
    expect(url.search).not.toMatch(/[<>"# ]/);
  });
});

describe('last commit dates', () => {
  it('reads the newest commit of each file from one log, paths as git wrote them', () => {
    const log = [
      '\u001e2026-11-30',
      '',
      'content/studies/a.mdx',
      'content/pages/über uns.mdx',
      '\u001e2026-10-01',
      '',
      'content/studies/a.mdx',
      'content/topics/b.mdx',
      '\u001e2026-09-01',
      '\u001enot a date',
      'content/topics/c.mdx',
    ].join('\n');
    expect(Object.fromEntries(parseLastCommitDates(log))).toEqual({
      'content/studies/a.mdx': '2026-11-30',
      'content/pages/über uns.mdx': '2026-11-30',
      'content/topics/b.mdx': '2026-10-01',
    });
    expect(parseLastCommitDates('')).toEqual(new Map());
    expect(parseRepositoryFacts('false\ncontent/\n')).toEqual({ shallow: false, prefix: 'content/' });
    expect(parseRepositoryFacts('true\n\n')).toEqual({ shallow: true, prefix: '' });
  });

  it('gets the same dates as `git log -1 --format=%cs -- <file>` for each file, in one process', () => {
    const repo = mkdtempSync(join(tmpdir(), 'atlas-history-'));
    const inRepo = (args: readonly string[], env: Record<string, string> = {}) => git(repo, args, env);
    inRepo(['init', '-q', '-b', 'main']);
    mkdirSync(join(repo, 'content/studies'), { recursive: true });
    const commit = (date: string, files: Record<string, string>) => {
      for (const [file, text] of Object.entries(files)) writeFileSync(join(repo, file), text);
      inRepo(['add', '.']);
      inRepo(['commit', '-q', '-m', date], {
        GIT_AUTHOR_DATE: `${date}T12:00:00Z`,
        GIT_COMMITTER_DATE: `${date}T12:00:00Z`,
      });
    };
    commit('2026-01-02', { 'content/studies/a.mdx': '1', 'content/studies/b.mdx': '1', 'README.md': '1' });
    commit('2026-03-04', { 'content/studies/a.mdx': '2', 'README.md': '2' });
    const dates = parseLastCommitDates(inRepo(lastCommitLogArgs(join(repo, 'content'))));
    const one = (file: string) => inRepo(['log', '-1', '--format=%cs', '--', file]).trim();
    expect(Object.fromEntries(dates)).toEqual({
      'content/studies/a.mdx': one('content/studies/a.mdx'),
      'content/studies/b.mdx': one('content/studies/b.mdx'),
    });
    expect(dates.get('content/studies/a.mdx')).toBe('2026-03-04');
    expect(dates.get('content/studies/b.mdx')).toBe('2026-01-02');
    expect(parseRepositoryFacts(inRepo(repositoryFactsArgs))).toEqual({ shallow: false, prefix: '' });
  });
});

describe('history the build cannot use', () => {
  const logger = () => {
    const said: string[] = [];
    const log = (message: string) => said.push(message);
    return { said, logger: { info: log, warn: log } as unknown as AstroIntegrationLogger };
  };

  it('has no dates outside a repository (a tarball), and pages fall back to their frontmatter', () => {
    const folder = mkdtempSync(join(tmpdir(), 'atlas-tarball-'));
    const { said, logger: log } = logger();
    const history = readPageHistory(resolveProject(folder, {}), log);
    expect(history).toEqual({ prefix: '', dates: {} });
    expect(said.join('\n')).toContain('no Git history');
    const added = new Date('2026-05-06T00:00:00Z');
    expect(lastChange(history.dates, 'content/studies/a.mdx', added)).toBe('2026-05-06');
    expect(lastChange({ 'content/studies/a.mdx': '2026-11-30' }, 'content/studies/a.mdx', added)).toBe('2026-11-30');
    expect(lastChange({}, 'content/pages/about.mdx')).toBeUndefined();
  });

  it('ignores the one commit of a shallow clone, which would date every file alike, and says why', () => {
    const origin = mkdtempSync(join(tmpdir(), 'atlas-origin-'));
    git(origin, ['init', '-q', '-b', 'main']);
    mkdirSync(join(origin, 'content/pages'), { recursive: true });
    for (const name of ['a', 'b']) {
      writeFileSync(join(origin, `content/pages/${name}.mdx`), name);
      git(origin, ['add', '.']);
      git(origin, ['commit', '-q', '-m', name]);
    }
    const clone = join(mkdtempSync(join(tmpdir(), 'atlas-shallow-')), 'site');
    git(tmpdir(), ['clone', '-q', '--depth', '1', `file://${origin}`, clone]);
    const { said, logger: log } = logger();
    expect(readPageHistory(resolveProject(clone, {}), log).dates).toEqual({});
    expect(said.join('\n')).toContain('shallow clone');
    expect(Object.keys(readPageHistory(resolveProject(origin, {}), log).dates).sort()).toEqual([
      'content/pages/a.mdx',
      'content/pages/b.mdx',
    ]);
  });
});

describe('table of contents', () => {
  const h2 = (n: number) =>
    Array.from({ length: n }, (_, index) => ({ depth: 2, slug: `s${index}`, text: `Section ${index}` }));

  it('lists the h2 sections of a page that has at least four', () => {
    expect(tocMinimum).toBe(4);
    expect(tocEntries(h2(3))).toEqual([]);
    expect(tocEntries([...h2(4), { depth: 3, slug: 'sub', text: 'Sub' }]).map((entry) => entry.slug)).toEqual([
      's0',
      's1',
      's2',
      's3',
    ]);
  });

  it('goes after the lead, else after the title', () => {
    expect(splitAfterLead('<h1>T</h1><p class="byline lead" data-x>Lead <b>x</b></p><h2>A</h2>')).toEqual([
      '<h1>T</h1><p class="byline lead" data-x>Lead <b>x</b></p>',
      '<h2>A</h2>',
    ]);
    expect(splitAfterLead('<p class="leading">x</p><h1>T</h1><h2>A</h2>')).toEqual([
      '<p class="leading">x</p><h1>T</h1>',
      '<h2>A</h2>',
    ]);
    expect(splitAfterLead('<h2>A</h2>')).toEqual(['', '<h2>A</h2>']);
  });
});

describe('routes and settings of this change', () => {
  it('reserves the 404 page and the icon from content page names', () => {
    expect(routes.notFound()).toBe('/404.html');
    expect(routes.faviconIco()).toBe('/favicon.ico');
    expect(reservedPageSlugs).toEqual(expect.arrayContaining(['404', 'favicon.ico']));
  });

  it('takes the repository as an https address, and none by default', () => {
    expect(resolveProject('/site', {}).repository).toBeUndefined();
    expect(resolveProject('/site', { ATLAS_REPOSITORY: 'https://github.com/owner/atlas.git/' }).repository).toBe(
      'https://github.com/owner/atlas',
    );
    expect(() => resolveProject('/site', { ATLAS_REPOSITORY: 'git@github.com:owner/atlas.git' })).toThrow(
      ProblemReport,
    );
    expect(() => resolveProject('/site', { ATLAS_REPOSITORY: 'http://github.com/owner/atlas' })).toThrow(
      /ATLAS_REPOSITORY="http:\/\/github.com\/owner\/atlas" must be the https address/,
    );
  });
});
