/**
 * The editors' CMS at /admin/, round trip with the local backend. A scratch Git repository holds
 * the fixture corpus (test/fixtures/project) plus a paper without a summary and a topic with a
 * summary-of-findings row. The test builds that corpus with a real `astro build` (its /admin/ and
 * config.yml come from the build), starts `decap-server` in Git mode on the repository (the mode
 * that keeps Decap's editorial workflow: each entry a `cms/<collection>/<slug>` branch with its
 * status), serves the build on 127.0.0.1, and in Chromium:
 * - creates a summary of the paper without one, filling every required field; the form refuses it
 *   first with an unknown citation key, and a paper that already has a summary;
 * - saves it (a draft branch), moves it to "In review" and "Ready", and publishes it (merged into
 *   main);
 * - edits an existing summary and a topic's findings row the same way;
 * then runs the project's check on the repository (no error), builds it again and reads the new
 * study page and the edited topic page. Nothing loads from outside 127.0.0.1 (e2e/browser.ts).
 *
 * It needs nothing built beforehand; like every e2e file it runs after `npm run build`.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, openSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { checkProject } from '../src/lib/check/index.ts';
import { isError } from '../src/lib/problems.ts';
import { resolveProject } from '../src/lib/project.ts';
import { useBrowserSession } from './browser.ts';
import { serveStatic, type StaticServer } from './static-server.ts';

const run = promisify(execFile);
const engine = new URL('..', import.meta.url).pathname;
const fixture = new URL('../test/fixtures/project/', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'atlas-admin-'));
const repository = join(scratch, 'repository');
const outDir = join(scratch, 'dist');

let decapPort = 0;
let decap: ChildProcess | undefined;
let server: StaticServer | undefined;

const git = (...args: string[]) => run('git', args, { cwd: repository }).then(({ stdout }) => stdout.trim());

function corpus(): Record<string, string> {
  return {
    ATLAS_CONTENT_DIR: join(repository, 'content'),
    ATLAS_REFERENCES_DIR: join(repository, 'references'),
    // The repository the site would save to on GitHub; the local backend takes over on 127.0.0.1.
    ATLAS_REPOSITORY: 'https://github.com/example/evidence-atlas',
    ATLAS_BRANCH: 'main',
    ATLAS_CMS_LOCAL_BACKEND: `http://127.0.0.1:${decapPort}/api/v1`,
  };
}

async function build(): Promise<void> {
  await run(
    process.execPath,
    [join(engine, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--outDir', outDir],
    {
      cwd: engine,
      env: { ...process.env, ...corpus(), ATLAS_CACHE_DIR: join(scratch, 'cache'), ASTRO_TELEMETRY_DISABLED: '1' },
      maxBuffer: 32 * 1024 * 1024,
    },
  );
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** Asks decap-server what it serves, until it answers (or 20 s pass). */
async function waitForDecap(): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${decapPort}/api/v1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://127.0.0.1' },
        body: JSON.stringify({ action: 'info' }),
      });
      const info = (await response.json()) as { type?: string; publish_modes?: string[] };
      expect(info).toMatchObject({ type: 'local_git', publish_modes: ['simple', 'editorial_workflow'] });
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolveWait) => setTimeout(resolveWait, 100));
    }
  }
}

beforeAll(async () => {
  cpSync(fixture, repository, { recursive: true });
  // A paper without a summary, for the form to offer.
  appendFileSync(
    join(repository, 'references', 'refs.bib'),
    '\n@article{gamma2022,\n  author  = {Gamma, Gil and Delta, Dee},\n  title   = {A fixture trial in thirty-seven people},\n  journal = {Journal of Fixtures},\n  year    = {2022}\n}\n',
  );
  // A topic with a summary-of-findings row, for the form to edit.
  writeFileSync(
    join(repository, 'content', 'topics', 'integration.mdx'),
    [
      '---',
      'title: Integration',
      'description: Making sense of the experience afterwards.',
      'kind: theme',
      'related:',
      '  - psilocybin',
      'findings:',
      '  - outcome: "How patients describe integration"',
      '    studies: [beta2021]',
      '    direction: not-applicable',
      '    result: "Patients described integration as slow work."',
      '    qualitative: true',
      '    certainty: moderate',
      '    downgrades:',
      '      - reason: adequacy',
      '        why: "One small study."',
      '        levels: 1',
      '---',
      '',
      'An overview.',
      '',
    ].join('\n'),
  );
  await git('init', '-q', '-b', 'main');
  await git('config', 'user.name', 'Fixture Editor');
  await git('config', 'user.email', 'editor@example.org');
  await git('config', 'commit.gpgsign', 'false');
  await git('add', '-A');
  await git('commit', '-q', '-m', 'The fixture corpus');

  decapPort = await freePort();
  await build();
  decap = spawn(process.execPath, [join(engine, 'node_modules', 'decap-server', 'dist', 'index.js')], {
    cwd: repository,
    env: {
      ...process.env,
      PORT: String(decapPort),
      BIND_HOST: '127.0.0.1',
      MODE: 'git',
      GIT_REPO_DIRECTORY: repository,
      LOG_LEVEL: 'info',
    },
    // Its log, to read when a step fails.
    stdio: [
      'ignore',
      openSync(join(scratch, 'decap-server.log'), 'w'),
      openSync(join(scratch, 'decap-server.log'), 'a'),
    ],
  });
  await waitForDecap();
  server = await serveStatic(outDir);
}, 240_000);

afterAll(async () => {
  decap?.kill();
  await server?.close();
  rmSync(scratch, { recursive: true, force: true });
});

const browser = useBrowserSession();
// Runs before the session's own checks: opening an entry, Decap asks decap-server for its
// unpublished version, which answers 404 when there is none, and Chromium logs every 404 as an error.
afterEach(() => {
  const errors = browser.current.consoleErrors;
  const notFound = (error: string) => error.includes('status of 404') && error.includes(`:${decapPort}/api/v1`);
  errors.splice(0, errors.length, ...errors.filter((error) => !notFound(error)));
});

/** Waits until `locator` is visible (Playwright's own wait, no fixed sleep). */
async function visible(locator: Locator): Promise<void> {
  await locator.first().waitFor({ state: 'visible' });
}

/** Opens /admin/ and signs in to the local backend. */
async function openAdmin(page: Page, hash = ''): Promise<void> {
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`${server?.baseUrl}/admin/`);
  // The local backend's sign-in is one button; the browser remembers it for the session.
  const login = page.getByRole('button', { name: 'Login' });
  const collections = page.getByRole('link', { name: /Study summaries/ });
  await login.or(collections).first().waitFor();
  if (await login.isVisible()) await login.click();
  await collections.first().waitFor();
  if (hash) await page.goto(`${server?.baseUrl}/admin/${hash}`);
}

/** Picks `option` in the select labelled `label` (react-select: type, then Enter). */
async function choose(page: Page, label: string, option: string): Promise<void> {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(option);
  await page.getByRole('option', { name: option, exact: false }).first().click();
}

/**
 * Replaces the whole Markdown body, as an editor pasting a draft written elsewhere: select all,
 * delete, paste (the editor is a plain-text Slate editor; typed keystroke by keystroke, its caret
 * moves while it re-renders).
 */
async function writeBody(page: Page, lines: readonly string[]): Promise<void> {
  const editor = page.locator('[data-slate-editor="true"]').first();
  const squeeze = (text: string) =>
    text
      .replace(/\uFEFF/g, '')
      .replace(/\n+/g, '\n')
      .trim();
  await editor.click();
  // Select all, then delete. Slate takes the browser's selection into its own a moment later, and
  // until it has, Delete removes one character: so repeat until the editor is empty.
  await expect
    .poll(async () => {
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.press('Delete');
      return squeeze(await editor.innerText());
    })
    .toBe('');
  await editor.evaluate((node, text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    node.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, lines.join('\n'));
  await expect.poll(() => editor.innerText().then(squeeze)).toBe(squeeze(lines.join('\n')));
}

async function save(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('Entry saved').first().waitFor();
}

/** Moves the open entry through "In review" and "Ready", then publishes it. */
async function reviewAndPublish(page: Page, branch: string): Promise<void> {
  for (const [status, label] of [
    ['In review', 'decap-cms/pending_review'],
    ['Ready', 'decap-cms/pending_publish'],
  ] as const) {
    await page.getByRole('button', { name: /^Status: / }).click();
    await page.getByRole('menuitem', { name: status }).click();
    await expect.poll(() => git('config', `branch.${branch}.description`)).toBe(label);
  }
  await page.getByRole('button', { name: 'Publish', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Publish now' }).click();
  await expect.poll(() => git('branch', '--list', branch), { timeout: 15_000 }).toBe('');
}

describe('/admin/ with the local Git backend', () => {
  test('a new summary: refused while wrong, then saved as a draft branch, reviewed, published, checked and built', async () => {
    const { page } = browser.current;
    await openAdmin(page, '#/collections/studies/new');

    // Every field of the schema is there, with the comment of src/lib/schema.ts as its hint.
    await visible(page.getByText('Direction of the primary result.'));
    await choose(page, 'Paper', 'gamma2022');
    await page
      .getByLabel('Summary', { exact: true })
      .fill('Thirty-seven fixture adults took part in a trial of a fixture. The groups did not differ.');
    await choose(page, 'Design', 'Randomised controlled trial');
    await page.getByLabel('Population', { exact: true }).fill('Adults from the fixture clinic');
    await page.getByLabel('Randomised (optional)', { exact: true }).fill('37');
    await choose(page, 'Substances (optional)', 'Psilocybin');
    await choose(page, 'Topics', 'Integration');
    await choose(page, 'Finding', 'No difference');
    await choose(page, 'Certainty', 'Low');
    await page
      .getByLabel('Why this certainty', { exact: true })
      .fill('Starts high (randomised). Down two for imprecision: 37 people.');

    // The body starts with the four sections and their guidance.
    const editor = page.locator('[data-slate-editor="true"]').first();
    await expect.poll(() => editor.innerText()).toContain('## What was done');
    await expect.poll(() => editor.innerText()).toContain('{/* Design, setting, who took part');
    await expect.poll(() => editor.innerText()).toContain('## Limitations');

    const body = (cite: string) => [
      '## What was done',
      '',
      `A fixture trial in 37 adults, like the earlier one [${cite}].`,
      '',
      '## What was found',
      '',
      '{/* Every figure from the paper. */}',
      'The groups did not differ (p = 0.4).',
      '',
      '## What it means for practice',
      '',
      'Little, from one small trial.',
      '',
      '## Limitations',
      '',
      'Small and short.',
    ];
    // A misspelt key is refused in the form, with the key it was probably meant to be.
    await writeBody(page, body('@alpha202'));
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await visible(page.getByText('unknown citation key "alpha202" (did you mean "alpha2020"?)'));
    // Decap refuses the save by rejecting a promise that nothing catches: the page's one error.
    await expect.poll(() => browser.current.pageErrors.length).toBe(1);
    expect(browser.current.pageErrors[0]).toMatch(/^: undefined /);
    browser.current.pageErrors.length = 0;
    await writeBody(page, body('@alpha2020'));

    // The preview shows the page as the site renders it: the panel, and the citation by author and year.
    const preview = page.frameLocator('#preview-pane');
    await visible(preview.getByRole('heading', { name: 'At a glance' }));
    await visible(preview.getByText('37 randomised'));
    await visible(preview.getByText('(Alpha et al., 2020)'));

    await save(page);
    const branch = 'cms/studies/gamma2022';
    expect(await git('config', `branch.${branch}.description`)).toBe('decap-cms/draft');
    expect(await git('diff', '--name-only', `main...${branch}`)).toBe('content/studies/gamma2022.mdx');
    // Until it is published, main does not have it.
    expect(await git('ls-tree', '--name-only', 'main', 'content/studies/')).not.toContain('gamma2022');

    await reviewAndPublish(page, branch);
    expect(await git('branch', '--show-current')).toBe('main');
    const file = readFileSync(join(repository, 'content', 'studies', 'gamma2022.mdx'), 'utf8');
    expect(file).toMatch(/^---\ncitekey: gamma2022\n/);
    expect(file).toContain('finding: "null"');
    expect(file).toContain('  randomized: 37\n');
    expect(file).not.toMatch(/: ""$/m);

    const check = await checkProject(resolveProject(engine, corpus()));
    expect(check.problems.filter(isError).map((problem) => problem.message)).toEqual([]);
    expect(check.studies.map((study) => study.id)).toContain('gamma2022');
  }, 180_000);

  test('a summary that exists cannot be started again, and one can be edited', async () => {
    const { page } = browser.current;
    await openAdmin(page, '#/collections/studies/new');
    // A paper that has a summary is listed, marked, and refused for a new one.
    await choose(page, 'Paper', 'alpha2020');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await visible(page.getByText('alpha2020 already has a summary: open it from the list of summaries to change it'));
    await expect.poll(() => browser.current.pageErrors.length).toBe(1);
    browser.current.pageErrors.length = 0;

    await page.close();
    const edit = await browser.current.context.newPage();
    await openAdmin(edit, '#/collections/studies/entries/alpha2020');
    // The summary shows its own paper.
    await visible(edit.getByText('Alpha et al. (2020): A small trial of a fixture [alpha2020]: has a summary'));
    const population = edit.getByLabel('Population', { exact: true });
    await expect.poll(() => population.inputValue()).toBe('Fixture adults');
    await population.fill('Fixture adults from two clinics');
    await save(edit);
    await reviewAndPublish(edit, 'cms/studies/alpha2020');
    const file = readFileSync(join(repository, 'content', 'studies', 'alpha2020.mdx'), 'utf8');
    expect(file).toContain('population: Fixture adults from two clinics');
    // What the form did not touch is kept: the alias, the body.
    expect(file).toContain('alias: wrongname2020');
    expect(file).toContain('## What it means for practice\n\nLittle.');
  }, 120_000);

  test("a topic's findings row", async () => {
    const { page } = browser.current;
    await openAdmin(page, '#/collections/topics/entries/integration');
    // The findings rows are collapsed under their outcomes; the first "Expand" is the first row's.
    await visible(page.getByText('How patients describe integration'));
    await page.getByRole('button', { name: 'Expand' }).first().click();
    const result = page.getByLabel('Result', { exact: true });
    await expect.poll(() => result.inputValue()).toBe('Patients described integration as slow work.');
    await result.fill('Patients described integration as slow, shared work.');
    await save(page);
    await reviewAndPublish(page, 'cms/topics/integration');
    const file = readFileSync(join(repository, 'content', 'topics', 'integration.mdx'), 'utf8');
    expect(file).toContain('result: Patients described integration as slow, shared work.');
    expect(file).toContain('levels: 1');
  }, 120_000);

  test('the result passes the check, builds, and the pages show what was entered', async () => {
    const check = await checkProject(resolveProject(engine, corpus()));
    expect(check.problems.filter(isError).map((problem) => problem.message)).toEqual([]);
    await build();
    const study = readFileSync(join(outDir, 'studies', 'gamma2022', 'index.html'), 'utf8');
    for (const text of [
      'Thirty-seven fixture adults took part in a trial of a fixture.',
      'Randomised controlled trial',
      '37 randomised',
      'Adults from the fixture clinic',
      'No difference',
      'Starts high (randomised). Down two for imprecision: 37 people.',
      'The groups did not differ (p = 0.4).',
      'href="/studies/alpha2020/"',
    ]) {
      expect(study).toContain(text);
    }
    expect(study).not.toContain('Every figure from the paper.');
    const topic = readFileSync(join(outDir, 'topics', 'integration', 'index.html'), 'utf8');
    expect(topic).toContain('Patients described integration as slow, shared work.');
    expect(readFileSync(join(outDir, 'studies', 'alpha2020', 'index.html'), 'utf8')).toContain(
      'Fixture adults from two clinics',
    );
  }, 120_000);
});
