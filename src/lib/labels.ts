/**
 * Short labels derived from records: "Rieser et al. (2025)", a sample size in words.
 */
import type { CSL, CSLName } from '@citation-js/core';
import type { Sample } from './schema.ts';

function familyName(name: CSLName): string {
  const particle = name['non-dropping-particle'];
  const family = name.family ?? name.literal ?? '';
  return particle ? `${particle} ${family}` : family;
}

/** The year of publication, if the record has one. */
export function issuedYear(csl: CSL): number | undefined {
  const year = csl.issued?.['date-parts']?.[0]?.[0];
  const parsed = typeof year === 'number' ? year : Number.parseInt(String(year ?? ''), 10);
  return Number.isFinite(parsed) ? parsed : undefined;
}

/** "Rieser et al.", "Raine-Smith & Rose", "Goodwin": the author part of an author-date label. */
export function authorLabel(csl: CSL, authorListIncomplete = false): string {
  const names = csl.author ?? csl.editor ?? [];
  const [first, second] = names;
  if (!first) return csl.title ?? 'Anonymous';
  if (names.length > 2 || authorListIncomplete) return `${familyName(first)} et al.`;
  if (second) return `${familyName(first)} & ${familyName(second)}`;
  return familyName(first);
}

/** "Rieser et al. (2025)". */
export function authorYearLabel(csl: CSL, authorListIncomplete = false): string {
  return `${authorLabel(csl, authorListIncomplete)} (${issuedYear(csl) ?? 'n.d.'})`;
}

/** The headline sample size for tables: randomised, else enrolled, else analysed; or studies. */
export function headlineSample(n: Sample): { value: number; unit: 'participants' | 'studies' } | undefined {
  const people = n.randomized ?? n.enrolled ?? n.analysed;
  if (people !== undefined) return { value: people, unit: 'participants' };
  if (n.studies !== undefined) return { value: n.studies, unit: 'studies' };
  return undefined;
}

/** Every sample size the summary gives, in words: "104 randomised, 103 analysed". */
export function describeSample(n: Sample): string | undefined {
  const parts = [
    n.randomized !== undefined ? `${n.randomized} randomised` : undefined,
    n.enrolled !== undefined ? `${n.enrolled} enrolled` : undefined,
    n.analysed !== undefined ? `${n.analysed} analysed` : undefined,
    n.studies !== undefined ? `${n.studies} ${n.studies === 1 ? 'study' : 'studies'} included` : undefined,
  ].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });

/** A day as readers read it, "20 November 2026": from a Date, or from YYYY-MM-DD. */
export function dayLabel(day: Date | string): string {
  return dayFormat.format(typeof day === 'string' ? new Date(`${day}T00:00:00Z`) : day);
}
