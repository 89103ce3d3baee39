/**
 * The one safe file writer (src/lib/output.ts): nothing lands outside its folder, one run never
 * writes a file twice, a summary is never overwritten, and a failed write leaves nothing behind.
 */
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWriter, resolveInside, UnsafeWriteError, writeInside } from '../src/lib/output.ts';

let scratch: string;
/** The folder written into, inside the scratch folder, next to a folder that must stay untouched. */
let folder: string;
let outside: string;
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'atlas-output-'));
  folder = join(scratch, 'dist');
  outside = join(scratch, 'outside');
  mkdirSync(folder);
  mkdirSync(outside);
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** Every file and folder under `dir`, relative, sorted. */
const tree = (dir: string): string[] =>
  (readdirSync(dir, { recursive: true }) as string[]).map((each) => each.split('\\').join('/')).sort();

describe('resolveInside', () => {
  it('gives the absolute path of a file inside the folder', () => {
    expect(resolveInside(folder, 'references/x.bib')).toBe(join(folder, 'references', 'x.bib'));
    expect(resolveInside(folder, 'studies/Doe:2006/index.html')).toBe(join(folder, 'studies/Doe:2006/index.html'));
    expect(resolveInside(folder, 'a/../b.txt')).toBe(join(folder, 'b.txt'));
  });

  it('accepts a name that merely starts with two dots', () => {
    expect(resolveInside(folder, '..notes.txt')).toBe(join(folder, '..notes.txt'));
  });

  it.each<[string, string]>([
    ['../x', 'it is outside'],
    ['a/../../x', 'it is outside'],
    ['..', 'it is outside'],
    ['.', 'it is outside'],
    ['', 'not a relative file name'],
    ['/etc/passwd', 'not a relative file name'],
    ['C:x', 'not a relative file name'],
    ['x\0.html', 'not a relative file name'],
  ])('refuses %j', (file, message) => {
    expect(() => resolveInside(folder, file)).toThrow(UnsafeWriteError);
    expect(() => resolveInside(folder, file)).toThrow(message);
  });

  it('refuses a path through a symbolic link that leads out of the folder', () => {
    symlinkSync(outside, join(folder, 'link'), 'dir');
    expect(() => resolveInside(folder, 'link/x.html')).toThrow('a link in its path leads outside');
    expect(() => resolveInside(folder, 'link/deeper/x.html')).toThrow('a link in its path leads outside');
  });

  it('accepts a symbolic link that stays inside the folder', () => {
    mkdirSync(join(folder, 'real'));
    symlinkSync(join(folder, 'real'), join(folder, 'link'), 'dir');
    expect(resolveInside(folder, 'link/x.html')).toBe(join(folder, 'link/x.html'));
  });
});

describe('createWriter', () => {
  it('writes files, creating their folders, and counts them', () => {
    const writer = createWriter(folder);
    expect(writer.count).toBe(0);
    expect(writer.write('references/a.bib', '@misc{a}')).toBe(join(folder, 'references/a.bib'));
    writer.write('b.json', new TextEncoder().encode('{}'));
    expect(writer.count).toBe(2);
    expect(writer.folder).toBe(folder);
    expect(readFileSync(join(folder, 'references/a.bib'), 'utf8')).toBe('@misc{a}');
    expect(readFileSync(join(folder, 'b.json'), 'utf8')).toBe('{}');
    expect(tree(folder)).toEqual(['b.json', 'references', 'references/a.bib']);
  });

  it('refuses to write the same file twice in one run, however it is named', () => {
    const writer = createWriter(folder);
    writer.write('studies/x/index.html', 'first');
    for (const again of ['studies/x/index.html', 'studies/./x/index.html', 'studies/y/../x/index.html']) {
      expect(() => writer.write(again, 'second')).toThrow(`refused to write "${again}" twice in one run`);
    }
    expect(readFileSync(join(folder, 'studies/x/index.html'), 'utf8')).toBe('first');
    expect(writer.count).toBe(1);
  });

  it('refuses a second file whose name differs only in case or Unicode form', () => {
    const writer = createWriter(folder);
    writer.write('references/Doe2006.bib', 'first');
    expect(() => writer.write('references/doe2006.bib', 'second')).toThrow(UnsafeWriteError);
    expect(() => writer.write('REFERENCES/DOE2006.BIB', 'second')).toThrow('twice in one run');
    writer.write('\u00e9tude.bib', 'first');
    expect(() => writer.write('e\u0301tude.bib', 'second')).toThrow('twice in one run');
    expect(tree(folder)).toEqual(['references', 'references/Doe2006.bib', 'étude.bib']);
    expect(writer.count).toBe(2);
  });

  it('writes the same file again in a new run', () => {
    createWriter(folder).write('a.txt', 'one');
    createWriter(folder).write('a.txt', 'two');
    expect(readFileSync(join(folder, 'a.txt'), 'utf8')).toBe('two');
  });

  it('refuses to overwrite an existing file when told not to, and leaves it as it was', () => {
    writeFileSync(join(folder, 'summary.mdx'), 'written by hand');
    const writer = createWriter(folder);
    expect(() => writer.write('summary.mdx', 'scaffold', { overwrite: false })).toThrow(
      `refused to overwrite ${join(folder, 'summary.mdx')}`,
    );
    expect(readFileSync(join(folder, 'summary.mdx'), 'utf8')).toBe('written by hand');
    expect(writer.count).toBe(0);
    writer.write('new.mdx', 'scaffold', { overwrite: false });
    expect(readFileSync(join(folder, 'new.mdx'), 'utf8')).toBe('scaffold');
  });

  it('replaces an existing file by default', () => {
    writeFileSync(join(folder, 'stats.json'), 'old');
    writeInside(folder, 'stats.json', 'new');
    expect(readFileSync(join(folder, 'stats.json'), 'utf8')).toBe('new');
  });

  it('leaves no temporary file when a write fails', () => {
    mkdirSync(join(folder, 'taken', 'inside'), { recursive: true });
    const writer = createWriter(folder);
    // The name is a folder that holds something: the file cannot take its place.
    expect(() => writer.write('taken', 'text')).toThrow();
    expect(tree(folder)).toEqual(['taken', 'taken/inside']);
    expect(writer.count).toBe(0);
    // A failed write does not count as written: the next run of the same name is not "twice".
    rmSync(join(folder, 'taken'), { recursive: true });
    writer.write('taken', 'text');
    expect(tree(folder)).toEqual(['taken']);
    expect(writer.count).toBe(1);
  });

  it('in a fresh folder, creates each file in place and refuses one that is there already', () => {
    writeFileSync(join(folder, 'page.html'), 'written by the build');
    symlinkSync(join(outside, 'target'), join(folder, 'planted'));
    const writer = createWriter(folder, { fresh: true });
    writer.write('references/a.bib', '@misc{a}');
    expect(readFileSync(join(folder, 'references', 'a.bib'), 'utf8')).toBe('@misc{a}');
    expect(() => writer.write('page.html', 'x')).toThrow(
      `refused to write ${join(folder, 'page.html')}: the build has a file of that name already`,
    );
    expect(readFileSync(join(folder, 'page.html'), 'utf8')).toBe('written by the build');
    // A link left at a file's name is not followed.
    expect(() => writer.write('planted', 'x')).toThrow(UnsafeWriteError);
    expect(tree(outside)).toEqual([]);
    expect(() => writer.write('references/A.bib', 'x')).toThrow('twice in one run');
    expect(writer.count).toBe(1);
    expect(tree(folder)).toEqual(['page.html', 'planted', 'references', 'references/a.bib']);
  });

  it('writes nothing outside its folder, whatever the name', () => {
    symlinkSync(outside, join(folder, 'link'), 'dir');
    const writer = createWriter(folder);
    for (const file of ['../outside/x', '/tmp/x', 'link/x', 'a\0b', join(outside, 'x')]) {
      expect(() => writer.write(file, 'x')).toThrow(UnsafeWriteError);
    }
    expect(tree(outside)).toEqual([]);
    expect(tree(folder)).toEqual(['link']);
    expect(writer.count).toBe(0);
  });
});

describe('writeInside', () => {
  it('writes one file and returns its path', () => {
    expect(writeInside(folder, 'audit.json', '{}')).toBe(join(folder, 'audit.json'));
    expect(readFileSync(join(folder, 'audit.json'), 'utf8')).toBe('{}');
  });

  it('refuses a path outside its folder', () => {
    expect(() => writeInside(folder, '../outside/audit.json', '{}')).toThrow(UnsafeWriteError);
    expect(tree(outside)).toEqual([]);
  });
});

describe('a fresh folder with the files kept from the last run', () => {
  let kept: string;
  beforeEach(() => {
    kept = join(scratch, 'cache', 'kept');
  });
  /** One run of a writer into a new folder `name` with the kept folder: the files it writes. */
  const run = (name: string, files: Record<string, string>) => {
    const out = join(scratch, name);
    mkdirSync(out);
    const writer = createWriter(out, { fresh: true, keptIn: kept });
    for (const [file, text] of Object.entries(files)) writer.write(file, text);
    writer.finish();
    return { out, writer };
  };
  const inode = (path: string) => lstatSync(path).ino;

  it("links what is unchanged, keeps what changed, and leaves the last run's files as they were", () => {
    const first = run('first', { 'references/a.bib': 'A', 'references/b.bib': 'B', 'old.txt': 'gone next' });
    expect(first.writer).toMatchObject({ count: 3, unchanged: 0 });
    expect(tree(kept)).toEqual(['old.txt', 'references', 'references/a.bib', 'references/b.bib']);

    const second = run('second', { 'references/a.bib': 'A', 'references/b.bib': 'B2', 'c.bib': 'C' });
    expect(second.writer).toMatchObject({ count: 3, unchanged: 1 });
    expect(inode(join(second.out, 'references', 'a.bib'))).toBe(inode(join(kept, 'references', 'a.bib')));
    expect(readFileSync(join(second.out, 'references', 'b.bib'), 'utf8')).toBe('B2');
    // The first run's folder (the published site while the next builds) is untouched.
    expect(readFileSync(join(first.out, 'references', 'b.bib'), 'utf8')).toBe('B');
    expect(tree(first.out)).toEqual(['old.txt', 'references', 'references/a.bib', 'references/b.bib']);
    // The kept folder holds exactly the last run's files.
    expect(tree(kept)).toEqual(['c.bib', 'references', 'references/a.bib', 'references/b.bib']);
  });

  it('trusts nothing in the kept folder but bytes equal to what is written', () => {
    // A link planted in the kept folder, to a file outside with exactly the bytes to be written
    // (the text is the link's own target, so even their sizes agree).
    const planted = join(outside, 'b');
    writeFileSync(planted, planted);
    const first = run('first', { 'a.bib': 'A', 'b.bib': planted });
    // The published file edited in place, to as many bytes: its kept copy is the same file.
    writeFileSync(join(first.out, 'a.bib'), 'X');
    rmSync(join(kept, 'b.bib'));
    symlinkSync(planted, join(kept, 'b.bib'));

    const second = run('second', { 'a.bib': 'A', 'b.bib': planted });
    expect(second.writer.unchanged).toBe(0);
    expect(readFileSync(join(second.out, 'a.bib'), 'utf8')).toBe('A');
    expect(readFileSync(join(first.out, 'a.bib'), 'utf8')).toBe('X');
    expect(lstatSync(join(second.out, 'b.bib')).isFile()).toBe(true);
    expect(readFileSync(join(second.out, 'b.bib'), 'utf8')).toBe(planted);
    expect(tree(outside)).toEqual(['b']);
    expect(readFileSync(planted, 'utf8')).toBe(planted);
  });

  it('still refuses a name written twice or taken in the folder, and a name leaving the folder', () => {
    run('first', { 'a.bib': 'A' });
    const out = join(scratch, 'second');
    mkdirSync(out);
    writeFileSync(join(out, 'a.bib'), 'written by the build');
    const writer = createWriter(out, { fresh: true, keptIn: kept });
    expect(() => writer.write('a.bib', 'A')).toThrow('the build has a file of that name already');
    expect(readFileSync(join(out, 'a.bib'), 'utf8')).toBe('written by the build');
    writer.write('b.bib', 'B');
    expect(() => writer.write('B.bib', 'B')).toThrow('twice in one run');
    expect(() => writer.write('../outside/x', 'x')).toThrow(UnsafeWriteError);
    expect(tree(outside)).toEqual([]);
  });

  it('creates the files as without it when the kept folder cannot be used', () => {
    // Something in the way of a kept copy: a folder where the file would be.
    mkdirSync(join(kept, 'a.bib', 'inside'), { recursive: true });
    const { out, writer } = run('first', { 'a.bib': 'A', 'b.bib': 'B' });
    expect(writer).toMatchObject({ count: 2, unchanged: 0 });
    expect(readFileSync(join(out, 'a.bib'), 'utf8')).toBe('A');
    expect(readFileSync(join(out, 'b.bib'), 'utf8')).toBe('B');
    // Nothing of the kept folder is removed by a run that did not use it.
    expect(tree(kept)).toEqual(['a.bib', 'a.bib/inside']);
  });
});
