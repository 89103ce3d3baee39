/**
 * `npm run build`'s process (src/lib/build-process.ts, scripts/build.ts): Astro's build with the
 * allocator settings and heap limit that keep a large corpus's build under its memory target,
 * the user's own settings kept as given, and a message with the mend when the heap runs out.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { allocatorSettings, buildHeapMB, buildProcess, endedBySignal } from '../src/lib/build-process.ts';

const root = join(import.meta.dirname, '..');

describe('buildProcess', () => {
  it('runs Astro with a heap limit and the allocator settings, after the options it was started with', () => {
    const { args, env, heapMB } = buildProcess('/astro.mjs', ['build', '--force'], { PATH: '/bin' }, ['--cpu-prof']);
    expect(args).toEqual(['--cpu-prof', `--max-old-space-size=${buildHeapMB}`, '/astro.mjs', 'build', '--force']);
    expect(heapMB).toBe(buildHeapMB);
    expect(env).toEqual({
      PATH: '/bin',
      MIMALLOC_PURGE_DELAY: '0',
      MIMALLOC_ARENA_EAGER_COMMIT: '0',
      MIMALLOC_EAGER_COMMIT: '0',
    });
    expect(Object.keys(allocatorSettings).every((name) => env[name] === '0')).toBe(true);
  });

  it("keeps the user's own heap limit and allocator settings", () => {
    for (const [env, execArgv] of [
      [{ NODE_OPTIONS: '--enable-source-maps --max-old-space-size=8192' }, []],
      [{ NODE_OPTIONS: '--max_old_space_size=8192' }, []],
      [{}, ['--max-heap-size=8192']],
    ] as const) {
      const { args, heapMB } = buildProcess('/astro.mjs', ['build'], env, execArgv);
      expect(args.filter((arg) => arg.startsWith('--max-old-space-size'))).toEqual([]);
      expect(heapMB).toBeUndefined();
    }
    const { env } = buildProcess('/astro.mjs', ['build'], { MIMALLOC_PURGE_DELAY: '250' }, []);
    expect(env['MIMALLOC_PURGE_DELAY']).toBe('250');
    expect(env['MIMALLOC_EAGER_COMMIT']).toBe('0');
  });
});

describe('endedBySignal', () => {
  it('names the heap limit and how to raise it when the process aborted', () => {
    expect(endedBySignal('SIGABRT', 2048)).toBe(
      'The build stopped: its process aborted, most likely out of memory against its 2048 MB heap limit.\n' +
        'Mend: allow more, for example NODE_OPTIONS=--max-old-space-size=4096 npm run build.',
    );
    expect(endedBySignal('SIGABRT', undefined)).toContain('against the heap limit set in NODE_OPTIONS');
    expect(endedBySignal('SIGTERM', 2048)).toBe('The build was stopped (SIGTERM).');
  });
});

describe('scripts/build.ts', () => {
  it("passes Astro's build its arguments and exit code", async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [join(root, 'scripts', 'build.ts'), '--help'], { cwd: root });
    expect(stdout).toContain('astro build');
    await expect(
      run(process.execPath, [join(root, 'scripts', 'build.ts'), '--config', join(root, 'no-such.config.mjs')], {
        cwd: root,
      }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('no-such.config.mjs') });
  });
});
