/**
 * `npm run new -- <citekey>`: write content/studies/<citekey>.mdx, a summary scaffold prefilled
 * from the BibTeX entry. `npm run new -- --doi <doi>`: first add the DOI's registered record to
 * references/library.bib under a new key, then scaffold it. Never overwrites a summary; every
 * file is written through the safe writer, inside its folder.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { knownKeys, loadBibliographyFolder, resolveReference, type Reference } from '../src/lib/bibliography.ts';
import { doiProblem, lookupDoi } from '../src/lib/doi.ts';
import { citationKeyProblem } from '../src/lib/keys.ts';
import { writeInside } from '../src/lib/output.ts';
import { ProblemReport } from '../src/lib/problems.ts';
import { projectRoot, resolveProject, type Project } from '../src/lib/project.ts';
import { bibtexEntry, findByDoi, insertSorted, newCitationKey, summaryScaffold } from '../src/lib/scaffold.ts';
import { suggest } from '../src/lib/suggest.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

let project: Project;
try {
  project = resolveProject(projectRoot(new URL('..', import.meta.url).pathname));
} catch (error) {
  fail(error instanceof ProblemReport ? error.message : String(error));
}
const { root, contentDir, referencesDir } = project;
const args = process.argv.slice(2);

function scaffold(reference: Reference): void {
  const file = join('studies', `${reference.key}.mdx`);
  if (existsSync(join(contentDir, file)))
    fail(
      `${relative(root, join(contentDir, file))} already exists: a summary is never overwritten. Edit it, or remove it first.`,
    );
  const written = writeInside(contentDir, file, summaryScaffold(reference, project.today), { overwrite: false });
  console.log(`Wrote ${relative(root, written)}. Fill it in, then run \`npm run check\`.`);
}

async function fromDoi(doi: string): Promise<void> {
  const problem = doiProblem(doi);
  if (problem) fail(`"${doi}" is not a DOI: ${problem}.`);
  const bibliography = loadBibliographyFolder(referencesDir, root);
  const existing = findByDoi(bibliography, doi);
  if (existing) {
    console.log(`DOI ${doi} is already in the library as "${existing.key}" (${existing.file}:${existing.line}).`);
    scaffold(existing);
    return;
  }
  const found = await lookupDoi(doi, project.doiResolver);
  if (found.status !== 'found') fail(`Nothing written: ${found.message}.`);
  const taken = new Set(knownKeys(bibliography));
  const key = newCitationKey(found.csl, (candidate) => taken.has(candidate));
  const library = join(referencesDir, 'library.bib');
  const before = existsSync(library)
    ? readFileSync(library, 'utf8')
    : '% References added with `npm run new -- --doi`, kept in key order.\n';
  writeInside(referencesDir, 'library.bib', insertSorted(before, bibtexEntry({ ...found.csl, DOI: doi }, key), key));
  console.log(`Added "${key}" to ${relative(root, library)} from ${project.doiResolver}. Check it against the paper.`);
  const reference = loadBibliographyFolder(referencesDir, root).references.get(key as never);
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
  const keyProblem = citationKeyProblem(key);
  if (keyProblem) fail(`"${key}" is not a citation key: it ${keyProblem}.`);
  const bibliography = loadBibliographyFolder(referencesDir, root);
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
