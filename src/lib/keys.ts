/**
 * The identifiers that become URL segments and file names: citation keys and slugs. Each has one
 * grammar, defined here and nowhere else; the loader, the content check, `npm run new`, the routes
 * and every file writer use it. Browser-safe: no Node imports.
 *
 * A citation key is what BibTeX and pandoc accept *and* what is safe as one URL segment and one
 * file name on every common file system:
 *
 *   key    = start *rest          (at most 100 characters, in Unicode NFC)
 *   start  = letter / digit / "_"
 *   rest   = letter / digit / "_" / "-" / "." / ":" / "+"
 *
 * Letters and digits are Unicode's (`\p{L}`, `\p{N}`), as in biblatex and pandoc. A key may not end
 * in "." (Windows drops it) and may not be a device name Windows reserves (`con`, `nul`, `com1`…).
 * Pandoc allows more inside a key (`/ # $ % & ? < > ~`); each of those would leave the URL segment
 * or the folder, so such a key is refused with its place and a suggested name.
 */

/** A citation key that follows the grammar above: the identity of a reference everywhere. */
export type CitationKey = string & { readonly __brand: 'CitationKey' };
/** A topic or page slug: lower-case words joined by hyphens; the file name and the URL segment. */
export type Slug = string & { readonly __brand: 'Slug' };

const keyPattern = /^[\p{L}\p{N}_][\p{L}\p{N}_.:+-]*$/u;
const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const windowsDevices = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\.|$)/i;
export const maxKeyLength = 100;

/** Why `key` cannot be a citation key, as the end of a message; undefined when it can. */
export function citationKeyProblem(key: string): string | undefined {
  if (key === '') return 'is empty: write "@type{key," with a key such as rieser2025';
  if (key.length > maxKeyLength) return `is longer than ${maxKeyLength} characters: shorten it`;
  if (key !== key.normalize('NFC'))
    return 'is not in Unicode normal form NFC (a letter and its accent are stored apart): retype it';
  if (!keyPattern.test(key)) {
    const bad = [...new Set([...key].filter((char) => !/[\p{L}\p{N}_.:+-]/u.test(char)))];
    const shown = bad.map((char) => (/\s/.test(char) ? 'a space' : `"${char}"`)).join(', ');
    const first = /^[\p{L}\p{N}_]/u.test(key) ? '' : 'must start with a letter, digit or "_"';
    const detail = bad.length > 0 ? `has ${shown}, which a URL segment or file name cannot hold safely` : '';
    return `${[detail, first].filter(Boolean).join(' and ')}: use letters, digits and _ - . : + (such as ${suggestKey(key)})`;
  }
  if (key.endsWith('.')) return `ends in ".", which file systems drop: use ${suggestKey(key)}`;
  if (windowsDevices.test(key)) return `is a device name Windows reserves: use ${suggestKey(key)}`;
  return undefined;
}

export function isCitationKey(value: unknown): value is CitationKey {
  return typeof value === 'string' && citationKeyProblem(value) === undefined;
}

/**
 * A key in the grammar close to `key`: disallowed characters become "_", a device name gets a
 * "_" after it, and the key is cut to the longest length (never inside a character) with no "."
 * left at its end.
 */
export function suggestKey(key: string): string {
  const replaced = key.normalize('NFC').replace(/[^\p{L}\p{N}_.:+-]/gu, '_');
  const started = /^[\p{L}\p{N}_]/u.test(replaced) ? replaced : `_${replaced}`;
  // "con.txt" is a device name as much as "con": the "_" goes after the name, not at the end.
  const named = started.replace(windowsDevices, (device) => device.replace(/\.?$/, (dot) => `_${dot}`));
  let cut = '';
  for (const char of named) {
    if (cut.length + char.length > maxKeyLength) break;
    cut += char;
  }
  // The first character is never a ".", so this cannot empty the key.
  return cut.replace(/\.+$/, '');
}

/** The key itself, branded, or an error naming what is wrong (for input already checked). */
export function asCitationKey(value: string): CitationKey {
  const problem = citationKeyProblem(value);
  if (problem !== undefined) throw new Error(`citation key "${value}" ${problem}`);
  return value as CitationKey;
}

/**
 * Keys that differ only in case. BibTeX treats them as the same entry, and their files would
 * overwrite each other on macOS and Windows.
 */
export function caseFold(key: string): string {
  return key.normalize('NFC').toLocaleLowerCase('en-US');
}

export function isSlug(value: unknown): value is Slug {
  return typeof value === 'string' && slugPattern.test(value);
}

/** The slug grammar, for schemas and messages. */
export const slugGrammar = slugPattern;
