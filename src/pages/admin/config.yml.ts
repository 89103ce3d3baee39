/**
 * `/admin/config.yml`: the CMS configuration, generated from the frontmatter schemas and the
 * corpus of this build (src/lib/cms/config.ts), so the form offers the topics and papers that exist.
 */
import type { APIRoute } from 'astro';
import site from 'virtual:evidence-atlas/config';
import library from 'virtual:evidence-atlas/library';
import { loadAtlas } from '../../data/atlas.ts';
import { cmsConfigYaml } from '../../lib/cms/config.ts';
import { schemaComments } from '../../lib/cms/schema-docs.ts';
import schemaSource from '../../lib/schema.ts?raw';

export const GET: APIRoute = async () => {
  const atlas = await loadAtlas();
  const config = cmsConfigYaml({
    project: site.cms,
    contentFolder: site.cms.contentFolder,
    comments: schemaComments(schemaSource),
    topics: atlas.topics.map((topic) => ({
      slug: topic.slug,
      title: topic.entry.data.title,
      kind: topic.entry.data.kind,
    })),
    references: library,
  });
  return new Response(config, { headers: { 'content-type': 'text/yaml; charset=utf-8' } });
};
