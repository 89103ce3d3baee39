/**
 * Reference exports for reference managers: BibTeX, RIS and CSL-JSON, from the parsed records.
 * Notes kept for editors (`annote`) stay out of the exported records.
 */
import { plugins, type CSL, type CSLName } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import '@citation-js/plugin-ris';
import type { Reference } from './bibliography.ts';
import type { ExportExtension } from './routes.ts';

/** What an export needs of a reference: a parsed entry or a `references` collection entry. */
export type ExportRecord = { readonly key: string; readonly csl: Reference['csl'] };

/** The record as exported: the key as its id, editors' notes removed. */
function exportRecord(reference: ExportRecord): CSL {
  const { annote: _annote, note: _note, ...record } = reference.csl as CSL & { annote?: string; note?: string };
  return { ...record, id: reference.key, 'citation-key': reference.key } as CSL;
}

export function toCslJson(references: readonly ExportRecord[]): string {
  return `${JSON.stringify(references.map(exportRecord), null, 2)}\n`;
}

export function toBibtex(references: readonly ExportRecord[]): string {
  return plugins.output.format('bibtex', references.map(exportRecord), { format: 'text' }) as string;
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
 * RIS, one tag a line. citation-js's own text output wraps values at 70 characters, which
 * reference managers read back with a space inside words, so its tag objects are written here.
 */
export function toRis(references: readonly ExportRecord[]): string {
  // plugin-ris registers the `ris` format at run time; core's types list only the built-in ones.
  const format = plugins.output.format as unknown as (name: string, data: CSL[], options: object) => unknown;
  const entries = format(
    'ris',
    references.map((reference) => withParticles(exportRecord(reference))),
    {
      format: 'object',
    },
  ) as Record<string, unknown>[];
  return entries
    .map((entry) => {
      const lines = [`TY  - ${String(entry['TY'])}`];
      for (const [tag, value] of Object.entries(entry)) {
        if (tag === 'TY') continue;
        for (const each of [value].flat()) lines.push(`${tag}  - ${String(each).replace(/\s*\n\s*/g, ' ')}`);
      }
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
