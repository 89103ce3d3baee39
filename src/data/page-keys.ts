/**
 * The keys unchanged pages are restored by between builds (Astro's incremental build, switched on
 * in astro.config.mjs). Astro renders a page again when its code changes (the modules it imports,
 * the site's settings among them) or when a body it renders compiles differently, which covers
 * the body's own citations (2024a/b included). It does not see the content collections' data:
 * everything a page shows from them goes into its key here, or an edit elsewhere would leave the
 * page stale. test/site/restored-pages.test.ts edits each kind of input and compares the result
 * with a build from scratch.
 */
import type { CollectionEntry } from 'astro:content';
import { dataDigest } from '../lib/digest.ts';
import type { Atlas, StudyView, TopicView } from './atlas.ts';
import { lastUpdated, pageSource } from './page-source.ts';

/** What a page can show of another study: its name, label, address and frontmatter. */
function studyShown(study: StudyView) {
  const { key, name, label, title, year, url } = study;
  return { key, name, label, title, year, url, data: study.entry.data };
}

/** What a page can show of a reference: the record in every style, its summary, where it is listed. */
function referenceShown(atlas: Atlas, key: string) {
  const summary = atlas.studyByKey.get(key);
  return {
    key,
    reference: atlas.referenceByKey.get(key),
    summary: summary && studyShown(summary),
    listed: atlas.referenceLink(key),
  };
}

/** Digests of what pages show of references and studies, each made once per build. */
const shownDigests = new WeakMap<Atlas, Map<string, string>>();

function digestOnce(atlas: Atlas, id: string, shown: () => unknown): string {
  let digests = shownDigests.get(atlas);
  if (!digests) shownDigests.set(atlas, (digests = new Map()));
  let digest = digests.get(id);
  if (digest === undefined) digests.set(id, (digest = dataDigest(shown())));
  return digest;
}

const referenceDigest = (atlas: Atlas, key: string) =>
  digestOnce(atlas, `reference ${key}`, () => referenceShown(atlas, key));
const studyDigest = (atlas: Atlas, study: StudyView) =>
  digestOnce(atlas, `study ${study.key}`, () => studyShown(study));

/** What a page can show of a topic: its frontmatter. */
const topicShown = (topic: CollectionEntry<'topics'>) => ({ id: topic.id, data: topic.data });

/**
 * What a page shows of the content file it is made from: where the file is, its digest (the
 * body's text), when it last changed, and the references its body cites or lists.
 */
async function fileShown(atlas: Atlas, entry: CollectionEntry<'studies' | 'topics'>) {
  const source = pageSource(entry);
  const citations = atlas.citationsOf(entry);
  return {
    path: entry.filePath,
    digest: entry.digest,
    updated: source && (await lastUpdated(source)),
    citations,
    cited: citations.keys.map((key) => referenceDigest(atlas, key)),
  };
}

/**
 * A study page's key: the summary (its file's digest covers the body's text) and the date it last
 * changed, its reference, topics and substances, the related studies, the pages that cite it and
 * every reference its body cites or lists.
 */
export async function studyPageKey(atlas: Atlas, study: StudyView): Promise<string> {
  return dataDigest({
    page: 'study',
    study: studyDigest(atlas, study),
    file: await fileShown(atlas, study.entry),
    facts: study.facts,
    reference: referenceDigest(atlas, study.key),
    topics: study.topics.map(topicShown),
    substances: study.substances.map(topicShown),
    related: atlas.relatedTo(study).map((other) => studyDigest(atlas, other)),
    citedOn: atlas.citedOn.get(study.key) ?? [],
  });
}

/** The key of /admin/config.yml: the topics the CMS form offers (the rest of it is code Astro tracks). */
export function cmsTopicsKey(topics: readonly { slug: string; title: string; kind: string }[]): string {
  return dataDigest({ page: 'cms', topics });
}

/** The key of a topic's feed: the topic and each of its studies as the feed lists them. */
export function topicFeedKey(atlas: Atlas, topic: TopicView): string {
  return dataDigest({
    page: 'topic feed',
    topic: topicShown(topic.entry),
    studies: topic.studies.map((study) => studyDigest(atlas, study)),
  });
}

/** The key of a topic's references download: the references it holds, in their order. */
export function topicReferencesKey(atlas: Atlas, topic: TopicView, format: string): string {
  return dataDigest({
    page: 'topic references',
    format,
    references: topicReferenceKeys(atlas, topic).map((key) => referenceDigest(atlas, key)),
  });
}

/** The keys a topic's download holds: its studies', then those its overview cites or lists. */
export function topicReferenceKeys(atlas: Atlas, topic: TopicView): string[] {
  return [...new Set([...topic.studies.map((study) => study.key), ...atlas.citationsOf(topic.entry).keys])];
}

/**
 * A topic page's key: the topic (its file's digest covers the overview's text) and the date it
 * last changed, every topic's name and kind (related topics, the studies' facets), each of its
 * studies with the pages citing it, the studies its summary of findings names, the references its
 * overview cites or lists, and whether the study list is split (where "All N studies" leads).
 */
export async function topicPageKey(atlas: Atlas, topic: TopicView): Promise<string> {
  const { entry } = topic;
  const behindFindings = entry.data.findings.flatMap((row) => row.studies);
  return dataDigest({
    page: 'topic',
    topic: topicShown(entry),
    file: await fileShown(atlas, entry),
    topics: atlas.topics.map((each) => ({ id: each.slug, title: each.entry.data.title, kind: each.entry.data.kind })),
    studies: topic.studies.map((study) => ({
      study: studyDigest(atlas, study),
      facts: study.facts,
      citedOn: atlas.citedOn.get(study.key) ?? [],
    })),
    findings: behindFindings.map((key) => {
      const study = atlas.studyByKey.get(key);
      return study ? studyDigest(atlas, study) : key;
    }),
    studyListSplit: atlas.studyParts.length > 1,
  });
}
