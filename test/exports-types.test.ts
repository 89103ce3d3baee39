/**
 * The downloads of every entry type: each format writes the record and reads back to it, for the
 * types a library holds besides journal articles (a book or a chapter without editors among them).
 */
import type { CSL } from '@citation-js/core';
import { describe, expect, it } from 'vitest';
import { parseBibliography } from '../src/lib/bibliography.ts';
import { exportFormats, parseRecords } from '../src/lib/exports.ts';
import { exportExtensions } from '../src/lib/routes.ts';

const library = parseBibliography([
  {
    path: 'types.bib',
    text: [
      '@article{article2020, author = {Doe, Jane}, title = {An article}, journal = {Journal}, year = {2020}}',
      '@book{book2020, author = {Doe, Jane}, title = {A book}, publisher = {Press}, year = {2020}}',
      '@book{edited2020, editor = {Roe, Rita}, title = {An edited book}, publisher = {Press}, year = {2020}}',
      '@incollection{chapter2020, author = {Doe, Jane}, title = {A chapter}, booktitle = {A book}, year = {2020}}',
      '@inproceedings{paper2020, author = {Doe, Jane}, title = {A paper}, booktitle = {Proceedings}, year = {2020}}',
      '@thesis{thesis2020, author = {Doe, Jane}, title = {A thesis}, type = {phdthesis}, institution = {University}, year = {2020}}',
      '@report{report2020, author = {Doe, Jane}, title = {A report}, institution = {Institute}, year = {2020}}',
      '@misc{misc2020, author = {van Dam, Jan}, title = {A web page}, url = {https://example.org/}, year = {2020}}',
    ].join('\n'),
  },
]);
const references = [...library.references.values()];
/** Authors (or, for an edited book, editors) with their particles, as a reader sees them. */
const fullNames = (csl: CSL | undefined) =>
  (csl?.author ?? csl?.editor ?? []).map((name) =>
    [name['non-dropping-particle'], name.family].filter(Boolean).join(' '),
  );

describe('reference downloads', () => {
  it('reads the library', () => {
    expect(library.problems).toEqual([]);
    expect(references).toHaveLength(8);
  });

  it.each(exportExtensions)('.%s writes each type and reads back to the same titles and authors', (extension) => {
    for (const reference of references) {
      const records = parseRecords(exportFormats[extension].write([reference]));
      expect(
        records.map((record) => record.title),
        reference.key,
      ).toEqual([reference.csl.title]);
      expect(fullNames(records[0]), reference.key).toEqual(fullNames(reference.csl));
    }
  });
});
