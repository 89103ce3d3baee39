/**
 * The bibliography: every `references/*.bib` file, parsed once with citation-js into CSL-JSON
 * entries keyed by citation key, with biblatex `ids` aliases resolved to their entry.
 *
 * citation-js stops at the first syntax error in a text, drops a whole file when it cannot convert
 * one entry, and does not know about duplicate keys or aliases. So this module locates entries
 * itself (for positions), re-parses a broken file entry by entry, converts entry by entry when a
 * file's conversion comes back short, reads a field it still cannot convert another way or as
 * plain text, and checks keys and aliases across files. What goes in is counted against what
 * comes out: every entry that starts a line is either a reference or a reported problem.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { plugins, type CSL, type CSLName } from '@citation-js/core';
import '@citation-js/plugin-bibtex';
import { buildState, buildStats } from './build-state.ts';
import { doiProblem } from './doi.ts';
import { caseFold, citationKeyProblem, type CitationKey } from './keys.ts';
import { positionAt, type Problem } from './problems.ts';

export type { CitationKey } from './keys.ts';

export interface BibSource {
  /** Path relative to the project root, as shown in messages. */
  readonly path: string;
  readonly text: string;
}

export interface Reference {
  readonly key: CitationKey;
  /** biblatex `ids`: other keys that resolve to this entry. */
  readonly aliases: readonly string[];
  readonly csl: CSL;
  /** True when the record ends its author list with `and others`: the full list is not known. */
  readonly authorListIncomplete: boolean;
  /** The CSL name variables (`author`, `editor`…) whose list ends in `and others`. */
  readonly namesWithOthers: readonly string[];
  /** The title as written in the .bib file (braces kept) and where its field is, for checks. */
  readonly titleField?: { readonly value: string; readonly line: number; readonly column: number };
  /**
   * The title as CSL rich text when the .bib file braces part of it (`{MDMA}-assisted`): the
   * braced parts as `<span class="nocase">`, so a style that changes case leaves them alone.
   */
  readonly titleMarkup?: string;
  /**
   * The entry as written: its type and fields, `@string` macros expanded, braces and LaTeX kept.
   * The BibTeX export writes from it, so nothing the source said is lost or re-read.
   */
  readonly entry: { readonly type: string; readonly fields: Readonly<Record<string, string>> };
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/**
 * The record as a CSL engine formats it: the title with its case-protected parts marked, so a
 * style that changes case (Chicago, MLA) leaves "PsyA-EMDR" or "pH" as the .bib file braced them.
 * What is formatted, and so what a cache of formatted entries must be keyed by.
 */
export function engineRecord(reference: Pick<Reference, 'csl' | 'titleMarkup'>): CSL {
  return reference.titleMarkup === undefined ? reference.csl : { ...reference.csl, title: reference.titleMarkup };
}

export interface Bibliography {
  /** Entries in file order, keyed by their own key. */
  readonly references: ReadonlyMap<CitationKey, Reference>;
  /** Alias → the key of the entry that declares it. */
  readonly aliases: ReadonlyMap<string, CitationKey>;
  readonly problems: readonly Problem[];
}

/** The entry a key or alias names, if any. */
export function resolveReference(bibliography: Bibliography, key: string): Reference | undefined {
  const own = bibliography.references.get(key as CitationKey);
  if (own) return own;
  const target = bibliography.aliases.get(key);
  return target === undefined ? undefined : bibliography.references.get(target);
}

/** Every key and alias, for "did you mean" suggestions. */
export function knownKeys(bibliography: Bibliography): string[] {
  return [...bibliography.references.keys(), ...bibliography.aliases.keys()];
}

interface RawEntry {
  type: string;
  label: string;
  properties: Record<string, string>;
}

interface EntryStart {
  /** Lower-cased entry type: `article`, `string`, `comment`… */
  type: string;
  key: string;
  offset: number;
  line: number;
  column: number;
  /** Offset just after the key (or the opening delimiter, for an entry without one). */
  body: number;
}

const nonEntryTypes = new Set(['string', 'comment', 'preamble']);

/**
 * Where each `@type{key,` starts. BibTeX ignores text outside entries, so only an `@` that opens
 * a line (after blanks) counts: an address in a `%` comment or a note does not. The type is
 * citation-js's identifier (`web_page` is one), and blanks may stand around it, as they may in BibTeX.
 */
export function locateEntries(text: string): EntryStart[] {
  const starts: EntryStart[] = [];
  const pattern = /^([ \t]*)@[ \t\r\n]*([A-Za-z_][A-Za-z0-9_:+-]*)[ \t\r\n]*[{(][ \t\r\n]*([^\s,{}()]*)/gm;
  let line = 1;
  let scanned = 0;
  for (const match of text.matchAll(pattern)) {
    const offset = match.index + (match[1]?.length ?? 0);
    for (let i = scanned; i < offset; i++) if (text.charCodeAt(i) === 10) line++;
    scanned = offset;
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    starts.push({
      type: (match[2] ?? '').toLowerCase(),
      key: match[3] ?? '',
      offset,
      line,
      column: offset - lineStart + 1,
      body: match.index + match[0].length,
    });
  }
  return starts;
}

/**
 * The offset just after the `}` or `)` that closes an entry whose fields start at `from`, read the
 * way citation-js's lexer reads them (braced and quoted values, `\{` escapes, `%` comments between
 * fields); undefined when the text ends first.
 */
function entryEnd(text: string, from: number): number | undefined {
  let depth = 0;
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const char = text[i];
    if (depth > 0 || quoted) {
      const next = text[i + 1];
      if (char === '\\' && (next === '\\' || next === '{' || (depth > 0 && next === '}'))) i++;
      else if (char === '{') depth++;
      else if (char === '}' && depth > 0) depth--;
      else if (char === '"' && depth === 0) quoted = false;
    } else if (char === '%') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (char === '"') quoted = true;
    else if (char === '{') depth++;
    else if (char === '}' || char === ')') return i + 1;
  }
  return undefined;
}

/**
 * The text with every "@" outside the located entries blanked, offsets and lines unchanged.
 * citation-js starts an entry at any "@" outside one, so an address or a commented-out entry
 * between two entries (`% @article{old,`) would otherwise break the entry before it.
 */
function withoutStrayAts(text: string, starts: readonly EntryStart[]): string {
  let out = '';
  let cursor = 0;
  starts.forEach((start, index) => {
    const next = starts[index + 1]?.offset ?? text.length;
    out += text.slice(cursor, start.offset).replace(/@/g, ' ');
    // citation-js reads `@comment` to the end of its line and the rest as text between entries.
    const lineEnd = text.indexOf('\n', start.offset);
    const end = start.type === 'comment' ? (lineEnd < 0 ? text.length : lineEnd) : entryEnd(text, start.body);
    cursor = end === undefined || end > next ? next : end;
    out += text.slice(start.offset, cursor);
  });
  return out + text.slice(cursor).replace(/@/g, ' ');
}

const syntaxError = /^(.*?) at line (\d+) col (\d+)/;

function parseEntries(text: string): RawEntry[] {
  // One parsing step: `chain` would keep converting an empty result and give up.
  return plugins.input.data(text, '@biblatex/text') as RawEntry[];
}

/**
 * Parse a file that citation-js rejected, one entry at a time, so every malformed entry is
 * reported and the well-formed ones still load. `@string` macros are prepended to each chunk on
 * its first line, so the chunk's own line numbers only shift by one.
 */
function parseEntryByEntry(source: BibSource, starts: EntryStart[]): { entries: RawEntry[]; problems: Problem[] } {
  const entries: RawEntry[] = [];
  const problems: Problem[] = [];
  const chunks = starts.map((start, i) => ({
    start,
    text: source.text.slice(start.offset, starts[i + 1]?.offset ?? source.text.length),
  }));
  const report = (chunk: (typeof chunks)[number], error: unknown): void => {
    const detail = errorMessage(error);
    const match = syntaxError.exec(detail);
    const what = chunk.start.key ? `entry "${chunk.start.key}"` : `the @${chunk.start.type} entry`;
    if (!match || /got EOF/.test(detail)) {
      problems.push({
        file: source.path,
        line: chunk.start.line,
        column: chunk.start.column,
        message: `malformed BibTeX: ${what} is not closed (a "}" is missing before the next entry)`,
      });
    } else {
      problems.push({
        file: source.path,
        line: chunk.start.line + Number(match[2]) - 2,
        column: Number(match[3]),
        message: `malformed BibTeX in ${what}: ${match[1]} (check the braces, quotes and commas around this point)`,
      });
    }
  };
  // A chunk is parsed on the second line of its text, indented to its own column.
  const parseChunk = (prefix: string, chunk: (typeof chunks)[number]): RawEntry[] =>
    parseEntries(`${prefix}\n${' '.repeat(chunk.start.column - 1)}${chunk.text}`);
  const macros: string[] = [];
  for (const chunk of chunks.filter((each) => each.start.type === 'string')) {
    try {
      parseChunk('', chunk);
      macros.push(chunk.text.replace(/\s+/g, ' ').trim());
    } catch (error) {
      report(chunk, error);
    }
  }
  for (const chunk of chunks.filter((each) => !nonEntryTypes.has(each.start.type))) {
    try {
      const parsed = parseChunk(macros.join(' '), chunk);
      entries.push(...parsed.filter((entry) => !nonEntryTypes.has(entry.type.toLowerCase())));
    } catch (error) {
      report(chunk, error);
    }
  }
  return { entries, problems };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const nameFields = ['author', 'editor', 'translator', 'container-author'] as const;

/** Drop biblatex's `and others` from name lists; the fields whose list had it. */
function stripOthers(csl: CSL): string[] {
  const stripped: string[] = [];
  const record = csl as unknown as Record<string, CSLName[] | undefined>;
  for (const field of nameFields) {
    const names = record[field];
    if (!names) continue;
    const kept = names.filter((name) => {
      const others = (name.family === 'others' && !name.given) || name.literal === 'others';
      if (others && !stripped.includes(field)) stripped.push(field);
      return !others;
    });
    record[field] = kept;
  }
  return stripped;
}

/** Stand for the braces of a case-protected part of a title while citation-js reads it. */
const NOCASE_OPEN = '\uE010';
const NOCASE_CLOSE = '\uE011';

/**
 * A BibTeX title with its case-protecting braces (`{MDMA}`, `{PsyA-EMDR}`) replaced by stand-ins;
 * braces that belong to a command or an accent (`\emph{…}`, `{\"O}`, `\{`) stay. Undefined when
 * nothing is protected.
 */
function markProtected(raw: string): string | undefined {
  let out = '';
  let depth = 0;
  let protectedAt = -1;
  for (let i = 0; i < raw.length; i++) {
    const char = raw[i];
    const escaped = raw[i - 1] === '\\';
    if (char === '{' && !escaped) {
      const command = /\\(?:[A-Za-z]+\*?|[^A-Za-z\s])\s*$/.test(raw.slice(0, i));
      if (depth === 0 && !command && raw[i + 1] !== '\\') {
        protectedAt = depth;
        out += NOCASE_OPEN;
        depth++;
        continue;
      }
      depth++;
    } else if (char === '}' && !escaped && depth > 0) {
      depth--;
      if (depth === protectedAt) {
        protectedAt = -1;
        out += NOCASE_CLOSE;
        continue;
      }
    }
    out += char;
  }
  return out.includes(NOCASE_OPEN) ? out : undefined;
}

/** The title as CSL rich text with its protected parts marked, when the .bib title has any. */
function titleMarkupOf(entry: RawEntry): string | undefined {
  const raw = entry.properties['title'];
  const marked = raw === undefined ? undefined : markProtected(raw);
  if (marked === undefined) return undefined;
  const title = convertOne({ type: entry.type, label: entry.label, properties: { title: marked } })?.title;
  if (typeof title !== 'string' || !title.includes(NOCASE_OPEN)) return undefined;
  return title.replaceAll(NOCASE_OPEN, '<span class="nocase">').replaceAll(NOCASE_CLOSE, '</span>');
}

const dateFields = ['issued', 'accessed', 'event-date', 'original-date', 'submitted'] as const;

/** citation-js leaves `null` for an open end of a date range, which the CSL engine cannot read. */
function dropEmptyDateParts(csl: CSL): void {
  const record = csl as unknown as Record<string, { 'date-parts'?: unknown[] } | undefined>;
  for (const field of dateFields) {
    const parts = record[field]?.['date-parts'];
    if (Array.isArray(parts)) record[field]!['date-parts'] = parts.filter(Array.isArray);
  }
}

/** The CSL records of raw entries, in one conversion (or none for an entry citation-js rejects). */
function convert(entries: readonly RawEntry[]): CSL[] {
  try {
    return plugins.input.chain([...entries], {
      target: '@csl/list+object',
      generateGraph: false,
      forceType: '@biblatex/entries+list',
      maxChainLength: 10,
      strict: false,
    });
  } catch {
    return [];
  }
}

/** One entry's record, or undefined when citation-js cannot convert it. */
function convertOne(entry: RawEntry): CSL | undefined {
  const [csl] = convert([entry]);
  return csl && typeof csl === 'object' ? csl : undefined;
}

/**
 * Ways to read a field citation-js could not: a lone "$" taken literally (`a $2 million grant`),
 * then starred commands read as plain ones (`\enquote*{…}`).
 */
const repairs: readonly { what: string; apply(value: string): string }[] = [
  { what: 'read with "$" taken literally', apply: (value) => value.replace(/(?<!\\)\$/g, '\\$') },
  { what: 'read with starred commands as plain ones', apply: (value) => value.replace(/(\\[A-Za-z]+)\*/g, '$1') },
  {
    what: 'read with "$" taken literally and starred commands as plain ones',
    apply: (value) => value.replace(/(?<!\\)\$/g, '\\$').replace(/(\\[A-Za-z]+)\*/g, '$1'),
  },
];

/** LaTeX reduced to readable text, for a field nothing else could read. */
function plainText(value: string): string {
  return value
    .replace(/\\[A-Za-z]+\*?(?:\[[^\]]*\])?/g, '')
    .replace(/[{}]/g, '')
    .replace(/~/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Where biblatex fields go in CSL, for the plain-text fallback. */
const fallbackFields: Record<string, string> = {
  title: 'title',
  subtitle: 'title',
  journal: 'container-title',
  journaltitle: 'container-title',
  booktitle: 'container-title',
  note: 'note',
  addendum: 'note',
  howpublished: 'note',
  abstract: 'abstract',
  publisher: 'publisher',
  institution: 'publisher',
  school: 'publisher',
  organization: 'publisher',
  address: 'publisher-place',
  location: 'publisher-place',
};

/** Position of `field = ` inside the entry that starts at `start`. */
function fieldPosition(text: string, start: EntryStart, field: string): { line: number; column: number } {
  const end = text.indexOf('\n@', start.offset + 1);
  const entry = text.slice(start.offset, end < 0 ? text.length : end);
  const match = new RegExp(`(^|[\\s,{(])(${field.replace(/[^\w-]/g, '')})\\s*=`, 'i').exec(entry);
  return match ? positionAt(text, start.offset + match.index + (match[1]?.length ?? 0)) : start;
}

/**
 * An entry that citation-js could not convert as a whole: find the fields that stop it, read each
 * another way or as plain text, and report every one of them. The entry always comes back.
 */
function convertStubborn(entry: RawEntry, source: BibSource, start: EntryStart): { csl: CSL; problems: Problem[] } {
  const only = (field: string) => ({ ...entry, properties: { [field]: entry.properties[field] ?? '' } });
  // A field that cannot be converted even on its own stops the whole entry.
  const culprits = Object.keys(entry.properties).filter((field) => convertOne(only(field)) === undefined);
  let kept = Object.fromEntries(Object.entries(entry.properties).filter(([field]) => !culprits.includes(field)));
  let csl = convertOne({ ...entry, properties: kept });
  // Fields that only fail together: leave them out one at a time, from the last, until it passes.
  for (const field of Object.keys(kept).reverse()) {
    if (csl !== undefined) break;
    culprits.push(field);
    delete kept[field];
    csl = convertOne({ ...entry, properties: kept });
  }
  csl ??= { id: entry.label, type: 'document' } as CSL;
  const problems: Problem[] = [];
  for (const field of culprits) {
    const value = entry.properties[field] ?? '';
    const repaired = repairs.find((repair) => {
      const attempt = convertOne({ ...entry, properties: { ...kept, [field]: repair.apply(value) } });
      if (attempt === undefined) return false;
      csl = attempt;
      kept = { ...kept, [field]: repair.apply(value) };
      return true;
    });
    const target = fallbackFields[field.toLowerCase()];
    if (!repaired && target) (csl as unknown as Record<string, string>)[target] = plainText(value);
    const shown = value.length > 60 ? `${value.slice(0, 57)}…` : value;
    problems.push({
      file: source.path,
      ...fieldPosition(source.text, start, field),
      severity: 'warning',
      message: `entry "${entry.label}": field "${field}" ({${shown}}) is not LaTeX that can be read; ${
        repaired ? `it was ${repaired.what}` : target ? 'it is kept as plain text' : 'it is left out of the record'
      }. Check its braces, "$" and commands`,
    });
  }
  return { csl, problems };
}

/** Parse every source into one bibliography. Problems are collected, never thrown. */
export function parseBibliography(sources: readonly BibSource[]): Bibliography {
  buildStats().bibliographyParses++;
  const references = new Map<CitationKey, Reference>();
  const aliases = new Map<string, CitationKey>();
  const problems: Problem[] = [];
  const aliasPlaces = new Map<string, Reference>();
  /** Keys by their case-folded form: BibTeX treats keys that differ in case as one. */
  const folded = new Map<string, Reference>();

  for (const source of sources) {
    const original = source.text.replace(/^\uFEFF/, ' ');
    const starts = locateEntries(original);
    const text = withoutStrayAts(original, starts);
    let raw: RawEntry[] | undefined;
    const reportedBefore = problems.length;
    try {
      raw = parseEntries(text).filter((entry) => !nonEntryTypes.has(entry.type.toLowerCase()));
      // A value left open swallows the entries after it when a later "}" happens to close it:
      // the file then parses without error, with entries missing. Read it entry by entry instead.
      const labels = new Set(raw.map((entry) => entry.label));
      if (starts.some((start) => !nonEntryTypes.has(start.type) && !labels.has(start.key))) raw = undefined;
    } catch {
      raw = undefined;
    }
    if (raw === undefined) {
      const fallback = parseEntryByEntry({ ...source, text }, starts);
      raw = fallback.entries;
      problems.push(...fallback.problems);
    }
    const places = starts.filter((start) => !nonEntryTypes.has(start.type));
    /** The places of each key, in file order. */
    const placesOf = new Map<string, number[]>();
    places.forEach((place, index) => {
      const list = placesOf.get(place.key);
      if (list) list.push(index);
      else placesOf.set(place.key, [index]);
    });
    const accounted = new Set<EntryStart>();
    let cursor = 0;
    const located = raw.map((entry) => {
      // Entries come back in file order; match each to its start, skipping broken ones.
      const candidates = placesOf.get(entry.label) ?? [];
      const index = candidates.find((i) => i >= cursor) ?? candidates[0] ?? -1;
      if (index >= 0) cursor = index + 1;
      const found = places[index];
      if (found) accounted.add(found);
      const start = found ?? { type: entry.type, key: entry.label, offset: 0, line: 0, column: 0, body: 0 };
      return { entry, start };
    });
    // Every entry that starts a line is read or reported: none vanishes.
    const reportedLines = problems.slice(reportedBefore).map((problem) => problem.line);
    places.forEach((place, index) => {
      if (accounted.has(place)) return;
      const next = places[index + 1]?.line ?? Number.MAX_SAFE_INTEGER;
      if (reportedLines.some((line) => line >= place.line && line < next)) return;
      problems.push({
        file: source.path,
        line: place.line,
        column: place.column,
        message: `entry "${place.key}" could not be read: check the braces, quotes and commas of its fields`,
      });
    });

    const fresh: typeof located = [];
    const freshByKey = new Map<string, (typeof located)[number]>();
    for (const item of located) {
      const key = item.entry.label;
      const here = { file: source.path, line: item.start.line, column: item.start.column };
      const keyProblem = citationKeyProblem(key);
      if (keyProblem) {
        problems.push({ ...here, message: `citation key "${key}" ${keyProblem}` });
        continue;
      }
      const earlier = references.get(key as CitationKey) ?? freshByKey.get(key);
      if (earlier) {
        const at =
          'file' in earlier
            ? `${earlier.file}:${earlier.line}:${earlier.column}`
            : `${source.path}:${earlier.start.line}:${earlier.start.column}`;
        problems.push({
          ...here,
          message: `duplicate citation key "${key}": also defined at ${at}; rename one of them or merge the entries`,
        });
        continue;
      }
      fresh.push(item);
      freshByKey.set(key, item);
    }
    if (fresh.length === 0) continue;

    // One conversion for the file; when citation-js drops entries, each is converted on its own.
    let csl = convert(fresh.map((item) => item.entry));
    if (csl.length !== fresh.length || csl.some((record, i) => record?.id !== fresh[i]?.entry.label)) {
      csl = fresh.map((item) => {
        const one = convertOne(item.entry);
        if (one) return one;
        const stubborn = convertStubborn(item.entry, { ...source, text }, item.start);
        problems.push(...stubborn.problems);
        return stubborn.csl;
      });
    }
    fresh.forEach((item, i) => {
      const data = csl[i] as CSL;
      const key = item.entry.label as CitationKey;
      data.id = key;
      const here = { file: source.path, line: item.start.line, column: item.start.column };
      const ids = (item.entry.properties['ids'] ?? '')
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean);
      dropEmptyDateParts(data);
      // Some exports wrap the DOI in an extra pair of braces.
      const doi = item.entry.properties['doi']?.replace(/^\{(.*)\}$/, '$1').trim();
      if (doi !== undefined) {
        const problem = doiProblem(doi);
        if (problem) {
          problems.push({
            ...fieldPosition(text, item.start, 'doi'),
            file: source.path,
            message: `invalid DOI "${doi}" in "${key}": ${problem}`,
          });
          delete data.DOI;
        } else {
          data.DOI = doi;
        }
      }
      // A record's address becomes a link: only web addresses are kept.
      if (typeof data.URL === 'string' && !/^https?:\/\//i.test(data.URL.trim())) {
        problems.push({
          ...fieldPosition(text, item.start, 'url'),
          file: source.path,
          severity: 'warning',
          message: `"${key}": url "${data.URL.length > 60 ? `${data.URL.slice(0, 57)}…` : data.URL}" is not a web address (http or https), so it is left out of the record`,
        });
        delete data.URL;
      }
      const title = item.entry.properties['title'];
      const namesWithOthers = stripOthers(data);
      const titleMarkup = titleMarkupOf(item.entry);
      const reference: Reference = {
        key,
        aliases: ids,
        csl: data,
        authorListIncomplete: namesWithOthers.length > 0,
        namesWithOthers,
        ...(title === undefined ? {} : { titleField: { value: title, ...fieldPosition(text, item.start, 'title') } }),
        ...(titleMarkup === undefined ? {} : { titleMarkup }),
        entry: { type: item.entry.type.toLowerCase(), fields: { ...item.entry.properties } },
        ...here,
      };
      const twin = folded.get(caseFold(key));
      if (twin) {
        problems.push({
          ...here,
          message: `citation key "${key}" differs from "${twin.key}" (${twin.file}:${twin.line}:${twin.column}) only in case: BibTeX reads them as one key and their files would overwrite each other; rename one`,
        });
        return;
      }
      folded.set(caseFold(key), reference);
      references.set(key, reference);
      for (const alias of ids) {
        const aliasProblem = citationKeyProblem(alias);
        if (aliasProblem) {
          problems.push({
            ...fieldPosition(text, item.start, 'ids'),
            file: source.path,
            message: `alias "${alias}" of "${key}" ${aliasProblem}`,
          });
          continue;
        }
        const owner = aliasPlaces.get(alias);
        if (owner) {
          problems.push({
            ...here,
            message: `alias "${alias}" of "${key}" is already an alias of "${owner.key}" (${owner.file}:${owner.line}:${owner.column})`,
          });
          continue;
        }
        aliasPlaces.set(alias, reference);
        aliases.set(alias, key);
      }
    });
  }

  for (const [alias, key] of aliases) {
    const clash = references.get(alias as CitationKey);
    if (clash) {
      const owner = references.get(key);
      problems.push({
        file: owner?.file ?? clash.file,
        line: owner?.line ?? 0,
        column: owner?.column ?? 0,
        message: `alias "${alias}" of "${key}" is also the key of another entry (${clash.file}:${clash.line}:${clash.column}); an alias must not name an entry`,
      });
      aliases.delete(alias);
    }
  }

  return { references, aliases, problems };
}

/** The `.bib` files of a folder, sorted by name, with paths relative to `root`. */
export function readBibFiles(directory: string, root: string): BibSource[] {
  let names: string[];
  try {
    names = readdirSync(directory)
      .filter((name) => name.endsWith('.bib'))
      .sort();
  } catch {
    return [];
  }
  return names.map((name) => {
    const path = join(directory, name);
    return { path: relative(root, path), text: readFileSync(path, 'utf8') };
  });
}

/**
 * `parseBibliography`, memoized on the files' contents for the life of the process. The build's
 * content check and the references collection both ask for the bibliography; it is parsed once.
 */
export function loadBibliography(sources: readonly BibSource[]): Bibliography {
  const hash = createHash('sha256');
  for (const source of sources) hash.update(source.path).update('\0').update(source.text).update('\0');
  const digest = hash.digest('hex');
  const state = buildState();
  if (state.parsed?.digest !== digest) state.parsed = { digest, bibliography: parseBibliography(sources) };
  return state.parsed.bibliography;
}

/**
 * The bibliography of a folder's `.bib` files. Files are only read again when their size or
 * modification time changed, so asking again costs a `stat` per file.
 */
export function loadBibliographyFolder(directory: string, root: string): Bibliography {
  let signature = '';
  try {
    for (const name of readdirSync(directory)
      .filter((each) => each.endsWith('.bib'))
      .sort()) {
      const stats = statSync(join(directory, name));
      signature += `${name}\0${stats.size}\0${stats.mtimeMs}\0`;
    }
  } catch {
    signature = 'missing';
  }
  const { folders } = buildState();
  const cached = folders.get(`${root}\0${directory}`);
  if (cached?.signature === signature) return cached.bibliography;
  const bibliography = loadBibliography(readBibFiles(directory, root));
  folders.set(`${root}\0${directory}`, { signature, bibliography });
  return bibliography;
}
