/**
 * Astro keeps parsed entries between builds and clears them only when its config or
 * src/content.config.ts changes; the schemas live in other files. When those change, the stored
 * entries (build and dev) are removed, so no entry keeps the shape of an older schema.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writeInside } from '../lib/output.ts';

const schemaFiles = [
  '../lib/schema.ts',
  '../lib/vocabulary.ts',
  '../lib/registry.ts',
  '../loaders/bibliography-loader.ts',
  '../lib/format.ts',
  '../lib/formatting.ts',
];
const marker = 'evidence-atlas-schemas.txt';

export function forgetEntriesOnSchemaChange(folders: readonly string[]): void {
  const hash = createHash('sha256');
  for (const file of schemaFiles) hash.update(readFileSync(new URL(file, import.meta.url)));
  const digest = hash.digest('hex');
  for (const folder of folders) {
    const path = join(folder, marker);
    const previous = existsSync(path) ? readFileSync(path, 'utf8') : '';
    if (previous === digest) continue;
    rmSync(join(folder, 'data-store.json'), { force: true });
    writeInside(folder, marker, digest);
  }
}
