/**
 * The one way the project writes a file: into a target folder, never outside it. Every writer
 * (reference downloads in the build, `npm run new`, `npm run audit-refs`, caches, build stats)
 * goes through `createWriter` or `writeInside`, so a key or name that looks like a path cannot
 * reach beyond its folder, and one run never writes the same file twice.
 */
import { existsSync, mkdirSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
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
}

export interface WriterOptions {
  /**
   * The folder is one this run fills and publishes whole or not at all (the build's staging
   * folder): each file is created in place, and a file that is there already is refused, not
   * replaced, since something else of the run wrote it.
   */
  readonly fresh?: boolean;
}

/**
 * A writer for one run into `folder`. Writing the same file twice in a run is refused, also when
 * the names differ only in case (they are one file on macOS and Windows). Each file is written
 * whole or not at all (a temporary file renamed into place), except in a `fresh` folder, which is
 * published whole or not at all itself.
 */
export function createWriter(folder: string, { fresh = false }: WriterOptions = {}): Writer {
  const written = new Set<string>();
  return {
    folder,
    get count() {
      return written.size;
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
        try {
          // "wx": created here, never an existing file or a link someone left at its name.
          writeFileSync(target, data, { flag: 'wx' });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
            throw new UnsafeWriteError(`refused to write ${target}: the build has a file of that name already`);
          }
          throw error;
        }
        written.add(fold);
        return target;
      }
      const temporary = join(dirname(target), `.${process.pid}.${written.size}.tmp`);
      try {
        writeFileSync(temporary, data);
        renameSync(temporary, target);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw error;
      }
      written.add(fold);
      return target;
    },
  };
}

/** Write one file inside `folder` (see `createWriter`). */
export function writeInside(folder: string, file: string, data: string | Uint8Array, options?: WriteOptions): string {
  return createWriter(folder).write(file, data, options);
}
