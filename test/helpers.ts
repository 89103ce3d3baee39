/** Shared set-up for the tests: a project's citation context, and a fingerprint of a folder's files. */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadBibliographyFolder } from '../src/lib/bibliography.ts';
import type { CitationContext, CitationOptions } from '../src/lib/citations/core.ts';
import { readContentFiles } from '../src/lib/content/collections.ts';
import { resolveProject } from '../src/lib/project.ts';

/** The citation context of the project at `root` in `style`, read from disk. */
export function citationContextFor(root: string, style = 'apa', base = ''): CitationContext {
  const project = resolveProject(root, {});
  return {
    bibliography: loadBibliographyFolder(project.referencesDir, project.root),
    summaries: new Set(readContentFiles(project.contentDir, project.root).files.studies.map((file) => file.id)),
    style,
    base,
    root: project.root,
    stylesDir: project.stylesDir,
  };
}

/** Citation plugin options for the project at `root`. */
export function citationOptionsFor(root: string, style = 'apa'): CitationOptions {
  const context = citationContextFor(root, style);
  return { context: () => context };
}

/** Every file under `folder` with a hash of its bytes: two equal maps mean nothing changed. */
export function treeHash(folder: string): Record<string, string> {
  const entries: Record<string, string> = {};
  for (const name of readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort()) {
    const path = join(folder, name);
    entries[name] = statSync(path).isDirectory()
      ? 'folder'
      : createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return entries;
}
