/**
 * `npm run audit-refs`: check every reference that has a DOI against the DOI's registered
 * metadata (authors, title, year, journal, volume, pages or article number) and write the result
 * to references/audit.json, which study and bibliography pages show. Offline, the previous audit
 * is kept. A resolver's malformed answer is an error for that reference, not "not found".
 */
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { auditReference, auditSchema, type Audit } from '../src/lib/audit.ts';
import { loadBibliographyFolder } from '../src/lib/bibliography.ts';
import { lookupDoi } from '../src/lib/doi.ts';
import { writeInside } from '../src/lib/output.ts';
import { ProblemReport } from '../src/lib/problems.ts';
import { projectRoot, resolveProject, type Project } from '../src/lib/project.ts';

let project: Project;
try {
  project = resolveProject(projectRoot(new URL('..', import.meta.url).pathname));
} catch (error) {
  console.error(error instanceof ProblemReport ? error.message : String(error));
  process.exit(1);
}
const { root, referencesDir, auditFile, doiResolver: resolver, today } = project;
const { references } = loadBibliographyFolder(referencesDir, root);
const withDoi = [...references.values()].filter((reference) => reference.csl.DOI);

const entries: Audit['entries'] = {};
let unreachable = 0;
let invalid = 0;
for (const reference of withDoi) {
  const found = await lookupDoi(reference.csl.DOI ?? '', resolver);
  if (found.status === 'unreachable') {
    unreachable++;
    if (unreachable === 1) console.error(`${reference.key}: ${found.message}`);
    continue;
  }
  if (found.status === 'invalid') {
    invalid++;
    console.error(`${reference.key}: ${found.message}; its previous result is kept`);
    continue;
  }
  const entry =
    found.status === 'found'
      ? auditReference(reference.csl, found.csl, today)
      : { status: 'not-found' as const, checked: today, differences: [] };
  entries[reference.key] = entry;
  const summary =
    entry.status === 'match'
      ? 'matches'
      : entry.status === 'not-found'
        ? 'DOI not found'
        : `differs: ${entry.differences.map((each) => each.field).join(', ')}`;
  console.log(`${reference.key}: ${summary}`);
}
if (unreachable > 0 && Object.keys(entries).length === 0) {
  console.error(
    `Could not reach ${resolver}: ${relative(root, auditFile)} is unchanged${existsSync(auditFile) ? '' : ' (there is none yet)'}.`,
  );
  process.exit(1);
}
let previous: Audit = { resolver, entries: {} };
if (existsSync(auditFile)) {
  const parsed = auditSchema.safeParse(JSON.parse(readFileSync(auditFile, 'utf8')));
  if (parsed.success) previous = parsed.data;
  else console.error(`${relative(root, auditFile)} was not a valid audit: it is replaced.`);
}
// References that could not be checked this time keep their last result.
const audit: Audit = { resolver, entries: { ...previous.entries, ...entries } };
writeInside(referencesDir, 'audit.json', `${JSON.stringify(audit, null, 2)}\n`);
const mismatches = Object.values(entries).filter((entry) => entry.status !== 'match').length;
console.log(
  `\nChecked ${Object.keys(entries).length} of ${withDoi.length} references with a DOI: ${mismatches} differ or were not found. Written to ${relative(root, auditFile)}.`,
);
if (unreachable > 0) console.log(`${unreachable} could not be reached and keep their previous result.`);
if (invalid > 0) {
  console.log(`${invalid} got an answer that is not a CSL-JSON record and keep their previous result.`);
  process.exitCode = 1;
}
