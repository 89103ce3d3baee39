/**
 * The benchmark's probe of the disk (scripts/bench/run.ts): how long creating small files takes
 * just before a build, so a run's time can be read against the machine's state.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileCreationMs } from '../scripts/bench/run.ts';

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
