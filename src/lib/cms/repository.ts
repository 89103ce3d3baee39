/**
 * Where the content sits in its Git repository. The CMS names files by their path in the
 * repository (`content/studies/x.mdx`), which is the content folder's path from the nearest
 * folder holding `.git` (a clone or a worktree), whatever folder the build runs from.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

/** The nearest folder at or above `folder` that holds `.git`, or undefined outside any repository. */
export function repositoryRoot(folder: string): string | undefined {
  let current = folder;
  for (;;) {
    if (existsSync(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * `folder`'s path inside its repository, with "/" (`content`). Outside any repository (a corpus
 * copied to a temporary folder) nothing can be saved through Git, and the folder's own name stands.
 */
export function pathInRepository(folder: string): string {
  const root = repositoryRoot(folder);
  return root === undefined ? basename(folder) : relative(root, folder).split(sep).join('/');
}
