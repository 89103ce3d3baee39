/**
 * What the benchmark samples while a build runs (scripts/bench/run.ts): the memory of the build's
 * Node.js processes together, and how long creating small files takes just before a build, so a
 * run's time can be read against the machine's state.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileCreationMs, treeResidentKiB } from '../scripts/bench/run.ts';

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
