/**
 * The index of a bibliography split by name: an address from before the split
 * (`/references/#ref-smith2020`, as other sites and older pages link) goes on to the entry on its
 * part, read from the map of keys to parts the build writes.
 */
import { anchors, link } from '../data/links.ts';

const prefix = `#${anchors.reference('')}`;

/** The key an address's fragment points at, if it names a reference entry. */
function referenceKeyOf(hash: string): string | undefined {
  if (!hash.startsWith(prefix) || hash.length === prefix.length) return undefined;
  try {
    return decodeURIComponent(hash.slice(prefix.length));
  } catch {
    return undefined;
  }
}

/** Where a reference's entry is now, or undefined when the map does not hold its key. */
function forwardedAddress(key: string, partOfKey: unknown): string | undefined {
  if (typeof partOfKey !== 'object' || partOfKey === null || !Object.hasOwn(partOfKey, key)) return undefined;
  const part: unknown = (partOfKey as Record<string, unknown>)[key];
  return typeof part === 'string' && part !== '' ? link.referenceEntry(key, part) : undefined;
}

export async function forwardReferenceAnchor(status: HTMLElement | null): Promise<void> {
  const key = referenceKeyOf(location.hash);
  if (key === undefined) return;
  try {
    const response = await fetch(link.referencesPartsMap());
    const address = response.ok ? forwardedAddress(key, await response.json()) : undefined;
    if (address) {
      location.replace(address);
      return;
    }
  } catch {
    // Offline or a damaged file: say so below.
  }
  if (status) {
    status.textContent = `The reference "${key}" was not found in the parts of this list: look for it under its first author's name below.`;
  }
}
