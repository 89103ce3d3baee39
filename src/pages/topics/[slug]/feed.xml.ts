/**
 * `/topics/<slug>/feed.xml`: an Atom feed of the topic's summaries, newest first.
 */
import type { APIRoute } from 'astro';
import { Feed } from 'feed';
import { loadAtlas, type TopicView } from '../../../data/atlas.ts';
import { link } from '../../../data/links.ts';
import { topicFeedKey } from '../../../data/page-keys.ts';
import { escapeHtml, xmlDocument } from '../../../lib/html.ts';
import { designLabels } from '../../../lib/vocabulary.ts';

export async function getStaticPaths() {
  const atlas = await loadAtlas();
  return atlas.topics.map((topic) => ({
    params: { slug: topic.slug },
    props: { topic },
    cacheKey: topicFeedKey(atlas, topic),
  }));
}

export const GET: APIRoute = ({ props, site }) => {
  const { topic } = props as { topic: TopicView };
  const origin = site ?? new URL('http://localhost:4321');
  const absolute = (path: string) => new URL(path, origin).href;
  const studies = [...topic.studies].sort(
    (a, b) =>
      (b.entry.data.updated ?? b.entry.data.added).getTime() - (a.entry.data.updated ?? a.entry.data.added).getTime(),
  );
  const newest = studies[0];
  const feed = new Feed({
    id: absolute(topic.url),
    link: absolute(topic.url),
    title: `Evidence Atlas: ${topic.entry.data.title}`,
    description: topic.entry.data.description,
    language: 'en',
    copyright: 'Evidence Atlas',
    updated: newest ? (newest.entry.data.updated ?? newest.entry.data.added) : new Date(0),
    feedLinks: { atom: absolute(link.topicFeed(topic.slug)) },
  });
  for (const study of studies) {
    feed.addItem({
      id: absolute(study.url),
      link: absolute(study.url),
      // Atom entry titles and summaries are written as type="html": text goes in escaped.
      title: escapeHtml(`${study.label}: ${study.title}`),
      description: escapeHtml(study.entry.data.summary),
      date: study.entry.data.updated ?? study.entry.data.added,
      category: [{ name: designLabels[study.entry.data.design] }],
    });
  }
  return new Response(xmlDocument(feed.atom1()), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' },
  });
};
