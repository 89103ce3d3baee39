/**
 * The one way the project writes a file: into a target folder, never outside it. Every writer
 * (reference downloads in the build, `npm run new`, `npm run audit-refs`, caches, build stats)
 * goes through `createWriter` or `writeInside`, so a key or name that looks like a path cannot
 * reach beyond its folder, and one run never writes the same file twice.
 */
import {
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { caseFold } from './keys.ts';

/** Thrown when a write would leave its folder or repeat a file: a bug or hostile input, never silent. */
export class UnsafeWriteError extends Error {
  override readonly name = 'UnsafeWriteError';
}

/** The nearest existing ancestor of `path`, with symbolic links resolved. */
function realAncestor(path: string): string {
  let current = path;
  while (!existsSync(current)) {
    const parent = dirname(current);
    if (parent === current) return current;
    current = parent;
  }
  return realpathSync(current);
}

/**
 * The absolute path of `file` inside `folder`. Refuses an absolute `file`, a NUL byte, a path
 * that climbs out with "..", and one whose existing part leads out through a symbolic link.
 */
export function resolveInside(folder: string, file: string): string {
  if (file === '' || file.includes('\0') || isAbsolute(file) || /^[A-Za-z]:/.test(file)) {
    throw new UnsafeWriteError(`refused to write "${file}": not a relative file name inside ${folder}`);
  }
  const root = resolve(folder);
  const target = resolve(root, file);
  const inside = relative(root, target);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new UnsafeWriteError(`refused to write "${file}": it is outside ${folder}`);
  }
  const realRoot = realAncestor(root);
  const realParent = realAncestor(dirname(target));
  if (realParent !== realRoot && !realParent.startsWith(realRoot + sep) && existsSync(root)) {
    throw new UnsafeWriteError(`refused to write "${file}": a link in its path leads outside ${folder}`);
  }
  return target;
}

export interface WriteOptions {
  /** Fail instead of replacing a file that exists (a summary is never overwritten). */
  readonly overwrite?: boolean;
}

export interface Writer {
  /** The folder written into. */
  readonly folder: string;
  /** Write `data` to `file` (relative to the folder); returns the absolute path. */
  write(file: string, data: string | Uint8Array, options?: WriteOptions): string;
  /** How many files this writer wrote. */
  readonly count: number;
  /** How many of them were linked from the files kept from the last run (`keptIn`). */
  readonly unchanged: number;
  /**
   * The run is over: remove from the kept folder (`keptIn`) every file this run did not write,
   * so it holds exactly this run's files. Nothing to do without one.
   */
  finish(): void;
}

export interface WriterOptions {
  /**
   * The folder is one this run fills and publishes whole or not at all (the build's staging
   * folder): each file is created in place, and a file that is there already is refused, not
   * replaced, since something else of the run wrote it.
   */
  readonly fresh?: boolean;
  /**
   * With `fresh`: a folder (in the build's cache) that keeps a copy of each file the writer wrote
   * in its last run. A file whose bytes are the same as its kept copy is hard-linked from it (one
   * more name for the same bytes, no new file); any other is kept first, then linked. Creating
   * thousands of small files is the slow part of writing them on many disks, and a link is not.
   * Nothing is trusted from the folder but bytes compared with what is to be written; where links
   * cannot be made (another file system), each file is created as without it.
   */
  readonly keptIn?: string | undefined;
}

/** Whether `file` is a regular file (not a link) holding exactly `bytes`. */
function holds(file: string, bytes: Uint8Array): boolean {
  try {
    const stat = lstatSync(file);
    return stat.isFile() && stat.size === bytes.byteLength && readFileSync(file).equals(bytes);
  } catch {
    return false;
  }
}

/** Replace `file` with `data` whole: a temporary file beside it, renamed into place. */
function replaceWhole(file: string, data: string | Uint8Array, suffix: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = join(dirname(file), `.${process.pid}.${suffix}.tmp`);
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Every file under `folder`, as paths relative to it with `/` between parts. */
function filesUnder(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(folder, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/**
 * A writer for one run into `folder`. Writing the same file twice in a run is refused, also when
 * the names differ only in case (they are one file on macOS and Windows). Each file is written
 * whole or not at all (a temporary file renamed into place), except in a `fresh` folder, which is
 * published whole or not at all itself.
 */
export function createWriter(folder: string, { fresh = false, keptIn }: WriterOptions = {}): Writer {
  const written = new Set<string>();
  /** The kept copies this run wrote or confirmed, by their exact names. */
  const kept = new Set<string>();
  let unchanged = 0;
  /** Off once a link cannot be made: the rest of the run creates its files. */
  let linking = fresh && keptIn !== undefined;

  /** Create `target` in the fresh folder; "wx": never an existing file or a link left at its name. */
  const create = (target: string, data: string | Uint8Array) => {
    try {
      writeFileSync(target, data, { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw taken(target);
      throw error;
    }
  };
  const taken = (target: string) =>
    new UnsafeWriteError(`refused to write ${target}: the build has a file of that name already`);

  /** Link `target` to the kept copy of `file`; false when the kept folder cannot serve. */
  const linkKept = (file: string, target: string, data: string | Uint8Array): boolean => {
    if (!linking || keptIn === undefined) return false;
    const copy = resolveInside(keptIn, file);
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    const same = holds(copy, bytes);
    try {
      if (!same) replaceWhole(copy, bytes, `${kept.size}`);
    } catch {
      // The cache cannot be written: create the files instead from here on.
      linking = false;
      return false;
    }
    try {
      // A link is made at a new name only: one there already (a file or a link) fails.
      linkSync(copy, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw taken(target);
      // Another file system, or one without links: create the files instead from here on.
      linking = false;
      return false;
    }
    kept.add(relative(resolve(keptIn), copy).split(sep).join('/'));
    if (same) unchanged += 1;
    return true;
  };

  return {
    folder,
    get count() {
      return written.size;
    },
    get unchanged() {
      return unchanged;
    },
    write(file, data, options = {}) {
      const target = resolveInside(folder, file);
      const fold = caseFold(relative(resolve(folder), target));
      if (written.has(fold)) throw new UnsafeWriteError(`refused to write "${file}" twice in one run`);
      if (options.overwrite === false && existsSync(target)) {
        throw new UnsafeWriteError(`refused to overwrite ${target}`);
      }
      mkdirSync(dirname(target), { recursive: true });
      if (fresh) {
        if (!linkKept(file, target, data)) create(target, data);
      } else {
        replaceWhole(target, data, `${written.size}`);
      }
      written.add(fold);
      return target;
    },
    finish() {
      if (keptIn === undefined || !linking) return;
      for (const name of filesUnder(keptIn)) {
        if (!kept.has(name)) rmSync(join(keptIn, name), { force: true });
      }
    },
  };
}

/** Write one file inside `folder` (see `createWriter`). */
export function writeInside(folder: string, file: string, data: string | Uint8Array, options?: WriteOptions): string {
  return createWriter(folder).write(file, data, options);
}
