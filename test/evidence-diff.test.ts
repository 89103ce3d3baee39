/**
 * The evidence diff: the pure comparison of two snapshots (src/lib/evidence-diff.ts), and
 * `npm run diff` (scripts/diff.ts) on a temporary Git repository with two commits of the fixture
 * corpus, the second lowering a row's certainty, changing a study's N and adding a study.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  compareEvidence,
  consequence,
  evidenceReport,
  pagesAffected,
  type EvidenceSnapshot,
  type RowSnapshot,
  type StudySnapshot,
  type TopicSnapshot,
} from '../src/lib/evidence-diff.ts';

const study = (key: string, overrides: Partial<StudySnapshot> = {}): StudySnapshot => ({
  key,
  label: `${key.replace(/\d+$/, '')} et al. (2021)`,
  design: 'rct',
  n: { randomized: 90 },
  finding: 'positive',
  certainty: 'moderate',
  topics: ['ptsd', 'mdma'],
  ...overrides,
});

const row = (outcome: string, overrides: Partial<RowSnapshot> = {}): RowSnapshot => ({
  outcome,
  direction: 'benefit',
  certainty: 'moderate',
  studies: ['mitchell2021'],
  qualitative: false,
  ...overrides,
});

const topic = (slug: string, title: string, rows: RowSnapshot[]): TopicSnapshot => ({ slug, title, rows });

function snapshot(parts: {
  studies?: StudySnapshot[];
  topics?: TopicSnapshot[];
  references?: [string, Record<string, string>][];
  pages?: [string, string][];
  problems?: string[];
}): EvidenceSnapshot {
  return {
    studies: new Map((parts.studies ?? []).map((each) => [each.key, each])),
    topics: new Map((parts.topics ?? []).map((each) => [each.slug, each])),
    references: new Map((parts.references ?? []).map(([key, fields]) => [key, { key, label: `${key} label`, fields }])),
    pages: new Map(parts.pages ?? []),
    problems: parts.problems ?? [],
  };
}

const before = snapshot({
  studies: [study('mitchell2021'), study('goodwin2022', { topics: ['major-depression'] })],
  topics: [
    topic('ptsd', 'PTSD', [row('PTSD symptoms'), row('Dropouts', { direction: 'no-difference' })]),
    topic('mdma', 'MDMA', [row('PTSD symptoms')]),
    topic('integration', 'Integration', []),
  ],
  references: [
    ['mitchell2021', { title: 'MDMA-assisted therapy', DOI: '10.1/a' }],
    ['old2019', { title: 'Old' }],
  ],
  pages: [
    ['/studies/mitchell2021/', 'a'],
    ['/about/', 'about'],
  ],
});

const after = snapshot({
  studies: [
    study('mitchell2021', { certainty: 'low', n: { randomized: 90, analysed: 87 } }),
    study('goodwin2022', { topics: ['major-depression', 'ptsd'] }),
    study('gamma2022', {
      label: 'Gamma & Delta (2022)',
      n: { randomized: 37 },
      finding: 'null',
      certainty: 'low',
      topics: ['psilocybin', 'integration', 'ptsd'],
    }),
  ],
  topics: [
    topic('ptsd', 'PTSD', [
      row('PTSD symptoms', { certainty: 'low' }),
      row('Dropouts', { direction: 'harm', participants: 80 }),
      row('Sleep', { studies: ['gamma2022'], certainty: 'very-low' }),
    ]),
    topic('mdma', 'MDMA', []),
    topic('integration', 'Integration', []),
  ],
  references: [
    ['mitchell2021', { title: 'MDMA-assisted therapy for PTSD', DOI: '10.1/a' }],
    ['gamma2022', { title: 'Gamma' }],
  ],
  pages: [
    ['/studies/mitchell2021/', 'b'],
    ['/studies/gamma2022/', 'c'],
  ],
});

describe('compareEvidence', () => {
  const changes = compareEvidence(before, after);

  it('puts certainty and direction first, then rows, numbers, studies, topics, references', () => {
    expect(changes.map((change) => change.rank)).toEqual(
      [...changes.map((change) => change.rank)].sort((a, b) => a - b),
    );
    expect(changes.map((change) => [change.rank, change.text])).toEqual([
      [consequence.grading, '**PTSD**, row "PTSD symptoms": certainty lowered from moderate (⨁⨁⨁◯) to low (⨁⨁◯◯)'],
      [
        consequence.grading,
        '**PTSD**, row "Dropouts": direction changed from "No difference shown" to "Favours the comparator"',
      ],
      [
        consequence.grading,
        '**mitchell et al. (2021)** (`mitchell2021`): certainty lowered from moderate (⨁⨁⨁◯) to low (⨁⨁◯◯)',
      ],
      [consequence.row, '**PTSD**: new row "Sleep" (favours the intervention, very low (⨁◯◯◯), 1 study)'],
      [
        consequence.row,
        '**MDMA**: row removed, "PTSD symptoms" (was favours the intervention, moderate (⨁⨁⨁◯), 1 study)',
      ],
      [consequence.numbers, '**PTSD**, row "Dropouts": participants from the studies → 80'],
      [
        consequence.numbers,
        '**mitchell et al. (2021)** (`mitchell2021`): N changed from 90 randomised to 90 randomised, 87 analysed',
      ],
      [
        consequence.study,
        'New study **Gamma & Delta (2022)** (`gamma2022`): randomised controlled trial, N = 37 (37 randomised), finding no difference, certainty low (⨁⨁◯◯); in 3 topics: `psilocybin`, **Integration**, **PTSD**',
      ],
      [consequence.membership, '**goodwin et al. (2021)** (`goodwin2022`) added to **PTSD**'],
      [consequence.reference, 'Reference changed: `mitchell2021`, mitchell2021 label: title'],
      [consequence.reference, 'Reference removed: `old2019`, old2019 label'],
      [consequence.reference, 'Reference added: `gamma2022`, gamma2022 label'],
    ]);
  });

  it('names raised certainty, and a reworded outcome at the same place as the same row', () => {
    const was = snapshot({ topics: [topic('ptsd', 'PTSD', [row('Symptoms', { certainty: 'low' })])] });
    const is = snapshot({ topics: [topic('ptsd', 'PTSD', [row('PTSD symptoms', { certainty: 'moderate' })])] });
    expect(compareEvidence(was, is).map((change) => change.text)).toEqual([
      '**PTSD**, row "PTSD symptoms": certainty raised from low (⨁⨁◯◯) to moderate (⨁⨁⨁◯)',
      '**PTSD**, row "PTSD symptoms": outcome reworded (was "Symptoms")',
    ]);
  });

  it('finds nothing between a snapshot and itself', () => {
    expect(compareEvidence(after, after)).toEqual([]);
  });

  it('keeps content text from becoming markup in the report', () => {
    const was = snapshot({ topics: [topic('t', 'T', [])] });
    const is = snapshot({ topics: [topic('t', '<img src=x onerror=alert(1)>', [row('*bold* [link](x) @team')])] });
    const [change] = compareEvidence(was, is);
    expect(change?.text).toBe(
      '**\\<img src=x onerror=alert(1)\\>**: new row "\\*bold\\* \\[link\\](x) @\u200bteam" (favours the intervention, moderate (⨁⨁⨁◯), 1 study)',
    );
  });
});

describe('pagesAffected', () => {
  it('lists the pages the changes name and every content file whose text changed', () => {
    expect(pagesAffected(before, after, compareEvidence(before, after))).toEqual([
      { path: '/about/', how: 'removed' },
      { path: '/references/', how: 'changed' },
      { path: '/studies/gamma2022/', how: 'new' },
      { path: '/studies/goodwin2022/', how: 'changed' },
      { path: '/studies/mitchell2021/', how: 'changed' },
      { path: '/topics/integration/', how: 'changed' },
      { path: '/topics/mdma/', how: 'changed' },
      { path: '/topics/psilocybin/', how: 'changed' },
      { path: '/topics/ptsd/', how: 'changed' },
    ]);
  });
});

describe('evidenceReport', () => {
  it('writes sections in order of consequence, and links the pages when given the site', () => {
    const report = evidenceReport(before, after, {
      title: '`main` → this pull request',
      site: 'https://example.org/atlas/',
    });
    expect(report.split('\n').filter((line) => line.startsWith('#'))).toEqual([
      '## Evidence diff: `main` → this pull request',
      '### Certainty, direction and findings',
      '### Summary-of-findings rows added or removed',
      '### Sample sizes, designs and the studies behind rows',
      '### Study summaries added or removed',
      '### Studies in topics',
      '### References',
      '### Pages affected',
    ]);
    expect(report).toContain('9 changes in the evidence and 3 changes to references, most consequential first.');
    expect(report).toContain('- [/studies/gamma2022/](https://example.org/atlas/studies/gamma2022/) (new)');
    expect(report).toContain('- `/about/` (removed)');
  });

  it('says when nothing changed, and when only text changed', () => {
    expect(evidenceReport(before, before, { title: 'a → b' })).toBe(
      '## Evidence diff: a → b\n\nNo change to the studies, topics, summary-of-findings rows or references.\n',
    );
    const edited = { ...before, pages: new Map([['/about/', 'new text']]) };
    expect(evidenceReport(before, edited, { title: 'a → b' })).toContain(
      'No change to the evidence: only the text of the pages below.\n\n### Pages affected\n\n- `/about/`\n',
    );
  });

  it('names the files it could not compare', () => {
    const broken = { ...after, problems: ['content/studies/x.mdx:3:1 design must be one of …'] };
    expect(evidenceReport(before, broken, { title: 'a → b' })).toContain(
      '### Not compared\n\nThese files have errors, so their evidence is left out above; `npm run check` (and the check in CI) lists them all:\n\n- `content/studies/x.mdx:3:1 design must be one of …`\n',
    );
  });
});

describe('npm run diff', () => {
  const repository = mkdtempSync(join(tmpdir(), 'atlas-diff-repo-'));
  afterAll(() => rmSync(repository, { recursive: true, force: true }));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Fixture', '-c', 'user.email=fixture@example.org', ...args], {
      cwd: repository,
      encoding: 'utf8',
    });
  const diff = (...args: string[]) =>
    execFileSync(process.execPath, [new URL('../scripts/diff.ts', import.meta.url).pathname, ...args], {
      cwd: repository,
      encoding: 'utf8',
      env: { ...process.env, ATLAS_ROOT: repository },
    });

  it('reports what the second commit changed in evidence terms', () => {
    cpSync(new URL('fixtures/project/', import.meta.url).pathname, repository, { recursive: true });
    const integration = join(repository, 'content', 'topics', 'integration.mdx');
    writeFileSync(
      integration,
      readFileSync(integration, 'utf8').replace(
        'related:\n  - psilocybin\n',
        'related:\n  - psilocybin\nfindings:\n  - outcome: "How patients describe integration"\n    studies: [beta2021]\n    direction: not-applicable\n    result: "Slow work."\n    qualitative: true\n    certainty: moderate\n    downgrades:\n      - reason: adequacy\n        why: "One small study."\n',
      ),
    );
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'The fixture corpus');

    // The second commit: a lower confidence, a bigger N, a new study with its reference.
    writeFileSync(
      integration,
      readFileSync(integration, 'utf8')
        .replace('certainty: moderate', 'certainty: low')
        .replace(
          'why: "One small study."\n',
          'why: "One small study."\n      - reason: relevance\n        why: "One site."\n',
        ),
    );
    const alpha = join(repository, 'content', 'studies', 'alpha2020.mdx');
    writeFileSync(alpha, readFileSync(alpha, 'utf8').replace('randomized: 20', 'randomized: 24'));
    appendFileSync(
      join(repository, 'references', 'refs.bib'),
      '\n@article{gamma2022,\n  author = {Gamma, Gil and Delta, Dee},\n  title = {A fixture trial},\n  journal = {Journal of Fixtures},\n  year = {2022}\n}\n',
    );
    writeFileSync(
      join(repository, 'content', 'studies', 'gamma2022.mdx'),
      readFileSync(alpha, 'utf8')
        .replace('citekey: alpha2020', 'citekey: gamma2022')
        .replace('randomized: 24', 'randomized: 37')
        .replace(/miscitations:[\s\S]*?(?=added:)/, ''),
    );
    git('add', '-A');
    git('commit', '-q', '-m', 'Evidence changes');

    const report = diff('HEAD~1', 'HEAD');
    expect(report).toBe(
      [
        '## Evidence diff: HEAD~1 → HEAD',
        '',
        '3 changes in the evidence and 1 change to references, most consequential first.',
        '',
        '### Certainty, direction and findings',
        '',
        '- **Integration**, row "How patients describe integration": confidence lowered from moderate (⨁⨁⨁◯) to low (⨁⨁◯◯)',
        '',
        '### Sample sizes, designs and the studies behind rows',
        '',
        '- **Alpha et al. (2020)** (`alpha2020`): N changed from 20 randomised to 24 randomised',
        '',
        '### Study summaries added or removed',
        '',
        '- New study **Gamma & Delta (2022)** (`gamma2022`): randomised controlled trial, N = 37 (37 randomised), finding no difference, certainty low (⨁⨁◯◯); in 2 topics: **Psilocybin**, **Integration**',
        '',
        '### References',
        '',
        '- Reference added: `gamma2022`, Gamma & Delta (2022), A fixture trial',
        '',
        '### Pages affected',
        '',
        '- `/references/`',
        '- `/studies/alpha2020/`',
        '- `/studies/gamma2022/` (new)',
        '- `/topics/integration/`',
        '- `/topics/psilocybin/`',
        '',
      ].join('\n'),
    );
    // The working tree is the default head; a clean tree is HEAD.
    expect(diff('HEAD~1')).toBe(report.replace('HEAD~1 → HEAD', 'HEAD~1 → the working tree'));
    expect(diff('HEAD')).toContain('No change to the studies, topics, summary-of-findings rows or references.');
  });

  it('says so when a revision cannot be read', () => {
    expect(() => diff('no-such-branch')).toThrow(/"no-such-branch" is not a revision of the repository/);
  });
});
