/** What pages show about the content beyond its files, from the `facts` collection. */
import { getEntry } from 'astro:content';
import type { ContentFacts } from '../lib/build-state.ts';
import { contentFactsId } from '../loaders/content-facts-loader.ts';

let facts: Promise<ContentFacts> | undefined;

async function readFacts(): Promise<ContentFacts> {
  const entry = await getEntry('facts', contentFactsId);
  if (!entry) throw new Error('the facts collection has no entry: is its loader in src/content.config.ts?');
  return entry.data;
}

/** The facts, read once per build (in dev on every request, as the content changes). */
export function loadContentFacts(): Promise<ContentFacts> {
  if (import.meta.env.DEV) return readFacts();
  facts ??= readFacts();
  return facts;
}
