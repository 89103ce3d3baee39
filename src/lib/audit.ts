/**
 * Comparing a BibTeX record with the metadata registered for its DOI.
 */
import type { CSL } from '@citation-js/core';
import { z } from 'zod';
import { issuedYear } from './labels.ts';

export const auditFields = ['authors', 'title', 'year', 'journal', 'volume', 'pages'] as const;

/** One check of a record against its DOI's registered metadata. */
export const auditEntrySchema = z
  .object({
    status: z.enum(['match', 'mismatch', 'not-found']),
    /** The day of the check (YYYY-MM-DD). */
    checked: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-11-30'),
    differences: z.array(
      z.object({ field: z.enum(auditFields), bibtex: z.string().max(5000), record: z.string().max(5000) }).strict(),
    ),
  })
  .strict();
/** `references/audit.json`, as `npm run audit-refs` writes it and the build reads it. */
export const auditSchema = z.object({ resolver: z.string(), entries: z.record(z.string(), auditEntrySchema) }).strict();

export type AuditEntry = z.infer<typeof auditEntrySchema>;
export type Difference = AuditEntry['differences'][number];
export type Audit = z.infer<typeof auditSchema>;

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/<[^>]+>/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

const families = (csl: CSL) =>
  (csl.author ?? []).map((name) =>
    fold([name['non-dropping-particle'], name.family ?? name.literal].filter(Boolean).join(' ')),
  );

const container = (csl: CSL) => {
  const title = csl['container-title'] as unknown;
  return Array.isArray(title) ? String(title[0] ?? '') : String(title ?? '');
};

/** Pages or the article number: "109-135" and "109–135" are the same; an article number stands alone. */
const pages = (csl: CSL) => {
  const record = csl as CSL & { number?: string; 'article-number'?: string };
  return fold(String(record.page ?? record['article-number'] ?? record.number ?? '')).replace(/ /g, '-');
};

/**
 * The fields where the BibTeX record and the DOI's record disagree. A field missing from either
 * side is not a difference (the record may lack it); an incomplete author list (`and others`) is
 * compared on the names it has.
 */
export function auditReference(bibtex: CSL, record: CSL, checked: string): AuditEntry {
  const differences: Difference[] = [];
  const ours = families(bibtex);
  const theirs = families(record);
  if (ours.length > 0 && theirs.length > 0 && ours.some((name, index) => name !== theirs[index])) {
    differences.push({ field: 'authors', bibtex: ours.join(', '), record: theirs.join(', ') });
  }
  const compare = (field: Difference['field'], a: string, b: string) => {
    if (a && b && a !== b) differences.push({ field, bibtex: a, record: b });
  };
  compare('title', fold(bibtex.title ?? ''), fold(record.title ?? ''));
  compare('year', String(issuedYear(bibtex) ?? ''), String(issuedYear(record) ?? ''));
  compare('journal', fold(container(bibtex)), fold(container(record)));
  compare('volume', fold(String(bibtex.volume ?? '')), fold(String(record.volume ?? '')));
  compare('pages', pages(bibtex), pages(record));
  return { status: differences.length === 0 ? 'match' : 'mismatch', checked, differences };
}
