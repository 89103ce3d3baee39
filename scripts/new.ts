/**
 * `npm run new -- <citekey>`: write content/studies/<citekey>.mdx, a summary scaffold prefilled
 * from the BibTeX entry. `npm run new -- --doi <doi>`: first add the DOI's registered record to
 * references/library.bib under a new key, then scaffold it. Never overwrites a summary.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { knownKeys, loadBibliographyFolder, resolveReference, type Reference } from '../src/lib/bibliography.ts';
import { resolvePaths } from '../src/lib/check.ts';
import { lookupDoi, resolverFrom } from '../src/lib/doi.ts';
import { bibtexEntry, findByDoi, insertSorted, newCitationKey, summaryScaffold } from '../src/lib/scaffold.ts';
import { suggest } from '../src/lib/suggest.ts';

const root = process.env['ATLAS_ROOT'] ?? new URL('..', import.meta.url).pathname;
const paths = resolvePaths(root);
const today = process.env['ATLAS_TODAY'] ?? new Date().toISOString().slice(0, 10);
const args = process.argv.slice(2);

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function scaffold(reference: Reference): void {
  const file = join(paths.contentDir, 'studies', `${reference.key}.mdx`);
  if (existsSync(file))
    fail(`${relative(root, file)} already exists: a summary is never overwritten. Edit it, or remove it first.`);
  mkdirSync(join(paths.contentDir, 'studies'), { recursive: true });
  writeFileSync(file, summaryScaffold(reference, today));
  console.log(`Wrote ${relative(root, file)}. Fill it in, then run \`npm run check\`.`);
}

async function fromDoi(doi: string): Promise<void> {
  if (!/^10\.\d{4,9}\/\S+$/.test(doi))
    fail(`"${doi}" is not a DOI: a DOI looks like 10.1000/xyz123, without "https://doi.org/".`);
  const bibliography = loadBibliographyFolder(paths.referencesDir, root);
  const existing = findByDoi(bibliography, doi);
  if (existing) {
    console.log(`DOI ${doi} is already in the library as "${existing.key}" (${existing.file}:${existing.line}).`);
    scaffold(existing);
    return;
  }
  const found = await lookupDoi(doi, resolverFrom());
  if (found.status !== 'found') fail(`Nothing written: ${found.message}.`);
  const taken = new Set(knownKeys(bibliography));
  const key = newCitationKey(found.csl, (candidate) => taken.has(candidate));
  const library = join(paths.referencesDir, 'library.bib');
  const before = existsSync(library)
    ? readFileSync(library, 'utf8')
    : '% References added with `npm run new -- --doi`, kept in key order.\n';
  mkdirSync(paths.referencesDir, { recursive: true });
  writeFileSync(library, insertSorted(before, bibtexEntry({ ...found.csl, DOI: doi }, key), key));
  console.log(`Added "${key}" to ${relative(root, library)} from ${resolverFrom()}. Check it against the paper.`);
  const reference = loadBibliographyFolder(paths.referencesDir, root).references.get(key as never);
  if (!reference) fail(`The new entry "${key}" could not be read back from ${relative(root, library)}.`);
  scaffold(reference);
}

if (args[0] === '--doi') {
  const doi = args[1];
  if (!doi) fail('Usage: npm run new -- --doi 10.1000/xyz123');
  await fromDoi(doi);
} else {
  const key = args[0];
  if (!key) fail('Usage: npm run new -- <citekey>   or   npm run new -- --doi <doi>');
  const bibliography = loadBibliographyFolder(paths.referencesDir, root);
  const reference = resolveReference(bibliography, key);
  if (!reference) {
    const keys = knownKeys(bibliography);
    const close = keys
      .map((candidate) => ({ candidate, near: suggest(key, [candidate]) !== undefined }))
      .filter((each) => each.near)
      .map((each) => each.candidate)
      .slice(0, 3);
    const hint = close.length > 0 ? ` Closest keys: ${close.join(', ')}.` : ` ${suggest(key, keys) ?? ''}`.trimEnd();
    fail(`Unknown citation key "${key}": add its BibTeX entry to references/ first, or use --doi.${hint}`);
  }
  if (reference.key !== key)
    console.log(`"${key}" is an alias of "${reference.key}": the summary uses the verified key.`);
  scaffold(reference);
}
