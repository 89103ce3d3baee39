/**
 * The GitHub workflows, which cannot run on this machine: read as YAML, they must do what the
 * README and CONTRIBUTING say. CI checks every pull request with annotations, and on a pull
 * request posts the evidence diff as the job summary and a comment, with the history it needs;
 * pull requests from /admin/ get the pull request template; the deployed site's /admin/ saves to
 * this repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

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

describe('deploy.yml', () => {
  it("builds /admin/ to save to this repository's default branch", () => {
    const build = workflow('deploy.yml').jobs['build']?.steps.find((step) => step.run === 'npm run build');
    expect(build?.env).toMatchObject({
      ATLAS_REPOSITORY: '${{ github.server_url }}/${{ github.repository }}',
      ATLAS_BRANCH: '${{ github.event.repository.default_branch }}',
    });
  });
});
