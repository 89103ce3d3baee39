/**
 * DOIs: their grammar, their link, and their registered metadata as CSL-JSON by content
 * negotiation with a DOI resolver. The resolver's address is a setting (ATLAS_DOI_RESOLVER), so
 * tests use a local server. A resolver's answer is untrusted input: its size and time are capped
 * and its shape validated before anything is written from it.
 */
import type { CSL } from '@citation-js/core';
import { z } from 'zod';

/**
 * A DOI as the DOI Handbook defines it (`10.<registrant>/<suffix>`), with a suffix of printable
 * characters other than quotes, angle brackets, braces, "\", "|", "^" and "`", which are unsafe
 * in links and must be percent-encoded in the record instead, and without a "." or ".." part
 * between slashes, which no encoding keeps in a link's path.
 */
const doiPattern = /^10\.[0-9]{4,9}(?:\.[0-9]+)*\/[^\s"'<>\\{}|^`\p{Cc}]+$/u;

/** Why `doi` is not a DOI, as the end of a message; undefined when it is one. */
export function doiProblem(doi: string): string | undefined {
  if (/^https?:\/\//i.test(doi) || /^doi:/i.test(doi)) {
    return 'a DOI looks like 10.1000/xyz123, without "https://doi.org/" or "doi:"';
  }
  if (doi.length > 300) return 'is longer than 300 characters';
  if (!doiPattern.test(doi)) {
    return 'a DOI looks like 10.1000/xyz123: "10.", the registrant number, "/", then no spaces, quotes or angle brackets';
  }
  // A link reads "/../" as a step up, also written "%2e%2e": the resolver would get another path.
  if (doi.split('/').some((part) => /^(?:\.|%2e){1,2}$/i.test(part))) {
    return 'a DOI has no "." or ".." between slashes (a link would read it as a step up its path)';
  }
  return undefined;
}

export function isDoi(doi: string): boolean {
  return doiProblem(doi) === undefined;
}

/**
 * The resolver link of a valid DOI, each part of the suffix percent-encoded. A "%XX" the DOI is
 * written with (`%3C` for "<", as the grammar asks) is kept: encoded again, it would name
 * another DOI.
 */
export function doiUrl(doi: string, resolver = 'https://doi.org'): string {
  const [prefix = '', ...suffix] = doi.split('/');
  const encode = (part: string) =>
    encodeURIComponent(part)
      .replace(/%3A/gi, ':')
      .replace(/%25([0-9A-Fa-f]{2})/g, '%$1');
  return `${resolver}/${prefix}/${suffix.map(encode).join('/')}`;
}

export type DoiLookup =
  | { readonly status: 'found'; readonly csl: CSL }
  | { readonly status: 'not-found'; readonly message: string }
  | { readonly status: 'invalid'; readonly message: string }
  | { readonly status: 'unreachable'; readonly message: string };

const text = (max: number) => z.string().max(max);
const name = z
  .object({
    family: text(500).optional(),
    given: text(500).optional(),
    literal: text(500).optional(),
    'non-dropping-particle': text(100).optional(),
    'dropping-particle': text(100).optional(),
    suffix: text(100).optional(),
  })
  .loose();
const dateParts = z.array(z.array(z.union([z.number().int(), z.string().regex(/^\d{1,4}$/)])).max(3)).max(2);
const date = z.object({ 'date-parts': dateParts.optional() }).loose();
const textOrList = z.union([text(2000), z.array(text(2000)).max(5)]);

/** The CSL-JSON fields read from a resolver, with limits; anything else in the answer is ignored. */
export const resolverRecordSchema = z
  .object({
    type: text(100).optional(),
    title: textOrList,
    'container-title': textOrList.optional(),
    author: z.array(name).max(5000).optional(),
    editor: z.array(name).max(5000).optional(),
    issued: date.optional(),
    published: date.optional(),
    'published-print': date.optional(),
    'published-online': date.optional(),
    volume: z.union([text(100), z.number()]).optional(),
    issue: z.union([text(100), z.number()]).optional(),
    page: text(100).optional(),
    'article-number': text(100).optional(),
    publisher: text(1000).optional(),
    ISSN: z.union([text(100), z.array(text(100)).max(10)]).optional(),
    URL: text(2000).optional(),
    DOI: text(300).optional(),
  })
  .loose();

const first = (value: string | readonly string[] | undefined) =>
  (Array.isArray(value) ? value[0] : value) as string | undefined;

/** The record as the rest of the project reads it: only known fields, titles as strings. */
function toCsl(record: z.infer<typeof resolverRecordSchema>): CSL {
  const pick = (names: readonly string[]) =>
    Object.fromEntries(names.flatMap((key) => (record[key] === undefined ? [] : [[key, record[key]]])));
  const issued = record.issued ?? record['published-print'] ?? record['published-online'] ?? record.published;
  return {
    ...pick(['type', 'author', 'editor', 'volume', 'issue', 'page', 'article-number', 'publisher', 'URL', 'DOI']),
    title: first(record.title) ?? '',
    ...(record['container-title'] !== undefined ? { 'container-title': first(record['container-title']) } : {}),
    ...(issued ? { issued } : {}),
  } as CSL;
}

/** The most a resolver answer may hold; a CSL-JSON record is a few kilobytes. */
export const maxResponseBytes = 1024 * 1024;

async function readCapped(response: Response, limit: number): Promise<string | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Look a DOI up. Never throws: an unknown DOI, a malformed answer and a network failure are
 * results too. The DOI goes into the request path percent-encoded, so it cannot change the path.
 */
export async function lookupDoi(doi: string, resolver: string, timeoutMs = 15_000): Promise<DoiLookup> {
  const problem = doiProblem(doi);
  if (problem) return { status: 'invalid', message: `"${doi}" is not a DOI: ${problem}` };
  const address = doiUrl(doi, resolver);
  let response: Response;
  let body: string | undefined;
  try {
    response = await fetch(address, {
      headers: { Accept: 'application/vnd.citationstyles.csl+json' },
      redirect: 'follow',
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status === 404) return { status: 'not-found', message: `${resolver} has no record of DOI ${doi}` };
    if (!response.ok)
      return { status: 'unreachable', message: `${resolver} answered ${response.status} for DOI ${doi}` };
    body = await readCapped(response, maxResponseBytes);
  } catch (error) {
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return { status: 'unreachable', message: `could not reach ${resolver} (${reason}); check the connection` };
  }
  if (body === undefined) {
    return { status: 'invalid', message: `${resolver} sent more than ${maxResponseBytes} bytes for DOI ${doi}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { status: 'invalid', message: `${resolver} answered DOI ${doi} with something that is not JSON` };
  }
  const parsed = resolverRecordSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? ` at "${issue.path.join('.')}"` : '';
    return {
      status: 'invalid',
      message: `${resolver} answered DOI ${doi} with a record that is not CSL-JSON${where}: ${issue?.message ?? 'invalid'}`,
    };
  }
  return { status: 'found', csl: toCsl(parsed.data) };
}
