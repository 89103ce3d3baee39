/**
 * Locator terms from the CSL locale (en-US), as pandoc reads them: every long, short and symbol
 * form, singular and plural, mapped to its CSL locator type (`pp.` → page, `§§` → section).
 */
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';

/** A CSL locator type. */
export type LocatorLabel = string & { readonly __brand?: 'LocatorLabel' };

export interface LocatorTerm {
  readonly term: string;
  readonly label: LocatorLabel;
}

/** CSL 1.0.2 locator types; other terms in the locale are not locators. */
const locatorTypes = new Set([
  'appendix',
  'article-locator',
  'book',
  'canon',
  'chapter',
  'column',
  'elocation',
  'equation',
  'figure',
  'folio',
  'issue',
  'line',
  'note',
  'number',
  'opus',
  'page',
  'paragraph',
  'part',
  'rule',
  'scene',
  'section',
  'sub-verbo',
  'supplement',
  'table',
  'timestamp',
  'title-locator',
  'verse',
  'volume',
]);

function readTerms(localeXml: string): LocatorTerm[] {
  const terms = new Map<string, LocatorLabel>();
  for (const match of localeXml.matchAll(/<term name="([^"]+)"(?: form="[^"]+")?>([\s\S]*?)<\/term>/g)) {
    const [, name = '', body = ''] = match;
    if (!locatorTypes.has(name)) continue;
    const forms = [...body.matchAll(/<(?:single|multiple)>([^<]+)<\/(?:single|multiple)>/g)].map(
      (form) => form[1] ?? '',
    );
    if (forms.length === 0) forms.push(body.replace(/<!--[\s\S]*?-->/g, '').trim());
    for (const form of forms) {
      const term = form.trim();
      // `number` and `issue` share "no."; pandoc reads it as the more specific `number`.
      if (term && !terms.has(term)) terms.set(term, name);
    }
  }
  return [...terms]
    .map(([term, label]) => ({ term, label }))
    .sort((a, b) => b.term.length - a.term.length || a.term.localeCompare(b.term));
}

const locale = plugins.config.get('@csl').locales.get('en-US') as string;

/** Every locator term of the en-US locale, longest first (so `pp.` wins over `p.`). */
export const locatorTerms: readonly LocatorTerm[] = readTerms(locale);
