/**
 * Reference exports for reference managers: BibTeX, RIS and CSL-JSON, from the parsed references,
 * losing nothing another tool needs. BibTeX is written from the entry as the .bib file wrote it
 * (braces, LaTeX, `and others`, name particles and `ids` aliases kept), with only the fields
 * biblatex's data model allows on its type; RIS and CSL-JSON from the CSL record, with every
 * author, and CSL-JSON marks an incomplete list with a last name `{"literal": "others"}`, as
 * pandoc reads and writes it. Notes kept for editors (`annote`, `note`) stay out of every format.
 */
import { plugins, type CSL, type CSLName } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import { allowsField, knowsType } from './biblatex-model.ts';
import type { Reference } from './bibliography.ts';
import type { ExportExtension } from './routes.ts';

/** What an export needs of a reference: a parsed entry or a `references` collection entry. */
export interface ExportRecord extends Pick<
  Reference,
  'csl' | 'aliases' | 'authorListIncomplete' | 'namesWithOthers' | 'entry'
> {
  readonly key: string;
  readonly titleMarkup?: string | undefined;
}

/** Fields of the .bib entry kept for editors, never exported. */
const editorsFields = new Set(['annote', 'annotation', 'note', 'file', 'pdf']);

/** The record as exported: the key as its id, editors' notes removed. */
function exportRecord(reference: ExportRecord): CSL {
  const { annote: _annote, note: _note, ...record } = reference.csl as CSL & { annote?: string; note?: string };
  return { ...record, id: reference.key, 'citation-key': reference.key } as CSL;
}

/** CSL-JSON: every name, "others" where the list is incomplete, and the title's protected case. */
export function toCslJson(references: readonly ExportRecord[]): string {
  const records = references.map((reference) => {
    const record = exportRecord(reference) as unknown as Record<string, unknown>;
    for (const field of reference.namesWithOthers) {
      const names = record[field];
      if (Array.isArray(names)) record[field] = [...(names as CSLName[]), { literal: 'others' }];
    }
    if (reference.titleMarkup !== undefined) record['title'] = reference.titleMarkup;
    return record;
  });
  return `${JSON.stringify(records, null, 2)}\n`;
}

/** Whether a CSL record's names carry a particle that belongs to the family name ("von Rotz"). */
function hasFamilyParticle(csl: CSL): boolean {
  const record = csl as unknown as Record<string, CSLName[] | undefined>;
  return nameFields.some((field) => record[field]?.some((name) => Boolean(name['non-dropping-particle'])));
}

/** `options`, with `useprefix=true` added when a name has a particle and the entry does not say. */
function optionsWith(options: string | undefined, usePrefix: boolean): string | undefined {
  if (!usePrefix || /\buseprefix\b/i.test(options ?? '')) return options;
  return options?.trim() ? `${options.trim()}, useprefix=true` : 'useprefix=true';
}

/**
 * One BibTeX entry from the .bib entry as written. A name particle the record reads as part of
 * the family name ("von Rotz") gets biblatex's `useprefix=true`, without which BibTeX readers
 * (pandoc, biber) move it after the given name ("Rotz, R. von"); the DOI and web address are the
 * record's (an invalid one is left out, as the record leaves it); a field biblatex does not allow
 * on the entry's type is left out (biber warns about it, and readers misfile it).
 */
function bibtexEntry(reference: ExportRecord): string {
  const type = knowsType(reference.entry.type) ? reference.entry.type : 'misc';
  const fields: [string, string][] = [];
  for (const [name, value] of Object.entries(reference.entry.fields)) {
    const field = name.toLowerCase();
    if (editorsFields.has(field) || !allowsField(type, field)) continue;
    if (field === 'doi') {
      if (reference.csl.DOI) fields.push(['doi', reference.csl.DOI]);
    } else if (field === 'url') {
      if (reference.csl.URL) fields.push(['url', value.trim()]);
    } else if (field !== 'options') {
      fields.push([field, value]);
    }
  }
  const options = optionsWith(reference.entry.fields['options'], hasFamilyParticle(reference.csl));
  if (options !== undefined) fields.push(['options', options]);
  const width = Math.max(...fields.map(([field]) => field.length));
  const lines = fields.map(([field, value]) => `  ${field.padEnd(width)} = {${value}}`);
  return `@${type}{${reference.key},\n${lines.join(',\n')}\n}\n`;
}

export function toBibtex(references: readonly ExportRecord[]): string {
  return references.map(bibtexEntry).join('\n');
}

const nameFields = ['author', 'editor', 'translator', 'container-author'] as const;

/**
 * RIS has no field for "von": it goes in front of the family name, where readers expect it. Only
 * the name lists a record has are touched: plugin-ris converts a field that is present even when
 * it is undefined, and fails on a book's `editor` (A3) or a chapter's (A2).
 */
function withParticles(record: CSL): CSL {
  const copy = { ...record } as unknown as Record<string, CSLName[] | undefined>;
  for (const field of nameFields) {
    const names = copy[field];
    if (!names) continue;
    copy[field] = names.map(({ 'non-dropping-particle': particle, ...name }) =>
      particle && name.family ? { ...name, family: `${particle} ${name.family}` } : name,
    );
  }
  return copy as unknown as CSL;
}

/**
 * The tags of one RIS record, mended for readers: a page range goes in SP and EP (bibutils reads a
 * range in SP as one page number), and a journal's name is also given as JF, which bibutils reads
 * as the journal (T2, which Zotero and EndNote read, it takes for an abbreviation).
 */
function risTags(entry: Record<string, unknown>): [string, string][] {
  const tags: [string, string][] = [];
  for (const [tag, value] of Object.entries(entry)) {
    for (const each of [value].flat()) tags.push([tag, String(each).replace(/\s*\n\s*/g, ' ')]);
  }
  const page = tags.find(([tag]) => tag === 'SP');
  const range = page && !tags.some(([tag]) => tag === 'EP') ? /^\s*(\S+?)\s*[-–—]+\s*(\S+)\s*$/.exec(page[1]) : null;
  if (page && range?.[1] && range[2]) {
    page[1] = range[1];
    tags.splice(tags.indexOf(page) + 1, 0, ['EP', range[2]]);
  }
  const journal = tags.find(([tag]) => tag === 'T2');
  if (entry['TY'] === 'JOUR' && journal && !tags.some(([tag]) => tag === 'JF')) {
    tags.splice(tags.indexOf(journal) + 1, 0, ['JF', journal[1]]);
  }
  return tags;
}

/**
 * RIS, one tag a line, with every author. citation-js's own text output wraps values at 70
 * characters, which reference managers read back with a space inside words, so its tag objects
 * are written here. RIS has no way to say that an author list goes on: the page says it.
 */
export function toRis(references: readonly ExportRecord[]): string {
  // plugin-ris registers the `ris` format at run time; core's types list only the built-in ones.
  const format = plugins.output.format as unknown as (name: string, data: CSL[], options: object) => unknown;
  const entries = format(
    'ris',
    references.map((reference) => withParticles(exportRecord(reference))),
    { format: 'object' },
  ) as Record<string, unknown>[];
  return entries
    .map((entry) => {
      const lines = [`TY  - ${String(entry['TY'])}`];
      for (const [tag, value] of risTags(entry)) if (tag !== 'TY') lines.push(`${tag}  - ${value}`);
      lines.push('ER  - ');
      return lines.join('\r\n');
    })
    .join('\r\n\r\n')
    .concat('\r\n');
}

/** Read exported text back (any format citation-js recognises), as a reference manager would. */
export function parseRecords(text: string): CSL[] {
  const options = { target: '@csl/list+object', generateGraph: false } as Parameters<typeof plugins.input.chain>[1];
  return plugins.input.chain(text, options);
}

/** The download formats: the writer and the media type of each file extension. */
export const exportFormats: Record<
  ExportExtension,
  { write(references: readonly ExportRecord[]): string; type: string }
> = {
  bib: { write: toBibtex, type: 'application/x-bibtex; charset=utf-8' },
  ris: { write: toRis, type: 'application/x-research-info-systems; charset=utf-8' },
  json: { write: toCslJson, type: 'application/vnd.citationstyles.csl+json; charset=utf-8' },
};
export type ExportFormat = ExportExtension;

/** What readers see for each format. */
export const exportLabels: Record<ExportExtension, string> = { bib: 'BibTeX', ris: 'RIS', json: 'CSL-JSON' };
