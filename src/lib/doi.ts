/**
 * The registered metadata of a DOI, as CSL-JSON, by content negotiation with the DOI resolver.
 * The resolver's address is configurable (ATLAS_DOI_RESOLVER) so tests use a local server.
 */
import type { CSL } from '@citation-js/core';

export const defaultResolver = 'https://doi.org';

export type DoiLookup =
  | { readonly status: 'found'; readonly csl: CSL }
  | { readonly status: 'not-found'; readonly message: string }
  | { readonly status: 'unreachable'; readonly message: string };

export function resolverFrom(env: Record<string, string | undefined> = process.env): string {
  return (env['ATLAS_DOI_RESOLVER'] ?? defaultResolver).replace(/\/+$/, '');
}

/** Look a DOI up. Never throws: an unknown DOI and a network failure are results too. */
export async function lookupDoi(doi: string, resolver = resolverFrom(), timeoutMs = 15_000): Promise<DoiLookup> {
  const address = `${resolver}/${encodeURI(doi.trim())}`;
  let response: Response;
  try {
    response = await fetch(address, {
      headers: { Accept: 'application/vnd.citationstyles.csl+json' },
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { status: 'unreachable', message: `could not reach ${resolver} (${reason}); check the connection` };
  }
  if (response.status === 404) return { status: 'not-found', message: `${resolver} has no record of DOI ${doi}` };
  if (!response.ok) return { status: 'unreachable', message: `${resolver} answered ${response.status} for DOI ${doi}` };
  try {
    const csl = (await response.json()) as CSL;
    if (typeof csl !== 'object' || csl === null || !('title' in csl)) {
      return { status: 'not-found', message: `${resolver} returned no CSL-JSON record for DOI ${doi}` };
    }
    return { status: 'found', csl };
  } catch {
    return { status: 'not-found', message: `${resolver} returned something that is not CSL-JSON for DOI ${doi}` };
  }
}
