/**
 * What the benchmark samples while a build runs (scripts/bench/run.ts): the memory of the build's
 * Node.js processes together, and how long creating small files takes just before a build, so a
 * run's time can be read against the machine's state.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileCreationMs, runBuild, treeResidentKiB } from '../scripts/bench/run.ts';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('fileCreationMs', () => {
  it('times the creation of files and leaves the folder as it found it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'bench-probe-'));
    folders.push(folder);
    const ms = fileCreationMs(folder, 50);
    expect(Number.isFinite(ms)).toBe(true);
    expect(ms).toBeGreaterThan(0);
    expect(readdirSync(folder)).toEqual([]);
  });

  it('creates the folder when it does not exist yet, and removes only its probe', () => {
    const parent = mkdtempSync(join(tmpdir(), 'bench-probe-'));
    folders.push(parent);
    const folder = join(parent, 'logs');
    fileCreationMs(folder, 10);
    expect(existsSync(folder)).toBe(true);
    expect(readdirSync(folder)).toEqual([]);
  });
});

describe.runIf(process.platform === 'linux')('treeResidentKiB', () => {
  it('counts this Node.js process and the Node.js process it forks', async () => {
    const alone = treeResidentKiB(process.pid);
    expect(alone).toBeGreaterThan(10_000);
    // A child that holds 200 MiB until it is told to exit.
    const child = spawn(
      process.execPath,
      [
        '-e',
        "const held = Buffer.alloc(200 * 2 ** 20, 1); process.send('ready'); process.on('message', () => process.exit(held.length > 0 ? 0 : 1));",
      ],
      { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] },
    );
    try {
      await new Promise<void>((resolve) => child.once('message', () => resolve()));
      expect(treeResidentKiB(process.pid) - alone).toBeGreaterThan(200 * 1024);
    } finally {
      child.send('exit');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  });
});

describe('runBuild', () => {
  it('runs a build script with its options, and counts the memory and CPU of the process it starts', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'atlas-bench-run-'));
    folders.push(folder);
    // A build script as scripts/build.ts is one: its Node.js options passed on to a process of its
    // own, which holds 300 MiB for a moment and prints what it was given.
    const script = join(folder, 'build.mjs');
    writeFileSync(
      script,
      `import { spawnSync } from 'node:child_process';
const code = "const held = Buffer.alloc(300 * 2 ** 20, 1); setTimeout(() => console.log('built', held.length, process.argv.slice(1).join(' ')), 600);";
const { status } = spawnSync(process.execPath, [...process.execArgv, '-e', code, '--', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(status ?? 1);
`,
    );
    const run = await runBuild(join(import.meta.dirname, '..'), {
      cwd: folder,
      outDir: join(folder, 'dist'),
      env: {},
      cacheDir: join(folder, 'cache'),
      cold: true,
      logFile: join(folder, 'logs', 'build.log'),
      script,
    });
    expect(run.peakMemoryMiB).toBeGreaterThan(300);
    expect(run.cpuSeconds).toBeGreaterThan(0);
    expect(readFileSync(join(folder, 'logs', 'build.log'), 'utf8')).toContain(
      `built ${300 * 2 ** 20} --outDir ${join(folder, 'dist')} --force`,
    );
  });
});
