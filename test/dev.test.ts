/**
 * `astro dev` reports what the build would: on a scratch copy of the fixture project, a summary
 * edited to name a mistyped topic makes the running server print the check's
 * `file:line:col unknown topic "…" (did you mean "…"?)`, and mending it prints "content check: no
 * problems". The server runs in its own process group, which is ended whatever happens.
 */
import { stripVTControlCharacters } from 'node:util';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = new URL('..', import.meta.url).pathname;
const astro = join(repo, 'node_modules', 'astro', 'bin', 'astro.mjs');
const fixture = new URL('fixtures/project/', import.meta.url).pathname;
const scratch = mkdtempSync(join(tmpdir(), 'atlas-dev-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Wait until `condition` holds, checking every 100 ms; fail with `what` after `limit` ms. */
async function until(what: string, condition: () => boolean | Promise<boolean>, limit: number): Promise<void> {
  const end = Date.now() + limit;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** End the server's whole process group and wait for the server to exit. */
async function stop(server: ChildProcess): Promise<void> {
  if (server.pid === undefined || server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-(server.pid as number), signal);
    } catch {
      // The group is gone already.
    }
  };
  kill('SIGTERM');
  const late = setTimeout(() => kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(late);
}

describe('astro dev', () => {
  it('prints the check of an edited summary with its place, and "no problems" once it is mended', async () => {
    const root = join(scratch, 'project');
    cpSync(fixture, root, { recursive: true });
    const summary = join(root, 'content', 'studies', 'alpha2020.mdx');
    const good = readFileSync(summary, 'utf8');
    const mistyped = good.replace('  - integration\nfinding', '  - integraton\nfinding');
    expect(mistyped).not.toBe(good);

    // Without vitest's own variables: under VITEST the dev server answers 404 for every page, and
    // NODE_ENV=test is not the mode `astro dev` runs in.
    const environment = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(?:NODE_ENV|TEST|VITEST.*)$/.test(name)),
    );
    const port = await freePort();
    const server = spawn(
      process.execPath,
      [astro, 'dev', '--port', String(port), '--host', '127.0.0.1', '--ignore-lock'],
      {
        cwd: repo,
        env: {
          ...environment,
          ATLAS_CONTENT_DIR: join(root, 'content'),
          ATLAS_REFERENCES_DIR: join(root, 'references'),
          ATLAS_CACHE_DIR: join(scratch, 'cache'),
          ASTRO_TELEMETRY_DISABLED: '1',
          NO_COLOR: '1',
        },
        // --ignore-lock: alongside an `npm run dev` of this checkout, without touching its .astro/dev.json.
        // Its own process group, so the server and everything it started can be ended together.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    server.stdout?.on('data', (chunk: Buffer) => (output += stripVTControlCharacters(chunk.toString('utf8'))));
    server.stderr?.on('data', (chunk: Buffer) => (output += stripVTControlCharacters(chunk.toString('utf8'))));
    try {
      // Vite takes the next port if that one was taken meanwhile: read the address it prints.
      await until('the server to start', () => /Local\s+http:\/\/127\.0\.0\.1:\d+\//.test(output), 60_000);
      const base = /Local\s+(http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1] ?? '';
      const served = async () => {
        const response = await fetch(`${base}/studies/alpha2020/`).catch(() => undefined);
        return response?.status === 200 && (await response.text()).includes('A small trial of a fixture');
      };
      await until('the study page to be served', served, 60_000);

      const before = output.length;
      writeFileSync(summary, mistyped);
      const report =
        /\/project\/content\/studies\/alpha2020\.mdx:11:5 unknown topic "integraton" \(did you mean "integration"\?\): add content\/topics\/integraton\.mdx or fix the slug/;
      await until('the unknown topic to be reported', () => report.test(output.slice(before)), 10_000);

      const reported = output.length;
      writeFileSync(summary, good);
      await until(
        'the mended summary to pass',
        () => output.slice(reported).includes('content check: no problems'),
        10_000,
      );
      expect(output.slice(reported)).not.toMatch(report);
    } finally {
      await stop(server);
    }
    expect(server.signalCode ?? server.exitCode).not.toBeNull();
  });
});
