/**
 * Where a reference's formatted entries are kept (`formatted` of the references collection): a
 * list style's entries under the style's name; "Cite this" strings under the style's name when
 * the style is only offered there, and under `citeSlot(style)` for a list style's entries that a
 * list changes (a list prints "2024a" when the library has two such works; a reader citing one
 * needs "2024").
 */
export const citeSlot = (style: string): string => `${style}:cite`;

/** A reference's "Cite this" string in `style`: its own, or else its list entry. */
export function citeString<T>(formatted: Readonly<Record<string, T>>, style: string): T | undefined {
  return formatted[citeSlot(style)] ?? formatted[style];
}
