/**
 * Scaffolding a study summary: the MDX file with every frontmatter field (required ones to fill,
 * optional ones commented out, enums listed), the body sections, and for a DOI, the BibTeX entry
 * written from the DOI's registered metadata.
 */
import { plugins, type CSL } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { locateEntries, type Bibliography, type Reference } from './bibliography.ts';
import { doiUrl } from './doi.ts';
import { authorYearLabel, issuedYear } from './labels.ts';
import { blindings, certainties, designs, findings, phases } from './vocabulary.ts';
import { sectionGuidance, summarySections } from './content/sections.ts';

const list = (values: readonly string[]) => values.join(' | ');

/** The MDX scaffold of a summary of `reference`, dated `today` (YYYY-MM-DD). */
export function summaryScaffold(reference: Reference, today: string): string {
  const { csl } = reference;
  const doi = csl.DOI ? ` ${doiUrl(csl.DOI)}` : csl.URL ? ` ${csl.URL}` : '';
  return [
    '---',
    `# ${authorYearLabel(csl, reference.authorListIncomplete)}. ${csl.title ?? ''}.${csl['container-title'] ? ` ${csl['container-title']}.` : ''}${doi}`,
    '# Fill every field marked (required); uncomment the optional ones that the paper reports.',
    '# Every figure must come from the paper. `npm run check` lists what is still missing.',
    `citekey: ${reference.key} # (required) the BibTeX key; equals the file name`,
    'summary: "" # (required) one or two plain-language sentences: who, what was done, what was found',
    `design: # (required) ${list(designs)}`,
    `# phase: "2" # optional: ${list(phases)}`,
    `# blinding: double-blind # optional: ${list(blindings)}`,
    '# country: "" # optional',
    '# setting: "" # optional',
    'population: "" # (required) who took part',
    'n: # (required for empirical designs) the numbers the paper reports',
    '  # randomized: 0',
    '  # enrolled: 0',
    '  # analysed: 0',
    '  # studies: 0 # systematic reviews and meta-analyses: studies included',
    'substances: [] # topic slugs of kind substance, such as psilocybin',
    'topics: [] # (required) at least one topic slug; see content/topics/',
    '# intervention: "" # optional: what the intervention group received',
    '# comparator: "" # optional: what the comparison group received',
    '# followUp: "" # optional',
    '# primaryOutcome: "" # optional: the primary outcome and when it was measured',
    `finding: # (required) ${list(findings.map((finding) => (finding === 'null' ? '"null"' : finding)))}`,
    `certainty: # (required) ${list(certainties)}`,
    'certaintyReason: "" # (required) one line: why this certainty',
    '# registry: [NCT00000000] # optional: trial registrations',
    `added: ${today} # (required)`,
    '---',
    '',
    ...summarySections.flatMap((section) => [`## ${section}`, '', `{/* ${sectionGuidance[section]} */}`, '']),
  ].join('\n');
}

/** The key for a new entry: first author's family name and year, a/b/c if already taken. */
export function newCitationKey(csl: CSL, taken: (key: string) => boolean): string {
  const first = csl.author?.[0] ?? csl.editor?.[0];
  const name = (first?.family ?? first?.literal ?? csl.title ?? 'anonymous')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
  const base = `${name || 'anonymous'}${issuedYear(csl) ?? 'nd'}`;
  if (!taken(base)) return base;
  for (const suffix of 'abcdefghijklmnopqrstuvwxyz') {
    if (!taken(`${base}${suffix}`)) return `${base}${suffix}`;
  }
  throw new Error(`no free key for ${base}`);
}

/** A BibTeX entry for a CSL record under `key`. */
export function bibtexEntry(csl: CSL, key: string): string {
  const record = { ...csl, id: key, 'citation-key': key } as CSL;
  return (plugins.output.format('bibtex', [record], { format: 'text' }) as string).trim();
}

/**
 * `text` (a .bib file) with `entry` inserted before the first entry whose key sorts after
 * `key`; nothing else is touched.
 */
export function insertSorted(text: string, entry: string, key: string): string {
  const after = locateEntries(text).find(
    (start) => !['string', 'comment', 'preamble'].includes(start.type) && start.key.localeCompare(key) > 0,
  );
  if (!after) return `${text.replace(/\s*$/, '')}${text.trim() ? '\n\n' : ''}${entry}\n`;
  return `${text.slice(0, after.offset)}${entry}\n\n${text.slice(after.offset)}`;
}

/** The entry of the bibliography with this DOI, if any. */
export function findByDoi(bibliography: Bibliography, doi: string): Reference | undefined {
  const wanted = doi.toLowerCase();
  return [...bibliography.references.values()].find((reference) => reference.csl.DOI?.toLowerCase() === wanted);
}
