/**
 * `/admin/config.yml`: the CMS configuration, generated from the frontmatter schemas and the
 * corpus of this build (src/lib/cms/config.ts), so the form offers the topics and papers that exist.
 * A route with one path so that a build can restore it unchanged (src/data/page-keys.ts): the
 * library, the settings and the schemas are modules Astro tracks; the topics come from the
 * collections and are its key.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import site from 'virtual:evidence-atlas/config';
import library from 'virtual:evidence-atlas/library';
import { loadAtlas } from '../../data/atlas.ts';
import { cmsTopicsKey } from '../../data/page-keys.ts';
import { cmsConfigYaml } from '../../lib/cms/config.ts';
import { schemaComments } from '../../lib/cms/schema-docs.ts';
import schemaSource from '../../lib/schema.ts?raw';

const cmsTopics = (atlas: Awaited<ReturnType<typeof loadAtlas>>) =>
  atlas.topics.map((topic) => ({ slug: topic.slug, title: topic.entry.data.title, kind: topic.entry.data.kind }));

export const getStaticPaths = (async () => {
  const atlas = await loadAtlas();
  return [{ params: { file: 'config' }, cacheKey: cmsTopicsKey(cmsTopics(atlas)) }];
}) satisfies GetStaticPaths;

export const GET: APIRoute = async () => {
  const atlas = await loadAtlas();
  const config = cmsConfigYaml({
    project: site.cms,
    contentFolder: site.cms.contentFolder,
    comments: schemaComments(schemaSource),
    topics: cmsTopics(atlas),
    references: library,
  });
  return new Response(config, { headers: { 'content-type': 'text/yaml; charset=utf-8' } });
};
