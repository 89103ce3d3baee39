/**
 * `npm run audit-refs`: check every reference that has a DOI against the DOI's registered
 * metadata (authors, title, year, journal, volume, pages or article number) and write the result
 * to references/audit.json, which study and bibliography pages show. Offline, the previous audit
 * is kept.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadBibliographyFolder } from '../src/lib/bibliography.ts';
import { auditReference, type Audit } from '../src/lib/audit.ts';
import { resolvePaths } from '../src/lib/check.ts';
import { lookupDoi, resolverFrom } from '../src/lib/doi.ts';

const root = process.env['ATLAS_ROOT'] ?? new URL('..', import.meta.url).pathname;
const paths = resolvePaths(root);
const today = process.env['ATLAS_TODAY'] ?? new Date().toISOString().slice(0, 10);
const file = join(paths.referencesDir, 'audit.json');
const { references } = loadBibliographyFolder(paths.referencesDir, root);
const withDoi = [...references.values()].filter((reference) => reference.csl.DOI);
const resolver = resolverFrom();

const entries: Audit['entries'] = {};
let unreachable = 0;
for (const reference of withDoi) {
  const found = await lookupDoi(reference.csl.DOI ?? '', resolver);
  if (found.status === 'unreachable') {
    unreachable++;
    if (unreachable === 1) console.error(`${reference.key}: ${found.message}`);
    continue;
  }
  entries[reference.key] =
    found.status === 'found'
      ? auditReference(reference.csl, found.csl, today)
      : { status: 'not-found', checked: today, differences: [] };
  const entry = entries[reference.key];
  const summary =
    entry?.status === 'match'
      ? 'matches'
      : entry?.status === 'not-found'
        ? 'DOI not found'
        : `differs: ${entry?.differences.map((each) => each.field).join(', ')}`;
  console.log(`${reference.key}: ${summary}`);
}
if (unreachable > 0 && Object.keys(entries).length === 0) {
  console.error(
    `Could not reach ${resolver}: ${relative(root, file)} is unchanged${existsSync(file) ? '' : ' (there is none yet)'}.`,
  );
  process.exit(1);
}
const previous: Audit = existsSync(file)
  ? (JSON.parse(readFileSync(file, 'utf8')) as Audit)
  : { resolver, entries: {} };
// References that could not be reached this time keep their last result.
const audit: Audit = { resolver, entries: { ...previous.entries, ...entries } };
writeFileSync(file, `${JSON.stringify(audit, null, 2)}\n`);
const mismatches = Object.values(entries).filter((entry) => entry.status !== 'match').length;
console.log(
  `\nChecked ${Object.keys(entries).length} of ${withDoi.length} references with a DOI: ${mismatches} differ or were not found. Written to ${relative(root, file)}.`,
);
if (unreachable > 0) console.log(`${unreachable} could not be reached and keep their previous result.`);
