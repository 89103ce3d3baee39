/**
 * The project's settings (src/lib/project.ts): defaults, folders resolved from the root, every
 * unusable variable named in one report, and the README's table generated from the schema.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem, ProblemReport } from '../src/lib/problems.ts';
import { projectRoot, resolveProject, settingsSchema, settingsTable } from '../src/lib/project.ts';

const root = '/srv/atlas';

/** The problems `env` is reported with, as `npm run check` prints them. */
function problemsOf(env: Record<string, string>): string[] {
  try {
    resolveProject(root, env);
  } catch (error) {
    if (error instanceof ProblemReport) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

describe('resolveProject', () => {
  it('has a default for every setting', () => {
    expect(resolveProject(root, { ATLAS_TODAY: '2026-01-31' })).toEqual({
      root,
      contentDir: join(root, 'content'),
      referencesDir: join(root, 'references'),
      stylesDir: join(root, 'references', 'styles'),
      auditFile: join(root, 'references', 'audit.json'),
      site: 'http://localhost:4321',
      base: '',
      citationStyle: 'apa',
      markdownProcessor: 'satteri',
      listPageSize: 300,
      cacheDir: undefined,
      buildStatsFile: undefined,
      doiResolver: 'https://doi.org',
      today: '2026-01-31',
      repository: undefined,
      branch: 'main',
      cmsAuthUrl: 'https://api.netlify.com',
      cmsLocalBackend: 'http://localhost:8081/api/v1',
    });
  });

  it('reads the repository and branch /admin/ saves to', () => {
    expect(
      resolveProject(root, {
        ATLAS_REPOSITORY: 'https://github.com/owner/evidence-atlas.git',
        ATLAS_BRANCH: 'editors/main',
        ATLAS_CMS_AUTH_URL: 'https://auth.example.org/',
        ATLAS_CMS_LOCAL_BACKEND: 'http://127.0.0.1:8082/api/v1',
      }),
    ).toMatchObject({
      repository: 'https://github.com/owner/evidence-atlas',
      branch: 'editors/main',
      cmsAuthUrl: 'https://auth.example.org',
      cmsLocalBackend: 'http://127.0.0.1:8082/api/v1',
    });
  });

  it('refuses a repository address that names no repository, and a bad branch', () => {
    expect(
      problemsOf({ ATLAS_REPOSITORY: 'https://github.com/owner', ATLAS_BRANCH: 'a..b', ATLAS_CMS_AUTH_URL: 'ftp://x' }),
    ).toEqual([
      'environment ATLAS_REPOSITORY="https://github.com/owner" must name a repository as https://HOST/OWNER/NAME, such as https://github.com/owner/evidence-atlas',
      'environment ATLAS_BRANCH="a..b" must be a branch name such as main',
      'environment ATLAS_CMS_AUTH_URL="ftp://x" must be an http(s) address such as https://auth.example.org',
    ]);
    expect(problemsOf({ ATLAS_REPOSITORY: 'http://github.com/owner/name' })).toEqual([
      'environment ATLAS_REPOSITORY="http://github.com/owner/name" must be the https address of a repository, such as https://github.com/owner/evidence-atlas',
    ]);
  });

  it('takes today from the clock when ATLAS_TODAY is not set', () => {
    expect(resolveProject(root, {}).today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('treats an empty variable as not set', () => {
    expect(resolveProject(root, { SITE_URL: '', ATLAS_BASE: '', ATLAS_CONTENT_DIR: '' })).toMatchObject({
      site: 'http://localhost:4321',
      base: '',
      contentDir: join(root, 'content'),
    });
  });

  it('resolves relative folders from the root and keeps absolute ones', () => {
    const project = resolveProject(root, {
      ATLAS_CONTENT_DIR: 'corpus/content',
      ATLAS_REFERENCES_DIR: '/data/references',
      ATLAS_CACHE_DIR: '../cache',
      ATLAS_BUILD_STATS: 'stats/build.json',
    });
    expect(project).toMatchObject({
      contentDir: '/srv/atlas/corpus/content',
      referencesDir: '/data/references',
      stylesDir: '/data/references/styles',
      auditFile: '/data/references/audit.json',
      cacheDir: '/srv/cache',
      buildStatsFile: '/srv/atlas/stats/build.json',
    });
  });

  it('reads the other settings', () => {
    expect(
      resolveProject(root, {
        SITE_URL: 'https://example.org/atlas',
        ATLAS_CITATION_STYLE: 'chicago-author-date',
        ATLAS_MARKDOWN_PROCESSOR: 'unified',
        ATLAS_DOI_RESOLVER: 'http://127.0.0.1:8080//',
        ATLAS_TODAY: '2026-11-30',
      }),
    ).toMatchObject({
      site: 'https://example.org/atlas',
      citationStyle: 'chicago-author-date',
      markdownProcessor: 'unified',
      doiResolver: 'http://127.0.0.1:8080',
      today: '2026-11-30',
    });
  });

  it('ignores variables it does not know', () => {
    expect(resolveProject(root, { ATLAS_BASE: '/x', ATLAS_UNKNOWN: '!', PATH: '/bin' }).base).toBe('/x');
  });

  it.each<[string, string]>([
    ['/', ''],
    ['x', '/x'],
    ['/x', '/x'],
    ['/x/', '/x'],
    ['x/', '/x'],
    ['/evidence-atlas', '/evidence-atlas'],
    ['/a/b/', '/a/b'],
  ])('normalises the base %j to %j', (value, base) => {
    expect(resolveProject(root, { ATLAS_BASE: value }).base).toBe(base);
  });

  it.each<[Record<string, string>, string[]]>([
    [
      { SITE_URL: 'example.org' },
      ['environment SITE_URL="example.org" must be an http(s) address such as https://example.org'],
    ],
    [
      { SITE_URL: 'ftp://example.org' },
      ['environment SITE_URL="ftp://example.org" must be an http(s) address such as https://example.org'],
    ],
    [
      { SITE_URL: 'javascript:alert(1)' },
      ['environment SITE_URL="javascript:alert(1)" must be an http(s) address such as https://example.org'],
    ],
    [{ ATLAS_BASE: '/a b' }, ['environment ATLAS_BASE="/a b" must be a path such as /evidence-atlas']],
    [{ ATLAS_BASE: '//x' }, ['environment ATLAS_BASE="//x" must be a path such as /evidence-atlas']],
    [{ ATLAS_BASE: '/x?y=1' }, ['environment ATLAS_BASE="/x?y=1" must be a path such as /evidence-atlas']],
    [
      { ATLAS_BASE: '/../x' },
      ['environment ATLAS_BASE="/../x" must not hold "." or ".." segments: name the folder, such as /evidence-atlas'],
    ],
    [
      { ATLAS_MARKDOWN_PROCESSOR: 'remark' },
      ['environment ATLAS_MARKDOWN_PROCESSOR="remark" must be satteri or unified'],
    ],
    [
      { ATLAS_CITATION_STYLE: 'Chicago Author-Date' },
      [
        'environment ATLAS_CITATION_STYLE="Chicago Author-Date" must be a style name such as apa, vancouver or harvard1',
      ],
    ],
    [
      { ATLAS_CITATION_STYLE: '../styles/x' },
      ['environment ATLAS_CITATION_STYLE="../styles/x" must be a style name such as apa, vancouver or harvard1'],
    ],
    [
      { ATLAS_DOI_RESOLVER: 'file:///etc' },
      ['environment ATLAS_DOI_RESOLVER="file:///etc" must be an http(s) address such as https://doi.org'],
    ],
    [{ ATLAS_TODAY: '30.11.2026' }, ['environment ATLAS_TODAY="30.11.2026" must be a date such as 2026-11-30']],
    [{ ATLAS_LIST_PAGE_SIZE: '0' }, ['environment ATLAS_LIST_PAGE_SIZE="0" must be a whole number such as 300']],
    [{ ATLAS_LIST_PAGE_SIZE: '1e3' }, ['environment ATLAS_LIST_PAGE_SIZE="1e3" must be a whole number such as 300']],
  ])('reports %j', (env, problems) => {
    expect(problemsOf(env)).toEqual(problems);
  });

  it('reports every unusable variable at once', () => {
    expect(
      problemsOf({
        SITE_URL: 'nowhere',
        ATLAS_BASE: '/a b',
        ATLAS_MARKDOWN_PROCESSOR: 'MDX',
        ATLAS_CITATION_STYLE: 'APA',
      }),
    ).toEqual([
      'environment SITE_URL="nowhere" must be an http(s) address such as https://example.org',
      'environment ATLAS_BASE="/a b" must be a path such as /evidence-atlas',
      'environment ATLAS_CITATION_STYLE="APA" must be a style name such as apa, vancouver or harvard1',
      'environment ATLAS_MARKDOWN_PROCESSOR="MDX" must be satteri or unified',
    ]);
  });

  it('refuses a long bad base at once', () => {
    // A pattern that backtracks takes seconds on this value, and twice as long for each letter more.
    const started = performance.now();
    expect(problemsOf({ ATLAS_BASE: `/${'a'.repeat(28)}!` })).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('projectRoot', () => {
  it('is ATLAS_ROOT when set, resolved, and the fallback otherwise', () => {
    expect(projectRoot('/fallback', {})).toBe('/fallback');
    expect(projectRoot('/fallback', { ATLAS_ROOT: '' })).toBe('/fallback');
    expect(projectRoot('/fallback', { ATLAS_ROOT: '/srv/other/' })).toBe('/srv/other');
  });
});

describe('settingsTable', () => {
  const table = settingsTable();

  it('has a row for every setting, with its default', () => {
    const lines = table.split('\n');
    expect(lines.slice(0, 2)).toEqual(['| Variable | What it sets | Default |', '| --- | --- | --- |']);
    expect(lines.slice(2).map((line) => /^\| `([A-Z_]+)` \|/.exec(line)?.[1])).toEqual(
      Object.keys(settingsSchema.shape),
    );
    expect(lines).toContain(
      '| `ATLAS_BASE` | The path the site lives under, such as `/evidence-atlas` for a GitHub Pages project site. | `/` |',
    );
  });

  it('is the table in the README, row for row', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.split(/^## /m).find((each) => each.startsWith('Settings\n'));
    expect(section, 'README.md has a "## Settings" section').toBeDefined();
    const rows = (section ?? '').split('\n').filter((line) => line.startsWith('|'));
    expect(rows.join('\n')).toBe(table);
    expect(readme.split(table)).toHaveLength(2);
  });
});
