/**
 * The GitHub workflows, which cannot run on this machine: read as YAML, they must do what the
 * README and CONTRIBUTING say. CI checks every pull request with annotations, and on a pull
 * request posts the evidence diff as the job summary and a comment, with the history it needs;
 * pull requests from /admin/ get the pull request template; the deployed site's /admin/ saves to
 * this repository. CI and the deploy keep Astro's cache folder between runs.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { resolveProject } from '../src/lib/project.ts';

interface Step {
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
  readonly name?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
interface Job {
  readonly if?: string;
  readonly permissions?: Record<string, string>;
  readonly env?: Record<string, string>;
  readonly steps: readonly Step[];
}
interface Workflow {
  readonly on: Record<string, unknown>;
  readonly jobs: Record<string, Job>;
}

const workflow = (name: string) =>
  parse(readFileSync(new URL(`../.github/workflows/${name}`, import.meta.url), 'utf8')) as Workflow;

describe('ci.yml', () => {
  const ci = workflow('ci.yml');

  it('runs on pull requests, checking them with annotations', () => {
    expect(Object.keys(ci.on)).toContain('pull_request');
    const runs = ci.jobs['check']?.steps.map((step) => step.run ?? '') ?? [];
    expect(runs).toContain('node scripts/check.ts --format github');
  });

  it('checks out the whole history wherever it reads Git', () => {
    for (const [name, job] of Object.entries(ci.jobs)) {
      const checkout = job.steps.find((step) => step.uses?.startsWith('actions/checkout@'));
      expect(checkout?.with?.['fetch-depth'], name).toBe(0);
    }
  });

  const diff = ci.jobs['evidence-diff'];
  const runOf = (pattern: RegExp) => diff?.steps.find((step) => pattern.test(step.run ?? ''));

  it('posts the evidence diff of a pull request as the job summary and as a comment', () => {
    expect(diff?.if).toBe("github.event_name == 'pull_request'");
    expect(diff?.permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    const report = runOf(/npm run --silent diff -- "origin\/\$BASE"/);
    expect(report?.run).toContain('> evidence-diff.md');
    expect(report?.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    const comment = runOf(/gh pr comment/);
    expect(comment?.run).toContain('--body-file evidence-diff.md');
    expect(comment?.if).toContain('github.event.pull_request.head.repo.full_name == github.repository');
    expect(diff?.env?.['BASE']).toBe('${{ github.event.pull_request.base.ref }}');
  });

  it('gives pull requests from /admin/ (branches cms/…) the pull request template', () => {
    const template = runOf(/gh pr edit/);
    expect(template?.if).toContain("startsWith(github.head_ref, 'cms/')");
    expect(template?.run).toContain('--body-file .github/PULL_REQUEST_TEMPLATE.md');
    expect(existsSync(new URL('../.github/PULL_REQUEST_TEMPLATE.md', import.meta.url))).toBe(true);
  });
});

/**
 * Astro's cache folder restored for the build: after `npm ci` (which empties node_modules/) and
 * before the build, keyed on the lockfile and the build's inputs, with the same lockfile's newest
 * cache as the fallback, and where the build puts it (Astro's default: no ATLAS_CACHE_DIR).
 */
function expectAstroCache(job: Job | undefined, prefix: string) {
  const steps = job?.steps ?? [];
  const at = steps.findIndex((step) => step.uses?.startsWith('actions/cache@'));
  const cache = steps[at];
  expect(cache, 'an actions/cache step').toBeDefined();
  expect(at).toBeGreaterThan(steps.findIndex((step) => step.run === 'npm ci'));
  const build = steps.findIndex((step) => step.run === 'npm run build');
  expect(at).toBeLessThan(build);
  expect(cache?.with?.['path']).toBe('node_modules/.astro');
  expect(steps[build]?.env?.['ATLAS_CACHE_DIR']).toBeUndefined();
  expect(job?.env?.['ATLAS_CACHE_DIR']).toBeUndefined();
  const key = String(cache?.with?.['key']);
  const lockfile = "${{ hashFiles('package-lock.json') }}";
  expect(key.startsWith(`${prefix}-\${{ runner.os }}-${lockfile}-`)).toBe(true);
  const inputs = /hashFiles\(([^)]*)\) }}$/.exec(key)?.[1] ?? '';
  for (const folder of ["'content/**'", "'references/**'", "'src/**'", "'astro.config.mjs'"])
    expect(inputs).toContain(folder);
  const restore = String(cache?.with?.['restore-keys']).trim().split('\n');
  expect(restore).toEqual([`${prefix}-\${{ runner.os }}-${lockfile}-`]);
}

describe("Astro's cache", () => {
  it('is kept between CI runs', () => {
    expectAstroCache(workflow('ci.yml').jobs['check'], 'astro-ci');
  });

  it('is kept between deploys, apart from CI’s (the deployed site has its own address and base)', () => {
    expectAstroCache(workflow('deploy.yml').jobs['build'], 'astro-deploy');
  });

  it('is the folder a build without ATLAS_CACHE_DIR uses', () => {
    expect(resolveProject(fileURLToPath(new URL('..', import.meta.url)), {}).cacheDir).toBeUndefined();
  });
});

describe('deploy.yml', () => {
  it("builds /admin/ to save to this repository's default branch", () => {
    const build = workflow('deploy.yml').jobs['build']?.steps.find((step) => step.run === 'npm run build');
    expect(build?.env).toMatchObject({
      ATLAS_REPOSITORY: '${{ github.server_url }}/${{ github.repository }}',
      ATLAS_BRANCH: '${{ github.event.repository.default_branch }}',
    });
  });
});
