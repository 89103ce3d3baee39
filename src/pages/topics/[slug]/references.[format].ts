/**
 * `/topics/<slug>/references.bib|ris|json`: the topic's references (its studies and what its
 * overview cites) in one file for a reference manager.
 */
import type { APIRoute } from 'astro';
import { loadAtlas, type TopicView } from '../../../data/atlas.ts';
import { topicReferenceKeys, topicReferencesKey } from '../../../data/page-keys.ts';
import { exportFormats } from '../../../lib/exports.ts';
import { exportExtensions, type ExportExtension } from '../../../lib/routes.ts';

export async function getStaticPaths() {
  const atlas = await loadAtlas();
  return atlas.topics.flatMap((topic) =>
    exportExtensions.map((format) => ({
      params: { slug: topic.slug, format },
      props: { topic, format },
      cacheKey: topicReferencesKey(atlas, topic, format),
    })),
  );
}

export const GET: APIRoute = async ({ props }) => {
  const { topic, format } = props as { topic: TopicView; format: ExportExtension };
  const atlas = await loadAtlas();
  const references = topicReferenceKeys(atlas, topic).flatMap((key) => atlas.referenceByKey.get(key) ?? []);
  return new Response(exportFormats[format].write(references), {
    headers: { 'Content-Type': exportFormats[format].type },
  });
};
