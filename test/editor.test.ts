/**
 * The editor's commands on a scratch copy of the fixture project, with the DOI resolver played by
 * a server on 127.0.0.1: `npm run new -- <key>`, `npm run new -- --doi <doi>`, `npm run audit-refs`.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkProject } from '../src/lib/check/index.ts';
import { resolveProject } from '../src/lib/project.ts';
import { formatProblem } from '../src/lib/problems.ts';
import { treeHash } from './helpers.ts';

const run = promisify(execFile);
const repo = new URL('..', import.meta.url).pathname;
const fixture = new URL('fixtures/project/', import.meta.url).pathname;

/** What the resolver knows: CSL-JSON by DOI. */
const records: Record<string, object> = {
  '10.5555/new.1': {
    type: 'article-journal',
    DOI: '10.5555/new.1',
    title: 'A Registered Record about Fixtures',
    author: [
      { family: 'Zéta', given: 'Zoe' },
      { family: 'Eta', given: 'Eli' },
    ],
    issued: { 'date-parts': [[2022, 5, 1]] },
    'container-title': 'Journal of Records',
    volume: '3',
    page: '10-20',
  },
  // The record behind alpha2020's DOI names other authors, as the practitioner article's did.
  '10.1000/fixture.1': {
    type: 'article-journal',
    DOI: '10.1000/fixture.1',
    title: 'A small trial of a fixture',
    author: [
      { family: 'Wrong', given: 'W.' },
      { family: 'Name', given: 'N.' },
    ],
    issued: { 'date-parts': [[2020]] },
    'container-title': 'Journal of Fixtures',
  },
  '10.1000/fixture.3': {
    type: 'article-journal',
    DOI: '10.1000/fixture.3',
    title: 'Gamma: A Matching Record',
    author: [{ family: 'Gamma', given: 'Gil' }],
    issued: { 'date-parts': [[2022]] },
    'container-title': 'Journal of Fixtures',
    volume: '7',
    page: '1–9',
  },
};

let server: Server;
let resolver = '';
const requests: string[] = [];
beforeAll(async () => {
  server = createServer((request, response) => {
    const doi = decodeURI((request.url ?? '').slice(1));
    requests.push(`${request.headers.accept} ${doi}`);
    const record = records[doi];
    if (!record) {
      response.statusCode = 404;
      response.end('DOI Not Found');
      return;
    }
    response.setHeader('Content-Type', 'application/vnd.citationstyles.csl+json');
    response.end(JSON.stringify(record));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  resolver = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
});

const projects: string[] = [];
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'atlas-editor-'));
  projects.push(root);
  cpSync(fixture, root, { recursive: true });
  return root;
}
afterEach(() => {
  for (const root of projects.splice(0)) rmSync(root, { recursive: true, force: true });
});

async function command(root: string, script: string, args: string[], env: Record<string, string> = {}) {
  return run(process.execPath, [join(repo, 'scripts', script), ...args], {
    cwd: repo,
    env: { ...process.env, ATLAS_ROOT: root, ATLAS_TODAY: '2026-11-29', ATLAS_DOI_RESOLVER: resolver, ...env },
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      stdout: error.stdout,
      stderr: error.stderr,
    }),
  );
}

describe('npm run new -- <citekey>', () => {
  it('scaffolds a summary whose every empty field `npm run check` then names', async () => {
    const root = project();
    writeFileSync(
      join(root, 'references', 'refs.bib'),
      `${readFileSync(join(root, 'references', 'refs.bib'), 'utf8')}\n@article{gamma2022, author = {Gamma, Gil}, title = {Gamma}, year = {2022}, doi = {10.1000/fixture.3}}\n`,
    );
    const result = await command(root, 'new.ts', ['gamma2022']);
    expect(result.code).toBe(0);
    const text = readFileSync(join(root, 'content', 'studies', 'gamma2022.mdx'), 'utf8');
    expect(text).toContain('citekey: gamma2022 # (required)');
    expect(text).toContain('design: # (required) rct | non-randomized-trial');
    expect(text).toContain('added: 2026-11-29');
    for (const section of ['What was done', 'What was found', 'What it means for practice', 'Limitations'])
      expect(text).toContain(`## ${section}`);
    const problems = (await checkProject(resolveProject(root, {}))).problems
      .map(formatProblem)
      .filter((line) => line.includes('gamma2022.mdx'));
    expect(problems.map((line) => line.replace(/^\S+ /, ''))).toEqual([
      '"summary" is empty: fill it in',
      '"design" is empty: choose one of "rct", "non-randomized-trial", "open-label-trial", "cohort", "case-series", "qualitative", "mixed-methods", "systematic-review", "meta-analysis", "narrative-review", "protocol", "theoretical"',
      '"population" is empty: fill it in',
      '"n" is empty: fill in its fields',
      '"topics" is empty: must list at least one topic',
      '"finding" is empty: choose one of "positive", "null", "mixed", "negative", "not-applicable" (a null result is written "null", in quotes)',
      '"certainty" is empty: choose one of "high", "moderate", "low", "very-low", "not-graded"',
      '"certaintyReason" is empty: fill it in',
    ]);
  });

  it('refuses to overwrite a summary', async () => {
    const root = project();
    const before = readFileSync(join(root, 'content', 'studies', 'alpha2020.mdx'), 'utf8');
    const result = await command(root, 'new.ts', ['alpha2020']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('content/studies/alpha2020.mdx already exists: a summary is never overwritten');
    expect(readFileSync(join(root, 'content', 'studies', 'alpha2020.mdx'), 'utf8')).toBe(before);
  });

  it("refuses a key shaped like a path with the key grammar's message, and writes nothing", async () => {
    for (const [key, message] of [
      [
        '../../x',
        '"../../x" is not a citation key: it has "/", which a URL segment or file name cannot hold safely and must start with a letter, digit or "_": use letters, digits and _ - . : + (such as _.._.._x).',
      ],
      [
        'a/b',
        '"a/b" is not a citation key: it has "/", which a URL segment or file name cannot hold safely: use letters, digits and _ - . : + (such as a_b).',
      ],
    ] as const) {
      // The folder around the project is hashed too: `../../x` from content/studies/ leads out of content/.
      const folder = project();
      const root = join(folder, 'project');
      cpSync(fixture, root, { recursive: true });
      const before = treeHash(folder);
      const result = await command(root, 'new.ts', [key]);
      expect(result.code, key).toBe(1);
      expect(result.stderr.trim(), key).toBe(message);
      expect(result.stdout, key).toBe('');
      expect(treeHash(folder), key).toEqual(before);
    }
  });

  it('suggests the closest keys for an unknown one, and writes nothing', async () => {
    const root = project();
    const result = await command(root, 'new.ts', ['alpha2021']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Unknown citation key "alpha2021"');
    expect(result.stderr).toContain('Closest keys: alpha2020');
    expect(existsSync(join(root, 'content', 'studies', 'alpha2021.mdx'))).toBe(false);
  });
});

describe('npm run new -- --doi <doi>', () => {
  it('adds the registered record to library.bib in key order, touching nothing else, and scaffolds it', async () => {
    const root = project();
    const library = join(root, 'references', 'library.bib');
    const before =
      '% kept by hand\n@article{aaa2000, title = {First}, year = {2000}}\n\n@article{zzz2030,\n  title = {Last},\n  year = {2030}\n}\n';
    writeFileSync(library, before);
    const result = await command(root, 'new.ts', ['--doi', '10.5555/new.1']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Added "zeta2022" to references/library.bib');
    expect(requests).toContain('application/vnd.citationstyles.csl+json 10.5555/new.1');
    const after = readFileSync(library, 'utf8');
    const entry = after.slice(after.indexOf('@article{zeta2022'), after.indexOf('@article{zzz2030'));
    expect(after.replace(entry, '')).toBe(before);
    expect(entry).toMatch(/doi = \{10\.5555\/new\.1\}/i);
    expect(existsSync(join(root, 'content', 'studies', 'zeta2022.mdx'))).toBe(true);
    const reference = (await checkProject(resolveProject(root, {}))).bibliography.references.get('zeta2022' as never);
    expect(reference?.csl.title).toBe('A Registered Record about Fixtures');
    expect(reference?.csl.author?.map((name) => name.family)).toEqual(['Zéta', 'Eta']);
  });

  it('disambiguates the new key with a, b, c', async () => {
    const root = project();
    writeFileSync(join(root, 'references', 'library.bib'), '@article{zeta2022, title = {Taken}, year = {2022}}\n');
    const result = await command(root, 'new.ts', ['--doi', '10.5555/new.1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Added "zeta2022a"');
  });

  it('says so and writes nothing for an unknown DOI, when offline, and for what is not a DOI', async () => {
    for (const [args, env, message] of [
      [['--doi', '10.5555/missing'], {}, 'has no record of DOI 10.5555/missing'],
      [['--doi', '10.5555/new.1'], { ATLAS_DOI_RESOLVER: 'http://127.0.0.1:9' }, 'could not reach http://127.0.0.1:9'],
      [['--doi', 'https://doi.org/10.5555/new.1'], {}, 'is not a DOI'],
    ] as const) {
      const root = project();
      const result = await command(root, 'new.ts', [...args], env);
      expect(result.code, message).toBe(1);
      expect(result.stderr, message).toContain(message);
      expect(existsSync(join(root, 'references', 'library.bib')), message).toBe(false);
      expect((await checkProject(resolveProject(root, {}))).studies.map((study) => study.id)).toEqual([
        'alpha2020',
        'beta2021',
      ]);
    }
  });
});

describe('npm run audit-refs', () => {
  it('records matches and mismatches against the DOI records, and keeps the old audit when offline', async () => {
    const root = project();
    writeFileSync(
      join(root, 'references', 'refs.bib'),
      `${readFileSync(join(root, 'references', 'refs.bib'), 'utf8')}\n@article{gamma2022, author = {Gamma, Gil}, title = {Gamma: A Matching Record}, journal = {Journal of Fixtures}, volume = {7}, pages = {1--9}, year = {2022}, doi = {10.1000/fixture.3}}\n@article{delta2023, title = {Gone}, year = {2023}, doi = {10.1000/fixture.404}}\n`,
    );
    const result = await command(root, 'audit-refs.ts', []);
    expect(result.code).toBe(0);
    const audit = JSON.parse(readFileSync(join(root, 'references', 'audit.json'), 'utf8')) as {
      entries: Record<
        string,
        { status: string; checked: string; differences: { field: string; bibtex: string; record: string }[] }
      >;
    };
    expect(audit.entries['gamma2022']).toEqual({ status: 'match', checked: '2026-11-29', differences: [] });
    expect(audit.entries['alpha2020']).toEqual({
      status: 'mismatch',
      checked: '2026-11-29',
      differences: [{ field: 'authors', bibtex: 'alpha, beta, gamma', record: 'wrong, name' }],
    });
    expect(audit.entries['delta2023']?.status).toBe('not-found');
    expect(audit.entries['beta2021']).toBeUndefined();

    const saved = readFileSync(join(root, 'references', 'audit.json'), 'utf8');
    const offline = await command(root, 'audit-refs.ts', [], { ATLAS_DOI_RESOLVER: 'http://127.0.0.1:9' });
    expect(offline.code).toBe(1);
    expect(offline.stderr).toContain('references/audit.json is unchanged');
    expect(readFileSync(join(root, 'references', 'audit.json'), 'utf8')).toBe(saved);
  });
});
