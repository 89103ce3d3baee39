/**
 * The content collections on disk: which folders hold what, which files are content, and reading
 * them with their frontmatter. The content check and `src/content.config.ts` both start here, so
 * what the check validates is exactly what Astro builds: a file the build would skip (a `.md`, a
 * file in a subfolder) is a reported problem, never silently left out.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { buildState } from '../build-state.ts';
import { readFrontmatter, type Frontmatter } from '../frontmatter.ts';
import type { Problem } from '../problems.ts';

/** The collections of MDX files under the content folder, by folder name. */
export const contentCollections = ['studies', 'topics', 'pages'] as const;
export type ContentCollection = (typeof contentCollections)[number];

/** Content files are MDX, directly inside their collection's folder. */
export const contentExtension = '.mdx';
/** The pattern Astro's glob loader uses for each collection. */
export const contentPattern = `*${contentExtension}`;

/** The entry id of a content file: its name without the extension. */
export const entryId = (fileName: string) => fileName.slice(0, -contentExtension.length);

export interface SourceFile {
  readonly collection: ContentCollection;
  /** The file name without `.mdx`: the entry id, citation key or slug. */
  readonly id: string;
  readonly frontmatter: Frontmatter;
}

export interface ContentFiles {
  readonly files: Readonly<Record<ContentCollection, readonly SourceFile[]>>;
  readonly problems: readonly Problem[];
}

const hidden = (name: string) => name.startsWith('.');

/** Every content file with its frontmatter, and a problem for anything the build would not read. */
export function readContentFiles(contentDir: string, root: string): ContentFiles {
  const problems: Problem[] = [];
  const place = (path: string): Problem['file'] => relative(root, path) || '.';
  const whole = (path: string, message: string): Problem => ({ file: place(path), line: 0, column: 0, message });
  let top: string[] = [];
  try {
    top = readdirSync(contentDir);
  } catch {
    problems.push(whole(contentDir, `no content folder: create it with ${contentCollections.join('/, ')}/ inside`));
  }
  for (const name of top.filter((each) => !hidden(each)).sort()) {
    if ((contentCollections as readonly string[]).includes(name)) continue;
    const path = join(contentDir, name);
    problems.push(
      whole(
        path,
        isDirectory(path)
          ? `"${name}/" is not a collection, so nothing in it is built: move its files to ${contentCollections.map((each) => `${each}/`).join(', ')}`
          : `"${name}" is not in a collection, so it is not built: move it to ${contentCollections.map((each) => `${each}/`).join(', ')}`,
      ),
    );
  }
  const files = Object.fromEntries(
    contentCollections.map((collection) => {
      const directory = join(contentDir, collection);
      let names: string[] = [];
      try {
        names = readdirSync(directory).sort();
      } catch {
        // A collection may be empty and absent.
      }
      const read: SourceFile[] = [];
      for (const name of names.filter((each) => !hidden(each))) {
        const path = join(directory, name);
        if (isDirectory(path)) {
          problems.push(
            whole(path, `"${name}/" is a folder, and only files directly in ${collection}/ are built: move its files up`),
          );
        } else if (name.endsWith(contentExtension)) {
          read.push({
            collection,
            id: entryId(name),
            frontmatter: readFrontmatter(place(path), readFileSync(path, 'utf8')),
          });
        } else {
          const stem = name.replace(/\.[^.]*$/, '');
          problems.push(
            whole(
              path,
              /\.(md|markdown|mdx)$/i.test(name)
                ? `"${name}" is not built: content files end in ${contentExtension}; rename it to ${stem}${contentExtension}`
                : `"${name}" is not content: only ${contentExtension} files belong in ${collection}/; move it elsewhere`,
            ),
          );
        }
      }
      return [collection, read];
    }),
  ) as Record<ContentCollection, SourceFile[]>;
  return { files, problems };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The folder's state in this build: its signature, its files until released, values derived from them. */
function folderState(contentDir: string, root: string) {
  let signature = '';
  try {
    for (const entry of readdirSync(contentDir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const path = join(entry.parentPath, entry.name);
      const stats = statSync(path);
      signature += `${path}\0${stats.size}\0${stats.mtimeMs}\0`;
    }
  } catch {
    signature = 'missing';
  }
  const { contentFolders } = buildState();
  const key = `${root}\0${contentDir}`;
  let state = contentFolders.get(key);
  if (state?.signature !== signature) {
    state = { signature, content: undefined, derived: new WeakMap() };
    contentFolders.set(key, state);
  }
  return state;
}

/**
 * `readContentFiles`, read again only when a file under the content folder was added, removed or
 * changed (size or time), or after `releaseContentFiles`: the quick usage scan and the content
 * check of one build share one read.
 */
export function loadContentFiles(contentDir: string, root: string): ContentFiles {
  const state = folderState(contentDir, root);
  return (state.content ??= readContentFiles(contentDir, root));
}

/**
 * The value `compute` derives from the folder's files, kept under `key` (one value per key: the
 * bibliography a usage scan reads, say) and computed again only when a file under the folder
 * changes; it outlives `releaseContentFiles`.
 */
export function fromContentFiles<T>(
  contentDir: string,
  root: string,
  key: object,
  compute: (content: ContentFiles) => T,
): T {
  const state = folderState(contentDir, root);
  if (state.derived.has(key)) return state.derived.get(key) as T;
  const value = compute((state.content ??= readContentFiles(contentDir, root)));
  state.derived.set(key, value);
  return value;
}

/**
 * Let go of the files read: after its content check a build needs only what was derived from
 * them, and 10,000 summaries are some hundred megabytes of text and parsed frontmatter.
 */
export function releaseContentFiles(): void {
  for (const state of buildState().contentFolders.values()) state.content = undefined;
}
