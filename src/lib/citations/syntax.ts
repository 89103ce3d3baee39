/**
 * Pandoc's citation syntax, parsed from a run of inline text.
 *
 * The input is the text of a paragraph's inline children joined together, with every non-text
 * child (emphasis, a link, code) standing as one OBJECT character (U+FFFC), so a bracketed
 * citation can span markup (`[*see* @key, p. 5]`) while code and links stay opaque. Offsets in
 * the result point into that string; the mdast adapter (./mdast.ts) maps them back to nodes.
 *
 * Grammar, after pandoc's manual and its Citeproc/Locator.hs:
 *   normal     `[` item (`;` item)* `]`          item = prefix? `-`? `@`key locator? suffix?
 *   in-text    `@`key (` [` locator? suffix? (`;` item)* `]`)?
 *   key        starts with a letter, digit or `_`; then word characters and single internal
 *              punctuation from `:.#$%&-+?<>~/`; or anything but `}` inside `@{…}`.
 *   locator    after the key, an optional `,`, then a locale term (`p.`, `chap.`, `§`…) and
 *              locator words (numbers, ranges, roman numerals after a term), or a bare number
 *              (a page), or `{…}` which is a locator whatever it holds.
 */
import { locatorTerms, type LocatorLabel } from './locators.ts';

/** Stands for one non-text inline node inside a run. */
export const OBJECT = '\uFFFC';
/** Stands for an `@` that was escaped in the source (`\@`): text, never a citation. */
export const ESCAPED_AT = '\uE002';
/** Stand for `{` and `}` after `@`, which MDX would otherwise read as an expression. */
export const OPEN_BRACE = '\uE000';
export const CLOSE_BRACE = '\uE001';

export interface Range {
  readonly start: number;
  readonly end: number;
}

export interface CitationItem {
  readonly key: string;
  /** Where the key starts (the `@`) in the run, for messages. */
  readonly at: number;
  /** Text before the key inside the brackets, trimmed; may contain OBJECT characters. */
  readonly prefix?: Range;
  readonly locator?: string;
  readonly label?: LocatorLabel;
  /** Text after the locator, trimmed; a leading comma is kept. */
  readonly suffix?: Range;
  readonly suppressAuthor: boolean;
  readonly authorInText: boolean;
}

export interface Citation extends Range {
  readonly items: readonly CitationItem[];
}

const wordChar = /[\p{L}\p{N}_]/u;
const internalPunctuation = new Set(':.#$%&-+?<>~/');

function isWord(char: string | undefined): boolean {
  return char !== undefined && wordChar.test(char);
}

/** The key after an `@` at `at`, and where it ends; undefined if there is none. */
export function readKey(text: string, at: number): { key: string; end: number } | undefined {
  const open = text[at + 1];
  if (open === '{' || open === OPEN_BRACE) {
    const close = open === '{' ? '}' : CLOSE_BRACE;
    const end = text.indexOf(close, at + 2);
    if (end < 0) return undefined;
    const key = text.slice(at + 2, end);
    if (key.length === 0 || key.includes(OBJECT) || /[\r\n]/.test(key)) return undefined;
    return { key, end: end + 1 };
  }
  let end = at + 1;
  if (!isWord(text[end])) return undefined;
  while (end < text.length) {
    const char = text[end];
    if (isWord(char)) end++;
    else if (char !== undefined && internalPunctuation.has(char) && isWord(text[end + 1])) end += 2;
    // pandoc lets `:` and `/` run into a `/`, so URL-like keys keep their `://`.
    else if ((char === ':' || char === '/') && text[end + 1] === '/') end++;
    else break;
  }
  return { key: text.slice(at + 1, end), end };
}

/** Index of the `]` that closes the `[` at `open`, skipping nested brackets and `{…}`. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  let braces = 0;
  for (let i = open; i < text.length; i++) {
    const char = text[i];
    if (char === '{' || char === OPEN_BRACE) braces++;
    else if ((char === '}' || char === CLOSE_BRACE) && braces > 0) braces--;
    else if (braces > 0) continue;
    else if (char === '[') depth++;
    else if (char === ']' && --depth === 0) return i;
  }
  return -1;
}

/** Split `start..end` at top-level `;`. */
function splitItems(text: string, start: number, end: number): Range[] {
  const parts: Range[] = [];
  let depth = 0;
  let from = start;
  for (let i = start; i < end; i++) {
    const char = text[i];
    if (char === '[' || char === '{' || char === OPEN_BRACE) depth++;
    else if ((char === ']' || char === '}' || char === CLOSE_BRACE) && depth > 0) depth--;
    else if (char === ';' && depth === 0) {
      parts.push({ start: from, end: i });
      from = i + 1;
    }
  }
  parts.push({ start: from, end });
  return parts;
}

function trimmed(text: string, range: Range): Range | undefined {
  let { start, end } = range;
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return start < end ? { start, end } : undefined;
}

/** The first `@` in `range` that can start a key: at the start, or after a space or `-`. */
function findKeyStart(text: string, range: Range): { at: number; suppressAuthor: boolean } | undefined {
  for (let i = range.start; i < range.end; i++) {
    if (text[i] !== '@') continue;
    const before = text[i - 1];
    if (before === '-' && (i - 1 === range.start || /\s/.test(text[i - 2] ?? ''))) {
      return { at: i, suppressAuthor: true };
    }
    if (i === range.start || /\s/.test(before ?? '')) return { at: i, suppressAuthor: false };
    return undefined;
  }
  return undefined;
}

/** A locator word: digits with letters or dots (`33`, `4.2`, `12a`), or a roman numeral. */
const numberWord = /^\p{N}[\p{L}\p{N}.:]*/u;
const romanWord = /^(?=[ivxlcdm]+\b|[IVXLCDM]+\b)[ivxlcdmIVXLCDM]+/;

/** Locator words with ranges and commas: `33-35`, `33, 35-37`, `VII, 89`. */
function readLocatorValue(text: string, from: number, allowRoman: boolean): number {
  const word = (at: number): number => {
    const rest = text.slice(at);
    const match = numberWord.exec(rest) ?? (allowRoman ? romanWord.exec(rest) : null);
    return match ? at + match[0].length : at;
  };
  let end = word(from);
  if (end === from) return from;
  for (;;) {
    const range = /^\s*[-–—]+\s*/.exec(text.slice(end));
    if (range) {
      const next = word(end + range[0].length);
      if (next > end + range[0].length) {
        end = next;
        continue;
      }
    }
    const comma = /^,\s*/.exec(text.slice(end));
    if (comma) {
      const next = word(end + comma[0].length);
      // Only a word that is a locator on its own continues the list.
      const after = text[next];
      if (next > end + comma[0].length && (after === undefined || /[\s,;\-–—\]]/.test(after))) {
        end = next;
        continue;
      }
    }
    return end;
  }
}

interface ParsedTail {
  locator?: string;
  label?: LocatorLabel;
  suffix?: Range;
}

/** Locator and suffix from the text after a key. */
function readTail(text: string, range: Range): ParsedTail {
  let at = range.start;
  // `@key{…}`: braces force a locator; empty braces mean "no locator".
  const brace = text[at] === '{' || text[at] === OPEN_BRACE ? text[at] : undefined;
  if (brace) {
    const close = text.indexOf(brace === '{' ? '}' : CLOSE_BRACE, at);
    if (close > 0 && close < range.end) {
      const value = text.slice(at + 1, close).trim();
      const suffix = trimmed(text, { start: close + 1, end: range.end });
      return {
        ...(value ? { locator: value, label: 'page' as const } : {}),
        ...(suffix ? { suffix } : {}),
      };
    }
  }
  const comma = /^\s*,/.exec(text.slice(at, range.end));
  const afterComma = comma ? at + comma[0].length : at;
  at = afterComma;
  while (at < range.end && /\s/.test(text[at] ?? '')) at++;
  // `, {pp. iv, vi-xi}`: a braced locator after the comma, with an optional term inside.
  if (text[at] === '{' || text[at] === OPEN_BRACE) {
    const close = text.indexOf(text[at] === '{' ? '}' : CLOSE_BRACE, at);
    if (close > 0 && close < range.end) {
      const inner = text.slice(at + 1, close).trim();
      const term = matchTerm(inner, 0);
      const locator = term ? inner.slice(term.length).trim() : inner;
      const suffix = trimmed(text, { start: close + 1, end: range.end });
      return {
        ...(locator ? { locator, label: term?.label ?? 'page' } : {}),
        ...(suffix ? { suffix } : {}),
      };
    }
  }
  const term = matchTerm(text, at, range.end);
  let valueStart = at;
  if (term) {
    valueStart = at + term.length;
    while (valueStart < range.end && /\s/.test(text[valueStart] ?? '')) valueStart++;
  }
  const valueEnd = Math.min(readLocatorValue(text.slice(0, range.end), valueStart, term !== undefined), range.end);
  const boundary = text[valueEnd];
  const clean = valueEnd > valueStart && (valueEnd === range.end || /[\s,;]/.test(boundary ?? ''));
  if (!clean) {
    // No locator: the whole tail is the suffix, comma included.
    const suffix = trimmed(text, range);
    return suffix ? { suffix } : {};
  }
  const locator = text.slice(valueStart, valueEnd).trim();
  const suffix = trimmed(text, { start: valueEnd, end: range.end });
  return { locator, label: term?.label ?? 'page', ...(suffix ? { suffix } : {}) };
}

/** The longest locale term at `at` (followed by a space, a digit or the value). */
function matchTerm(text: string, at: number, end = text.length): { label: LocatorLabel; length: number } | undefined {
  const rest = text.slice(at, end);
  for (const { term, label } of locatorTerms) {
    if (!rest.startsWith(term)) continue;
    const next = rest[term.length];
    // A word term ("page") must end at a word boundary; an abbreviation ends with its dot.
    if (isWord(term[term.length - 1]) && isWord(next)) continue;
    return { label, length: term.length };
  }
  return undefined;
}

function parseItem(text: string, range: Range): CitationItem | undefined {
  const start = findKeyStart(text, range);
  if (!start) return undefined;
  const read = readKey(text, start.at);
  if (!read || read.end > range.end) return undefined;
  const prefix = trimmed(text, { start: range.start, end: start.suppressAuthor ? start.at - 1 : start.at });
  const tail = readTail(text, { start: read.end, end: range.end });
  return {
    key: read.key,
    at: start.at,
    ...(prefix ? { prefix } : {}),
    ...(tail.locator !== undefined ? { locator: tail.locator } : {}),
    ...(tail.label !== undefined ? { label: tail.label } : {}),
    ...(tail.suffix ? { suffix: tail.suffix } : {}),
    suppressAuthor: start.suppressAuthor,
    authorInText: false,
  };
}

/** A bracketed citation starting at `open`, if the brackets hold one. */
function parseBracketed(text: string, open: number): Citation | undefined {
  const close = closingBracket(text, open);
  if (close < 0) return undefined;
  const items: CitationItem[] = [];
  for (const part of splitItems(text, open + 1, close)) {
    const item = parseItem(text, part);
    if (!item) return undefined;
    items.push(item);
  }
  return { start: open, end: close + 1, items };
}

/** An in-text citation at `at` (`@key`, optionally followed by ` [locator, suffix; @more]`). */
function parseInText(text: string, at: number): Citation | undefined {
  const read = readKey(text, at);
  if (!read) return undefined;
  const first: CitationItem = { key: read.key, at, suppressAuthor: false, authorInText: true };
  const bracket = /^[ \t]*\[/.exec(text.slice(read.end));
  if (bracket) {
    const open = read.end + bracket[0].length - 1;
    const close = closingBracket(text, open);
    if (close > 0) {
      const parts = splitItems(text, open + 1, close);
      const [head, ...rest] = parts;
      const more: CitationItem[] = [];
      let ok = head !== undefined;
      let own: ParsedTail = {};
      if (head) {
        const headItem = parseItem(text, head);
        if (headItem) more.push(headItem);
        else if (/[@]/.test(text.slice(head.start, head.end))) ok = false;
        else own = readTail(text, head);
      }
      for (const part of rest) {
        const item = parseItem(text, part);
        if (!item) ok = false;
        else more.push(item);
      }
      if (ok) {
        const withTail: CitationItem = {
          ...first,
          ...(own.locator !== undefined ? { locator: own.locator } : {}),
          ...(own.label !== undefined ? { label: own.label } : {}),
          ...(own.suffix ? { suffix: own.suffix } : {}),
        };
        return { start: at, end: close + 1, items: [withTail, ...more] };
      }
    }
  }
  return { start: at, end: read.end, items: [first] };
}

/** Every citation in a run, in order. */
export function parseCitations(text: string): Citation[] {
  const citations: Citation[] = [];
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '[') {
      const citation = parseBracketed(text, i);
      if (citation) {
        citations.push(citation);
        i = citation.end;
        continue;
      }
    } else if (char === '@' && !isWord(text[i - 1]) && text[i - 1] !== '@') {
      const citation = parseInText(text, i);
      if (citation) {
        citations.push(citation);
        i = citation.end;
        continue;
      }
    }
    i++;
  }
  return citations;
}
